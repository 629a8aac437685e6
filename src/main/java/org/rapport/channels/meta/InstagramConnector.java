package org.rapport.channels.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rapport.channels.Channel;
import org.rapport.channels.Ingestion;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.inbox.Inbox;
import org.rapport.platform.InvalidFieldException;
import org.springframework.stereotype.Component;

/**
 * An Instagram professional account linked to a Facebook page: comments on its media (a post's comments are one
 * conversation) and its direct messages arrive through the app's webhook; answers go under the comment (Graph
 * {@code POST /{ig-comment-id}/replies}) or back as a direct message through the page's Send API.
 */
@Component
class InstagramConnector extends MetaConnector {

	static final String KIND = "instagram";

	static final String ACCOUNT = "instagramAccountId";

	InstagramConnector(MetaGraph graph, MetaAccounts accounts, Ingestion ingestion, Inbox inbox) {
		super(graph, accounts, ingestion, inbox);
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Text name() {
		return Text.of("Instagram", "Instagram");
	}

	@Override
	public Text account() {
		return Text.of("Instagram account", "Instagram-Konto");
	}

	@Override
	public Text about() {
		return Text.of("Connects an Instagram professional account that is linked to a Facebook page, through a Meta app "
				+ "of your own: comments on its posts and its direct messages arrive in the inbox through the app's "
				+ "webhook; answers go under the comment or back as a direct message. The app needs the permissions "
				+ "instagram_basic, instagram_manage_comments, instagram_manage_messages, pages_manage_metadata and "
				+ "pages_read_engagement; its webhook address is shown once the channel exists.",
				"Verbindet ein Instagram-Professional-Konto, das mit einer Facebook-Seite verknüpft ist, über eine eigene "
						+ "Meta-App: Kommentare unter seinen Beiträgen und seine Direktnachrichten kommen über den Webhook der "
						+ "App in den Posteingang; Antworten erscheinen unter dem Kommentar oder als Direktnachricht. Die App "
						+ "braucht die Berechtigungen instagram_basic, instagram_manage_comments, instagram_manage_messages, "
						+ "pages_manage_metadata und pages_read_engagement; die Webhook-Adresse wird angezeigt, sobald der "
						+ "Kanal angelegt ist.");
	}

	@Override
	public String icon() {
		return "M7 3h10a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4z M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z M17.5 6.5h.01";
	}

	@Override
	public List<Setting> settings() {
		List<Setting> settings = new ArrayList<>();
		settings.add(Setting.of(ACCOUNT, Setting.Type.TEXT, Text.of("Instagram account ID", "Instagram-Konto-ID")).mandatory()
			.help(Text.of("The id of the Instagram professional account (Graph: the page's instagram_business_account).",
					"Die ID des Instagram-Professional-Kontos (Graph: instagram_business_account der Seite).")));
		settings.addAll(metaSettings());
		return settings;
	}

	@Override
	String object() {
		return "instagram";
	}

	@Override
	String network() {
		return "Instagram";
	}

	@Override
	String accountId(Channel channel) {
		return channel.setting(ACCOUNT, "");
	}

	/** The Instagram account must be the one linked to the page ({@code instagram_business_account}). */
	@Override
	void checkAccount(Map<String, String> config) {
		String account = config.get(ACCOUNT);
		if (!account.matches("[0-9]{1,30}")) {
			throw new InvalidFieldException("config." + ACCOUNT, "'" + account + "' is no Meta id: ids are numbers.");
		}
		String linked;
		try {
			linked = linkedAccount(config);
		}
		catch (MetaGraph.Failure e) {
			throw new InvalidFieldException("config." + PAGE_TOKEN, e.getMessage());
		}
		if (!account.equals(linked)) {
			throw new InvalidFieldException("config." + ACCOUNT, linked.isEmpty()
					? "The page has no Instagram professional account linked to it (link it in the page's settings)."
					: "The Instagram account linked to the page is " + linked + ", not " + account + ".");
		}
	}

	@Override
	String replyPath(String commentId) {
		return commentId + "/replies";
	}

	@Override
	String platform() {
		return "instagram";
	}

	/** Each post's latest comments; a comment names its parent's id in {@code parent_id}. */
	@Override
	CommentFields commentFields() {
		return new CommentFields("comments.limit(" + MetaCatchUp.COMMENTS + "){id,text,timestamp,from,parent_id}", "text",
				"timestamp", "/parent_id");
	}

	/** {@code GET /{ig-user-id}/media}: the account's posts and reels, newest first (stories are not listed there). */
	@Override
	String ownPostsEdge(Channel channel) {
		return accountId(channel) + "/media";
	}

	@Override
	PostFields postFields() {
		return new PostFields("caption", "permalink", "timestamp", "like_count", "comments_count");
	}

	/** Reading the page, the account's media and comments, answering them, and its direct messages. */
	@Override
	String scopes() {
		return "pages_show_list,pages_read_engagement,pages_manage_metadata,instagram_basic,"
				+ "instagram_manage_comments,instagram_manage_messages";
	}

	/** The Instagram professional account linked to the page ({@code instagram_business_account}). */
	@Override
	Map<String, String> signedIn(Map<String, String> config) {
		String linked;
		try {
			linked = linkedAccount(config);
		}
		catch (MetaGraph.Failure e) {
			throw new InvalidFieldException(PAGE_ID, "Meta did not tell the page's Instagram account: " + e.getMessage());
		}
		if (linked.isEmpty()) {
			throw new InvalidFieldException(PAGE_ID,
					"The page has no Instagram professional account linked to it (link it in the page's settings).");
		}
		return Map.of(ACCOUNT, linked);
	}

	/** The id of the Instagram account linked to the page ({@code instagram_business_account}), or "". */
	private String linkedAccount(Map<String, String> config) throws MetaGraph.Failure {
		return graph.get(config.get(PAGE_ID), Map.of("fields", "instagram_business_account"), config.get(PAGE_TOKEN),
				config.get(APP_SECRET)).json().path("instagram_business_account").path("id").asString("");
	}
}

package org.rapport.channels.meta;

import java.util.List;
import java.util.Map;

import org.rapport.channels.Channel;
import org.rapport.channels.Ingestion;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.inbox.Inbox;
import org.springframework.stereotype.Component;

/**
 * A Facebook page: comments on its posts (a post's comments are one conversation) and its Messenger conversations
 * arrive through the app's webhook; answers go under the comment (Graph {@code POST /{comment-id}/comments}) or
 * back into Messenger (Send API).
 */
@Component
class FacebookConnector extends MetaConnector {

	static final String KIND = "facebook";

	FacebookConnector(MetaGraph graph, MetaAccounts accounts, Ingestion ingestion, Inbox inbox) {
		super(graph, accounts, ingestion, inbox);
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Text name() {
		return Text.of("Facebook", "Facebook");
	}

	@Override
	public Text account() {
		return Text.of("Facebook page", "Facebook-Seite");
	}

	@Override
	public Text about() {
		return Text.of("Connects a Facebook page through a Meta app of your own: comments on the page's posts and "
				+ "Messenger conversations arrive in the inbox through the app's webhook; answers go under the comment "
				+ "or back into Messenger. The app needs the permissions pages_manage_metadata, pages_read_engagement, "
				+ "pages_manage_engagement and pages_messaging; its webhook address is shown once the channel exists.",
				"Verbindet eine Facebook-Seite über eine eigene Meta-App: Kommentare unter den Beiträgen der Seite und "
						+ "Messenger-Unterhaltungen kommen über den Webhook der App in den Posteingang; Antworten erscheinen "
						+ "unter dem Kommentar oder im Messenger. Die App braucht die Berechtigungen pages_manage_metadata, "
						+ "pages_read_engagement, pages_manage_engagement und pages_messaging; die Webhook-Adresse wird "
						+ "angezeigt, sobald der Kanal angelegt ist.");
	}

	@Override
	public String icon() {
		return "M15 3h-2.5A3.5 3.5 0 0 0 9 6.5V10H6v3.5h3V21h3.5v-7.5h3l.5-3.5h-3.5V7a1 1 0 0 1 1-1H16V3z";
	}

	@Override
	public List<Setting> settings() {
		return metaSettings();
	}

	@Override
	String object() {
		return "page";
	}

	@Override
	String network() {
		return "Facebook";
	}

	@Override
	String accountId(Channel channel) {
		return channel.setting(PAGE_ID, "");
	}

	@Override
	void checkAccount(Map<String, String> config) {
		// the page was read in validate
	}

	@Override
	String replyPath(String commentId) {
		return commentId + "/comments";
	}

	@Override
	String platform() {
		return "messenger";
	}

	/** Each post's latest comments, newest first; a comment's parent is an object with its id. */
	@Override
	CommentFields commentFields() {
		return new CommentFields("comments.limit(" + MetaCatchUp.COMMENTS + ").order(reverse_chronological)"
				+ "{id,message,created_time,from,parent{id}}", "message", "created_time", "/parent/id");
	}

	/** {@code GET /{page-id}/published_posts}: the page's posts, newest first. */
	@Override
	String ownPostsEdge(Channel channel) {
		return channel.setting(PAGE_ID, "") + "/published_posts";
	}

	@Override
	PostFields postFields() {
		return new PostFields("message", "permalink_url", "created_time", null, null);
	}

	/** Reading the page and its posts' comments, answering them, and the page's Messenger conversations. */
	@Override
	String scopes() {
		return "pages_show_list,pages_read_engagement,pages_read_user_content,pages_manage_metadata,"
				+ "pages_manage_engagement,pages_messaging";
	}

	/**
	 * Subscribes the app to the page's events ({@code POST /{page-id}/subscribed_apps} with {@code feed,messages},
	 * developers.facebook.com/docs/graph-api/reference/page/subscribed_apps), which otherwise is done by hand.
	 */
	@Override
	Map<String, String> signedIn(Map<String, String> config) {
		try {
			graph.post(config.get(PAGE_ID) + "/subscribed_apps", Map.of("subscribed_fields", "feed,messages"),
					config.get(PAGE_TOKEN), config.get(APP_SECRET));
		}
		catch (MetaGraph.Failure e) {
			throw new org.rapport.platform.InvalidFieldException(PAGE_ID,
					"Meta did not subscribe the app to the page's events: " + e.getMessage());
		}
		return Map.of();
	}
}

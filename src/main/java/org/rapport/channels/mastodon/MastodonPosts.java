package org.rapport.channels.mastodon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.PublishedPage;
import org.rapport.channels.PublishedPost;
import org.rapport.channels.network.JsonHttp;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The account's own posts, for the share that started a conversation: its statuses without replies to others and
 * boosts ({@code GET /api/v1/accounts/:id/statuses}), a page of {@value #PAGE} at a time with {@code max_id} as the
 * cursor, with the favourites, boosts and replies the instance counts. A status that continues the account's own
 * thread, and a direct message, is not a post of its own.
 */
@Component
class MastodonPosts {

	/** Statuses per page: the most the instance gives (docs.joinmastodon.org/methods/accounts/#statuses). */
	static final int PAGE = 40;

	private final MastodonClient client;
	private final MastodonPolling polling;
	private final MastodonAccounts accounts;

	MastodonPosts(MastodonClient client, @org.springframework.context.annotation.Lazy MastodonPolling polling, MastodonAccounts accounts) {
		this.client = client;
		this.polling = polling;
		this.accounts = accounts;
	}

	ChannelConnector.OwnPosts of(Channel channel) {
		return cursor -> page(channel, cursor);
	}

	PublishedPage page(Channel channel, String cursor) throws ListeningUnavailable {
		try {
			var known = accounts.of(channel.id());
			if (known.isPresent()) {
				known.get().state().requireReadable("The instance");
			}
			MastodonAccounts.Account account = known.isPresent() ? known.get() : polling.account(channel);
			JsonNode statuses = client.statusesOf(channel.setting("instance", ""), channel.setting("accessToken", ""),
					account.accountId(), cursor, PAGE);
			if (!statuses.isArray()) {
				throw new ListeningUnavailable("The instance answered the account's posts with something that is not a list.",
						null, null);
			}
			List<PublishedPost> posts = new ArrayList<>();
			String last = null;
			for (JsonNode status : statuses) {
				last = status.path("id").asString(null);
				boolean reply = !status.path("in_reply_to_id").isNull() && !status.path("in_reply_to_id").isMissingNode();
				boolean boost = status.path("reblog").isObject();
				if (last == null || reply || boost || "direct".equals(status.path("visibility").asString(""))) {
					continue;
				}
				String text = status.path("spoiler_text").asString("");
				posts.add(new PublishedPost(last, status.path("url").asString(status.path("uri").asString(null)),
						Instant.parse(status.path("created_at").asString()),
						text.isBlank() ? HtmlSanitizing.toText(status.path("content").asString("")) : text,
						JsonHttp.count(status, "favourites_count"), JsonHttp.count(status, "reblogs_count"),
						JsonHttp.count(status, "replies_count")));
			}
			return new PublishedPage(posts, last);
		}
		catch (MastodonClient.Failure e) {
			accounts.failed(channel.id(), e);
			throw new ListeningUnavailable(e.getMessage(), e.pauseUntil, e);
		}
		catch (java.time.format.DateTimeParseException e) {
			throw new ListeningUnavailable("The instance gave a post without a readable time.", null, e);
		}
	}
}

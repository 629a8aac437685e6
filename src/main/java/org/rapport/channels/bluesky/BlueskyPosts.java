package org.rapport.channels.bluesky;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.PublishedPage;
import org.rapport.channels.PublishedPost;
import org.rapport.channels.network.JsonHttp;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The account's own posts, for the share that started a conversation: {@code app.bsky.feed.getAuthorFeed} of its DID
 * with the filter {@code posts_no_replies}, {@value #PAGE} a page with the cursor it answers, through the account's
 * PDS, with the likes, reposts and replies the AppView counts. Reposts (a feed item with a {@code reason}) and
 * replies, also within the account's own thread, are not posts of its own.
 */
@Component
class BlueskyPosts {

	/** Feed items per page: the most the lexicon allows. */
	static final int PAGE = 100;

	private final BlueskyClient client;
	private final BlueskySessions sessions;
	private final BlueskyAccounts accounts;
	private final BlueskyPolling polling;

	BlueskyPosts(BlueskyClient client, BlueskySessions sessions, BlueskyAccounts accounts, BlueskyPolling polling) {
		this.client = client;
		this.sessions = sessions;
		this.accounts = accounts;
		this.polling = polling;
	}

	ChannelConnector.OwnPosts of(Channel channel) {
		return cursor -> page(channel, cursor);
	}

	PublishedPage page(Channel channel, String cursor) throws ListeningUnavailable {
		String service = BlueskyPolling.service(channel);
		String identifier = BlueskyPolling.identifier(channel);
		try {
			String did = polling.account(channel).did();
			Map<String, List<String>> params = new LinkedHashMap<>();
			params.put("actor", List.of(did));
			params.put("filter", List.of("posts_no_replies"));
			params.put("limit", List.of(String.valueOf(PAGE)));
			if (cursor != null) {
				params.put("cursor", List.of(cursor));
			}
			JsonNode answer = sessions.call(service, identifier,
					s -> client.query(service, s, "app.bsky.feed.getAuthorFeed", params));
			List<PublishedPost> posts = new ArrayList<>();
			for (JsonNode item : answer.path("feed")) {
				JsonNode post = item.path("post");
				JsonNode record = post.path("record");
				String uri = post.path("uri").asString("");
				if (item.has("reason") || record.has("reply") || !uri.startsWith("at://" + did + "/")) {
					continue;
				}
				Instant at = BlueskyPolling.instant(record.path("createdAt").asString(null));
				if (at == null || at.isAfter(Instant.now())) {
					at = BlueskyPolling.instant(post.path("indexedAt").asString(null));
				}
				if (at != null) {
					posts.add(new PublishedPost(uri, BlueskyPolling.webUrl(post.path("author").path("handle").asString(did), uri),
							at, record.path("text").asString(""), JsonHttp.count(post, "likeCount"),
							JsonHttp.count(post, "repostCount"), JsonHttp.count(post, "replyCount")));
				}
			}
			String next = answer.path("feed").isEmpty() ? null : answer.path("cursor").asString(null);
			return new PublishedPage(posts, next);
		}
		catch (BlueskyClient.Failure e) {
			accounts.failed(channel.id(), e);
			throw new ListeningUnavailable(e.getMessage(), e.pauseUntil, e);
		}
	}
}

package org.rapport.channels.linkedin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.PublishedPage;
import org.rapport.channels.PublishedPost;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The page's own posts, for the share that started a conversation: {@code GET /rest/posts?q=author} sorted by
 * creation, {@value #PAGE} a page with {@code start} as the cursor
 * (learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api, "Find Posts by Authors").
 * Only published posts count (not drafts), and a reshare only when the page wrote something of its own to it.
 */
@Component
class LinkedInPosts {

	/** Posts per page: the most the Posts API gives. */
	static final int PAGE = 50;

	private final LinkedInClient client;
	private final LinkedInAccess access;
	private final LinkedInAccounts accounts;

	LinkedInPosts(LinkedInClient client, LinkedInAccess access, LinkedInAccounts accounts) {
		this.client = client;
		this.access = access;
		this.accounts = accounts;
	}

	ChannelConnector.OwnPosts of(Channel channel) {
		return cursor -> page(channel, cursor);
	}

	PublishedPage page(Channel channel, String cursor) throws ListeningUnavailable {
		int start = cursor == null ? 0 : Integer.parseInt(cursor.matches("\\d{1,6}") ? cursor : "0");
		try {
			LinkedInAccounts.Account account = access.account(channel);
			account.state().requireReadable("LinkedIn");
			String organization = LinkedInConnector.organization(channel);
			JsonNode answer = access.call(channel, t -> client.get(t, "posts?author=" + LinkedInItems.encoded(organization)
					+ "&q=author&count=" + PAGE + "&start=" + start + "&sortBy=CREATED"));
			List<PublishedPost> posts = new ArrayList<>();
			for (JsonNode post : answer.path("elements")) {
				String urn = post.path("id").asString("");
				long published = post.path("publishedAt").asLong(post.path("createdAt").asLong(0));
				String text = HtmlSanitizing.toText(post.path("commentary").asString("")).strip();
				boolean bareReshare = post.has("reshareContext") && text.isEmpty();
				if (urn.isEmpty() || published <= 0 || bareReshare
						|| !"PUBLISHED".equals(post.path("lifecycleState").asString("PUBLISHED"))) {
					continue;
				}
				posts.add(new PublishedPost(urn, LinkedInItems.postUrl(urn), Instant.ofEpochMilli(published), text));
			}
			int read = answer.path("elements").size();
			return new PublishedPage(posts, read < PAGE ? null : String.valueOf(start + read));
		}
		catch (LinkedInClient.Failure e) {
			accounts.failed(channel.id(), e);
			throw new ListeningUnavailable(e.getMessage(), e.pauseUntil, e);
		}
	}
}

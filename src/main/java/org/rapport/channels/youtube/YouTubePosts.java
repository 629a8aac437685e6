package org.rapport.channels.youtube;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.PublishedPage;
import org.rapport.channels.PublishedPost;
import org.rapport.channels.network.JsonHttp;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The channel's own videos, for the share that started a conversation: the first page asks {@code channels.list} for
 * the channel's uploads playlist ({@code contentDetails.relatedPlaylists.uploads}), then {@code playlistItems.list}
 * reads it, {@value #PAGE} videos a page, newest first (developers.google.com/youtube/v3/docs/playlistItems/list). The
 * cursor carries the playlist and the page token; a read costs two units of the day's 10,000 (one more for each
 * further page), 48 a day at the hourly read. Only public videos count.
 */
@Component
class YouTubePosts {

	/** Videos per {@code playlistItems.list} call; the API's maximum. */
	static final int PAGE = 50;

	private final YouTubeClient client;
	private final YouTubeAccess access;
	private final YouTubeAccounts accounts;

	YouTubePosts(YouTubeClient client, YouTubeAccess access, YouTubeAccounts accounts) {
		this.client = client;
		this.access = access;
		this.accounts = accounts;
	}

	ChannelConnector.OwnPosts of(Channel channel) {
		return cursor -> page(channel, cursor);
	}

	PublishedPage page(Channel channel, String cursor) throws ListeningUnavailable {
		try {
			YouTubeAccounts.Account account = access.account(channel);
			account.state().requireReadable("YouTube");
			String playlist;
			String pageToken = null;
			if (cursor == null) {
				JsonNode channels = access.call(channel, YouTubeQuota.LIST, YouTubeQuota.INSERT, t -> client.get(t,
						"channels?part=contentDetails&id=" + JsonHttp.encoded(account.youtubeChannelId())));
				playlist = channels.path("items").path(0).path("contentDetails").path("relatedPlaylists").path("uploads")
					.asString("");
				if (playlist.isEmpty()) {
					return new PublishedPage(List.of(), null);
				}
			}
			else {
				int bar = cursor.indexOf('|');
				playlist = bar < 0 ? cursor : cursor.substring(0, bar);
				pageToken = bar < 0 ? null : cursor.substring(bar + 1);
			}
			String query = "playlistItems?part=snippet,contentDetails,status&playlistId=" + JsonHttp.encoded(playlist)
					+ "&maxResults=" + PAGE + (pageToken == null ? "" : "&pageToken=" + JsonHttp.encoded(pageToken));
			JsonNode answer = access.call(channel, YouTubeQuota.LIST, YouTubeQuota.INSERT, t -> client.get(t, query));
			List<PublishedPost> posts = new ArrayList<>();
			for (JsonNode item : answer.path("items")) {
				String video = item.path("contentDetails").path("videoId").asString("");
				Instant at = JsonHttp.instant(item.path("contentDetails").path("videoPublishedAt")
					.asString(item.path("snippet").path("publishedAt").asString(null)));
				if (video.isEmpty() || at == null || !"public".equals(item.path("status").path("privacyStatus").asString(""))) {
					continue;
				}
				posts.add(new PublishedPost(video, "https://www.youtube.com/watch?v=" + JsonHttp.encoded(video), at,
						item.path("snippet").path("title").asString("")));
			}
			String next = answer.path("nextPageToken").asString("");
			return new PublishedPage(posts, next.isBlank() ? null : playlist + "|" + next);
		}
		catch (YouTubeClient.Failure e) {
			boolean ownCount = e.status == 0 && e.quotaExceeded();
			if (e.accessRejected || (!ownCount && e.pauseUntil != null)) {
				accounts.refused(channel.id(), ownCount ? null : e.pauseUntil, e.accessRejected, e.getMessage());
			}
			throw new ListeningUnavailable(e.getMessage(), e.pauseUntil, e);
		}
	}
}

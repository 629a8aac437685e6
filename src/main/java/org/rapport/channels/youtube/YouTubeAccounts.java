package org.rapport.channels.youtube;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.network.AccountState;
import org.rapport.channels.network.TokenAccounts;
import org.rapport.platform.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What Rapport keeps per connected YouTube channel (tables {@code youtube_accounts}, {@code youtube_threads},
 * {@code youtube_videos}): whose channel it is, its tokens (sealed), how far its comments were read, and its health.
 */
@Component
class YouTubeAccounts extends TokenAccounts {

	private final JdbcClient jdbc;

	YouTubeAccounts(JdbcClient jdbc, SecretBox secrets) {
		super(jdbc, "youtube_accounts", secrets, "youtube-credentials");
		this.jdbc = jdbc;
	}

	/**
	 * @param youtubeChannelId the id of the YouTube channel ({@code UC…})
	 * @param accessToken the current access token, or {@code null}
	 * @param refreshToken a refresh token Google handed out in place of the entered one, or {@code null}
	 * @param enteredDigest a keyed digest of the credentials entered for the channel
	 * @param refreshExpiresAt when the sign-in ends, if Google said (time-based access), else {@code null}
	 * @param readUntil the cursor: the newest {@code publishedAt} of a comment taken in
	 */
	record Account(UUID channelId, String youtubeChannelId, String title, String accessToken, Instant accessExpiresAt,
			String refreshToken, String enteredDigest, Instant refreshExpiresAt, Instant readUntil, AccountState state) {
	}

	Optional<Account> of(UUID channelId) {
		return jdbc.sql("select * from youtube_accounts where channel_id = ?").param(channelId)
			.query((rs, n) -> map(rs)).optional();
	}

	/**
	 * Records whose channel it is with a fresh access token; a reconnect to another YouTube channel starts reading its
	 * comments anew, a reconnect to the same one keeps its cursor.
	 */
	Account remember(UUID channelId, String youtubeChannelId, String title, String enteredDigest, String accessToken,
			Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {
		jdbc.sql("""
				insert into youtube_accounts(channel_id, youtube_channel_id, title, entered_digest, access_token,
				  access_expires_at, refresh_token, refresh_expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (channel_id) do update set youtube_channel_id = excluded.youtube_channel_id,
				  title = excluded.title, entered_digest = excluded.entered_digest, access_token = excluded.access_token,
				  access_expires_at = excluded.access_expires_at, refresh_token = excluded.refresh_token,
				  refresh_expires_at = excluded.refresh_expires_at,
				  connected = true, last_error = '', rate_limited_until = null,
				  read_until = case when youtube_accounts.youtube_channel_id = excluded.youtube_channel_id
				    then youtube_accounts.read_until end""")
			.params(channelId, youtubeChannelId, title, enteredDigest, sealed(accessToken), timestamp(accessExpiresAt),
					sealed(refreshToken), timestamp(refreshExpiresAt))
			.update();
		return of(channelId).orElseThrow();
	}

	/** Forgets the access token, which Google no longer takes: the next call refreshes it first. */
	void forgetAccessToken(UUID channelId) {
		jdbc.sql("update youtube_accounts set access_token = null, access_expires_at = null where channel_id = ?")
			.param(channelId)
			.update();
	}

	/** Moves the cursor after comments were stored (never back). */
	void advance(UUID channelId, Instant readUntil, boolean received) {
		jdbc.sql("""
				update youtube_accounts set read_until = greatest(read_until, ?),
				  last_received_at = case when ? then now() else last_received_at end where channel_id = ?""")
			.params(timestamp(readUntil), received, channelId)
			.update();
	}

	/** How many replies of a thread were taken in. */
	int repliesTaken(UUID channelId, String threadId) {
		return jdbc.sql("select replies_taken from youtube_threads where channel_id = ? and thread_id = ?")
			.params(channelId, threadId)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	void repliesTaken(UUID channelId, String threadId, int count) {
		jdbc.sql("""
				insert into youtube_threads(channel_id, thread_id, replies_taken) values (?, ?, ?)
				on conflict (channel_id, thread_id) do update set
				  replies_taken = greatest(youtube_threads.replies_taken, excluded.replies_taken)""")
			.params(channelId, threadId, count)
			.update();
	}

	Optional<String> videoTitle(String videoId) {
		return jdbc.sql("select title from youtube_videos where video_id = ?").param(videoId).query(String.class).optional();
	}

	void videoTitle(String videoId, String title) {
		jdbc.sql("insert into youtube_videos(video_id, title) values (?, ?) on conflict (video_id) do update set title = excluded.title")
			.params(videoId, title)
			.update();
	}

	private Account map(ResultSet rs) throws SQLException {
		return new Account(rs.getObject("channel_id", UUID.class), rs.getString("youtube_channel_id"),
				rs.getString("title"), opened(rs.getString("access_token")),
				AccountState.instant(rs, "access_expires_at"), opened(rs.getString("refresh_token")),
				rs.getString("entered_digest"), AccountState.instant(rs, "refresh_expires_at"),
				AccountState.instant(rs, "read_until"), AccountState.of(rs));
	}
}

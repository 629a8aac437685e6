package org.rapport.channels.linkedin;

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
 * What Rapport keeps per connected LinkedIn page (tables {@code linkedin_accounts}, {@code linkedin_posts},
 * {@code linkedin_comments}): its tokens (sealed) and when they expire, how far its posts were read, its health, the
 * posts people comment on and where each comment hangs.
 */
@Component
class LinkedInAccounts extends TokenAccounts {

	private final JdbcClient jdbc;

	LinkedInAccounts(JdbcClient jdbc, SecretBox secrets) {
		super(jdbc, "linkedin_accounts", secrets, "linkedin-credentials");
		this.jdbc = jdbc;
	}

	/**
	 * @param accessToken the access token in use, or {@code null} when it has to be refreshed first
	 * @param refreshToken the refresh token in use (the one entered, or one LinkedIn handed out since), or {@code null}
	 * @param readUntil the cursor: the newest comment taken in
	 * @param mentionsReadUntil the end of the time range of the page's notifications last read completely for posts
	 * that mention the page, or {@code null} before the first
	 */
	record Account(UUID channelId, String enteredDigest, String accessToken, Instant accessExpiresAt,
			String refreshToken, Instant refreshExpiresAt, Instant readUntil, Instant mentionsReadUntil,
			AccountState state) {

		/**
		 * When the connection ends unless someone signs in again: the refresh token's expiry when there is a refresh
		 * token (access tokens are refreshed before they expire), else the access token's.
		 */
		Instant connectionEnds() {
			return refreshToken != null ? refreshExpiresAt : accessExpiresAt;
		}
	}

	Optional<Account> of(UUID channelId) {
		return jdbc.sql("select * from linkedin_accounts where channel_id = ?").param(channelId)
			.query((rs, n) -> map(rs)).optional();
	}

	/**
	 * Starts the account afresh with entered credentials: connected, no error, no pause; the cursor stays, as the
	 * page is the same channel's.
	 */
	Account remember(UUID channelId, String enteredDigest, String accessToken, Instant accessExpiresAt,
			String refreshToken, Instant refreshExpiresAt) {
		jdbc.sql("""
				insert into linkedin_accounts(channel_id, entered_digest, access_token, access_expires_at, refresh_token,
				  refresh_expires_at) values (?, ?, ?, ?, ?, ?)
				on conflict (channel_id) do update set entered_digest = excluded.entered_digest,
				  access_token = excluded.access_token, access_expires_at = excluded.access_expires_at,
				  refresh_token = excluded.refresh_token, refresh_expires_at = excluded.refresh_expires_at,
				  connected = true, last_error = '', rate_limited_until = null""")
			.params(channelId, enteredDigest, sealed(accessToken), timestamp(accessExpiresAt), sealed(refreshToken),
					timestamp(refreshExpiresAt))
			.update();
		return of(channelId).orElseThrow();
	}

	/** Forgets the access token, which LinkedIn no longer takes: the next call refreshes it first. */
	void forgetAccessToken(UUID channelId) {
		jdbc.sql("update linkedin_accounts set access_token = null where channel_id = ?").param(channelId).update();
	}

	/** Moves the cursor after comments were stored (never back). */
	void advance(UUID channelId, Instant readUntil) {
		jdbc.sql("update linkedin_accounts set read_until = greatest(read_until, ?) where channel_id = ?")
			.params(timestamp(readUntil), channelId)
			.update();
	}

	/** Moves the cursor of the mentions read back after they were stored (never back). */
	void mentionsRead(UUID channelId, Instant until) {
		jdbc.sql("update linkedin_accounts set mentions_read_until = greatest(mentions_read_until, ?) where channel_id = ?")
			.params(timestamp(until), channelId)
			.update();
	}

	/** Something arrived. */
	void received(UUID channelId) {
		jdbc.sql("update linkedin_accounts set last_received_at = now() where channel_id = ?").param(channelId).update();
	}

	/** The hook address the page's notifications were subscribed to, if Rapport subscribed them. */
	Optional<String> webhookUrl(UUID channelId) {
		return jdbc.sql("select webhook_url from linkedin_accounts where channel_id = ? and webhook_url is not null")
			.param(channelId).query(String.class).optional();
	}

	void subscribed(UUID channelId, String webhookUrl) {
		jdbc.sql("update linkedin_accounts set webhook_url = ? where channel_id = ?").params(webhookUrl, channelId).update();
	}

	Optional<String> postText(UUID channelId, String postUrn) {
		return jdbc.sql("select text from linkedin_posts where channel_id = ? and post_urn = ?")
			.params(channelId, postUrn)
			.query(String.class)
			.optional();
	}

	void rememberPost(UUID channelId, String postUrn, String text) {
		jdbc.sql("""
				insert into linkedin_posts(channel_id, post_urn, text) values (?, ?, ?)
				on conflict (channel_id, post_urn) do update set text = excluded.text""")
			.params(channelId, postUrn, text)
			.update();
	}

	/**
	 * A comment read: the post it is under, its top-level comment (itself when it is one, {@code ""} for a post that
	 * mentions the page), and whether the page wrote it.
	 */
	record Comment(String postUrn, String topUrn, boolean own) {
	}

	Optional<Comment> comment(UUID channelId, String commentUrn) {
		return jdbc.sql("select post_urn, top_urn, own from linkedin_comments where channel_id = ? and comment_urn = ?")
			.params(channelId, commentUrn)
			.query((rs, n) -> new Comment(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
			.optional();
	}

	void rememberComment(UUID channelId, String commentUrn, Comment comment) {
		jdbc.sql("""
				insert into linkedin_comments(channel_id, comment_urn, post_urn, top_urn, own) values (?, ?, ?, ?, ?)
				on conflict (channel_id, comment_urn) do update set top_urn = excluded.top_urn
				where excluded.top_urn <> excluded.comment_urn and excluded.top_urn <> ''""")
			.params(channelId, commentUrn, comment.postUrn(), comment.topUrn(), comment.own())
			.update();
	}

	/** How many replies under a top-level comment were read (people's and the page's own). */
	int repliesKnown(UUID channelId, String topUrn) {
		return jdbc.sql("select count(*) from linkedin_comments where channel_id = ? and top_urn = ? and comment_urn <> top_urn")
			.params(channelId, topUrn)
			.query(Integer.class)
			.single();
	}

	private Account map(ResultSet rs) throws SQLException {
		return new Account(rs.getObject("channel_id", UUID.class), rs.getString("entered_digest"),
				opened(rs.getString("access_token")), AccountState.instant(rs, "access_expires_at"),
				opened(rs.getString("refresh_token")), AccountState.instant(rs, "refresh_expires_at"),
				AccountState.instant(rs, "read_until"), AccountState.instant(rs, "mentions_read_until"), AccountState.of(rs));
	}
}

package org.rapport.channels.linkedin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.network.AccountState;
import org.rapport.channels.network.AccountStates;
import org.rapport.platform.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What Rapport keeps per connected LinkedIn page (tables {@code linkedin_accounts}, {@code linkedin_posts},
 * {@code linkedin_comments}): its tokens (sealed) and when they expire, how far its posts were read, its health, the
 * posts people comment on and where each comment hangs.
 */
@Component
class LinkedInAccounts extends AccountStates {

	private final JdbcClient jdbc;
	private final SecretBox secrets;

	LinkedInAccounts(JdbcClient jdbc, SecretBox secrets) {
		super(jdbc, "linkedin_accounts");
		this.jdbc = jdbc;
		this.secrets = secrets;
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

	/** A keyed digest of the entered credentials, to tell a reconnect (new credentials) from the same ones. */
	String digest(String clientId, String clientSecret, String accessToken, String refreshToken) {
		return HexFormat.of().formatHex(secrets.mac("linkedin-credentials",
				clientId + "\n" + clientSecret + "\n" + accessToken + "\n" + refreshToken));
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
			.params(channelId, enteredDigest, accessToken == null ? null : secrets.seal(accessToken), timestamp(accessExpiresAt),
					refreshToken == null ? null : secrets.seal(refreshToken), timestamp(refreshExpiresAt))
			.update();
		return of(channelId).orElseThrow();
	}

	/**
	 * Keeps a refreshed access token, and the refresh token and its expiry if LinkedIn handed out new ones (else the
	 * old stay).
	 */
	void refreshed(UUID channelId, String accessToken, Instant expiresAt, String newRefreshToken,
			Instant refreshExpiresAt) {
		jdbc.sql("""
				update linkedin_accounts set access_token = ?, access_expires_at = ?,
				  refresh_token = coalesce(?, refresh_token), refresh_expires_at = coalesce(?, refresh_expires_at)
				where channel_id = ?""")
			.params(secrets.seal(accessToken), timestamp(expiresAt),
					newRefreshToken == null ? null : secrets.seal(newRefreshToken), timestamp(refreshExpiresAt), channelId)
			.update();
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

	/** Keeps what a failed call says about the account: a pause asked for, or the access refused. */
	void failed(UUID channelId, LinkedInClient.Failure e) {
		failed(channelId, e, e.accessRejected);
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

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private Account map(ResultSet rs) throws SQLException {
		String access = rs.getString("access_token");
		String refresh = rs.getString("refresh_token");
		return new Account(rs.getObject("channel_id", UUID.class), rs.getString("entered_digest"),
				access == null ? null : secrets.open(access), AccountState.instant(rs, "access_expires_at"),
				refresh == null ? null : secrets.open(refresh), AccountState.instant(rs, "refresh_expires_at"),
				AccountState.instant(rs, "read_until"), AccountState.instant(rs, "mentions_read_until"), AccountState.of(rs));
	}
}

package org.rapport.channels.meta;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.network.AccountState;
import org.rapport.channels.network.AccountStates;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What Rapport keeps per connected page or Instagram account (table {@code meta_accounts}): its health and when its
 * token expires; and the posts people comment on (table {@code meta_posts}).
 */
@Component
class MetaAccounts extends AccountStates {

	private final JdbcClient jdbc;

	MetaAccounts(JdbcClient jdbc) {
		super(jdbc, "meta_accounts");
		this.jdbc = jdbc;
	}

	/** A channel's account: its state and when its token expires ({@code null}: never, or not known yet). */
	record Account(UUID channelId, AccountState state, Instant tokenExpiresAt, Instant tokenCheckedAt,
			String tokenFingerprint) {
	}

	Optional<Account> of(UUID channelId) {
		return jdbc.sql("select * from meta_accounts where channel_id = ?").param(channelId)
			.query((rs, n) -> new Account(rs.getObject("channel_id", UUID.class), AccountState.of(rs),
					AccountState.instant(rs, "token_expires_at"), AccountState.instant(rs, "token_checked_at"),
					rs.getString("token_fingerprint")))
			.optional();
	}

	/**
	 * Makes the channel's row for its token: a row of another token (the channel was reconnected) starts afresh, as
	 * connected and with its expiry not known yet; a pause stays, as Graph's limits count per app and page.
	 */
	void ensure(UUID channelId, String tokenFingerprint) {
		jdbc.sql("""
				insert into meta_accounts(channel_id, token_fingerprint) values (?, ?)
				on conflict (channel_id) do update set token_fingerprint = excluded.token_fingerprint, connected = true,
				  last_error = '', token_expires_at = null, token_checked_at = null
				where meta_accounts.token_fingerprint <> excluded.token_fingerprint""")
			.params(channelId, tokenFingerprint)
			.update();
	}

	/** Makes the channel's row if it has none. */
	void ensure(UUID channelId) {
		jdbc.sql("insert into meta_accounts(channel_id) values (?) on conflict do nothing").param(channelId).update();
	}

	/** What {@code debug_token} said of the token. */
	void tokenChecked(UUID channelId, Instant expiresAt) {
		ensure(channelId);
		jdbc.sql("update meta_accounts set token_expires_at = ?, token_checked_at = now() where channel_id = ?")
			.params(expiresAt == null ? null : Timestamp.from(expiresAt), channelId)
			.update();
	}

	/** Something arrived through the hook. */
	void received(UUID channelId) {
		ensure(channelId);
		jdbc.sql("update meta_accounts set last_received_at = now() where channel_id = ?").param(channelId).update();
	}

	@Override
	public void healthy(UUID channelId) {
		ensure(channelId);
		super.healthy(channelId);
	}

	/** Graph refused, or its usage headers ask to hold back. */
	@Override
	public void refused(UUID channelId, Instant pauseUntil, boolean tokenRejected, String error) {
		ensure(channelId);
		super.refused(channelId, pauseUntil, tokenRejected, error);
	}

	/** Graph answered, but its usage headers ask to hold back until {@code until}. */
	void pause(UUID channelId, Instant until) {
		ensure(channelId);
		jdbc.sql("""
				update meta_accounts set rate_limited_until = greatest(coalesce(rate_limited_until, ?), ?)
				where channel_id = ?""")
			.params(Timestamp.from(until), Timestamp.from(until), channelId)
			.update();
	}

	/** A post people comment on, as read once. */
	record Post(String text, String permalink) {
	}

	Optional<Post> post(UUID channelId, String postId) {
		return jdbc.sql("select text, permalink from meta_posts where channel_id = ? and post_id = ?")
			.params(channelId, postId)
			.query((rs, n) -> new Post(rs.getString(1), rs.getString(2)))
			.optional();
	}

	void rememberPost(UUID channelId, String postId, Post post) {
		jdbc.sql("""
				insert into meta_posts(channel_id, post_id, text, permalink) values (?, ?, ?, ?)
				on conflict (channel_id, post_id) do update set text = excluded.text, permalink = excluded.permalink""")
			.params(channelId, postId, post.text(), post.permalink())
			.update();
	}

	/** The person of a direct-message conversation wrote at {@code at}. */
	void personWrote(UUID channelId, UUID conversationId, Instant at) {
		jdbc.sql("""
				insert into meta_message_windows(channel_id, conversation_id, last_in_at) values (?, ?, ?)
				on conflict (channel_id, conversation_id) do update
				  set last_in_at = greatest(meta_message_windows.last_in_at, excluded.last_in_at)""")
			.params(channelId, conversationId, Timestamp.from(at))
			.update();
	}

	/** When the person of a direct-message conversation last wrote, if it is one. */
	Optional<Instant> lastWrote(UUID channelId, UUID conversationId) {
		return jdbc.sql("select last_in_at from meta_message_windows where channel_id = ? and conversation_id = ?")
			.params(channelId, conversationId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}
}

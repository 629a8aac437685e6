package org.rapport.channels.bluesky;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.network.AccountState;
import org.rapport.channels.network.AccountStates;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What Rapport keeps per connected Bluesky channel (table {@code bluesky_accounts}), which of its conversations are
 * direct messages ({@code bluesky_chat_conversations}), and when an answer's first attempt to leave as a direct
 * message started ({@code bluesky_chat_sends}).
 */
@Component
class BlueskyAccounts extends AccountStates {

	private final JdbcClient jdbc;

	BlueskyAccounts(JdbcClient jdbc) {
		super(jdbc, "bluesky_accounts");
		this.jdbc = jdbc;
	}

	/**
	 * @param did the account's DID, which stays when the handle changes
	 * @param seenAt the cursor: the newest {@code indexedAt} of the notifications taken in
	 * @param chatCursor the cursor of direct messages: the rev of the newest event of the chat log taken in, or null
	 * before the first read
	 * @param chatProblem why direct messages cannot be read, in words, or {@code ""}
	 */
	record Account(UUID channelId, String did, String handle, String seenAt, AccountState state, String chatCursor,
			String chatProblem) {
	}

	Optional<Account> of(UUID channelId) {
		return jdbc.sql("select * from bluesky_accounts where channel_id = ?").param(channelId)
			.query((rs, n) -> map(rs)).optional();
	}

	/** Records whose the channel's account is; another account starts reading its notifications anew. */
	Account remember(UUID channelId, String did, String handle) {
		jdbc.sql("""
				insert into bluesky_accounts(channel_id, did, handle) values (?, ?, ?)
				on conflict (channel_id) do update set handle = excluded.handle, did = excluded.did, connected = true,
				  last_error = '', seen_at = case when bluesky_accounts.did = excluded.did then bluesky_accounts.seen_at end,
				  chat_cursor = case when bluesky_accounts.did = excluded.did then bluesky_accounts.chat_cursor end""")
			.params(channelId, did, handle)
			.update();
		return of(channelId).orElseThrow();
	}

	/** Moves the cursor after a page was stored. */
	void advance(UUID channelId, String seenAt, boolean received) {
		jdbc.sql("""
				update bluesky_accounts set seen_at = ?,
				  last_received_at = case when ? then now() else last_received_at end where channel_id = ?""")
			.params(seenAt, received, channelId)
			.update();
	}

	/** Moves the cursor of direct messages after their events were stored; they can be read again. */
	void chatRead(UUID channelId, String cursor, boolean received) {
		jdbc.sql("""
				update bluesky_accounts set chat_cursor = coalesce(?, chat_cursor), chat_problem = '',
				  last_received_at = case when ? then now() else last_received_at end where channel_id = ?""")
			.params(cursor, received, channelId)
			.update();
	}

	/** Notes that the conversations hold the channel's direct messages (table {@code bluesky_chat_conversations}). */
	void chats(UUID channelId, java.util.Collection<UUID> conversationIds) {
		if (conversationIds.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into bluesky_chat_conversations(channel_id, conversation_id) select ?, unnest(?::uuid[])
				on conflict do nothing""")
			.params(channelId, conversationIds.stream().distinct().toArray(UUID[]::new))
			.update();
	}

	/** Whether the conversation holds the channel's direct messages. */
	boolean chat(UUID channelId, UUID conversationId) {
		return jdbc.sql("select exists(select 1 from bluesky_chat_conversations where channel_id = ? and conversation_id = ?)")
			.params(channelId, conversationId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * An answer's attempts to leave as a direct message: when the first one started, and whether this is it.
	 *
	 * @param first whether no attempt started before this one
	 */
	record ChatSend(java.time.Instant startedAt, boolean first) {
	}

	/**
	 * Notes that an attempt to send the answer ({@code messageId}) as a direct message starts now, unless one started
	 * before (table {@code bluesky_chat_sends}); answers when the first one started.
	 */
	ChatSend chatSend(UUID channelId, UUID messageId) {
		Optional<java.time.Instant> now = jdbc.sql("""
				insert into bluesky_chat_sends(message_id, channel_id) values (?, ?) on conflict do nothing
				returning started_at""")
			.params(messageId, channelId)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
		if (now.isPresent()) {
			return new ChatSend(now.get(), true);
		}
		return new ChatSend(jdbc.sql("select started_at from bluesky_chat_sends where message_id = ?").param(messageId)
			.query((rs, n) -> rs.getTimestamp(1).toInstant()).single(), false);
	}

	/** Keeps why direct messages cannot be read ({@code ""} when they can), for the channel's health. */
	void chatProblem(UUID channelId, String problem) {
		jdbc.sql("update bluesky_accounts set chat_problem = ? where channel_id = ?").params(problem, channelId).update();
	}

	/** Keeps what a failed call says about the account: a pause asked for, or the access refused. */
	void failed(UUID channelId, BlueskyClient.Failure e) {
		failed(channelId, e, e.sessionRejected());
	}

	/**
	 * Keeps a failed call's refusal: a pause of writes ({@link BlueskyClient#WRITES}) holds writes only, anything
	 * else is the account's, with what the PDS said.
	 */
	void refused(UUID channelId, BlueskyClient.Failure e) {
		if (e.calls != null) {
			failed(channelId, e, e.sessionRejected());
		}
		else {
			refused(channelId, e.pauseUntil, e.sessionRejected(), e.getMessage());
		}
	}

	/**
	 * Refuses a write (a reply, a post, a repost) while the PDS paused the account's writes, saying until when; the
	 * write is tried again then.
	 */
	void requireWritable(UUID channelId) throws org.rapport.channels.DeliveryException {
		Optional<java.time.Instant> paused = pausedUntil(channelId, BlueskyClient.WRITES);
		if (paused.isPresent()) {
			throw new org.rapport.channels.DeliveryException("The PDS paused posts and replies until "
					+ paused.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".", paused.get(), null);
		}
	}

	private static Account map(ResultSet rs) throws SQLException {
		return new Account(rs.getObject("channel_id", UUID.class), rs.getString("did"), rs.getString("handle"),
				rs.getString("seen_at"), AccountState.of(rs), rs.getString("chat_cursor"), rs.getString("chat_problem"));
	}
}

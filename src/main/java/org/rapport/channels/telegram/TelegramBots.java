package org.rapport.channels.telegram;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.network.AccountState;
import org.rapport.channels.network.CallPauses;
import org.rapport.platform.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What Rapport keeps per connected Telegram bot (table {@code telegram_bots}); the webhook secret is sealed. */
@Component
class TelegramBots {

	private final JdbcClient jdbc;
	private final SecretBox secrets;
	private final CallPauses pauses;

	TelegramBots(JdbcClient jdbc, SecretBox secrets) {
		this.jdbc = jdbc;
		this.pauses = new CallPauses(jdbc);
		this.secrets = secrets;
	}

	/**
	 * @param botId the bot's user id, also the number before the colon of its token
	 * @param username the bot's username without {@code @}, which group messages mention
	 * @param offset the cursor: the next update wanted from {@code getUpdates}, or {@code null} for the oldest kept
	 * @param webhookUrl the address Rapport gave Telegram with {@code setWebhook}, or {@code null} when polling
	 * @param webhookSecret the {@code secret_token} Telegram echoes with every push, or {@code null}
	 */
	record Bot(UUID channelId, long botId, String username, Long offset, Instant offsetMovedAt, String webhookUrl,
			String webhookSecret, AccountState state) {
	}

	Optional<Bot> of(UUID channelId) {
		return jdbc.sql("select * from telegram_bots where channel_id = ?").param(channelId)
			.query((rs, n) -> map(rs)).optional();
	}

	/**
	 * Records which bot the channel's token belongs to. Another bot (a token of a different bot entered) starts
	 * reading anew: its updates have their own numbers, and a webhook of the old bot is not this bot's.
	 */
	Bot remember(UUID channelId, long botId, String username) {
		jdbc.sql("""
				insert into telegram_bots(channel_id, bot_id, username) values (?, ?, ?)
				on conflict (channel_id) do update set username = excluded.username, bot_id = excluded.bot_id,
				  connected = true, last_error = '', last_error_in = '',
				  update_offset = case when telegram_bots.bot_id = excluded.bot_id then telegram_bots.update_offset end,
				  webhook_url = case when telegram_bots.bot_id = excluded.bot_id then telegram_bots.webhook_url end,
				  webhook_secret = case when telegram_bots.bot_id = excluded.bot_id then telegram_bots.webhook_secret end""")
			.params(channelId, botId, username)
			.update();
		return of(channelId).orElseThrow();
	}

	/** Moves the cursor after a page of updates was stored. */
	void advance(UUID channelId, long nextOffset, boolean received) {
		jdbc.sql("""
				update telegram_bots set update_offset = ?, offset_moved_at = now(),
				  last_received_at = case when ? then now() else last_received_at end where channel_id = ?""")
			.params(nextOffset, received, channelId)
			.update();
	}

	/** Something arrived through the webhook. */
	void received(UUID channelId) {
		jdbc.sql("update telegram_bots set last_received_at = now() where channel_id = ?").param(channelId).update();
	}

	/** The secret Telegram is about to be given for its pushes. */
	void webhookSecret(UUID channelId, String secret) {
		jdbc.sql("update telegram_bots set webhook_secret = ? where channel_id = ?").params(secrets.seal(secret), channelId)
			.update();
	}

	/** Telegram pushes to {@code url} now, with the secret kept before. */
	void webhookSet(UUID channelId, String url) {
		jdbc.sql("update telegram_bots set webhook_url = ? where channel_id = ?").params(url, channelId).update();
	}

	/**
	 * Telegram no longer pushes: the bot is read with {@code getUpdates} again, from the oldest update Telegram kept
	 * (the pushes confirmed everything before it).
	 */
	void webhookDeleted(UUID channelId) {
		jdbc.sql("""
				update telegram_bots set webhook_url = null, webhook_secret = null, update_offset = null,
				  offset_moved_at = null where channel_id = ?""")
			.param(channelId)
			.update();
	}

	/** A group of the channel became a supergroup with a new chat id: the conversation goes on there. */
	void moved(UUID channelId, long fromChat, long toChat) {
		jdbc.sql("""
				insert into telegram_chat_moves(channel_id, from_chat, to_chat) values (?, ?, ?)
				on conflict (channel_id, from_chat) do update set to_chat = excluded.to_chat, moved_at = now()""")
			.params(channelId, fromChat, toChat)
			.update();
	}

	/** The chat a group of the channel moved to, if it became a supergroup. */
	Optional<Long> movedTo(UUID channelId, long chat) {
		return jdbc.sql("select to_chat from telegram_chat_moves where channel_id = ? and from_chat = ?")
			.params(channelId, chat)
			.query(Long.class)
			.optional();
	}

	/** The groups of the channel that became supergroups, by their new chat id: the chat each was before. */
	Map<Long, Long> movedFrom(UUID channelId) {
		Map<Long, Long> from = new HashMap<>();
		jdbc.sql("select to_chat, from_chat from telegram_chat_moves where channel_id = ?")
			.param(channelId)
			.query(rs -> {
				from.put(rs.getLong(1), rs.getLong(2));
			});
		return from;
	}

	/**
	 * A comment thread of a discussion group answers a post of its linked channel: its root, message {@code thread}
	 * of the group, is the post's automatic forward.
	 */
	void postThread(UUID channelId, long chat, long thread, String postId) {
		jdbc.sql("""
				insert into telegram_post_threads(channel_id, chat_id, thread_id, post_id) values (?, ?, ?, ?)
				on conflict (channel_id, chat_id, thread_id) do update set post_id = excluded.post_id""")
			.params(channelId, chat, thread, postId)
			.update();
	}

	/**
	 * Of these threads (chat id, root message id), the ones known to answer a channel post, by
	 * {@link TelegramUpdates#threadOf}: the post's id. One query for a batch of updates.
	 */
	Map<String, String> postThreads(UUID channelId, java.util.Collection<Map.Entry<Long, Long>> threads) {
		Map<String, String> posts = new HashMap<>();
		if (threads.isEmpty()) {
			return posts;
		}
		Long[] chats = threads.stream().map(Map.Entry::getKey).distinct().toArray(Long[]::new);
		Long[] roots = threads.stream().map(Map.Entry::getValue).distinct().toArray(Long[]::new);
		jdbc.sql("""
				select chat_id, thread_id, post_id from telegram_post_threads
				where channel_id = ? and chat_id = any(?) and thread_id = any(?)""")
			.params(channelId, chats, roots)
			.query(rs -> {
				posts.put(TelegramUpdates.threadOf(rs.getLong(1), rs.getLong(2)), rs.getString(3));
			});
		return posts;
	}

	/**
	 * A message of a group ({@code message}) is in the comment thread under a channel post whose root is message
	 * {@code root} of the group, though Telegram names no thread for it (a comment in a discussion group that is a
	 * forum): an answer to it is in the same thread.
	 */
	void commentIn(UUID channelId, long chat, long message, long root) {
		jdbc.sql("""
				insert into telegram_thread_messages(channel_id, chat_id, message_id, root_id) values (?, ?, ?, ?)
				on conflict (channel_id, chat_id, message_id) do nothing""")
			.params(channelId, chat, message, root)
			.update();
	}

	/**
	 * A comment thread under a channel post, as a message in it shows it.
	 *
	 * @param root the message id of the thread's root, the post's automatic forward
	 * @param post the post's id ({@link TelegramUpdates#postId})
	 */
	record CommentThread(long root, String post) {
	}

	/**
	 * Of these messages (chat id, message id), the ones known to be in a comment thread under a channel post
	 * ({@link #commentIn}), by {@link TelegramUpdates#threadOf} of the message: the thread. One query for a batch of
	 * updates.
	 */
	Map<String, CommentThread> commentThreads(UUID channelId, java.util.Collection<Map.Entry<Long, Long>> messages) {
		Map<String, CommentThread> threads = new HashMap<>();
		if (messages.isEmpty()) {
			return threads;
		}
		Long[] chats = messages.stream().map(Map.Entry::getKey).distinct().toArray(Long[]::new);
		Long[] ids = messages.stream().map(Map.Entry::getValue).distinct().toArray(Long[]::new);
		jdbc.sql("""
				select m.chat_id, m.message_id, m.root_id, t.post_id from telegram_thread_messages m
				join telegram_post_threads t on t.channel_id = m.channel_id and t.chat_id = m.chat_id and t.thread_id = m.root_id
				where m.channel_id = ? and m.chat_id = any(?) and m.message_id = any(?)""")
			.params(channelId, chats, ids)
			.query(rs -> {
				threads.put(TelegramUpdates.threadOf(rs.getLong(1), rs.getLong(2)),
						new CommentThread(rs.getLong(3), rs.getString(4)));
			});
		return threads;
	}

	/** The kind of call Telegram's flood limits hold apart from reading updates. */
	static final String SENDING = "sending";

	/** Until when sending waits, if Telegram asked for a pause while the bot sent. */
	Optional<Instant> sendingPausedUntil(UUID channelId) {
		return pauses.until(channelId, SENDING);
	}

	/** Whether receiving or sending met an error: a success of one clears only its own. */
	enum Work {
		RECEIVING, SENDING
	}

	/**
	 * All went well: the token works, a pause that passed is forgotten, and so is an error of the same work. Nothing
	 * is written when there is nothing to forget (the usual case: every long poll of every bot ends here).
	 */
	void healthy(UUID channelId, Work work) {
		jdbc.sql("""
				update telegram_bots set rate_limited_until = case when rate_limited_until > now() then rate_limited_until end,
				  connected = true, last_error = case when last_error_in = ? then '' else last_error end,
				  last_error_in = case when last_error_in = ? then '' else last_error_in end
				where channel_id = ? and (rate_limited_until <= now() or connected is not true or last_error_in = ?)""")
			.params(work.name(), work.name(), channelId, work.name())
			.update();
	}

	/**
	 * Telegram refused: a pause it asked for, whether the token still works, and what it said. A pause asked for while
	 * sending holds back sending only (Telegram's flood limits count messages sent, core.telegram.org/bots/faq): the
	 * bot goes on reading its updates.
	 */
	void refused(UUID channelId, Work work, Instant pauseUntil, boolean tokenRejected, String error) {
		if (work == Work.SENDING && pauseUntil != null && !tokenRejected) {
			pauses.pause(channelId, SENDING, pauseUntil);
			pauseUntil = null;
		}
		jdbc.sql("""
				update telegram_bots set rate_limited_until = coalesce(?, rate_limited_until),
				  connected = connected and not ?, last_error = ?, last_error_in = ? where channel_id = ?""")
			.params(pauseUntil == null ? null : Timestamp.from(pauseUntil), tokenRejected, error, work.name(), channelId)
			.update();
	}

	private Bot map(ResultSet rs) throws SQLException {
		String secret = rs.getString("webhook_secret");
		long offset = rs.getLong("update_offset");
		boolean noOffset = rs.wasNull();
		return new Bot(rs.getObject("channel_id", UUID.class), rs.getLong("bot_id"), rs.getString("username"),
				noOffset ? null : offset, AccountState.instant(rs, "offset_moved_at"), rs.getString("webhook_url"),
				opened(secret), AccountState.of(rs));
	}

	/** The webhook secret, or {@code null} when there is none or it was sealed with another key (then set anew). */
	private String opened(String sealed) {
		try {
			return sealed == null ? null : secrets.open(sealed);
		}
		catch (IllegalStateException e) {
			return null;
		}
	}
}

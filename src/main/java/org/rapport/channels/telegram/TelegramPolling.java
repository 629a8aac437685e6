package org.rapport.channels.telegram;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.ChannelPosts;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.channels.network.EachChannel;
import org.rapport.channels.telegram.TelegramBots.Work;
import org.rapport.inbox.Inbox;
import org.rapport.inbox.Messages;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Keeps every switched-on Telegram channel receiving, as recurring work on one node at a time. A channel that
 * fetches reads {@code getUpdates} from its cursor; the cursor moves only after a page is stored, and storing is
 * idempotent by chat and message id, so a crash or a restart neither loses nor repeats a message. A channel that
 * lets Telegram push has its webhook registered (again, when Rapport's public address changed) with a fresh secret.
 * A pause Telegram asks for (429 with {@code retry_after}) is kept and honoured; a rejected token stops the bot
 * until Telegram accepts its token again.
 *
 * <p>
 * Fetching is long polling unless switched off ({@code rapport.telegram.long-polling}): the recurring work
 * {@code telegram-long-poll} holds one {@code getUpdates} per fetching bot open at once — Telegram answers it the
 * moment a message comes, or after {@code rapport.telegram.long-poll-wait} — asking again at once after messages,
 * and starts anew a second after the wait is over. A bot whose call outlasts the wait (a slow Bot API server, a
 * burst of files to download) goes on by itself: the next rounds leave it out until it is done, so it holds up no
 * other bot. The work {@code telegram-poll} (every 30 seconds) then only checks the bots: it learns a new token's
 * bot, registers webhooks and takes down a webhook when a channel goes back to fetching; the long poll leaves a bot
 * it has not checked, a paused bot and a bot with a refused token alone. Without long polling, {@code telegram-poll}
 * fetches too, at once (short polling).
 */
@Component
class TelegramPolling {

	private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);

	/** Updates per page; the Bot API's maximum. */
	static final int PAGE = 100;

	/** The largest file of a message that is downloaded and kept (the Bot API sends bots at most 20 MB). */
	static final int MAX_FILE = InboundMessage.Attachment.MAX_BYTES;

	/** Pages read in one run, so that one busy bot does not hold up the others. */
	private static final int MAX_PAGES = 10;

	/**
	 * After a week without updates Telegram numbers the next update at random, possibly below the cursor, and asking
	 * with a higher offset would confirm (drop) it unread. A cursor this old is dropped: the oldest update Telegram
	 * still keeps is then the first one wanted (everything before it was confirmed).
	 */
	private static final Duration STALE_CURSOR = Duration.ofDays(6);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** How long after the wait a round still waits for calls that end with it, before it leaves them to themselves. */
	private static final Duration ROUND_GRACE = Duration.ofSeconds(1);

	/** The long polls' threads: a round does not own them, as a call may outlast it. */
	private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

	/** Channels whose bot has a long poll open. */
	private final Set<UUID> open = ConcurrentHashMap.newKeySet();

	private final Channels channels;
	private final TelegramClient client;
	private final TelegramBots bots;
	private final Ingestion ingestion;
	private final ChannelPosts posts;
	private final Inbox inbox;
	private final RapportProperties properties;
	private final boolean longPolling;
	private final Duration longPollWait;

	TelegramPolling(Channels channels, TelegramClient client, TelegramBots bots, Ingestion ingestion,
			ChannelPosts posts, Inbox inbox, RapportProperties properties, @Value("${rapport.telegram.long-polling:true}") boolean longPolling,
			@Value("${rapport.telegram.long-poll-wait:20s}") Duration longPollWait) {
		this.longPolling = longPolling;
		this.longPollWait = longPollWait;
		this.channels = channels;
		this.client = client;
		this.bots = bots;
		this.ingestion = ingestion;
		this.posts = posts;
		this.inbox = inbox;
		this.properties = properties;
	}

	@Bean
	RecurringWork telegramPollRecurring(@Value("${rapport.telegram.poll-interval:30s}") Duration interval) {
		return RecurringWork.every("telegram-poll", interval, this::pollAll);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "rapport.telegram.long-polling", matchIfMissing = true)
	RecurringWork telegramLongPollRecurring(@Value("${rapport.telegram.long-poll-pause:1s}") Duration pause) {
		return RecurringWork.every("telegram-long-poll", pause, this::longPollAll);
	}

	void pollAll() {
		EachChannel.run(channels.enabledOfKind(TelegramConnector.KIND), channel -> check(channel, !longPolling), log,
				"Telegram channel {} could not be read");
	}

	/**
	 * Long polls for every fetching bot, all at once, for about one wait: a bot whose call Telegram answered with
	 * messages asks again for what is left of it, so that a busy bot is not held up by a quiet one. Returns when every
	 * bot's wait is over or its call came back without a message (a server that does not wait is not asked again
	 * before the next run), and at the latest a second after the wait: a call still open then goes on by itself, and
	 * its bot is left out of the rounds until it is done (one {@code getUpdates} per bot at a time, as Telegram wants).
	 */
	void longPollAll() {
		List<Channel> fetching = channels.enabledOfKind(TelegramConnector.KIND).stream()
			.filter(c -> !pushed(c) && !open.contains(c.id()))
			.toList();
		Instant end = Instant.now().plus(longPollWait);
		List<Future<?>> running = new ArrayList<>();
		for (Channel channel : fetching) {
			open.add(channel.id());
			running.add(calls.submit(() -> {
				try {
					EachChannel.run(List.of(channel), c -> {
						for (long left = secondsUntil(end); left > 0 && longPoll(c, Duration.ofSeconds(left)) > 0;
								left = secondsUntil(end)) {
							// a call that brought messages: ask again for what is left of the wait
						}
					}, log, "Telegram channel {} could not be read");
				}
				finally {
					open.remove(channel.id());
				}
			}));
		}
		Instant waitUntil = end.plus(ROUND_GRACE);
		for (Future<?> call : running) {
			try {
				call.get(Math.max(0, Duration.between(Instant.now(), waitUntil).toMillis()), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException stillOpen) {
				// goes on by itself; the next rounds leave this bot out until it is done
			}
			catch (ExecutionException e) {
				log.warn("A Telegram long poll failed", e.getCause());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Bots whose long poll is still open (by channel id), also from a round that ended without it. */
	Set<UUID> open() {
		return Set.copyOf(open);
	}

	@PreDestroy
	void stop() {
		calls.shutdownNow();
	}

	/** Whole seconds until then, rounded: a round's first call waits the whole 20 s, not the 19 of a truncated 19.99. */
	private static long secondsUntil(Instant end) {
		return Math.round(Duration.between(Instant.now(), end).toMillis() / 1000.0);
	}

	/**
	 * One {@code getUpdates} of a fetching channel that waits up to {@code wait} for a message, then reads on while
	 * pages come full; answers how many messages were new. A bot not yet checked, paused, refused or still pushed to
	 * is left to the check.
	 */
	int longPoll(Channel channel, Duration wait) {
		Optional<TelegramBots.Bot> bot = bots.of(channel.id());
		if (bot.isEmpty() || !current(channel, bot.get()) || bot.get().state().paused(Instant.now())
				|| bot.get().webhookUrl() != null) {
			return 0;
		}
		try {
			int received = fetch(channel, bot.get(), wait);
			bots.healthy(channel.id(), Work.RECEIVING);
			channels.state(channel.id(), "");
			return received;
		}
		catch (TelegramClient.Failure e) {
			if (e.overtaken()) {
				// a "fetch now" began a getUpdates of its own; it reads what this one would have
				return 0;
			}
			failed(channel, e);
			return 0;
		}
	}

	static String server(Channel channel) {
		return channel.setting(TelegramConnector.API_SERVER, TelegramClient.OFFICIAL);
	}

	static String token(Channel channel) {
		return channel.setting(TelegramConnector.BOT_TOKEN, "");
	}

	static boolean pushed(Channel channel) {
		return TelegramConnector.WEBHOOK.equals(channel.setting(TelegramConnector.RECEIVE, TelegramConnector.POLLING));
	}

	/**
	 * The channel's bot, asked of Telegram ({@code getMe}) the first time, when the token is another bot's (its
	 * number comes before the colon), and while Telegram refused the token, so that a new token is taken up.
	 */
	TelegramBots.Bot bot(Channel channel) throws TelegramClient.Failure {
		Optional<TelegramBots.Bot> known = bots.of(channel.id());
		String token = token(channel);
		if (known.isPresent() && current(channel, known.get())) {
			return known.get();
		}
		JsonNode me = client.getMe(server(channel), token);
		return bots.remember(channel.id(), me.path("id").asLong(), me.path("username").asString(""));
	}

	/** Whether the bot as kept is the channel's token's, and Telegram accepts the token. */
	private static boolean current(Channel channel, TelegramBots.Bot bot) {
		return bot.state().connected() && token(channel).startsWith(bot.botId() + ":");
	}

	/** Reads what is new on one channel at once, or sees that Telegram pushes it; answers how many messages were new. */
	int poll(Channel channel) {
		return check(channel, true);
	}

	/**
	 * Checks the channel's bot and its webhook, and reads what is new if {@code fetch}; answers how many messages
	 * were new.
	 */
	private int check(Channel channel, boolean fetch) {
		int received = 0;
		try {
			TelegramBots.Bot bot = bot(channel);
			if (bot.state().paused(Instant.now())) {
				return 0;
			}
			if (pushed(channel)) {
				registerWebhook(channel, bot);
			}
			else if (fetch) {
				received = fetch(channel, bot, Duration.ZERO);
			}
			else {
				stopWebhook(channel, bot);
			}
			bots.healthy(channel.id(), Work.RECEIVING);
			channels.state(channel.id(), "");
		}
		catch (TelegramClient.Failure e) {
			failed(channel, e);
		}
		return received;
	}

	private void failed(Channel channel, TelegramClient.Failure e) {
		if (bots.of(channel.id()).isPresent()) {
			bots.refused(channel.id(), Work.RECEIVING, e.pauseUntil, e.tokenRejected(), e.getMessage());
		}
		channels.state(channel.id(), e.getMessage());
		log.info("Telegram channel {}: {}", channel.id(), e.getMessage());
	}

	private void registerWebhook(Channel channel, TelegramBots.Bot bot) throws TelegramClient.Failure {
		String url = properties.link(ChannelConnector.hookPath(channel.id()));
		if (url.equals(bot.webhookUrl()) && bot.webhookSecret() != null) {
			return;
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		// the secret is kept before Telegram is told, so that a push arriving at once finds it; the address only
		// after, so that a refusal leaves the webhook to be registered again on the next run
		bots.webhookSecret(channel.id(), secret);
		client.setWebhook(server(channel), token(channel), url, secret);
		bots.webhookSet(channel.id(), url);
	}

	/** A channel that went back to fetching: Telegram stops pushing, keeping what it did not push yet. */
	private TelegramBots.Bot stopWebhook(Channel channel, TelegramBots.Bot bot) throws TelegramClient.Failure {
		if (bot.webhookUrl() == null) {
			return bot;
		}
		client.deleteWebhook(server(channel), token(channel));
		bots.webhookDeleted(channel.id());
		return bots.of(channel.id()).orElseThrow();
	}

	/** Reads pages from the cursor, the first waiting up to {@code wait} for a message. */
	private int fetch(Channel channel, TelegramBots.Bot checked, Duration wait) throws TelegramClient.Failure {
		TelegramBots.Bot bot = stopWebhook(channel, checked);
		Long offset = bot.offset();
		if (offset != null && (bot.offsetMovedAt() == null || bot.offsetMovedAt().isBefore(Instant.now().minus(STALE_CURSOR)))) {
			offset = null;
		}
		int received = 0;
		for (int page = 0; page < MAX_PAGES; page++) {
			List<JsonNode> updates = new ArrayList<>();
			client.getUpdates(server(channel), token(channel), offset, PAGE, page == 0 ? wait : Duration.ZERO)
				.forEach(updates::add);
			if (updates.isEmpty()) {
				break;
			}
			int taken = take(channel, bot, updates);
			received += taken;
			long last = updates.stream().mapToLong(u -> u.path("update_id").asLong()).max().orElseThrow();
			offset = last + 1;
			bots.advance(channel.id(), offset, taken > 0);
			if (updates.size() < PAGE) {
				break;
			}
		}
		return received;
	}

	/**
	 * Stores the messages of some updates (fetched or pushed) and applies edits of messages already stored; answers
	 * how many messages were new. A message already stored is passed over, however often it comes. The channel posts
	 * the updates show (new or edited posts, their forwards into the discussion group, the forward a comment answers)
	 * are handed to {@link ChannelPosts}, and each comment thread under a post is remembered, so that an answer
	 * within the thread names the post as well; in a discussion group that is a forum, where Telegram names no thread
	 * for a comment, each comment the bot sees is remembered with its thread, so that an answer to it finds it.
	 */
	int take(Channel channel, TelegramBots.Bot bot, List<JsonNode> updates) {
		for (JsonNode update : updates) {
			TelegramUpdates.move(update).ifPresent(move -> bots.moved(channel.id(), move.getKey(), move.getValue()));
			// the organisation's channel posts: kept as the posts conversations discuss, never as messages
			TelegramUpdates.channelPost(update).ifPresent(post -> posts.saw(channel, post.published()));
			TelegramUpdates.postThread(update).ifPresent(thread -> {
				bots.postThread(channel.id(), thread.chat(), thread.root(), thread.post().id());
				posts.saw(channel, thread.post().published());
			});
		}
		// only a supergroup can have been a group before
		Map<Long, Long> movedFrom = updates.stream()
			.anyMatch(u -> "supergroup".equals(u.path("message").path("chat").path("type").asString("")))
				? bots.movedFrom(channel.id()) : Map.of();
		Map<String, String> postThreads = bots.postThreads(channel.id(),
				updates.stream().flatMap(u -> TelegramUpdates.thread(u).stream()).toList());
		// in a forum, an answer to a comment names only the comment: the comment's thread, if the bot saw it
		Map<String, Long> commentRoots = new HashMap<>();
		bots.commentThreads(channel.id(), updates.stream().flatMap(u -> TelegramUpdates.answered(u).stream()).toList())
			.forEach((message, thread) -> {
				commentRoots.put(message, thread.root());
				postThreads.put(TelegramUpdates.threadOf(TelegramUpdates.chatOf(message), thread.root()), thread.post());
			});
		List<InboundMessage> batch = new ArrayList<>();
		for (JsonNode update : updates) {
			TelegramUpdates.unnamedComment(update, postThreads, commentRoots).ifPresent(comment -> {
				long chat = comment.getKey().getKey();
				bots.commentIn(channel.id(), chat, comment.getKey().getValue(), comment.getValue());
				commentRoots.put(TelegramUpdates.threadOf(chat, comment.getKey().getValue()), comment.getValue());
			});
			TelegramUpdates.message(update, bot, movedFrom, postThreads, commentRoots)
				.map(m -> withFile(channel, update.path("message"), m))
				.ifPresent(batch::add);
			TelegramUpdates.edit(update).ifPresent(edit -> edited(channel, edit));
		}
		return batch.isEmpty() ? 0 : ingestion.ingest(channel, batch).accepted();
	}

	/**
	 * The message with the file it carries, downloaded from Telegram (at most {@value #MAX_FILE} bytes); a file that
	 * is larger, or that Telegram does not send, is said in the body, and the message is kept without it.
	 */
	private InboundMessage withFile(Channel channel, JsonNode message, InboundMessage inbound) {
		Optional<TelegramUpdates.FileRef> file = TelegramUpdates.file(message);
		if (file.isEmpty()) {
			return inbound;
		}
		TelegramUpdates.FileRef ref = file.get();
		String missing = "Not kept, larger than " + MAX_FILE / (1024 * 1024) + " MB: " + ref.fileName();
		if (ref.size() == null || ref.size() <= MAX_FILE) {
			try {
				byte[] content = client.download(server(channel), token(channel), ref.fileId(), MAX_FILE);
				if (content.length <= MAX_FILE) {
					return inbound.withFiles(List.of(new InboundMessage.Attachment(ref.fileName(), ref.contentType(), content)),
							inbound.body());
				}
			}
			catch (TelegramClient.Failure e) {
				log.info("Telegram channel {}: a file was not downloaded: {}", channel.id(), e.getMessage());
				missing = "Not kept: " + ref.fileName() + " (" + e.getMessage() + ")";
			}
		}
		return inbound.withFiles(List.of(), inbound.body().stripTrailing() + "\n\n" + missing
				+ ". It is still in the Telegram chat.");
	}

	private void edited(Channel channel, Map.Entry<String, String> edit) {
		inbox.replaceBody(channel.id(), edit.getKey(), Messages.textToHtml(edit.getValue()), edit.getValue().strip());
	}
}

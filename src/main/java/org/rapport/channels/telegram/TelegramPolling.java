package org.rapport.channels.telegram;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
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
 */
@Component
class TelegramPolling {

	private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);

	/** Updates per page; the Bot API's maximum. */
	static final int PAGE = 100;

	/** Pages read in one run, so that one busy bot does not hold up the others. */
	private static final int MAX_PAGES = 10;

	/**
	 * After a week without updates Telegram numbers the next update at random, possibly below the cursor, and asking
	 * with a higher offset would confirm (drop) it unread. A cursor this old is dropped: the oldest update Telegram
	 * still keeps is then the first one wanted (everything before it was confirmed).
	 */
	private static final Duration STALE_CURSOR = Duration.ofDays(6);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Channels channels;
	private final TelegramClient client;
	private final TelegramBots bots;
	private final Ingestion ingestion;
	private final Inbox inbox;
	private final RapportProperties properties;

	TelegramPolling(Channels channels, TelegramClient client, TelegramBots bots, Ingestion ingestion, Inbox inbox,
			RapportProperties properties) {
		this.channels = channels;
		this.client = client;
		this.bots = bots;
		this.ingestion = ingestion;
		this.inbox = inbox;
		this.properties = properties;
	}

	@Bean
	RecurringWork telegramPollRecurring(@Value("${rapport.telegram.poll-interval:30s}") Duration interval) {
		return RecurringWork.every("telegram-poll", interval, this::pollAll);
	}

	void pollAll() {
		EachChannel.run(channels.enabledOfKind(TelegramConnector.KIND), this::poll, log, "Telegram channel {} could not be read");
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
		if (known.isPresent() && known.get().state().connected() && token.startsWith(known.get().botId() + ":")) {
			return known.get();
		}
		JsonNode me = client.getMe(server(channel), token);
		return bots.remember(channel.id(), me.path("id").asLong(), me.path("username").asString(""));
	}

	/** Reads what is new on one channel, or sees that Telegram pushes it; answers how many messages were new. */
	int poll(Channel channel) {
		int received = 0;
		try {
			TelegramBots.Bot bot = bot(channel);
			if (bot.state().paused(Instant.now())) {
				return 0;
			}
			if (pushed(channel)) {
				registerWebhook(channel, bot);
			}
			else {
				received = fetch(channel, bot);
			}
			bots.healthy(channel.id(), Work.RECEIVING);
			channels.state(channel.id(), "");
		}
		catch (TelegramClient.Failure e) {
			if (bots.of(channel.id()).isPresent()) {
				bots.refused(channel.id(), Work.RECEIVING, e.pauseUntil, e.tokenRejected(), e.getMessage());
			}
			channels.state(channel.id(), e.getMessage());
			log.info("Telegram channel {}: {}", channel.id(), e.getMessage());
		}
		return received;
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

	private int fetch(Channel channel, TelegramBots.Bot bot) throws TelegramClient.Failure {
		if (bot.webhookUrl() != null) {
			client.deleteWebhook(server(channel), token(channel));
			bots.webhookDeleted(channel.id());
			bot = bots.of(channel.id()).orElseThrow();
		}
		Long offset = bot.offset();
		if (offset != null && (bot.offsetMovedAt() == null || bot.offsetMovedAt().isBefore(Instant.now().minus(STALE_CURSOR)))) {
			offset = null;
		}
		int received = 0;
		for (int page = 0; page < MAX_PAGES; page++) {
			List<JsonNode> updates = new ArrayList<>();
			client.getUpdates(server(channel), token(channel), offset, PAGE).forEach(updates::add);
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
	 * how many messages were new. A message already stored is passed over, however often it comes.
	 */
	int take(Channel channel, TelegramBots.Bot bot, List<JsonNode> updates) {
		List<InboundMessage> batch = new ArrayList<>();
		for (JsonNode update : updates) {
			TelegramUpdates.message(update, bot).ifPresent(batch::add);
			TelegramUpdates.edit(update).ifPresent(edit -> edited(channel, edit));
		}
		return batch.isEmpty() ? 0 : ingestion.ingest(channel, batch).accepted();
	}

	private void edited(Channel channel, Map.Entry<String, String> edit) {
		inbox.replaceBody(channel.id(), edit.getKey(), Messages.textToHtml(edit.getValue()), edit.getValue().strip());
	}
}

package org.rapport.channels.telegram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.channels.network.AccountConnector;
import org.rapport.channels.network.AccountState;
import org.rapport.channels.telegram.TelegramBots.Work;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.RapportProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Telegram bot, connected with the token @BotFather gives. People write to it in a private chat, or address it in
 * a group (see {@link TelegramUpdates}); Rapport fetches their messages ({@link TelegramPolling}) or lets Telegram
 * push them to the channel's hook with a secret only Telegram and Rapport know. Answers are sent to the chat as a
 * reply to the person's latest message.
 */
@Component
class TelegramConnector extends AccountConnector implements ChannelConnector {

	static final String KIND = "telegram";

	static final String BOT_TOKEN = "botToken";
	static final String RECEIVE = "receive";
	static final String API_SERVER = "apiServer";
	static final String POLLING = "polling";
	static final String WEBHOOK = "webhook";

	/** The header Telegram sends the webhook's {@code secret_token} in. */
	static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

	/**
	 * The most characters a message may have, "1-4096 characters after entities parsing"
	 * (core.telegram.org/bots/api#sendmessage), counted as Telegram counts them, in UTF-16 code units — as Java's
	 * {@link String#length()} does, so an emoji outside the Basic Multilingual Plane counts twice. Answers are sent
	 * without {@code parse_mode}: nothing is parsed, so the text sent is the text counted, and {@code <}, {@code &},
	 * {@code *} and {@code _} arrive as written.
	 */
	static final int MAX_TEXT = 4096;

	/** The most characters of a file's caption (core.telegram.org/bots/api#senddocument). */
	static final int MAX_CAPTION = 1024;

	/**
	 * Files of any kind, up to 10 a reply, each as a document of at most 50 MB, the most a bot uploads (and so at most
	 * 50 MB together, which a reply through Rapport stays well within)
	 * (core.telegram.org/bots/api#sending-files).
	 */
	static final org.rapport.inbox.ReplyCheck.Files FILES = new org.rapport.inbox.ReplyCheck.Files(10, 50_000_000L,
			50_000_000L, List.of());

	/** A bot token: the bot's number, a colon and a secret of letters, digits, {@code -} and {@code _}. */
	private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,200}");

	/** The ports Telegram pushes to (setWebhook, note 3). */
	private static final List<Integer> WEBHOOK_PORTS = List.of(443, 80, 88, 8443);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TelegramClient client;
	private final TelegramBots bots;
	private final TelegramPolling polling;
	private final RapportProperties properties;

	TelegramConnector(TelegramClient client, TelegramBots bots, @Lazy TelegramPolling polling,
			RapportProperties properties) {
		super(KIND, polling::poll, Text.of("Telegram no longer accepts the bot token: the bot needs to be reconnected.",
				"Telegram nimmt das Bot-Token nicht mehr an: Der Bot muss neu verbunden werden."));
		this.client = client;
		this.bots = bots;
		this.polling = polling;
		this.properties = properties;
	}

	@Override
	public Text name() {
		return Text.of("Telegram", "Telegram");
	}

	@Override
	public Text account() {
		return Text.of("Telegram bot", "Telegram-Bot");
	}

	@Override
	public Text about() {
		return Text.of("In Telegram, write /newbot to @BotFather, choose a name and a username ending in \"bot\", and paste "
				+ "the token it gives here. Private messages to the bot, and messages in groups that mention it or answer "
				+ "it, arrive in the inbox; answers are sent to the chat as a reply. Added to your channel's discussion "
				+ "group, the bot brings the comments under your channel posts, each post's comments as one conversation "
				+ "below the post.",
				"Schreiben Sie in Telegram /newbot an @BotFather, wählen Sie einen Namen und einen Benutzernamen, der auf "
						+ "„bot“ endet, und fügen Sie das Token, das er nennt, hier ein. Private Nachrichten an den Bot und "
						+ "Nachrichten in Gruppen, die ihn erwähnen oder ihm antworten, kommen in den Posteingang; Antworten "
						+ "gehen als Antwort in den Chat. In der Diskussionsgruppe Ihres Kanals bringt der Bot die Kommentare "
						+ "unter Ihren Kanalbeiträgen, die Kommentare jedes Beitrags als ein Gespräch unter dem Beitrag.");
	}

	@Override
	public String icon() {
		return "M21 4 3 11l6 2.5M21 4l-3.5 16-8.5-6.5M21 4 9 13.5V19l3.2-3.4";
	}

	@Override
	public List<Setting> settings() {
		return List.of(
				Setting.of(BOT_TOKEN, Setting.Type.SECRET, Text.of("Bot token", "Bot-Token")).mandatory()
					.help(Text.of("From @BotFather, e.g. 123456789:AAF…", "Von @BotFather, z. B. 123456789:AAF…")),
				Setting.choice(RECEIVE, Text.of("Receiving", "Empfang"), List.of(POLLING, WEBHOOK),
						List.of(Text.of("Rapport fetches new messages itself, each within seconds (works behind any firewall)",
								"Rapport holt neue Nachrichten selbst ab, jede binnen Sekunden (geht hinter jeder Firewall)"),
								Text.of("Telegram sends each message at once (webhook; Rapport needs a public https address)",
										"Telegram schickt jede Nachricht sofort (Webhook; Rapport braucht eine öffentliche https-Adresse)"))),
				Setting.of(API_SERVER, Setting.Type.URL, Text.of("Bot API server", "Bot-API-Server"))
					.help(Text.of("Only for a Bot API server of your own; empty for Telegram's.",
							"Nur für einen eigenen Bot-API-Server; leer für den von Telegram."))
					.in(Text.of("Advanced", "Erweitert")));
	}

	/** Up to ten files of any kind, 50 MB each, sent as documents ({@link #FILES}). */
	@Override
	public org.rapport.inbox.ReplyCheck.Files replyFiles() {
		return FILES;
	}

	/**
	 * Checks the token's form, the server and the way of receiving, and asks Telegram whose the token is
	 * ({@code getMe}), so that a wrong token is refused, naming {@code config.botToken}, when it is entered.
	 */
	@Override
	public Map<String, String> validate(Map<String, String> config) {
		String token = config.get(BOT_TOKEN) == null ? "" : config.get(BOT_TOKEN).strip();
		if (token.isEmpty()) {
			throw new InvalidFieldException("config." + BOT_TOKEN, "The bot token is missing.");
		}
		if (!TOKEN.matcher(token).matches()) {
			throw new InvalidFieldException("config." + BOT_TOKEN,
					"This is not a bot token: @BotFather gives tokens like 123456789:AAF… (the bot's number, a colon, then letters, digits, - and _).");
		}
		String server = server(config.get(API_SERVER));
		String receive = config.get(RECEIVE) == null || config.get(RECEIVE).isBlank() ? POLLING : config.get(RECEIVE).strip();
		if (receive.equals(WEBHOOK) && server.equals(TelegramClient.OFFICIAL)) {
			URI base = URI.create(properties.link("/"));
			int port = base.getPort() == -1 ? 443 : base.getPort();
			if (!"https".equalsIgnoreCase(base.getScheme()) || !WEBHOOK_PORTS.contains(port)) {
				throw new InvalidFieldException("config." + RECEIVE, "Telegram sends only to https addresses on the ports "
						+ "443, 80, 88 or 8443, and Rapport's public address is " + properties.link("")
						+ "; set RAPPORT_BASE_URL to its public https address, or let Rapport fetch the messages.");
			}
		}
		try {
			JsonNode me = client.getMe(server, token);
			if (!me.path("is_bot").asBoolean(false)) {
				throw new InvalidFieldException("config." + BOT_TOKEN, "The token does not belong to a bot.");
			}
		}
		catch (TelegramClient.Failure e) {
			boolean serverAtFault = !e.tokenRejected() && !server.equals(TelegramClient.OFFICIAL);
			throw new InvalidFieldException("config." + (serverAtFault ? API_SERVER : BOT_TOKEN), e.getMessage());
		}
		Map<String, String> out = new LinkedHashMap<>();
		out.put(BOT_TOKEN, token);
		out.put(RECEIVE, receive);
		out.put(API_SERVER, server.equals(TelegramClient.OFFICIAL) ? "" : server);
		return out;
	}

	/** The Bot API server: Telegram's when none is given, else the given one as its address, if the guard allows. */
	private String server(String given) {
		String value = given == null ? "" : given.strip();
		if (value.isEmpty()) {
			return TelegramClient.OFFICIAL;
		}
		URI uri;
		try {
			uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException("config." + API_SERVER, "'" + given + "' is not the address of a Bot API server.");
		}
		if (uri.getHost() == null || uri.getScheme() == null
				|| !List.of("https", "http").contains(uri.getScheme().toLowerCase(Locale.ROOT))
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new InvalidFieldException("config." + API_SERVER, "'" + given + "' is not the address of a Bot API server.");
		}
		try {
			client.guard().checkUri(uri);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException("config." + API_SERVER, "The Bot API server's address cannot be used: " + e.getMessage());
		}
		return uri.toString();
	}

	@Override
	protected Optional<AccountState> state(Channel channel) {
		return bots.of(channel.id()).map(TelegramBots.Bot::state);
	}

	/**
	 * A webhook delivery: taken only with the secret Telegram was given for this channel, compared in constant time;
	 * without it nothing is read or stored.
	 */
	@Override
	public PushAnswer receive(Channel channel, Push push) {
		Optional<TelegramBots.Bot> bot = bots.of(channel.id());
		String expected = bot.map(TelegramBots.Bot::webhookSecret).orElse(null);
		Optional<String> given = push.header(SECRET_HEADER);
		if (expected == null || given.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				given.get().getBytes(StandardCharsets.UTF_8))) {
			return PushAnswer.unauthorized("The request does not carry the secret token of this channel's webhook.");
		}
		if (!"POST".equals(push.method())) {
			return PushAnswer.refused(405, "Telegram pushes updates with POST.");
		}
		JsonNode update;
		try {
			update = JSON.readTree(push.body());
		}
		catch (JacksonException e) {
			return PushAnswer.refused(400, "The body is not a Telegram update (JSON).");
		}
		if (!update.isObject() || !update.path("update_id").canConvertToLong()) {
			return PushAnswer.refused(400, "The body is not a Telegram update: it has no update_id.");
		}
		if (polling.take(channel, bot.get(), List.of(update)) > 0) {
			bots.received(channel.id());
		}
		return PushAnswer.taken();
	}

	/**
	 * Sends the answer to the conversation's chat as a reply to the person's latest message there, as plain text
	 * (no {@code parse_mode}: the inbox's reply is plain text, and Telegram shows it as written, links linked). Telegram
	 * cannot recognise a message sent twice, so an attempt that may have arrived (no answer, a 5xx) is not repeated.
	 */
	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		String text = reply.bodyText() == null ? "" : reply.bodyText().strip();
		if (text.isEmpty()) {
			throw new DeliveryException("Telegram sends no empty messages.", false, null);
		}
		if (text.length() > MAX_TEXT) {
			throw new DeliveryException("Telegram takes at most " + MAX_TEXT + " characters per message; this answer has "
					+ text.length() + ". Shorten it or send it in parts.", false, null);
		}
		long chat;
		try {
			chat = TelegramUpdates.chatOf(reply.threadKey());
		}
		catch (RuntimeException e) {
			throw new DeliveryException("This conversation has no Telegram chat to answer.", false, null);
		}
		// a group that became a supergroup is answered there
		chat = bots.movedTo(channel.id(), chat).orElse(chat);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("chat_id", chat);
		TelegramUpdates.topicOf(reply.threadKey()).ifPresent(topic -> message.put("message_thread_id", topic));
		message.put("text", text);
		answered(reply).ifPresent(id -> message.put("reply_parameters",
				Map.of("message_id", id, "allow_sending_without_reply", true)));
		try {
			TelegramBots.Bot bot = polling.bot(channel);
			java.time.Instant pausedUntil = bot.state().paused(java.time.Instant.now()) ? bot.state().rateLimitedUntil()
					: bots.sendingPausedUntil(channel.id()).orElse(null);
			if (pausedUntil != null) {
				throw new DeliveryException("Telegram asked for a pause until "
						+ pausedUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".", pausedUntil, null);
			}
			List<org.rapport.inbox.Messages.Attachment> files = reply.files() == null ? List.of() : reply.files();
			String server = TelegramPolling.server(channel);
			String token = TelegramPolling.token(channel);
			JsonNode sent;
			if (files.size() == 1 && text.length() <= MAX_CAPTION) {
				// one file with the text as its caption: one message, sent at once or not at all
				Map<String, Object> document = new LinkedHashMap<>(message);
				document.put("caption", document.remove("text"));
				var file = files.getFirst();
				sent = followingMoves(channel, document,
						() -> client.sendDocument(server, token, document, file.fileName(), file.contentType(), file.content()));
				chat = ((Number) document.get("chat_id")).longValue();
			}
			else {
				sent = followingMoves(channel, message, () -> client.sendMessage(server, token, message));
				chat = ((Number) message.get("chat_id")).longValue();
				sendFiles(server, token, message, files);
			}
			bots.healthy(channel.id(), Work.SENDING);
			long sentTo = chat;
			// in a forum's comment thread Telegram names no thread for the answer: an answer to it must still find it
			TelegramUpdates.commentsOf(reply.threadKey()).filter(root -> !sent.path("message_thread_id").canConvertToLong()
					&& sent.path("message_id").canConvertToLong())
				.ifPresent(root -> bots.commentIn(channel.id(), sentTo, sent.path("message_id").asLong(), root));
			// Telegram said ok: the message left, even when the answer lacks its id (then it is kept without one)
			return Delivered.sent(sent.path("message_id").canConvertToLong()
					? TelegramUpdates.sent(chat, sent.path("message_id").asLong()) : null);
		}
		catch (TelegramClient.Failure e) {
			bots.refused(channel.id(), Work.SENDING, e.pauseUntil, e.tokenRejected(), refusal(e));
			if (e.pauseUntil != null) {
				throw new DeliveryException(e.getMessage(), e.pauseUntil, e);
			}
			if (e.mayHaveWorked) {
				throw new DeliveryException(e.getMessage() + " The message may have arrived: look in the chat, and send "
						+ "it again only if it is missing.", false, e);
			}
			throw new DeliveryException(refusal(e), e.retryable, e);
		}
	}

	/** A call to Telegram that sends {@code message}. */
	private interface Send {
		JsonNode send() throws TelegramClient.Failure;
	}

	/**
	 * Sends; when Telegram answers that the group became a supergroup, the move is kept and the message goes to the
	 * supergroup (once: nothing was sent to the group), with {@code message}'s chat changed to it.
	 */
	private JsonNode followingMoves(Channel channel, Map<String, Object> message, Send send) throws TelegramClient.Failure {
		try {
			return send.send();
		}
		catch (TelegramClient.Failure e) {
			if (e.migrateTo == null) {
				throw e;
			}
			bots.moved(channel.id(), ((Number) message.get("chat_id")).longValue(), e.migrateTo);
			message.put("chat_id", e.migrateTo);
			return send.send();
		}
	}

	/**
	 * Sends the files after the text, each as a document in reply to the same message. The text has arrived by then:
	 * a file Telegram refuses fails the reply without a retry (which would send the text twice), naming what arrived.
	 */
	private void sendFiles(String server, String token, Map<String, Object> message,
			List<org.rapport.inbox.Messages.Attachment> files) throws DeliveryException {
		for (int i = 0; i < files.size(); i++) {
			var file = files.get(i);
			Map<String, Object> document = new LinkedHashMap<>(message);
			document.remove("text");
			try {
				client.sendDocument(server, token, document, file.fileName(), file.contentType(), file.content());
			}
			catch (TelegramClient.Failure e) {
				throw new DeliveryException("The text arrived" + (i == 0 ? "" : " with " + i + " of the files")
						+ ", but Telegram did not take '" + file.fileName() + "': " + e.getMessage()
						+ " Send the missing files in a new reply.", false, e);
			}
		}
	}

	/** The person's latest message of the conversation: the newest reference that someone sent the bot. */
	private static Optional<Long> answered(OutgoingReply reply) {
		List<String> references = reply.references();
		for (int i = references.size() - 1; i >= 0; i--) {
			Optional<Long> id = TelegramUpdates.receivedMessageId(references.get(i));
			if (id.isPresent()) {
				return id;
			}
		}
		return Optional.empty();
	}

	/** A failure in words; a 403 says what it means for the chat. */
	private static String refusal(TelegramClient.Failure e) {
		if (e.status == 403) {
			return e.getMessage() + " The bot may write to this chat only again when the person unblocks it or the "
					+ "group adds it again.";
		}
		return e.getMessage();
	}
}

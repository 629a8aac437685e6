package org.rapport.channels.meta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.rapport.channels.Channel;
import org.rapport.channels.PublishedPost;
import org.rapport.channels.PublishedPage;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.channels.network.AccountState;
import org.rapport.channels.network.JsonHttp;
import org.rapport.contacts.IdentityKind;
import org.rapport.inbox.Inbox;
import org.rapport.inbox.Messages;
import org.rapport.platform.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a Facebook page and an Instagram professional account have in common: both are reached through Meta's Graph
 * API with a page access token, push to the channel's hook with a signature made with the app secret, and answer a
 * comment under it and a direct message through the page's Messenger endpoint. {@link FacebookConnector} and
 * {@link InstagramConnector} say what differs.
 */
abstract class MetaConnector implements ChannelConnector {

	private static final Logger log = LoggerFactory.getLogger(MetaConnector.class);

	static final String APP_ID = "appId";
	static final String APP_SECRET = "appSecret";
	static final String PAGE_ID = "pageId";
	static final String PAGE_TOKEN = "pageAccessToken";
	static final String VERIFY_TOKEN = "verifyToken";

	/** The header Meta signs each delivery in: {@code sha256=} and the hex HMAC-SHA256 of the raw body. */
	static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

	/** How long after a person's last message a page may answer them directly (Messenger's standard window). */
	static final Duration MESSAGE_WINDOW = Duration.ofHours(24);

	/** The most characters of a message Messenger takes (Send API, {@code message.text}). */
	static final int MAX_TEXT = 2000;

	/** How often a token's expiry is asked again. */
	static final Duration TOKEN_CHECK = Duration.ofHours(6);

	private static final Pattern ID = Pattern.compile("[0-9]{1,30}");

	final MetaGraph graph;
	final MetaAccounts accounts;
	final Ingestion ingestion;
	final Inbox inbox;

	MetaConnector(MetaGraph graph, MetaAccounts accounts, Ingestion ingestion, Inbox inbox) {
		this.graph = graph;
		this.accounts = accounts;
		this.ingestion = ingestion;
		this.inbox = inbox;
	}

	/** The webhook object of the kind: {@code page} or {@code instagram}. */
	abstract String object();

	/** The id of the account whose comments and messages the channel takes: the page's, or the Instagram account's. */
	abstract String accountId(Channel channel);

	/** The network's name in sentences: "Facebook" or "Instagram". */
	abstract String network();

	/**
	 * Checks the account's own settings against Graph (the page, or the Instagram account linked to it).
	 *
	 * @throws InvalidFieldException naming the field that is wrong
	 */
	abstract void checkAccount(Map<String, String> config);

	/** The post's text and address, as Graph gives them ({@link PostFields#text}, {@link PostFields#link}). */
	MetaAccounts.Post readPost(Channel channel, String postId) throws MetaGraph.Failure {
		PostFields fields = postFields();
		JsonNode post = graph.get(postId, Map.of("fields", fields.text() + "," + fields.link()), token(channel),
				secret(channel)).json();
		return new MetaAccounts.Post(post.path(fields.text()).asString(""), post.path(fields.link()).asString(""));
	}

	/** Answers a comment: the path and body of the call that posts the reply under it. */
	abstract String replyPath(String commentId);

	String identityKind() {
		return IdentityKind.handle(kind());
	}

	@Override
	public boolean socialNetwork() {
		return true;
	}

	/** The app's webhook is set up by hand in Meta's app dashboard, with the channel's hook as its callback. */
	@Override
	public Optional<Text> hookInstructions() {
		return Optional.of(Text.of("In your Meta app's dashboard, under Webhooks, enter this address as the callback URL "
				+ "and the channel's verify token, then subscribe to the fields this channel reads (see the documentation).",
				"Tragen Sie im Dashboard Ihrer Meta-App unter Webhooks diese Adresse als Callback-URL und das "
						+ "Verifizierungstoken des Kanals ein und abonnieren Sie die Felder, die dieser Kanal liest "
						+ "(siehe Dokumentation)."));
	}

	@Override
	public Replies replies() {
		return Replies.OWN;
	}

	/** Signing in with Facebook Login instead of pasting a page token ({@link MetaSignIn}). */
	@Override
	public Optional<SignIn> signIn() {
		return Optional.of(new MetaSignIn(graph, this));
	}

	/** The permissions the login dialog asks for, comma-separated. */
	abstract String scopes();

	/**
	 * What a kind adds to the settings a sign-in gave (app, page, page token, verify token), asked of Graph with the
	 * page's token; nothing by default.
	 *
	 * @throws org.rapport.platform.InvalidFieldException when the page lacks what the kind needs
	 */
	Map<String, String> signedIn(Map<String, String> config) {
		return Map.of();
	}

	/** The settings both kinds share, in the order shown. */
	List<Setting> metaSettings() {
		Text app = Text.of("Meta app", "Meta-App");
		return List.of(
				Setting.of(PAGE_ID, Setting.Type.TEXT, Text.of("Page ID", "Seiten-ID")).mandatory()
					.help(Text.of("The page's number, shown under About → Page transparency, or in Meta Business Suite.",
							"Die Nummer der Seite, zu finden unter Info → Seitentransparenz oder in der Meta Business Suite.")),
				Setting.of(PAGE_TOKEN, Setting.Type.SECRET, Text.of("Page access token", "Seiten-Zugriffstoken")).mandatory()
					.help(Text.of("A page access token of the page, e.g. from the Graph API Explorer with the permissions named above.",
							"Ein Seiten-Zugriffstoken der Seite, z. B. aus dem Graph API Explorer mit den oben genannten Berechtigungen.")),
				Setting.of(APP_ID, Setting.Type.TEXT, Text.of("App ID", "App-ID")).mandatory().in(app),
				Setting.of(APP_SECRET, Setting.Type.SECRET, Text.of("App secret", "App-Geheimnis")).mandatory().in(app)
					.help(Text.of("Under App settings → Basic; Meta signs every webhook delivery with it.",
							"Unter App-Einstellungen → Allgemeines; Meta signiert jede Webhook-Zustellung damit.")),
				Setting.of(VERIFY_TOKEN, Setting.Type.SECRET, Text.of("Webhook verify token", "Webhook-Prüftoken")).mandatory()
					.in(app)
					.help(Text.of("A word of your choice, entered here and as the verify token of the app's webhook.",
							"Ein frei gewähltes Wort, hier und als Prüftoken (Verify Token) des Webhooks der App eingetragen.")));
	}

	/**
	 * Checks the ids' form and asks Graph whether the token opens the page (and the Instagram account), so that a
	 * wrong or expired token is refused, naming its field, when it is entered.
	 */
	@Override
	public Map<String, String> validate(Map<String, String> config) {
		Map<String, String> out = new LinkedHashMap<>();
		for (Setting setting : settings()) {
			String value = config.get(setting.key()) == null ? "" : config.get(setting.key()).strip();
			if (value.isEmpty()) {
				throw new InvalidFieldException("config." + setting.key(), setting.label().en() + " is missing.");
			}
			out.put(setting.key(), value);
		}
		for (String key : List.of(APP_ID, PAGE_ID)) {
			if (!ID.matcher(out.get(key)).matches()) {
				throw new InvalidFieldException("config." + key, "'" + out.get(key) + "' is no Meta id: ids are numbers.");
			}
		}
		try {
			graph.get(out.get(PAGE_ID), Map.of("fields", "id,name"), out.get(PAGE_TOKEN), out.get(APP_SECRET));
		}
		catch (MetaGraph.Failure e) {
			throw new InvalidFieldException("config." + (e.notFound() ? PAGE_ID : PAGE_TOKEN), e.getMessage());
		}
		checkAccount(out);
		return out;
	}

	static String token(Channel channel) {
		return channel.setting(PAGE_TOKEN, "");
	}

	static String secret(Channel channel) {
		return channel.setting(APP_SECRET, "");
	}

	/** A short fingerprint of the channel's token, so that what was learnt of an old token is not told of a new one. */
	static String fingerprint(Channel channel) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(token(channel).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is not available", e);
		}
	}

	/** What is known of the channel's account with its current token; empty when nothing is known yet. */
	Optional<MetaAccounts.Account> account(Channel channel) {
		return accounts.of(channel.id()).filter(a -> a.tokenFingerprint().equals(fingerprint(channel)));
	}

	/** Before writing what Graph said: the account's row, started afresh when the token was replaced. */
	void own(Channel channel) {
		accounts.ensure(channel.id(), fingerprint(channel));
	}

	@Override
	public Readiness readiness(Channel channel) {
		return AccountState.readiness(account(channel).map(a -> !a.state().connected()).orElse(false),
				Text.of(network() + " no longer accepts the page's access token (it expired or was revoked): reconnect needed.",
						network() + " nimmt das Zugriffstoken der Seite nicht mehr an (abgelaufen oder widerrufen): Neu verbinden nötig."),
				channel.id());
	}

	@Override
	public Health health(Channel channel) {
		return account(channel).map(a -> a.state().health(a.tokenExpiresAt())).orElse(Health.UNKNOWN);
	}

	@Override
	public boolean fetches() {
		return true;
	}

	/** Asks Graph now whether the token is valid and when it expires, and reads what the webhook may have missed. */
	@Override
	public boolean sync(Channel channel) {
		checkToken(channel);
		catchUp(channel);
		return true;
	}

	/**
	 * {@code debug_token}: whether the page's token is valid, and when it or its access to data expires, whichever
	 * comes first ({@code 0}: never). An invalid token means "reconnect needed". Not asked while Graph asked for a
	 * pause.
	 */
	void checkToken(Channel channel) {
		own(channel);
		Optional<MetaAccounts.Account> known = account(channel);
		if (known.isPresent() && known.get().state().paused(Instant.now())) {
			return;
		}
		try {
			MetaGraph.Answer answer = graph.debugToken(token(channel), channel.setting(APP_ID, ""), secret(channel));
			JsonNode data = answer.json().path("data");
			Instant expires = earliest(data.path("expires_at").asLong(0), data.path("data_access_expires_at").asLong(0));
			accounts.tokenChecked(channel.id(), expires);
			if (!data.path("is_valid").asBoolean(false)) {
				String said = data.path("error").path("message").asString("");
				accounts.refused(channel.id(), null, true, "Meta says the page's access token is no longer valid"
						+ (said.isEmpty() ? "" : " (" + JsonHttp.shortened(said) + ")") + ": reconnect the channel.");
			}
			else {
				accounts.healthy(channel.id());
				if (answer.pauseUntil() != null) {
					accounts.pause(channel.id(), answer.pauseUntil());
				}
			}
		}
		catch (MetaGraph.Failure e) {
			accounts.refused(channel.id(), e.pauseUntil, e.tokenRejected(), e.getMessage());
			log.info("{} channel {}: {}", network(), channel.id(), e.getMessage());
		}
	}

	private static Instant earliest(long a, long b) {
		long first = a <= 0 ? b : b <= 0 ? a : Math.min(a, b);
		return first <= 0 ? null : Instant.ofEpochSecond(first);
	}

	/** The token is checked again when it was not for {@link #TOKEN_CHECK}. */
	void checkTokenIfDue(Channel channel, Instant now) {
		Optional<MetaAccounts.Account> account = account(channel);
		if (account.isPresent() && account.get().state().paused(now)) {
			return;
		}
		if (account.isEmpty() || account.get().tokenCheckedAt() == null
				|| account.get().tokenCheckedAt().isBefore(now.minus(TOKEN_CHECK))) {
			checkToken(channel);
		}
	}

	/**
	 * The hook: a {@code GET} is Meta's verification handshake ({@code hub.mode=subscribe}, the verify token, a
	 * challenge to echo); a {@code POST} is a delivery, taken only with a valid {@code X-Hub-Signature-256} made with
	 * the app secret, compared in constant time before anything is read.
	 */
	@Override
	public PushAnswer receive(Channel channel, Push push) {
		if ("GET".equals(push.method())) {
			return handshake(channel, push);
		}
		if (!"POST".equals(push.method())) {
			return PushAnswer.refused(405, "Meta delivers with POST.");
		}
		if (!signed(push, secret(channel))) {
			return PushAnswer.unauthorized("The request does not carry a valid " + SIGNATURE_HEADER
					+ " signature made with the app secret of this channel.");
		}
		JsonNode delivery;
		try {
			delivery = JsonHttp.JSON.readTree(push.body());
		}
		catch (JacksonException e) {
			return PushAnswer.refused(400, "The body is not a webhook delivery (JSON).");
		}
		if (delivery == null || !delivery.isObject() || !delivery.path("entry").isArray()) {
			return PushAnswer.refused(400, "The body is not a webhook delivery: it has no entry list.");
		}
		take(channel, MetaWebhooks.events(delivery, object(), accountId(channel), identityKind()));
		MetaWebhooks.edits(delivery, accountId(channel)).forEach((comment, text) -> inbox.replaceBody(channel.id(), comment,
				Messages.textToHtml(text), text.strip()));
		return PushAnswer.taken();
	}

	private static PushAnswer handshake(Channel channel, Push push) {
		String mode = first(push, "hub.mode");
		String given = first(push, "hub.verify_token");
		String challenge = first(push, "hub.challenge");
		String expected = channel.setting(VERIFY_TOKEN, "");
		if (!"subscribe".equals(mode) || expected.isEmpty() || !MessageDigest.isEqual(
				expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
			return PushAnswer.refused(403, "The verify token does not match this channel's.");
		}
		if (challenge.isEmpty() || challenge.length() > 200) {
			return PushAnswer.refused(400, "The handshake has no hub.challenge to echo.");
		}
		return PushAnswer.text(challenge);
	}

	private static String first(Push push, String name) {
		List<String> values = push.query().get(name);
		return values == null || values.isEmpty() || values.getFirst() == null ? "" : values.getFirst();
	}

	/** Whether the delivery carries {@code sha256=<hex HMAC-SHA256 of the raw body with the app secret>}. */
	static boolean signed(Push push, String appSecret) {
		Optional<String> header = push.header(SIGNATURE_HEADER);
		if (appSecret.isEmpty() || header.isEmpty() || !header.get().startsWith("sha256=")) {
			return false;
		}
		String expected = HexFormat.of().formatHex(MetaGraph.hmac(appSecret, push.body()));
		String given = header.get().substring("sha256=".length()).strip().toLowerCase(Locale.ROOT);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
	}

	/** Stores a delivery's messages, a comment headed by the text of its post; remembers when people wrote directly. */
	int take(Channel channel, List<MetaWebhooks.Event> events) {
		if (events.isEmpty()) {
			return 0;
		}
		own(channel);
		List<InboundMessage> batch = new ArrayList<>();
		for (MetaWebhooks.Event event : events) {
			InboundMessage m = event.message();
			if (event.postId() != null) {
				String subject = subject(channel, event.postId());
				Map<String, String> headers = new LinkedHashMap<>(m.headers());
				accounts.post(channel.id(), event.postId()).filter(p -> !p.permalink().isEmpty())
					.ifPresent(p -> headers.put("permalink", p.permalink()));
				m = new InboundMessage(m.externalId(), m.threadKey(), m.references(), m.from(), m.contactId(), subject,
						m.body(), m.html(), m.sentAt(), m.direction(), m.kind(), m.activityKind(), m.attachments(), headers,
						m.automated()).onPost(event.postId());
			}
			batch.add(m);
		}
		Ingestion.Result result = ingestion.ingest(channel, batch);
		for (MetaWebhooks.Event event : events) {
			UUID conversation = result.conversationIds().get(event.message().externalId());
			if (event.direct() && conversation != null) {
				accounts.personWrote(channel.id(), conversation, event.message().sentAt());
			}
		}
		if (result.accepted() > 0) {
			accounts.received(channel.id());
		}
		return result.accepted();
	}

	/**
	 * How {@link #recentComments} asks {@link #ownPostsEdge} for each post's latest comments, and where a comment's
	 * text, time and parent's id stand in Graph's answer.
	 *
	 * @param field the posts' field that lists the comments, e.g. {@code comments.limit(25){id,text,…}}
	 * @param parent a JSON pointer to the id of the comment a comment answers, e.g. {@code /parent_id}
	 */
	record CommentFields(String field, String text, String time, String parent) {
	}

	abstract CommentFields commentFields();

	/**
	 * The comments of the account's latest posts, as Graph lists them now (for {@link #catchUp}), asking
	 * {@link #ownPostsEdge} for each post's text, address and latest comments ({@link #commentFields}); the account's
	 * own comments are passed over, and the posts' texts are kept for the conversations' headings on the way.
	 */
	List<MetaWebhooks.Event> recentComments(Channel channel) throws MetaGraph.Failure {
		String account = accountId(channel);
		PostFields postFields = postFields();
		CommentFields commentFields = commentFields();
		JsonNode posts = graph.get(ownPostsEdge(channel), Map.of("fields", "id," + postFields.text() + ","
				+ postFields.link() + "," + commentFields.field(), "limit", Integer.toString(MetaCatchUp.POSTS)),
				token(channel), secret(channel)).json();
		List<MetaWebhooks.Event> events = new ArrayList<>();
		for (JsonNode post : posts.path("data")) {
			String postId = post.path("id").asString("");
			JsonNode comments = post.path("comments").path("data");
			if (postId.isEmpty() || comments.isEmpty()) {
				continue;
			}
			accounts.rememberPost(channel.id(), postId, new MetaAccounts.Post(post.path(postFields.text()).asString(""),
					post.path(postFields.link()).asString("")));
			for (JsonNode comment : comments) {
				String id = comment.path("id").asString("");
				String from = comment.path("from").path("id").asString("");
				if (id.isEmpty() || from.isEmpty() || from.equals(account)) {
					continue;
				}
				events.add(MetaCatchUp.comment(id, postId, comment.at(commentFields.parent()).asString(""), from,
						comment.path("from"), comment.path(commentFields.text()).asString(""),
						MetaCatchUp.time(comment.path(commentFields.time()).asString("")), identityKind()));
			}
		}
		return events;
	}

	/** The {@code platform} of the page's conversations the kind reads: {@code messenger} or {@code instagram}. */
	abstract String platform();

	/**
	 * Reads what the webhook may have missed — the comments of the latest posts and the latest direct messages — and
	 * stores what is new (every message has the id its webhook delivery has, so nothing is stored twice). Nothing is
	 * asked while Graph asked for a pause or the token is known to be refused.
	 *
	 * @return how many messages were new
	 */
	int catchUp(Channel channel) {
		own(channel);
		Optional<MetaAccounts.Account> account = account(channel);
		if (account.isPresent() && (account.get().state().paused(Instant.now()) || !account.get().state().connected())) {
			return 0;
		}
		try {
			List<MetaWebhooks.Event> events = new ArrayList<>(recentComments(channel));
			MetaGraph.Answer conversations = graph.get(channel.setting(PAGE_ID, "") + "/conversations",
					Map.of("platform", platform(), "fields", "messages.limit(" + MetaCatchUp.MESSAGES
							+ "){id,message,from,created_time}", "limit", Integer.toString(MetaCatchUp.CONVERSATIONS)),
					token(channel), secret(channel));
			events.addAll(MetaCatchUp.messages(conversations.json(), accountId(channel), channel.setting(PAGE_ID, ""),
					identityKind(), network()));
			int taken = take(channel, events);
			accounts.healthy(channel.id());
			if (conversations.pauseUntil() != null) {
				accounts.pause(channel.id(), conversations.pauseUntil());
			}
			return taken;
		}
		catch (MetaGraph.Failure e) {
			accounts.refused(channel.id(), e.pauseUntil, e.tokenRejected(), e.getMessage());
			log.info("{} channel {}: {}", network(), channel.id(), e.getMessage());
			return 0;
		}
	}

	/** The account's own posts, 100 a page, as Graph lists them with its cursors ({@link #ownPostsQuery}). */
	@Override
	public Optional<OwnPosts> ownPosts(Channel channel) {
		return Optional.of(cursor -> ownPostsPage(channel, cursor));
	}

	/** The edge that lists the account's published posts, newest first, e.g. {@code {page-id}/published_posts}. */
	abstract String ownPostsEdge(Channel channel);

	/**
	 * The names of a post's text, address and time on {@link #ownPostsEdge}, and of its like and comment counts
	 * where the edge gives them as plain numbers ({@code null} where not).
	 */
	record PostFields(String text, String link, String time, String likes, String replies) {
	}

	abstract PostFields postFields();

	private PublishedPage ownPostsPage(Channel channel, String cursor) throws ListeningUnavailable {
		Optional<MetaAccounts.Account> account = account(channel);
		if (account.isPresent()) {
			account.get().state().requireReadable(network());
		}
		PostFields fields = postFields();
		Map<String, String> query = new LinkedHashMap<>();
		query.put("fields", String.join(",", java.util.stream.Stream.of("id", fields.text(), fields.link(), fields.time(),
				fields.likes(), fields.replies()).filter(java.util.Objects::nonNull).toList()));
		query.put("limit", "100");
		if (cursor != null) {
			query.put("after", cursor);
		}
		try {
			MetaGraph.Answer answer = graph.get(ownPostsEdge(channel), query, token(channel), secret(channel));
			List<PublishedPost> posts = new ArrayList<>();
			for (JsonNode post : answer.json().path("data")) {
				String id = post.path("id").asString("");
				String time = post.path(fields.time()).asString("");
				if (!id.isEmpty() && !time.isEmpty()) {
					posts.add(new PublishedPost(id, post.path(fields.link()).asString(null), MetaCatchUp.time(time),
							post.path(fields.text()).asString(""),
							fields.likes() == null ? null : JsonHttp.count(post, fields.likes()), null,
							fields.replies() == null ? null : JsonHttp.count(post, fields.replies())));
				}
			}
			if (answer.pauseUntil() != null) {
				accounts.pause(channel.id(), answer.pauseUntil());
			}
			JsonNode paging = answer.json().path("paging");
			String after = paging.path("cursors").path("after").asString("");
			return new PublishedPage(posts, paging.has("next") && !after.isEmpty() ? after : null);
		}
		catch (MetaGraph.Failure e) {
			accounts.refused(channel.id(), e.pauseUntil, e.tokenRejected(), e.getMessage());
			throw new ListeningUnavailable(e.getMessage(), e.pauseUntil, e);
		}
	}

	/**
	 * The subject of a comment's conversation: the start of the post it is under, read from Graph once per post. When
	 * Graph cannot tell now (a pause, an error), it is empty and a later comment fills it in.
	 */
	private String subject(Channel channel, String postId) {
		Optional<MetaAccounts.Post> known = accounts.post(channel.id(), postId);
		if (known.isEmpty()) {
			Optional<MetaAccounts.Account> account = account(channel);
			if (account.isPresent() && account.get().state().paused(Instant.now())) {
				return "";
			}
			try {
				MetaAccounts.Post post = readPost(channel, postId);
				accounts.rememberPost(channel.id(), postId, post);
				known = Optional.of(post);
			}
			catch (MetaGraph.Failure e) {
				accounts.refused(channel.id(), e.pauseUntil, e.tokenRejected(), e.getMessage());
				return "";
			}
		}
		String text = known.get().text().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
		if (text.isEmpty()) {
			return known.get().permalink().isEmpty() ? "" : network() + ": " + known.get().permalink();
		}
		return network() + ": " + (text.length() > 120 ? text.substring(0, 119) + "…" : text);
	}

	/**
	 * A person's direct message older than the window is one Meta no longer lets the page answer: said above the
	 * composer before anyone writes in vain.
	 */
	@Override
	public Optional<Notice> noticeFor(Channel channel, UUID conversationId) {
		return accounts.lastWrote(channel.id(), conversationId)
			.filter(at -> at.isBefore(Instant.now().minus(MESSAGE_WINDOW)))
			.map(at -> new Notice(Text.of(network() + " lets a page answer a direct message only within 24 hours of the "
					+ "person's last message, and that was longer ago: an answer here will be refused. Ask them to write "
					+ "again, or answer by another way.",
					network() + " lässt eine Seite auf eine Direktnachricht nur innerhalb von 24 Stunden nach der letzten "
							+ "Nachricht der Person antworten, und die ist länger her: Eine Antwort hier wird abgelehnt. Bitten "
							+ "Sie um eine neue Nachricht oder antworten Sie auf anderem Weg."), List.of()));
	}

	/**
	 * Sends the answer where the conversation is: a direct message through the page's Send API (as a
	 * {@code RESPONSE}, within the 24-hour window), a comment thread as a reply under the person's latest comment.
	 * Meta cannot recognise a message sent twice, so an attempt that may have arrived (no answer, a 5xx) is not
	 * repeated.
	 */
	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		String text = reply.bodyText() == null ? "" : reply.bodyText().strip();
		if (text.isEmpty()) {
			throw new DeliveryException(network() + " sends no empty messages.", false, null);
		}
		String thread = reply.threadKey() == null ? "" : reply.threadKey();
		own(channel);
		Optional<MetaAccounts.Account> account = account(channel);
		if (account.isPresent() && account.get().state().paused(Instant.now())) {
			Instant until = account.get().state().rateLimitedUntil();
			throw new DeliveryException("Meta asked for a pause until " + until.truncatedTo(ChronoUnit.SECONDS) + ".", until,
					null);
		}
		String path;
		Map<String, Object> body = new LinkedHashMap<>();
		if (thread.startsWith(MetaWebhooks.DM_THREAD)) {
			if (text.length() > MAX_TEXT) {
				throw new DeliveryException(network() + " takes at most " + MAX_TEXT + " characters per message; this "
						+ "answer has " + text.length() + ". Shorten it or send it in parts.", false, null);
			}
			path = channel.setting(PAGE_ID, "") + "/messages";
			body.put("recipient", Map.of("id", thread.substring(MetaWebhooks.DM_THREAD.length())));
			body.put("messaging_type", "RESPONSE");
			body.put("message", Map.of("text", text));
		}
		else if (thread.startsWith(MetaWebhooks.POST_THREAD)) {
			String comment = answered(reply).orElseThrow(() -> new DeliveryException(
					"This conversation has no comment of a person to answer.", false, null));
			path = replyPath(comment);
			body.put("message", text);
		}
		else {
			throw new DeliveryException("This conversation has no " + network() + " comment or chat to answer.", false,
					null);
		}
		try {
			MetaGraph.Answer answer = graph.post(path, body, token(channel), secret(channel));
			accounts.healthy(channel.id());
			if (answer.pauseUntil() != null) {
				accounts.pause(channel.id(), answer.pauseUntil());
			}
			String id = answer.json().path("message_id").asString(answer.json().path("id").asString(""));
			return Delivered.sent(id.isEmpty() ? null : id + MetaWebhooks.SENT);
		}
		catch (MetaGraph.Failure e) {
			boolean window = e.outsideWindow();
			accounts.refused(channel.id(), e.pauseUntil, e.tokenRejected(), e.getMessage());
			if (window) {
				throw new DeliveryException(network() + " refused the message: the 24-hour window in which a page may "
						+ "answer a person's direct message has closed (their last message is older). It can be sent only "
						+ "after they write again. (" + e.getMessage() + ")", false, e);
			}
			if (e.pauseUntil != null) {
				throw new DeliveryException(e.getMessage(), e.pauseUntil, e);
			}
			if (e.mayHaveWorked) {
				throw new DeliveryException(e.getMessage() + " The answer may have arrived: look on " + network()
						+ ", and send it again only if it is missing.", false, e);
			}
			throw new DeliveryException(e.getMessage(), e.retryable, e);
		}
	}

	/** The person's latest comment of the conversation: the newest reference that the page did not send. */
	private static Optional<String> answered(OutgoingReply reply) {
		List<String> references = reply.references();
		for (int i = references.size() - 1; i >= 0; i--) {
			String id = references.get(i);
			if (id != null && !id.endsWith(MetaWebhooks.SENT) && !id.isBlank()) {
				return Optional.of(id);
			}
		}
		return Optional.empty();
	}
}

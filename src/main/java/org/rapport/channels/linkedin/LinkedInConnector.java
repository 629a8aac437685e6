package org.rapport.channels.linkedin;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.channels.network.AccountConnector;
import org.rapport.channels.network.AccountState;
import org.rapport.channels.network.JsonHttp;
import org.rapport.contacts.IdentityKind;
import org.rapport.inbox.Inbox;
import org.rapport.inbox.Messages;
import org.rapport.platform.InvalidFieldException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A LinkedIn page (an organisation), connected once with the organisation's LinkedIn app (Community Management API)
 * and a sign-in of an administrator of the page. Comments on the page's posts and posts that mention the page arrive
 * through the app's webhook (organisation social action notifications, signed with the client secret) and through
 * {@link LinkedInPolling}; a post's comments are one conversation, as on a Facebook page. Answers are comments of the
 * page: nested under the top-level comment of the comment answered (LinkedIn nests one level deep), or on the post
 * that mentioned the page.
 */
@Component
class LinkedInConnector extends AccountConnector implements ChannelConnector {

	static final String KIND = "linkedin";

	static final String IDENTITY = IdentityKind.handle(KIND);

	/** The header LinkedIn signs each delivery in. */
	static final String SIGNATURE_HEADER = "X-LI-Signature";

	/** LinkedIn takes comments of up to this many characters. */
	static final int MAX_COMMENT = 1250;

	private static final Pattern ORGANIZATION_URN = Pattern.compile("(?:urn:li:organization:)?([0-9]{1,20})");

	static final Setting CLIENT_ID = Setting.of(LinkedInAccess.CLIENT_ID, Setting.Type.TEXT,
			Text.of("Client ID", "Client-ID")).mandatory()
		.in(Text.of("LinkedIn app", "LinkedIn-App"))
		.help(Text.of("Of your app in the LinkedIn developer portal (Auth tab); the app needs the Community Management API.",
				"Ihrer App im LinkedIn-Entwicklerportal (Reiter Auth); die App braucht die Community Management API."));

	static final Setting CLIENT_SECRET = Setting.of(LinkedInAccess.CLIENT_SECRET, Setting.Type.SECRET,
			Text.of("Client secret", "Client-Geheimnis")).mandatory()
		.in(Text.of("LinkedIn app", "LinkedIn-App"))
		.help(Text.of("Also signs every webhook delivery.", "Signiert auch jede Webhook-Zustellung."));

	static final Setting ORGANIZATION = Setting.of(LinkedInAccess.ORGANIZATION, Setting.Type.TEXT,
			Text.of("Page (organisation ID)", "Seite (Organisations-ID)")).mandatory()
		.help(Text.of("The number in the address of the page's admin view (linkedin.com/company/12345/admin), or urn:li:organization:12345.",
				"Die Nummer in der Adresse der Admin-Ansicht der Seite (linkedin.com/company/12345/admin) oder urn:li:organization:12345."));

	private final LinkedInAccess access;
	private final LinkedInAccounts accounts;
	private final LinkedInClient client;
	private final LinkedInPolling polling;
	private final LinkedInSignIn signIn;
	private final Inbox inbox;

	private final LinkedInPosts posts;

	LinkedInConnector(LinkedInAccess access, LinkedInAccounts accounts, LinkedInClient client,
			@Lazy LinkedInPolling polling, LinkedInSignIn signIn, @Lazy Inbox inbox, LinkedInPosts posts) {
		super(KIND, polling::poll, Text.of("LinkedIn no longer accepts the page's sign-in (expired or revoked): reconnect needed.",
				"LinkedIn akzeptiert die Anmeldung der Seite nicht mehr (abgelaufen oder widerrufen): Neu verbinden nötig."));
		this.posts = posts;
		this.access = access;
		this.accounts = accounts;
		this.client = client;
		this.polling = polling;
		this.signIn = signIn;
		this.inbox = inbox;
	}

	/** The page's own posts, 50 a page ({@link LinkedInPosts}). */
	@Override
	public Optional<OwnPosts> ownPosts(Channel channel) {
		return Optional.of(posts.of(channel));
	}

	@Override
	public Text name() {
		return Text.of("LinkedIn", "LinkedIn");
	}

	@Override
	public Text account() {
		return Text.of("LinkedIn page", "LinkedIn-Seite");
	}

	@Override
	public Text about() {
		return Text.of("Connects your organisation's LinkedIn page through a LinkedIn app of your own with the Community "
				+ "Management API: comments on the page's posts and posts that mention the page arrive in the inbox, one "
				+ "conversation per post; answers appear as the page's comments, under the comment answered. An "
				+ "administrator of the page signs in once; the webhook address is shown once the channel exists.",
				"Verbindet die LinkedIn-Seite Ihrer Organisation über eine eigene LinkedIn-App mit der Community Management "
						+ "API: Kommentare unter den Beiträgen der Seite und Beiträge, die die Seite erwähnen, kommen in den "
						+ "Posteingang, ein Gespräch je Beitrag; Antworten erscheinen als Kommentar der Seite unter dem "
						+ "beantworteten Kommentar. Ein Administrator der Seite meldet sich einmal an; die Webhook-Adresse "
						+ "wird angezeigt, sobald der Kanal angelegt ist.");
	}

	@Override
	public String icon() {
		return "M4 4h16v16H4z M8 10v6 M8 7v.01 M12 16v-6 M12 12.5c0-1.5 1-2.5 2.25-2.5S16 11 16 12.5V16";
	}

	@Override
	public List<Setting> settings() {
		return List.of(CLIENT_ID, CLIENT_SECRET, ORGANIZATION,
				Setting.of(LinkedInAccess.APP_ID, Setting.Type.TEXT, Text.of("App ID (for the webhook)", "App-ID (für den Webhook)"))
					.help(Text.of("Optional: the number in the address of your app in LinkedIn's developer portal "
							+ "(…/developers/apps/<number>/…). With it, Rapport subscribes the page's comments and mentions "
							+ "to this channel's webhook itself; without it, they arrive every quarter hour.",
							"Optional: die Nummer in der Adresse Ihrer App im LinkedIn-Entwicklerportal "
									+ "(…/developers/apps/<Nummer>/…). Damit meldet Rapport die Kommentare und Erwähnungen der "
									+ "Seite selbst am Webhook dieses Kanals an; ohne sie kommen sie viertelstündlich.")),
				Setting.of(LinkedInAccess.ACCESS_TOKEN, Setting.Type.SECRET, Text.of("Access token", "Zugriffstoken"))
					.help(Text.of("Filled in by signing in with LinkedIn; or a token of an administrator of the page for this app "
							+ "with the scopes " + LinkedInSignIn.SCOPES + ".",
							"Wird beim Anmelden mit LinkedIn eingetragen; oder ein Token eines Administrators der Seite für diese "
									+ "App mit den Scopes " + LinkedInSignIn.SCOPES + ".")),
				Setting.of(LinkedInAccess.REFRESH_TOKEN, Setting.Type.SECRET, Text.of("Refresh token", "Refresh-Token"))
					.help(Text.of("Filled in by signing in when LinkedIn allows your app programmatic refresh tokens; the access "
							+ "token is then renewed before it expires.",
							"Wird beim Anmelden eingetragen, wenn LinkedIn Ihrer App programmatische Refresh-Tokens erlaubt; das "
									+ "Zugriffstoken wird dann vor Ablauf erneuert.")));
	}

	@Override
	public Optional<SignIn> signIn() {
		return Optional.of(signIn);
	}

	/**
	 * The webhook is entered by hand in the app's Webhooks tab (LinkedIn offers no call for it), and the page is
	 * subscribed to it once with LinkedIn's Event Subscription API ({@code PUT /rest/eventSubscriptions/(…)}), by
	 * Rapport when the channel names its app's id ({@link LinkedInPolling#subscribe}), else by hand (docs/networks.md).
	 * Without the webhook comments and mentions still arrive, with the catch-up.
	 */
	@Override
	public Optional<Text> hookInstructions() {
		return Optional.of(Text.of("In your LinkedIn app in the developer portal, under Webhooks, enter this address; "
				+ "LinkedIn checks it with the client secret. With the channel's App ID filled in, Rapport then subscribes "
				+ "the page to it by itself; without it, subscribe the page once with an administrator's access token: "
				+ "PUT /rest/eventSubscriptions/(developerApplication:…,user:…,entity:…,"
				+ "eventType:ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS) with {\"webhook\": \"<this address>\"} (the exact "
				+ "call is in the documentation, LinkedIn section). Until then, comments and mentions arrive every quarter "
				+ "of an hour instead of at once.",
				"Tragen Sie in Ihrer LinkedIn-App im Entwicklerportal unter Webhooks diese Adresse ein; LinkedIn prüft sie "
						+ "mit dem Client-Geheimnis. Ist die App-ID des Kanals eingetragen, meldet Rapport die Seite dann selbst "
						+ "an; sonst abonnieren Sie sie einmal mit dem Zugriffstoken eines Administrators: "
						+ "PUT /rest/eventSubscriptions/(developerApplication:…,user:…,entity:…,"
						+ "eventType:ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS) mit {\"webhook\": \"<diese Adresse>\"} (der "
						+ "genaue Aufruf steht in der Dokumentation, Abschnitt LinkedIn). Bis dahin kommen Kommentare und "
						+ "Erwähnungen viertelstündlich statt sofort."));
	}

	/** The page's URN, from an id or a URN as entered. */
	static String organizationUrn(String entered) {
		Matcher m = ORGANIZATION_URN.matcher(entered == null ? "" : entered.strip());
		if (!m.matches()) {
			throw new InvalidFieldException("config." + LinkedInAccess.ORGANIZATION,
					"'" + entered + "' is no LinkedIn organisation: enter its number or urn:li:organization:<number>.");
		}
		return "urn:li:organization:" + m.group(1);
	}

	static String organization(Channel channel) {
		return channel.setting(LinkedInAccess.ORGANIZATION, "");
	}

	/**
	 * Checks the credentials with LinkedIn (a refresh, or an introspection of the access token) and that they open
	 * the page ({@code GET /rest/organizations/{id}}), so that wrong ones are refused, naming their field, when entered.
	 */
	@Override
	public Map<String, String> validate(Map<String, String> config) {
		String clientId = Setting.required(config, LinkedInAccess.CLIENT_ID, "The client ID of the LinkedIn app is missing.");
		String secret = Setting.required(config, LinkedInAccess.CLIENT_SECRET, "The client secret of the LinkedIn app is missing.");
		String organization = organizationUrn(Setting.required(config, LinkedInAccess.ORGANIZATION, "The page is missing."));
		String accessToken = value(config, LinkedInAccess.ACCESS_TOKEN);
		String refreshToken = value(config, LinkedInAccess.REFRESH_TOKEN);
		if (accessToken.isEmpty() && refreshToken.isEmpty()) {
			throw new InvalidFieldException("config." + LinkedInAccess.ACCESS_TOKEN,
					"The access token is missing: sign in with LinkedIn.");
		}
		String tokenField = "config." + (refreshToken.isEmpty() ? LinkedInAccess.ACCESS_TOKEN : LinkedInAccess.REFRESH_TOKEN);
		String token;
		try {
			token = access.check(clientId, secret, accessToken, refreshToken);
		}
		catch (LinkedInClient.Failure e) {
			boolean client = "invalid_client".equals(e.reason) || "unauthorized_client".equals(e.reason);
			throw new InvalidFieldException(client ? "config." + LinkedInAccess.CLIENT_SECRET : tokenField, e.getMessage());
		}
		try {
			client.get(token, "organizations/" + organization.substring("urn:li:organization:".length()));
		}
		catch (LinkedInClient.Failure e) {
			boolean page = e.status == 403 || e.status == 404;
			throw new InvalidFieldException(page ? "config." + LinkedInAccess.ORGANIZATION : tokenField,
					e.status == 404 ? "LinkedIn knows no organisation " + organization + "." : e.getMessage());
		}
		Map<String, String> out = new LinkedHashMap<>();
		out.put(LinkedInAccess.CLIENT_ID, clientId);
		out.put(LinkedInAccess.CLIENT_SECRET, secret);
		out.put(LinkedInAccess.ORGANIZATION, organization);
		String appId = value(config, LinkedInAccess.APP_ID);
		if (!appId.isEmpty() && !appId.matches("[0-9]{1,20}")) {
			throw new InvalidFieldException("config." + LinkedInAccess.APP_ID,
					"The app ID is the number in your app's address in LinkedIn's developer portal, not '" + appId + "'.");
		}
		if (!appId.isEmpty()) {
			out.put(LinkedInAccess.APP_ID, appId);
		}
		if (!accessToken.isEmpty()) {
			out.put(LinkedInAccess.ACCESS_TOKEN, accessToken);
		}
		if (!refreshToken.isEmpty()) {
			out.put(LinkedInAccess.REFRESH_TOKEN, refreshToken);
		}
		return out;
	}

	private static String value(Map<String, String> config, String key) {
		return config.get(key) == null ? "" : config.get(key).strip();
	}

	@Override
	protected Optional<AccountState> state(Channel channel) {
		return accounts.of(channel.id()).map(LinkedInAccounts.Account::state);
	}

	/**
	 * The page's standing, with when the connection ends unless an administrator signs in again (the refresh token's
	 * expiry, or the access token's when there is no refresh token): Rapport mails the managers before.
	 */
	@Override
	public Health health(Channel channel) {
		return accounts.of(channel.id()).map(a -> a.state().health(a.connectionEnds())).orElse(Health.UNKNOWN);
	}

	/**
	 * The hook: LinkedIn's validation ({@code challengeCode} → {@code challengeResponse}, the hex HMAC-SHA256 of the
	 * code with the client secret), and deliveries of organisation social action notifications, taken only with a
	 * valid {@code X-LI-Signature} made with the client secret, compared in constant time before anything is read.
	 */
	@Override
	public PushAnswer receive(Channel channel, Push push) {
		String secret = channel.setting(LinkedInAccess.CLIENT_SECRET, "");
		List<String> challenge = push.query().get("challengeCode");
		if (challenge != null && !challenge.isEmpty() && ("GET".equals(push.method()) || push.body().length == 0)) {
			String code = challenge.getFirst() == null ? "" : challenge.getFirst();
			if (code.isEmpty() || code.length() > 200 || secret.isEmpty()) {
				return PushAnswer.refused(400, "The validation has no challengeCode to answer.");
			}
			Map<String, String> answer = new LinkedHashMap<>();
			answer.put("challengeCode", code);
			answer.put("challengeResponse", HexFormat.of().formatHex(hmac(secret, code.getBytes(StandardCharsets.UTF_8))));
			return new PushAnswer(200, "application/json", JsonHttp.JSON.writeValueAsString(answer));
		}
		if (!"POST".equals(push.method())) {
			return PushAnswer.refused(405, "LinkedIn delivers with POST.");
		}
		if (!signed(push, secret)) {
			return PushAnswer.unauthorized("The request does not carry a valid " + SIGNATURE_HEADER
					+ " signature made with the client secret of this channel.");
		}
		JsonNode delivery;
		try {
			delivery = JsonHttp.JSON.readTree(push.body());
		}
		catch (JacksonException e) {
			return PushAnswer.refused(400, "The body is not a webhook delivery (JSON).");
		}
		if (delivery == null || !delivery.isObject() || !delivery.path("notifications").isArray()) {
			return PushAnswer.refused(400, "The body is not a webhook delivery: it has no notifications.");
		}
		String organization = organization(channel);
		polling.take(channel, LinkedInItems.notifications(delivery.path("notifications"), organization, IDENTITY));
		LinkedInItems.edits(delivery.path("notifications"), organization)
			.forEach((comment, text) -> inbox.replaceBody(channel.id(), comment, Messages.textToHtml(text), text.strip()));
		return PushAnswer.taken();
	}

	/**
	 * Whether the delivery carries LinkedIn's signature: the hex HMAC-SHA256, with the client secret, of the raw body
	 * prefixed by {@code hmacsha256=} (learn.microsoft.com/linkedin/shared/api-guide/webhook-validation). The page's
	 * wording can also be read as the HMAC of the body alone, so that is taken too; either needs the secret.
	 */
	static boolean signed(Push push, String secret) {
		Optional<String> header = push.header(SIGNATURE_HEADER);
		if (secret.isEmpty() || header.isEmpty()) {
			return false;
		}
		String given = header.get().strip().toLowerCase(Locale.ROOT);
		if (given.startsWith("hmacsha256=")) {
			given = given.substring("hmacsha256=".length());
		}
		byte[] prefix = "hmacsha256=".getBytes(StandardCharsets.UTF_8);
		byte[] prefixed = new byte[prefix.length + push.body().length];
		System.arraycopy(prefix, 0, prefixed, 0, prefix.length);
		System.arraycopy(push.body(), 0, prefixed, prefix.length, push.body().length);
		byte[] givenBytes = given.getBytes(StandardCharsets.US_ASCII);
		boolean withPrefix = MessageDigest.isEqual(HexFormat.of().formatHex(hmac(secret, prefixed))
			.getBytes(StandardCharsets.US_ASCII), givenBytes);
		boolean bodyAlone = MessageDigest.isEqual(HexFormat.of().formatHex(hmac(secret, push.body()))
			.getBytes(StandardCharsets.US_ASCII), givenBytes);
		return withPrefix | bodyAlone;
	}

	static byte[] hmac(String secret, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HMAC-SHA256 is not available", e);
		}
	}

	/**
	 * Posts the answer as a comment of the page: nested under the top-level comment of the person's latest comment in
	 * the conversation ({@code POST /rest/socialActions/{top-level comment}/comments} with {@code parentComment}), or on
	 * the post when the conversation is a mention. LinkedIn cannot recognise a comment sent twice, so an attempt that
	 * may have arrived (no answer, a 5xx) is not repeated.
	 */
	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		String text = reply.bodyText() == null ? "" : reply.bodyText().strip();
		if (text.isEmpty()) {
			throw new DeliveryException("LinkedIn takes no empty comments.", false, null);
		}
		if (text.codePointCount(0, text.length()) > MAX_COMMENT) {
			throw new DeliveryException("LinkedIn takes comments of up to " + MAX_COMMENT + " characters; this answer has "
					+ text.codePointCount(0, text.length()) + ". Shorten it.", false, null);
		}
		String post = reply.threadKey() == null ? "" : reply.threadKey();
		if (post.isBlank()) {
			throw new DeliveryException("This conversation has no LinkedIn post to answer.", false, null);
		}
		String top = "";
		for (int i = reply.references().size() - 1; i >= 0; i--) {
			Optional<LinkedInAccounts.Comment> known = accounts.comment(channel.id(), reply.references().get(i))
				.filter(c -> !c.own());
			if (known.isPresent()) {
				top = known.get().topUrn();
				post = known.get().postUrn();
				break;
			}
		}
		try {
			LinkedInAccounts.Account account = access.account(channel);
			if (!account.state().connected()) {
				throw new DeliveryException("LinkedIn no longer accepts the page's sign-in: reconnect the LinkedIn channel.",
						false, null);
			}
			if (account.state().paused(Instant.now())) {
				Instant until = account.state().rateLimitedUntil();
				throw new DeliveryException("LinkedIn asked for a pause until " + until.truncatedTo(ChronoUnit.SECONDS) + ".",
						until, null);
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("actor", organization(channel));
			body.put("object", post);
			body.put("message", Map.of("text", text));
			if (!top.isEmpty()) {
				body.put("parentComment", top);
			}
			String target = top.isEmpty() ? post : top;
			LinkedInClient.Created created = access.call(channel,
					t -> client.post(t, "socialActions/" + LinkedInItems.encoded(target) + "/comments", body));
			String urn = LinkedInItems.commentUrn(created.body().path("commentUrn").asString(
					created.body().path("$URN").asString(created.id())));
			accounts.healthy(channel.id());
			if (urn.isEmpty()) {
				return Delivered.sent(null);
			}
			accounts.rememberComment(channel.id(), urn,
					new LinkedInAccounts.Comment(post, top.isEmpty() ? urn : top, true));
			return Delivered.sent(urn);
		}
		catch (LinkedInClient.Failure e) {
			accounts.failed(channel.id(), e);
			throw e.undelivered("The comment may have been posted; look at the post on LinkedIn before sending it again.");
		}
	}
}

package org.rapport.channels.youtube;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.channels.network.AccountConnector;
import org.rapport.channels.network.AccountState;
import org.rapport.platform.InvalidFieldException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * A YouTube channel, connected with the OAuth client of the organisation's Google Cloud project (YouTube Data API v3
 * switched on) and a refresh token from signing in with Google. Comment threads on the channel's videos are read by
 * {@link YouTubePolling}, one conversation per thread; answers are posted as replies in the thread
 * ({@code comments.insert}, 50 of the project's 10,000 daily quota units). The units used today are counted by
 * {@link YouTubeQuota} and shown with the channel's health.
 */
@Component
class YouTubeConnector extends AccountConnector implements ChannelConnector {

	static final String KIND = "youtube";

	/** YouTube takes comments of up to this many characters. */
	static final int MAX_COMMENT = 10_000;

	static final Setting CLIENT_ID = Setting.of(YouTubeAccess.CLIENT_ID, Setting.Type.TEXT,
			Text.of("OAuth client ID", "OAuth-Client-ID")).mandatory()
		.help(Text.of("Of the OAuth client (web application) in your Google Cloud project, e.g. 1234-abc.apps.googleusercontent.com.",
				"Des OAuth-Clients (Webanwendung) in Ihrem Google-Cloud-Projekt, z. B. 1234-abc.apps.googleusercontent.com."));

	static final Setting CLIENT_SECRET = Setting.of(YouTubeAccess.CLIENT_SECRET, Setting.Type.SECRET,
			Text.of("OAuth client secret", "OAuth-Client-Geheimnis")).mandatory();

	private final YouTubeAccess access;
	private final YouTubeAccounts accounts;
	private final YouTubeQuota quota;
	private final YouTubeClient client;
	private final YouTubeSignIn signIn;
	private final YouTubePosts posts;

	YouTubeConnector(YouTubeAccess access, YouTubeAccounts accounts, YouTubeQuota quota, YouTubeClient client,
			@Lazy YouTubePolling polling, YouTubeSignIn signIn, YouTubePosts posts) {
		super(KIND, polling::poll, Text.of("Google no longer accepts the sign-in: the YouTube channel needs to be reconnected.",
				"Google akzeptiert die Anmeldung nicht mehr: Der YouTube-Kanal muss neu verbunden werden."));
		this.posts = posts;
		this.access = access;
		this.accounts = accounts;
		this.quota = quota;
		this.client = client;
		this.signIn = signIn;
	}

	@Override
	public Text name() {
		return Text.of("YouTube", "YouTube");
	}

	@Override
	public Text account() {
		return Text.of("YouTube channel", "YouTube-Kanal");
	}

	@Override
	public Text about() {
		return Text.of("Comments on your channel's videos arrive in the inbox, one conversation per comment thread; answers "
				+ "are posted as replies in the thread. Needs a Google Cloud project with the YouTube Data API v3 and an "
				+ "OAuth client; Google allows the project 10,000 quota units a day (a reply costs 50).",
				"Kommentare zu den Videos Ihres Kanals kommen in den Posteingang, ein Gespräch je Kommentar-Thread; Antworten "
						+ "erscheinen als Antwort im Thread. Dafür braucht es ein Google-Cloud-Projekt mit der YouTube Data "
						+ "API v3 und einem OAuth-Client; Google gewährt dem Projekt 10.000 Kontingent-Einheiten am Tag (eine "
						+ "Antwort kostet 50).");
	}

	@Override
	public String icon() {
		return "M2.5 7.5c.2-1.6 1.4-2.8 3-3C7.6 4.2 9.8 4 12 4s4.4.2 6.5.5c1.6.2 2.8 1.4 3 3 .3 1.5.5 3 .5 4.5s-.2 3-.5 4.5"
				+ "c-.2 1.6-1.4 2.8-3 3-2.1.3-4.3.5-6.5.5s-4.4-.2-6.5-.5c-1.6-.2-2.8-1.4-3-3C2.2 15 2 13.5 2 12s.2-3 .5-4.5z"
				+ " M10 9l5 3-5 3z";
	}

	@Override
	public List<Setting> settings() {
		return List.of(CLIENT_ID, CLIENT_SECRET,
				Setting.of(YouTubeAccess.REFRESH_TOKEN, Setting.Type.SECRET, Text.of("Refresh token", "Refresh-Token"))
					.mandatory()
					.help(Text.of("Filled in by signing in with Google; or one obtained for this OAuth client with the scope "
							+ YouTubeSignIn.SCOPE + ".",
							"Wird beim Anmelden mit Google eingetragen; oder eines, das für diesen OAuth-Client mit dem Scope "
									+ YouTubeSignIn.SCOPE + " ausgestellt wurde.")));
	}

	/** The channel's public videos, 50 a page ({@link YouTubePosts}). */
	@Override
	public Optional<OwnPosts> ownPosts(Channel channel) {
		return Optional.of(posts.of(channel));
	}

	@Override
	public Optional<SignIn> signIn() {
		return Optional.of(signIn);
	}

	/** Refreshes the token once and asks whose channel it is, so that wrong credentials are refused when entered. */
	@Override
	public Map<String, String> validate(Map<String, String> config) {
		String clientId = Setting.required(config, YouTubeAccess.CLIENT_ID, "The OAuth client ID of the Google Cloud project is missing.");
		String secret = Setting.required(config, YouTubeAccess.CLIENT_SECRET, "The OAuth client secret is missing.");
		String refresh = Setting.required(config, YouTubeAccess.REFRESH_TOKEN, "The refresh token is missing: sign in with Google.");
		try {
			access.check(clientId, secret, refresh);
		}
		catch (YouTubeClient.Failure e) {
			String field = "invalid_client".equals(e.reason) || "unauthorized_client".equals(e.reason)
					? "config." + YouTubeAccess.CLIENT_SECRET : "config." + YouTubeAccess.REFRESH_TOKEN;
			throw new InvalidFieldException(field, e.getMessage());
		}
		Map<String, String> out = new LinkedHashMap<>();
		out.put(YouTubeAccess.CLIENT_ID, clientId);
		out.put(YouTubeAccess.CLIENT_SECRET, secret);
		out.put(YouTubeAccess.REFRESH_TOKEN, refresh);
		return out;
	}

	@Override
	protected Optional<AccountState> state(Channel channel) {
		return accounts.of(channel.id()).map(YouTubeAccounts.Account::state);
	}

	/**
	 * The account's standing, with when the sign-in ends if Google said (Rapport mails the managers before, as for
	 * every network) and the quota units the Google Cloud project used today.
	 */
	@Override
	public Health health(Channel channel) {
		Health health = accounts.of(channel.id()).map(a -> a.state().health(a.refreshExpiresAt())).orElse(Health.UNKNOWN);
		String clientId = YouTubeAccess.clientId(channel);
		return clientId.isEmpty() ? health : health.withQuota(quota.used(clientId), quota.daily());
	}

	/**
	 * Posts the answer as a reply in the conversation's comment thread: {@code comments.insert} with the thread's
	 * top-level comment (whose id is the thread's) as {@code parentId}. YouTube does not deduplicate, so a reply whose
	 * answer was lost is not tried again.
	 */
	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		String thread = reply.threadKey();
		if (thread == null || thread.isBlank()) {
			throw new DeliveryException("This conversation has no YouTube comment thread to answer.", false, null);
		}
		String text = reply.bodyText() == null ? "" : reply.bodyText().strip();
		if (text.isEmpty()) {
			throw new DeliveryException("YouTube takes no empty comments.", false, null);
		}
		if (text.codePointCount(0, text.length()) > MAX_COMMENT) {
			throw new DeliveryException("YouTube takes comments of up to " + MAX_COMMENT + " characters.", false, null);
		}
		try {
			YouTubeAccounts.Account account = access.account(channel);
			if (!account.state().connected()) {
				throw new DeliveryException("Google no longer accepts the sign-in: reconnect the YouTube channel.", false,
						null);
			}
			if (account.state().paused(Instant.now())) {
				throw new DeliveryException("YouTube asked for a pause; the reply goes after it.",
						account.state().rateLimitedUntil(), null);
			}
			Map<String, Object> comment = Map.of("snippet", Map.of("parentId", thread, "textOriginal", text));
			JsonNode posted = access.call(channel, YouTubeQuota.INSERT, 0,
					t -> client.post(t, "comments?part=snippet", comment));
			return Delivered.sent(posted.path("id").asString(null));
		}
		catch (YouTubeClient.Failure e) {
			accounts.failed(channel.id(), e);
			throw e.undelivered("The reply may have been posted; look at the thread on YouTube before sending it again.");
		}
	}
}

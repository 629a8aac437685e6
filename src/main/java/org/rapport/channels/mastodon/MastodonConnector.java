package org.rapport.channels.mastodon;

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
import org.rapport.channels.network.ServerOrigin;
import org.rapport.platform.InvalidFieldException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * A Mastodon account on any instance, connected with the instance's address and an access token (created under
 * Preferences → Development on the instance, with the scopes {@code read}, {@code write:statuses} and
 * {@code write:media}). Mentions and
 * direct messages are read by {@link MastodonPolling}; answers are posted as replies with the same visibility as
 * the post they answer, mentioning its author; the account's followers are listed for audits by
 * {@link MastodonFollowers}.
 */
@Component
class MastodonConnector extends AccountConnector implements ChannelConnector {

	static final String KIND = "mastodon";

	/** How many earlier posts a reply looks through for one that is not the account's own. */
	private static final int LOOK_BACK = 5;

	/** The instance's address, the one setting the sign-in asks for before sending the manager there. */
	static final Setting INSTANCE = Setting.of("instance", Setting.Type.URL, Text.of("Instance", "Instanz")).mandatory()
		.help(Text.of("The address of the instance, e.g. https://mastodon.social.",
				"Die Adresse der Instanz, z. B. https://mastodon.social."));

	private final MastodonClient client;
	private final MastodonAccounts accounts;
	private final MastodonPolling polling;
	private final MastodonSignIn signIn;
	private final MastodonFollowers followers;
	private final MastodonListening listening;
	private final MastodonPosts posts;
	private final MastodonMedia media;

	MastodonConnector(MastodonClient client, MastodonAccounts accounts, @Lazy MastodonPolling polling,
			MastodonSignIn signIn, MastodonFollowers followers, MastodonListening listening, MastodonPosts posts,
			MastodonMedia media) {
		super(KIND, polling::poll, Text.of("The instance rejected the access token: the account needs to be reconnected.",
				"Die Instanz lehnt das Zugriffstoken ab: Das Konto muss neu verbunden werden."));
		this.listening = listening;
		this.posts = posts;
		this.media = media;
		this.client = client;
		this.accounts = accounts;
		this.polling = polling;
		this.signIn = signIn;
		this.followers = followers;
	}

	@Override
	public Optional<SignIn> signIn() {
		return Optional.of(signIn);
	}

	@Override
	public Text name() {
		return Text.of("Mastodon", "Mastodon");
	}

	@Override
	public Text account() {
		return Text.of("Mastodon account", "Mastodon-Konto");
	}

	@Override
	public Text about() {
		return Text.of("Works with any instance. On the instance, create an application under Preferences → Development "
				+ "with the scopes read, write:statuses and write:media, and paste its access token here. Mentions and direct messages "
				+ "arrive in the inbox; answers are posted as replies.",
				"Funktioniert mit jeder Instanz. Legen Sie dort unter Einstellungen → Entwicklung eine Anwendung mit den "
						+ "Berechtigungen read, write:statuses und write:media an und fügen Sie ihr Zugriffstoken hier ein. Erwähnungen und "
						+ "Direktnachrichten kommen in den Posteingang; Antworten erscheinen als Antwort-Beiträge.");
	}

	@Override
	public String icon() {
		return "M20 8c0-4-3-5-8-5S4 4 4 8v6c0 4 3 6 8 6 2 0 3.5-.3 4.5-.8 M8 14V9.5a2 2 0 0 1 4 0V12 M12 12V9.5a2 2 0 0 1 4 0V14";
	}

	@Override
	public List<Setting> settings() {
		return List.of(INSTANCE,
				Setting.of("accessToken", Setting.Type.SECRET, Text.of("Access token", "Zugriffstoken")).mandatory());
	}

	/** Images, videos and audio as the post's media ({@link MastodonMedia}). */
	@Override
	public org.rapport.inbox.ReplyCheck.Files replyFiles() {
		return MastodonMedia.FILES;
	}

	/**
	 * Writes the instance as {@code https://host} (or the scheme given), refuses addresses the SSRF guard refuses, and
	 * asks the instance whose the token is, so that a wrong token is refused when it is entered.
	 */
	@Override
	public Map<String, String> validate(Map<String, String> config) {
		String instance = instance(config.get("instance"), client);
		String token = config.get("accessToken") == null ? "" : config.get("accessToken").strip();
		if (token.isEmpty()) {
			throw new InvalidFieldException("config.accessToken", "The access token of the Mastodon account is missing.");
		}
		try {
			client.verifyCredentials(instance, token);
		}
		catch (MastodonClient.Failure e) {
			throw new InvalidFieldException(e.tokenRejected() ? "config.accessToken" : "config.instance", e.getMessage());
		}
		Map<String, String> out = new LinkedHashMap<>();
		out.put("instance", instance);
		out.put("accessToken", token);
		return out;
	}

	/**
	 * The instance as {@code https://host} (or with the scheme given); a handle such as {@code @name@host} gives its
	 * host. Refused, naming {@code config.instance}, when it is no address or the SSRF guard refuses it.
	 */
	static String instance(String given, MastodonClient client) {
		String value = given == null ? "" : given.strip();
		if (value.isEmpty()) {
			throw new InvalidFieldException("config.instance", "The address of the Mastodon instance is missing.");
		}
		return ServerOrigin.of(value.contains("://") ? value : value.replaceFirst("^@?[^@/]*@", ""), given, client.guard(),
				"config.instance", "an instance", "The instance's address cannot be used: ");
	}

	@Override
	protected Optional<AccountState> state(Channel channel) {
		return accounts.of(channel.id()).map(MastodonAccounts.Account::state);
	}

	/** Hashtag timelines on the account's instance ({@link MastodonListening}). */
	@Override
	public Optional<Listener> listener(Channel channel) {
		return Optional.of(listening.of(channel));
	}

	/** The account's own statuses, 40 a page ({@link MastodonPosts}). */
	@Override
	public Optional<OwnPosts> ownPosts(Channel channel) {
		return Optional.of(posts.of(channel));
	}

	/** The account's followers with their profiles, 80 a page ({@link MastodonFollowers}). */
	@Override
	public Optional<Followers> followers(Channel channel) {
		return Optional.of(followers.of(channel));
	}

	/**
	 * Posts the answer in reply to the newest post of the conversation that is not the account's own, with its
	 * visibility, mentioning its author, its files uploaded as the post's media first; the reply's id is the
	 * idempotency key.
	 */
	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		String instance = channel.setting("instance", "");
		String token = channel.setting("accessToken", "");
		try {
			MastodonAccounts.Account account = polling.account(channel);
			JsonNode answered = null;
			List<String> references = reply.references();
			for (int i = references.size() - 1; i >= 0 && i >= references.size() - LOOK_BACK && answered == null; i--) {
				JsonNode status = client.answeredStatus(instance, token, references.get(i));
				if (!account.accountId().equals(status.path("account").path("id").asString())) {
					answered = status;
				}
			}
			if (answered == null) {
				throw new DeliveryException("This conversation has no Mastodon post to answer.", false, null);
			}
			Map<String, Object> status = new LinkedHashMap<>();
			status.put("status", "@" + answered.path("account").path("acct").asString() + " "
					+ (reply.bodyText() == null ? "" : reply.bodyText().strip()));
			status.put("in_reply_to_id", answered.path("id").asString());
			status.put("visibility", answered.path("visibility").asString("public"));
			MastodonClient.MediaLimits limits = client.mediaLimits(instance);
			int length = MastodonText.length((String) status.get("status"), limits.charactersPerUrl());
			if (length > limits.maxCharacters()) {
				throw new DeliveryException("The instance takes at most " + limits.maxCharacters()
						+ " characters per post; this answer, with the mention of the person it answers, has " + length
						+ " as Mastodon counts them (a link counts " + limits.charactersPerUrl() + "). Shorten it.", false, null);
			}
			if (reply.files() != null && !reply.files().isEmpty()) {
				java.util.Optional<java.time.Instant> paused = accounts.pausedUntil(channel.id(), MastodonClient.MEDIA);
				if (paused.isPresent()) {
					throw new DeliveryException("The instance paused file uploads until "
							+ paused.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".", paused.get(), null);
				}
			}
			List<String> mediaIds = media.upload(instance, token, reply.files());
			if (!mediaIds.isEmpty()) {
				status.put("media_ids", mediaIds);
			}
			JsonNode posted = client.post(instance, token, status, reply.messageId().toString());
			return Delivered.sent(posted.path("id").asString());
		}
		catch (MastodonClient.Failure e) {
			if (e.retryable && e.calls == null) {
				// the instance failed (no answer, a 5xx, a malformed answer, a pause): the channel's health says so
				accounts.refused(channel.id(), e.pauseUntil, false, e.getMessage());
			}
			else {
				// refused for good, or a pause of one kind of call (uploads): only those calls wait
				accounts.failed(channel.id(), e);
			}
			// a 429, or a 5xx with Retry-After: the next attempt waits until the instance takes posts again
			throw e.undelivered(null);
		}
	}
}

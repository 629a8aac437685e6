package org.rapport.channels.bluesky;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * A Bluesky account (or one on any AT Protocol PDS), connected with its handle and an app password, or by signing in
 * with Bluesky (atproto OAuth, {@link BlueskySignIn}). Rapport logs in once when the account is connected and keeps
 * the session (see {@link BlueskySessions}); replies, mentions and
 * quotes are read by {@link BlueskyPolling}, direct messages with them ({@link BlueskyChats}); answers are posted as
 * replies in the thread, with facets for links, mentions and tags, or sent as a direct message in a conversation of
 * direct messages.
 */
@Component
class BlueskyConnector extends AccountConnector implements ChannelConnector {

	static final String KIND = "bluesky";

	static final String SERVICE = "service";
	static final String HANDLE = "handle";
	static final String APP_PASSWORD = "appPassword";
	static final String DEFAULT_SERVICE = "https://bsky.social";

	static final String POST = "app.bsky.feed.post";

	private final BlueskyClient client;
	private final BlueskySessions sessions;
	private final BlueskyAccounts accounts;
	private final BlueskyPolling polling;
	private final JdbcClient jdbc;
	private final BlueskyFollowers followers;
	private final BlueskyListening listening;
	private final BlueskyPosts posts;
	private final BlueskyImages images;
	private final BlueskyChats chats;
	private final BlueskySignIn signIn;

	BlueskyConnector(BlueskyClient client, BlueskySessions sessions, BlueskyAccounts accounts,
			@Lazy BlueskyPolling polling, JdbcClient jdbc, @Lazy BlueskyFollowers followers,
			@Lazy BlueskyListening listening, @Lazy BlueskyPosts posts, BlueskyImages images, @Lazy BlueskyChats chats,
			BlueskySignIn signIn) {
		super(KIND, polling::poll, Text.of("Bluesky no longer accepts Rapport's session: reconnect needed.",
				"Bluesky nimmt Rapports Sitzung nicht mehr an: Neu verbinden nötig."));
		this.signIn = signIn;
		this.listening = listening;
		this.posts = posts;
		this.images = images;
		this.chats = chats;
		this.followers = followers;
		this.client = client;
		this.sessions = sessions;
		this.accounts = accounts;
		this.polling = polling;
		this.jdbc = jdbc;
	}

	@Override
	public Text name() {
		return Text.of("Bluesky", "Bluesky");
	}

	@Override
	public Text account() {
		return Text.of("Bluesky account", "Bluesky-Konto");
	}

	@Override
	public Text about() {
		return Text.of("Sign in with Bluesky, or create an app password on Bluesky under Settings → Privacy and "
				+ "security → App passwords and enter it here with the account's handle; never the account's own "
				+ "password. Replies to the account's posts, mentions, quotes and direct messages arrive in the inbox; "
				+ "answers are posted as replies in the thread, or sent as a direct message. For direct messages, tick "
				+ "\"Allow access to your direct messages\" when creating the app password.",
				"Melden Sie sich mit Bluesky an, oder legen Sie bei Bluesky unter Einstellungen → Privatsphäre und "
						+ "Sicherheit → App-Passwörter ein App-Passwort an und tragen Sie es hier mit dem Handle des Kontos "
						+ "ein – nie das eigentliche Passwort des Kontos. Antworten auf Beiträge des Kontos, Erwähnungen, "
						+ "Zitate und Direktnachrichten kommen in den Posteingang; Antworten erscheinen als Antwort im Thread "
						+ "oder gehen als Direktnachricht zurück. Für Direktnachrichten beim Anlegen des App-Passworts "
						+ "„Zugriff auf Direktnachrichten erlauben“ ankreuzen.");
	}

	@Override
	public String icon() {
		return "M6 4c2.5 1.8 5 5.4 6 7.4 1-2 3.5-5.6 6-7.4 1.8-1.3 4-2.2 4 .8 0 .6-.3 5-.5 5.7-.7 2.4-3.2 3-5.4 2.7 "
				+ "3.8.6 4.8 2.8 2.7 5-4 4.1-5.7-1-6.2-2.3L12 15.4l-.6.5c-.5 1.3-2.2 6.4-6.2 2.3-2.1-2.2-1.1-4.4 2.7-5"
				+ "-2.2.3-4.7-.3-5.4-2.7C2.3 9.8 2 5.4 2 4.8c0-3 2.2-2.1 4-.8z";
	}

	@Override
	public List<Setting> settings() {
		return List.of(
				Setting.of(SERVICE, Setting.Type.URL, Text.of("Server (PDS)", "Server (PDS)")).preset(DEFAULT_SERVICE)
					.help(Text.of("https://bsky.social for accounts made on bsky.app; the address of your own PDS otherwise.",
							"https://bsky.social für Konten von bsky.app, sonst die Adresse Ihres eigenen PDS.")),
				Setting.of(HANDLE, Setting.Type.TEXT, Text.of("Handle", "Handle")).mandatory()
					.help(Text.of("e.g. verein.bsky.social", "z. B. verein.bsky.social")),
				Setting.of(APP_PASSWORD, Setting.Type.SECRET, Text.of("App password", "App-Passwort")).mandatory()
					.help(Text.of("Settings → Privacy and security → App passwords on Bluesky.",
							"Bei Bluesky unter Einstellungen → Privatsphäre und Sicherheit → App-Passwörter.")),
				Setting.of(BlueskySignIn.GRANT, Setting.Type.GRANT, Text.of("Signed in with Bluesky",
						"Mit Bluesky angemeldet"))
					.help(Text.of("Set by \"Sign in with Bluesky\" in Settings → Channels, instead of an app "
							+ "password.", "Gesetzt von „Mit Bluesky anmelden“ unter Einstellungen → Kanäle, statt eines "
									+ "App-Passworts.")));
	}

	/** Signing in with Bluesky (atproto OAuth) instead of typing an app password. */
	@Override
	public Optional<SignIn> signIn() {
		return Optional.of(signIn);
	}

	/** Images only, as the post's embedded images ({@link BlueskyImages}). */
	@Override
	public org.rapport.inbox.ReplyCheck.Files replyFiles() {
		return BlueskyImages.FILES;
	}

	/** None in a conversation of direct messages, which carry no files ({@link BlueskyChats}); images elsewhere. */
	@Override
	public org.rapport.inbox.ReplyCheck.Files replyFiles(Channel channel, UUID conversationId) {
		return chats.carriesNoFiles(channel, conversationId) ? org.rapport.inbox.ReplyCheck.Files.NONE : replyFiles();
	}

	/**
	 * Writes the server as {@code https://host}, refuses addresses the SSRF guard refuses, and logs in with the handle
	 * and app password, so that a wrong one is refused when it is entered; the session is kept for everything after.
	 * A channel made by signing in with Bluesky carries the sign-in's grant instead, which must be the one of the
	 * account's session (an app password typed later replaces the sign-in).
	 */
	@Override
	public Map<String, String> validate(Map<String, String> config) {
		String service = service(config.get(SERVICE), client);
		String handle = handle(config.get(HANDLE));
		String password = config.get(APP_PASSWORD) == null ? "" : config.get(APP_PASSWORD).strip();
		String grant = config.get(BlueskySignIn.GRANT) == null ? "" : config.get(BlueskySignIn.GRANT).strip();
		if (password.isEmpty() && !grant.isEmpty()) {
			if (sessions.signedIn(service, handle, grant).isEmpty()) {
				throw new InvalidFieldException("config." + BlueskySignIn.GRANT,
						"This sign-in with Bluesky is not the account's; sign in with Bluesky again.");
			}
			Map<String, String> out = new LinkedHashMap<>();
			out.put(SERVICE, service);
			out.put(HANDLE, handle);
			out.put(BlueskySignIn.GRANT, grant);
			return out;
		}
		if (password.isEmpty()) {
			throw new InvalidFieldException("config." + APP_PASSWORD, "The app password of the Bluesky account is missing.");
		}
		try {
			sessions.login(service, handle, password);
		}
		catch (BlueskyClient.Failure e) {
			if (e.status == 401 || e.status == 400 && !e.retryable) {
				throw new InvalidFieldException("config." + APP_PASSWORD,
						"Bluesky did not accept the handle and app password. " + e.getMessage());
			}
			throw new InvalidFieldException("config." + SERVICE, "The Bluesky server could not be reached. " + e.getMessage());
		}
		Map<String, String> out = new LinkedHashMap<>();
		out.put(SERVICE, service);
		out.put(HANDLE, handle);
		out.put(APP_PASSWORD, password);
		return out;
	}

	static String handle(String given) {
		String handle = given == null ? "" : given.strip();
		if (handle.startsWith("@")) {
			handle = handle.substring(1);
		}
		if (handle.isEmpty()) {
			throw new InvalidFieldException("config." + HANDLE, "The handle of the Bluesky account is missing.");
		}
		return handle.contains("@") ? handle : handle.toLowerCase(Locale.ROOT);
	}

	/** The PDS as {@code https://host} (or with the scheme and port given), checked by the SSRF guard. */
	static String service(String given, BlueskyClient client) {
		String value = given == null || given.isBlank() ? DEFAULT_SERVICE : given.strip();
		return ServerOrigin.of(value, given, client.guard(), "config." + SERVICE, "a Bluesky server",
				"The Bluesky server's address cannot be used: ");
	}

	@Override
	protected Optional<AccountState> state(Channel channel) {
		return accounts.of(channel.id()).map(BlueskyAccounts.Account::state);
	}

	/** Refused by the PDS, or the session Rapport keeps is no longer valid. */
	@Override
	protected boolean rejected(Channel channel) {
		return super.rejected(channel) || !sessions.of(BlueskyPolling.service(channel), BlueskyPolling.identifier(channel))
			.map(BlueskySessions.Session::valid).orElse(true);
	}

	/** The account's followers with their profiles and counts, 100 a page ({@link BlueskyFollowers}). */
	@Override
	public Optional<Followers> followers(Channel channel) {
		return Optional.of(followers.of(channel));
	}

	/** The account's own posts, 100 a page ({@link BlueskyPosts}). */
	@Override
	public Optional<OwnPosts> ownPosts(Channel channel) {
		return Optional.of(posts.of(channel));
	}

	/** Searches for the monitors' terms through the account's session ({@link BlueskyListening}). */
	@Override
	public Optional<Listener> listener(Channel channel) {
		return Optional.of(listening.of(channel));
	}

	@Override
	public Health health(Channel channel) {
		var session = sessions.of(BlueskyPolling.service(channel), BlueskyPolling.identifier(channel));
		Instant expires = session.map(BlueskySessions.Session::refreshExpiresAt).orElse(null);
		boolean valid = session.map(BlueskySessions.Session::valid).orElse(true);
		String reconnect = "Reconnect needed: Bluesky no longer accepts Rapport's session.";
		return accounts.of(channel.id())
			.map(account -> {
				AccountState a = account.state();
				String error = valid ? a.lastError() : a.lastError().isBlank() ? reconnect : reconnect + " " + a.lastError();
				// direct messages that cannot be read are told, not a failure of the channel
				String chat = account.chatProblem() == null ? "" : account.chatProblem();
				return new Health(a.connected() && valid, a.lastReceivedAt(), expires, a.rateLimitedUntil(),
						error.isBlank() ? chat : chat.isBlank() ? error : error + " " + chat);
			})
			.orElse(new Health(valid, null, expires, null, valid ? "" : reconnect));
	}

	/**
	 * Posts the answer as a reply to the newest post of the conversation that is not the account's own, in its thread
	 * (its root, or itself when it starts the thread), with its files as embedded images. The record key is chosen
	 * before the first attempt and kept, so an attempt repeated after a lost answer finds the post it made instead of
	 * posting twice (and uploads no images again). In a conversation of direct messages the answer is a direct
	 * message ({@link BlueskyChats#send}).
	 */
	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		Optional<String> convo = BlueskyChats.convoOf(reply);
		if (convo.isPresent()) {
			String service = BlueskyPolling.service(channel);
			String identifier = BlueskyPolling.identifier(channel);
			return chats.send(channel, reply, convo.get(), handle -> resolve(service, identifier, handle));
		}
		String text = reply.bodyText() == null ? "" : reply.bodyText().strip();
		if (text.isEmpty() && reply.files().isEmpty()) {
			throw new DeliveryException("Bluesky takes no empty posts.", false, null);
		}
		try {
			BlueskyText.checkLength(text);
		}
		catch (BlueskyText.TooLong e) {
			throw new DeliveryException(e.getMessage(), false, null);
		}
		// a pause of the account's writes holds the reply until it ends; notifications are still read
		accounts.requireWritable(channel.id());
		String service = BlueskyPolling.service(channel);
		String identifier = BlueskyPolling.identifier(channel);
		try {
			BlueskyAccounts.Account account = polling.account(channel);
			String parentUri = null;
			List<String> references = reply.references();
			for (int i = references.size() - 1; i >= 0 && parentUri == null; i--) {
				String ref = references.get(i);
				if (ref.startsWith("at://") && !ref.startsWith("at://" + account.did() + "/")) {
					parentUri = ref;
				}
			}
			if (parentUri == null) {
				throw new DeliveryException("This conversation has no Bluesky post to answer.", false, null);
			}
			String parentAt = parentUri;
			JsonNode posts = sessions.call(service, identifier, s -> client.query(service, s,
					"app.bsky.feed.getPosts", Map.of("uris", List.of(parentAt))));
			JsonNode parent = posts.path("posts").path(0);
			if (parent.isMissingNode()) {
				throw new DeliveryException("The Bluesky post this answers is gone (deleted, or not visible to the account).",
						false, null);
			}
			Map<String, String> parentRef = Map.of("uri", parent.path("uri").asString(), "cid", parent.path("cid").asString());
			JsonNode root = parent.path("record").path("reply").path("root");
			Map<String, String> rootRef = root.isObject()
					? Map.of("uri", root.path("uri").asString(), "cid", root.path("cid").asString()) : parentRef;

			jdbc.sql("insert into bluesky_posts(message_id, channel_id, rkey) values (?, ?, ?) on conflict do nothing")
				.params(reply.messageId(), channel.id(), BlueskyText.tid(Instant.now()))
				.update();
			String rkey = jdbc.sql("select rkey from bluesky_posts where message_id = ?").param(reply.messageId())
				.query(String.class).single();
			Optional<String> made = existing(service, identifier, account.did(), rkey);
			if (made.isPresent()) {
				return Delivered.sent(made.get());
			}

			Map<String, Object> record = new LinkedHashMap<>();
			record.put("$type", POST);
			record.put("text", text);
			record.put("createdAt", Instant.now().toString());
			record.put("reply", Map.of("root", rootRef, "parent", parentRef));
			var facets = BlueskyText.facets(text, handle -> resolve(service, identifier, handle));
			if (!facets.isEmpty()) {
				record.put("facets", facets);
			}
			images.embed(service, identifier, reply.files()).ifPresent(embed -> record.put("embed", embed));
			Map<String, Object> create = new LinkedHashMap<>();
			create.put("repo", account.did());
			create.put("collection", POST);
			create.put("rkey", rkey);
			create.put("record", record);
			JsonNode created;
			try {
				created = sessions.call(service, identifier,
						s -> client.procedure(service, s, "com.atproto.repo.createRecord", create));
			}
			catch (BlueskyClient.Failure e) {
				// A repeated key collides (a 500 today): the post may be there from an attempt whose answer was lost.
				Optional<String> there = e.status >= 500 || e.status == 0 ? existing(service, identifier, account.did(), rkey)
						: Optional.empty();
				if (there.isPresent()) {
					return Delivered.sent(there.get());
				}
				throw e;
			}
			JsonNode posted = created.path("uri");
			if (!posted.isString() || !posted.asString().startsWith("at://")) {
				// the post may have been made: the next attempt, with the same record key, finds it or makes it
				throw new BlueskyClient.Failure(200, "", true, null,
						"The PDS answered com.atproto.repo.createRecord without the uri of the post it made.");
			}
			String uri = posted.asString();
			jdbc.sql("update bluesky_posts set uri = ? where message_id = ?").params(uri, reply.messageId()).update();
			return Delivered.sent(uri);
		}
		catch (BlueskyClient.Failure e) {
			if (e.retryable && !e.sessionRejected() && e.calls == null) {
				// the PDS failed (no answer, a 5xx, a malformed answer, a pause): the channel's health says so
				accounts.refused(channel.id(), e.pauseUntil, false, e.getMessage());
			}
			else {
				// refused for good, or a pause of writes: only writes wait
				accounts.failed(channel.id(), e);
			}
			throw e.undelivered(null);
		}
	}

	/** The post with this record key in the account's repository, if an earlier attempt made it. */
	private Optional<String> existing(String service, String identifier, String did, String rkey)
			throws BlueskyClient.Failure {
		try {
			JsonNode record = sessions.call(service, identifier, s -> client.query(service, s,
					"com.atproto.repo.getRecord", Map.of("repo", List.of(did), "collection", List.of(POST), "rkey", List.of(rkey))));
			return Optional.ofNullable(record.path("uri").asString(null));
		}
		catch (BlueskyClient.Failure e) {
			if (e.status == 400 || e.status == 404) {
				return Optional.empty();
			}
			throw e;
		}
	}

	/** The DID of a handle, for a mention's facet; nothing when the handle does not resolve. */
	private Optional<String> resolve(String service, String identifier, String handle) {
		try {
			JsonNode resolved = sessions.call(service, identifier, s -> client.query(service, s,
					"com.atproto.identity.resolveHandle", Map.of("handle", List.of(handle))));
			return Optional.ofNullable(resolved.path("did").asString(null));
		}
		catch (BlueskyClient.Failure e) {
			return Optional.empty();
		}
	}
}

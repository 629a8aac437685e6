package org.rapport.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connects one kind of channel to Rapport. A connector receives on its own (polling, push, a public endpoint) and
 * hands what it receives to {@link Ingestion#ingest}; it sends replies when {@link ReplyRoutes} asks it through
 * {@link #deliver}. Implementations are Spring beans in a package of their own under {@code channels/}, found by
 * {@link #kind()}; nothing outside that package names the kind. Everything the rest of Rapport needs to know about
 * a kind — what it is called, what a manager fills in, the channel a workspace starts with, how replies leave — the
 * connector declares here.
 */
public interface ChannelConnector {

	/** The channel kind this connector serves, stored with each channel, e.g. {@code "email"}. */
	String kind();

	/** What the kind is called, e.g. "E-Mail", on chips, in lists and in "via …". */
	Text name();

	/** What one channel of the kind is, for "Connect …" (e.g. "a mailbox" / "Postfach"); its name by default. */
	default Text account() {
		return name();
	}

	/** A sentence or two shown above the form that connects a channel of this kind, or {@code null}. */
	default Text about() {
		return null;
	}

	/** The kind's icon: the path data ({@code d}) of an SVG path on a 24 × 24 grid, drawn with a 2 px stroke. */
	String icon();

	/**
	 * What a manager fills in to connect a channel of this kind, in the order shown. A kind without settings cannot
	 * be added by hand: its channels come from {@link #defaultChannel()} or from the connector itself.
	 */
	default List<Setting> settings() {
		return List.of();
	}

	/**
	 * Signing in with the network (OAuth 2 authorization code with PKCE) instead of typing credentials, if the kind
	 * offers it. The settings page asks for {@link SignIn#before()}, sends the manager to the network and, when the
	 * network sends them back, makes the channel from what {@link SignIn#finish} answers.
	 */
	default Optional<SignIn> signIn() {
		return Optional.empty();
	}

	/** The channel every workspace has, if the kind has one: made with the workspace, or when first needed. */
	default Optional<DefaultChannel> defaultChannel() {
		return Optional.empty();
	}

	/** How replies written on this kind's conversations leave. */
	Replies replies();

	/** Whether people log calls, visits, letters and events on this kind's channel (the offline channel). */
	default boolean takesLoggedActivities() {
		return false;
	}

	/**
	 * The outcome a new conversation on a channel of this kind counts as, such as {@code enquiry} for a web form:
	 * the insights record it automatically for the conversation's contact. Empty for kinds where a message is just
	 * a message.
	 */
	default Optional<String> outcome() {
		return Optional.empty();
	}

	/**
	 * Whether the kind is an account on a social network that people follow and write to (a Fediverse account, a
	 * Bluesky account, a messenger bot), as opposed to a mailbox, a form, the blog or the API: the first-run
	 * checklist's "connect a social network" counts channels of these kinds.
	 */
	default boolean socialNetwork() {
		return false;
	}

	/**
	 * Whether a channel of this kind can carry mail for others: replies of {@link Replies#BY_MAIL} kinds,
	 * notifications and newsletters go through the first such channel that is switched on.
	 */
	default boolean carriesMail() {
		return false;
	}

	/**
	 * The files a reply of this kind can carry (a mail's attachments, a post's images), none by default: how many, how
	 * large together and each, and of which content types. A kind whose replies go by mail carries what the
	 * mailbox's kind carries; {@link ReplyRoutes} works that out.
	 */
	default org.rapport.inbox.ReplyCheck.Files replyFiles() {
		return org.rapport.inbox.ReplyCheck.Files.NONE;
	}

	/**
	 * The files a reply in one of the channel's conversations can carry: what {@link #replyFiles()} says, unless the
	 * conversation's answers go a way that carries fewer (a network's direct messages, where its posts take images).
	 * Asked each time a composer opens, so an override answers from one indexed lookup at most.
	 */
	default org.rapport.inbox.ReplyCheck.Files replyFiles(Channel channel, java.util.UUID conversationId) {
		return replyFiles();
	}

	/**
	 * Whether a channel can send now, as far as its settings tell without asking the network; a connector says what
	 * is missing and where to fix it. {@link ReplyRoutes} checks the rest (switched off, no mailbox to carry it).
	 */
	default Readiness readiness(Channel channel) {
		return Readiness.READY;
	}

	/**
	 * What a person should know before answering a conversation, and what they can do about it there (approve a
	 * waiting blog comment, mark it as spam); empty when there is nothing to say.
	 */
	default Optional<Notice> noticeFor(Channel channel, java.util.UUID conversationId) {
		return Optional.empty();
	}

	/**
	 * A notice above the composer.
	 *
	 * @param actions buttons: each posts to its path, which sends the person back to the conversation
	 */
	record Notice(Text text, List<Action> actions) {
	}

	/** A button of a notice: its label and the path it posts to. */
	record Action(Text label, String path) {
	}

	/**
	 * How the channel's account stands with its network, as far as the connector knows without asking it now:
	 * shown in the channel list and in {@code GET /api/v1/channels/{id}}.
	 */
	default Health health(Channel channel) {
		return Health.UNKNOWN;
	}

	/**
	 * Fetches what is new now instead of at the next scheduled time ({@code POST /api/v1/channels/{id}/sync}).
	 *
	 * @return whether the kind fetches at all; kinds that only receive pushes answer {@code false}
	 */
	default boolean sync(Channel channel) {
		return false;
	}

	/** Whether {@link #sync} fetches from the network, so that the channel list offers "fetch now". */
	default boolean fetches() {
		return false;
	}

	/**
	 * The accounts that follow the channel's account, if the kind's network lists them with their profiles (for the
	 * audit of an audience); empty when it does not. Answering costs nothing: the network is asked only when a page
	 * is read.
	 */
	default Optional<Followers> followers(Channel channel) {
		return Optional.empty();
	}

	/**
	 * The followers of one channel's account, read a page at a time so that the reader can keep its place (the
	 * cursor) across restarts and pauses. Reading costs requests of the account's rate limit with its network; a
	 * page says when the next one may follow ({@link FollowerPage#notBefore()}). An account may appear on two pages
	 * when the list changes while it is read: readers key followers by {@link Follower#id()}.
	 */
	interface Followers {

		/**
		 * Reads one page.
		 *
		 * @param cursor {@code null} for the first page, else the {@link FollowerPage#next()} of the page before;
		 * a cursor may be stored and used again, also after a failure
		 * @throws FollowersUnavailable when the network gave no page; it says whether, and from when, asking again
		 * for the same cursor may help. The connector neither waits nor retries by itself.
		 */
		FollowerPage page(String cursor) throws FollowersUnavailable;
	}

	/**
	 * The posts the channel's account published itself, if the kind's network lists them (for the share of published
	 * posts that started a conversation); empty when it does not. Answering costs nothing: the network is asked only
	 * when a page is read. A kind that offers this marks the messages that comment on one of the account's posts
	 * with {@link InboundMessage#onPost}. A kind whose network cannot list them, but shows each post as it is
	 * published or with the comments on it, hands over the posts it sees to {@link ChannelPosts#saw} instead, and
	 * marks the comments the same way.
	 */
	default Optional<OwnPosts> ownPosts(Channel channel) {
		return Optional.empty();
	}

	/**
	 * The account's own posts, newest first, a page at a time: its posts only, not its replies to others nor what it
	 * shared of others. {@link ChannelPosts} reads them back until it reaches what it knows, and keeps each post once
	 * by its {@link PublishedPost#externalId()}, so a page read twice does no harm.
	 */
	interface OwnPosts {

		/**
		 * Reads one page.
		 *
		 * @param cursor {@code null} for the newest page, else the {@link PublishedPage#next()} of the page before
		 * @throws ListeningUnavailable when the network gave no page (no answer, refused, unreadable); it names when
		 * asking again may help. The connector neither waits nor retries by itself: the reader asks again at its next
		 * turn.
		 */
		PublishedPage page(String cursor) throws ListeningUnavailable;
	}

	/**
	 * How the channel listens beyond its own account — hashtags and searches on its network, the items of a followed
	 * feed — if the kind can; empty when it cannot. Answering costs nothing: the source is asked only when read.
	 */
	default Optional<Listener> listener(Channel channel) {
		return Optional.empty();
	}

	/**
	 * Listening through one channel. The reader ({@code listening}) keeps the cursor, matches what was heard against
	 * its monitors and stores each post once; the connector only reads and acts on its network.
	 */
	interface Listener {

		/**
		 * Whether the source looks for the terms it is given (a network's search or hashtag timelines): then only
		 * what matches a monitor is kept. A source that hands over everything it has (a feed) answers {@code false},
		 * and all it hands over is kept.
		 */
		boolean searches();

		/**
		 * Reads what is new since the cursor.
		 *
		 * @param terms what the workspace's monitors look for on this channel: words, {@code #hashtags} and phrases,
		 * as the monitors have them; a source that does not search ignores them. A term new since the cursor was
		 * made starts at the source's newest posts
		 * @param cursor {@code null} the first time, else the {@link HeardPage#cursor()} of the last read
		 * @throws ListeningUnavailable when nothing could be read; the cursor stays where it was
		 */
		HeardPage read(java.util.Collection<String> terms, String cursor) throws ListeningUnavailable;

		/** Whether {@link #share} can recommend posts heard here (a boost, a repost). */
		default boolean shares() {
			return false;
		}

		/**
		 * Recommends the post to the channel's followers: boosts or reposts it as the channel's account.
		 *
		 * @return the network's id of the share, or {@code null} if it gives none
		 * @throws DeliveryException when the network refused or did not answer; it says whether trying again may help
		 */
		default String share(HeardPost post) throws DeliveryException {
			throw new DeliveryException("This channel cannot share what it heard.", false, null);
		}

		/** Whether {@link #quote} can recommend posts heard here in the channel's own words (a quote post). */
		default boolean quotes() {
			return false;
		}

		/**
		 * Why the network would refuse the text of a quote without asking it (too long for a post there), in English;
		 * empty when it may go.
		 */
		default Optional<String> refusesQuote(String text) {
			return Optional.empty();
		}

		/**
		 * Recommends the post with a text of the channel's own: posts the text as the channel's account, quoting the
		 * post (shown with it on the network, or linked where the network cannot show quotes).
		 *
		 * @param key the same for every attempt to quote this post, for networks that deduplicate by a key
		 * @return the network's id of the new post, or {@code null} if it gives none
		 * @throws DeliveryException when the network refused (the text too long, the post gone) or did not answer;
		 * a network that cannot deduplicate says {@code retryable = false} when it cannot tell whether the post left
		 */
		default String quote(HeardPost post, String text, String key) throws DeliveryException {
			throw new DeliveryException("This channel cannot quote what it heard.", false, null);
		}

		/** Whether posts heard here can be answered on their network ({@link #conversation}). */
		default boolean answers() {
			return false;
		}

		/**
		 * The post as a message on this channel, so that the team answers it from the inbox, or empty when posts
		 * heard here cannot be answered on their network (a feed). The message's external id is the one the
		 * channel's own notifications would give the post, so that an answer leaves as a reply to it.
		 *
		 * @throws DeliveryException when the network had to be asked and did not answer
		 */
		default Optional<InboundMessage> conversation(HeardPost post) throws DeliveryException {
			return Optional.empty();
		}
	}

	/**
	 * Sends a reply through the channel. {@link ReplyRoutes} calls it for {@link Replies#OWN}, {@link Replies#LOGGED}
	 * and {@link Replies#STORED} kinds, which implement it; a {@link Replies#BY_MAIL} kind has no way back of its own
	 * and keeps this answer, a delivery failure that trying again cannot mend.
	 *
	 * @return the channel's id for the sent message (a Message-ID, a post id), or {@code null} if it has none
	 * @throws DeliveryException when the message did not leave; {@link DeliveryException#retryable()} says whether
	 * trying again later may help. Rapport retries a retryable failure with backoff (see {@link ReplyDelivery}), so
	 * a connector never retries by itself; a network that cannot deduplicate must say {@code retryable = false}
	 * when it cannot tell whether the message left.
	 */
	default Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		throw new DeliveryException("Channels of kind '" + kind() + "' have no way back of their own.", false, null);
	}

	/**
	 * The path of a channel's hook, the public address a network pushes to: {@code /hooks/channels/{id}}. Anyone
	 * may call it, without a session or CSRF token; each call goes to {@link #receive} of the channel's kind. A
	 * connector gives the network this path with Rapport's public base URL in front.
	 */
	static String hookPath(java.util.UUID channelId) {
		return "/hooks/channels/" + channelId;
	}

	/**
	 * What a manager does with the channel's hook address on the network's side, if the network must be told it by
	 * hand (such as entering it, with the verify token, as a Meta app's webhook callback): the channel's page then
	 * shows the address with these words. Empty for kinds that register their hook themselves or take no pushes.
	 */
	default Optional<Text> hookInstructions() {
		return Optional.empty();
	}

	/**
	 * Takes what a network pushed to the channel's hook ({@link #hookPath}): a webhook delivery, or a handshake that
	 * proves the address is Rapport's (such as a {@code GET} that echoes a challenge). Rapport calls it for every
	 * request to the hook of a switched-on channel, whoever sends it, so a connector first checks what proves the
	 * request comes from its network — a secret header set when the webhook was registered, an HMAC of the raw body
	 * with the app's secret — comparing in constant time, and answers {@link PushAnswer#unauthorized} without
	 * reading further or storing anything when it is missing or wrong.
	 * <p>
	 * A delivery it takes goes to {@link Ingestion#ingest} with the network's ids as external ids, so the network
	 * delivering it again (as networks do when an answer is late) stores nothing twice. Answer 2xx only once it is
	 * stored; when storing fails, throw: the hook answers 503 and the network tries again later. Kinds that take no
	 * pushes keep this answer, 404.
	 */
	default PushAnswer receive(Channel channel, Push push) {
		return PushAnswer.refused(404, "Channels of kind '" + kind() + "' take no pushes.");
	}

	/**
	 * A request to a channel's hook, as it came: the raw body (signatures are computed over its bytes), the headers
	 * (looked up ignoring case) and the query parameters (with a form post's fields, whose body is then read).
	 */
	record Push(String method, java.net.http.HttpHeaders headers, Map<String, List<String>> query, byte[] body) {

		/** The first value of a header, ignoring the case of its name. */
		public Optional<String> header(String name) {
			return headers.firstValue(name);
		}
	}

	/**
	 * What a hook answers the network.
	 *
	 * @param status the HTTP status
	 * @param contentType the type of {@code body}
	 * @param body what the network reads: a problem detail, a handshake's echo, or nothing
	 */
	record PushAnswer(int status, String contentType, String body) {

		/** Taken (stored, or known already): 200 with nothing to read. */
		public static PushAnswer taken() {
			return new PushAnswer(200, "application/json", "{}");
		}

		/** A handshake's answer, such as the challenge a network asks to be echoed. */
		public static PushAnswer text(String text) {
			return new PushAnswer(200, "text/plain", text);
		}

		/** 401: the request does not prove it comes from the network; nothing was read or stored. */
		public static PushAnswer unauthorized(String reason) {
			return refused(401, reason);
		}

		/** A refusal with a problem detail (RFC 9457) that says why. */
		public static PushAnswer refused(int status, String reason) {
			var problem = new LinkedHashMap<String, Object>();
			problem.put("type", "about:blank");
			var known = org.springframework.http.HttpStatus.resolve(status);
			if (known != null) {
				problem.put("title", known.getReasonPhrase());
			}
			problem.put("status", status);
			problem.put("detail", reason);
			return new PushAnswer(status, "application/problem+json", JSON.writeValueAsString(problem));
		}

		private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
			.build();
	}

	/**
	 * Checks settings before a channel is saved, after Rapport dropped keys the kind does not declare and checked
	 * the declared choices; fills in defaults. Throws {@link IllegalArgumentException} (or
	 * {@link org.rapport.platform.InvalidFieldException}) with a readable reason.
	 */
	default Map<String, String> validate(Map<String, String> config) {
		return config;
	}

	/** A kind's sign-in with its network. */
	interface SignIn {

		/** What the manager enters before being sent to the network, e.g. the instance. */
		List<Setting> before();

		/**
		 * The network's page where the manager allows Rapport in; registers Rapport with the network first if it
		 * has to (a Mastodon instance wants each client registered).
		 *
		 * @param callback where the network sends the manager back, with {@code code} and {@code state}
		 * @param codeChallenge the PKCE challenge (S256) of the verifier kept for {@link #finish}
		 * @throws IllegalArgumentException when what was entered cannot be used, naming the field
		 */
		java.net.URI start(Map<String, String> entered, java.net.URI callback, String state, String codeChallenge);

		/**
		 * Exchanges the code for the channel's settings (its token), which are then checked like typed ones.
		 *
		 * @param returned what the network sent back with the manager: the code, the state (already checked against
		 * the one {@link #start} was given) and the issuer, if the network names itself (RFC 9207)
		 * @throws IllegalArgumentException when the network refuses the code
		 */
		Map<String, String> finish(Map<String, String> entered, java.net.URI callback, Returned returned,
				String codeVerifier);

		/**
		 * What the network sent back to the callback.
		 *
		 * @param issuer the {@code iss} parameter (RFC 9207), or null when the network sent none
		 */
		record Returned(String code, String state, String issuer) {
		}

		/**
		 * What the manager entered under a key of {@link #before}, stripped.
		 *
		 * @param missing the message when nothing was entered
		 * @throws org.rapport.platform.InvalidFieldException naming the key when nothing was entered
		 */
		static String entered(Map<String, String> entered, String key, String missing) {
			String value = entered.get(key) == null ? "" : entered.get(key).strip();
			if (value.isEmpty()) {
				throw new org.rapport.platform.InvalidFieldException(key, missing);
			}
			return value;
		}
	}

	/** How replies on a kind leave. */
	enum Replies {
		/** Through the connector's own network: a mail, a Fediverse note, an answer under a blog comment. */
		OWN,
		/** The kind has no way back of its own: replies go by mail, through the workspace's mailbox. */
		BY_MAIL,
		/** Nothing is sent: an answer to an offline contact happened off-line and is logged. */
		LOGGED,
		/** Nothing is sent: the reply is kept for integrators, who read it through the API. */
		STORED
	}

	/**
	 * A channel the kind brings along.
	 *
	 * @param fromStart made with every workspace; otherwise made the first time the connector needs it
	 */
	record DefaultChannel(String key, Text name, boolean fromStart) {
	}

	/**
	 * An account's standing with its network.
	 *
	 * @param connected whether the network accepted the channel's credentials the last time it was asked
	 * @param lastReceivedAt when something last arrived through the channel, or {@code null}
	 * @param tokenExpiresAt when the credentials expire, if the network says
	 * @param rateLimitedUntil until when the network asked for a pause, if it did
	 * @param lastError the network's last refusal in words, or {@code ""}
	 * @param quotaUsedToday for networks that give a daily quota of units: the units used today, else {@code null}
	 * @param dailyQuota the units of that quota a day, else {@code null}
	 * @param refusedPushes how many pushes to the channel's hook were refused for a wrong or missing signature or
	 *     secret: the network's own pushes after its secret changed, or someone else's at the hook's address
	 * @param lastRefusedPushAt when the last of them came, or {@code null}
	 * @param pausedCalls kinds of call the network paused apart from the account's others (e.g. {@code media}: file
	 *     uploads), each until when; the account is read and answers without files meanwhile
	 */
	record Health(boolean connected, java.time.Instant lastReceivedAt, java.time.Instant tokenExpiresAt,
			java.time.Instant rateLimitedUntil, String lastError, Integer quotaUsedToday, Integer dailyQuota,
			int refusedPushes, java.time.Instant lastRefusedPushAt, java.util.Map<String, java.time.Instant> pausedCalls) {

		/** For kinds with nothing to tell. */
		public static final Health UNKNOWN = new Health(true, null, null, null, "");

		/** The health of an account on a network without a daily quota. */
		public Health(boolean connected, java.time.Instant lastReceivedAt, java.time.Instant tokenExpiresAt,
				java.time.Instant rateLimitedUntil, String lastError) {
			this(connected, lastReceivedAt, tokenExpiresAt, rateLimitedUntil, lastError, null, null, 0, null,
					java.util.Map.of());
		}

		/** The same health with the daily quota's units used today and of a day. */
		public Health withQuota(int usedToday, int daily) {
			return new Health(connected, lastReceivedAt, tokenExpiresAt, rateLimitedUntil, lastError, usedToday, daily,
					refusedPushes, lastRefusedPushAt, pausedCalls);
		}

		/** The same health with the pushes the channel's hook refused (kept by the core, not the connector). */
		public Health withRefusedPushes(int refused, java.time.Instant lastAt) {
			return new Health(connected, lastReceivedAt, tokenExpiresAt, rateLimitedUntil, lastError, quotaUsedToday,
					dailyQuota, refused, lastAt, pausedCalls);
		}

		/** The same health with the kinds of call paused apart from the rest (kept by the core, not the connector). */
		public Health withPausedCalls(java.util.Map<String, java.time.Instant> paused) {
			return new Health(connected, lastReceivedAt, tokenExpiresAt, rateLimitedUntil, lastError, quotaUsedToday,
					dailyQuota, refusedPushes, lastRefusedPushAt, java.util.Map.copyOf(paused));
		}
	}

	/**
	 * Whether a channel can send, and if not, what is wrong and where a manager puts it right.
	 *
	 * @param fixPath the page that fixes it, e.g. {@code /settings/channels}
	 */
	record Readiness(boolean ready, Text problem, Text fix, String fixPath) {

		public static final Readiness READY = new Readiness(true, null, null, null);

		public static Readiness missing(Text problem, Text fix, String fixPath) {
			return new Readiness(false, problem, fix, fixPath);
		}
	}

	/**
	 * The outcome of a delivery: the channel's id for the message, how it left ({@code sent} or {@code logged}),
	 * and, for kinds that also tell the person by mail, the mail {@link ReplyRoutes} sends next.
	 */
	record Delivered(String externalId, String delivery, OutgoingReply alsoByMail) {

		public static Delivered sent(String externalId) {
			return new Delivered(externalId, "sent", null);
		}

		public static Delivered logged() {
			return new Delivered(null, "logged", null);
		}

		/** Sent on the channel, and the person is to be told by mail too. */
		public Delivered andByMail(OutgoingReply mail) {
			return new Delivered(externalId, delivery, mail);
		}
	}
}

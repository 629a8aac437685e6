package org.rapport.channels.bluesky;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.channels.network.EachChannel;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Reads the replies, mentions and quotes of every connected Bluesky account into the inbox, as recurring work on
 * one node at a time, from {@code app.bsky.notification.listNotifications}. The cursor is the newest
 * {@code indexedAt} taken in; it moves (and the PDS is told with {@code updateSeen}) only after the notifications
 * are stored, and storing is idempotent by the post's at-uri, so a crash, a restart or a second node neither loses
 * nor repeats a message. The account's direct messages are read in the same work, after the notifications
 * ({@link BlueskyChats}). A pause the PDS asks for (429) is kept and honoured; a session the PDS no longer takes stops
 * reading until the account is reconnected.
 */
@Component
class BlueskyPolling {

	private static final Logger log = LoggerFactory.getLogger(BlueskyPolling.class);

	static final String IDENTITY = IdentityKind.handle(BlueskyConnector.KIND);

	/** What arrives: answers to the account's posts, posts that name it, posts that quote it. */
	static final Set<String> REASONS = Set.of("reply", "mention", "quote");

	static final int PAGE = 50;
	private static final int MAX_PAGES = 10;

	private final Channels channels;
	private final BlueskyClient client;
	private final BlueskySessions sessions;
	private final BlueskyAccounts accounts;
	private final Ingestion ingestion;
	private final BlueskyChats chats;

	BlueskyPolling(Channels channels, BlueskyClient client, BlueskySessions sessions, BlueskyAccounts accounts,
			Ingestion ingestion, BlueskyChats chats) {
		this.chats = chats;
		this.channels = channels;
		this.client = client;
		this.sessions = sessions;
		this.accounts = accounts;
		this.ingestion = ingestion;
	}

	@Bean
	RecurringWork blueskyPollRecurring(@Value("${rapport.bluesky.poll-interval:60s}") Duration interval) {
		return RecurringWork.every("bluesky-poll", interval, this::pollAll);
	}

	void pollAll() {
		EachChannel.run(channels.enabledOfKind(BlueskyConnector.KIND), this::poll, log, "Bluesky channel {} could not be read");
	}

	static String service(Channel channel) {
		return channel.setting(BlueskyConnector.SERVICE, BlueskyConnector.DEFAULT_SERVICE);
	}

	static String identifier(Channel channel) {
		return channel.setting(BlueskyConnector.HANDLE, "");
	}

	/** The channel's account, from its session (made when the channel was connected; else logged in once now). */
	BlueskyAccounts.Account account(Channel channel) throws BlueskyClient.Failure {
		var known = accounts.of(channel.id());
		if (known.isPresent()) {
			return known.get();
		}
		var session = sessions.of(service(channel), identifier(channel));
		BlueskySessions.Session s = session.isPresent() ? session.get()
				: sessions.login(service(channel), identifier(channel), channel.setting(BlueskyConnector.APP_PASSWORD, ""));
		return accounts.remember(channel.id(), s.did(), s.handle());
	}

	/** Reads what is new on one account; answers how many messages were new. */
	int poll(Channel channel) {
		String service = service(channel);
		String identifier = identifier(channel);
		int received = 0;
		try {
			BlueskyAccounts.Account account = account(channel);
			if (!account.state().connected() && sessions.of(service, identifier).map(BlueskySessions.Session::valid).orElse(false)) {
				accounts.healthy(channel.id()); // reconnected with a new app password
			}
			else if (!account.state().connected()) {
				return 0;
			}
			if (account.state().paused(Instant.now())) {
				return 0;
			}
			Instant seen = instant(account.seenAt());
			List<JsonNode> fresh = new ArrayList<>();
			String cursor = null;
			boolean older = false;
			for (int page = 0; page < MAX_PAGES && !older; page++) {
				Map<String, List<String>> params = new LinkedHashMap<>();
				params.put("limit", List.of(String.valueOf(PAGE)));
				if (cursor != null) {
					params.put("cursor", List.of(cursor));
				}
				JsonNode answer = notifications(sessions.call(service, identifier,
						s -> client.query(service, s, "app.bsky.notification.listNotifications", params)));
				for (JsonNode n : answer.path("notifications")) {
					Instant indexed = instant(n.path("indexedAt").asString(null));
					if (seen != null && indexed != null && indexed.isBefore(seen)) {
						older = true;
					}
					else {
						fresh.add(n);
					}
				}
				cursor = answer.path("cursor").asString(null);
				if (cursor == null || answer.path("notifications").isEmpty()) {
					break;
				}
			}
			fresh.sort(Comparator.comparing((JsonNode n) -> n.path("indexedAt").asString("")));
			List<JsonNode> wanted = fresh.stream()
				.filter(n -> REASONS.contains(n.path("reason").asString("")))
				.filter(n -> !account.did().equals(n.path("author").path("did").asString("")))
				.toList();
			Map<String, JsonNode> profiles = profiles(service, identifier, wanted.stream()
				.map(n -> n.path("author").path("did").asString("")).toList());
			List<InboundMessage> batch = wanted.stream()
				.map(n -> message(n, profiles.get(n.path("author").path("did").asString(""))).onPost(ownPost(n, account.did())))
				.toList();
			for (int from = 0; from < batch.size(); from += Ingestion.MAX_BATCH) {
				received += ingestion.ingest(channel, batch.subList(from, Math.min(batch.size(), from + Ingestion.MAX_BATCH)))
					.accepted();
			}
			if (!fresh.isEmpty()) {
				String newest = fresh.getLast().path("indexedAt").asString();
				accounts.advance(channel.id(), newest, !batch.isEmpty());
				sessions.call(service, identifier, s -> client.procedure(service, s,
						"app.bsky.notification.updateSeen", Map.of("seenAt", newest)));
			}
			// the direct messages, in the same read; a chat service that fails does not fail the account
			received += chats.read(channel, account, service, identifier,
					dids -> profiles(service, identifier, dids));
			accounts.healthy(channel.id());
			channels.state(channel.id(), "");
			// the last answer used the rate limit up: the pause shows now, and the next read waits for its end
			sessions.of(service, identifier).flatMap(s -> client.usedUp(service, s))
				.ifPresent(e -> accounts.refused(channel.id(), e.pauseUntil, false, e.getMessage()));
		}
		catch (BlueskyClient.Failure e) {
			accounts.refused(channel.id(), e.pauseUntil, e.sessionRejected(), e.getMessage());
			channels.state(channel.id(), e.getMessage());
			log.info("Bluesky channel {}: {}", channel.id(), e.getMessage());
		}
		return received;
	}

	/**
	 * A page of {@code listNotifications} as the lexicon gives it: {@code notifications}, a list of notifications each
	 * with its post's {@code uri} and its {@code indexedAt}. An answer of another shape (a PDS or a proxy amiss) is a
	 * failure, so that nothing of it is stored and the cursor stays where it was.
	 */
	private static JsonNode notifications(JsonNode answer) throws BlueskyClient.Failure {
		boolean wellFormed = answer.path("notifications").isArray();
		for (JsonNode notification : answer.path("notifications")) {
			wellFormed &= !notification.path("uri").asString("").isEmpty()
					&& instant(notification.path("indexedAt").asString(null)) != null;
		}
		if (!wellFormed) {
			throw new BlueskyClient.Failure(200, "", true, null, "The PDS answered listNotifications with something other "
					+ "than a list of notifications, each with its post and time.");
		}
		return answer;
	}

	/**
	 * The authors' (or senders') detailed profile views ({@code app.bsky.actor.getProfiles}, 25 a call), which carry the counts
	 * the notifications' views do not. The counts are a bonus: when the call fails, the messages come in with what the
	 * notifications tell.
	 */
	private Map<String, JsonNode> profiles(String service, String identifier, List<String> authors) {
		List<String> dids = authors.stream().filter(d -> !d.isEmpty()).distinct().toList();
		Map<String, JsonNode> detailed = new java.util.HashMap<>();
		try {
			for (int from = 0; from < dids.size(); from += BlueskyFollowers.PROFILES) {
				List<String> actors = dids.subList(from, Math.min(dids.size(), from + BlueskyFollowers.PROFILES));
				sessions.call(service, identifier, s -> client.query(service, s, "app.bsky.actor.getProfiles",
						Map.of("actors", actors))).path("profiles").forEach(p -> detailed.put(p.path("did").asString(""), p));
			}
		}
		catch (BlueskyClient.Failure e) {
			log.info("Bluesky: the senders' profiles could not be read ({}); their counts wait for the next message",
					e.getMessage());
		}
		return detailed;
	}

	/** An AT Protocol timestamp ({@code createdAt}, {@code indexedAt}), or {@code null} when missing or unreadable. */
	static Instant instant(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	/**
	 * A notification as a message: the post's at-uri is its id on the channel; a reply belongs to the conversation
	 * of its thread's root (one conversation per post of the organisation), any other post starts its own.
	 */
	static InboundMessage message(JsonNode notification) {
		return message(notification, null);
	}

	/**
	 * A notification as a message, its sender's public profile read from {@code detailed} (the author's
	 * #profileViewDetailed) where given, else from the notification's own view of the author.
	 */
	static InboundMessage message(JsonNode notification, JsonNode detailed) {
		JsonNode author = notification.path("author");
		JsonNode record = notification.path("record");
		String uri = notification.path("uri").asString();
		String handle = author.path("handle").asString("");
		String displayName = author.path("displayName").asString("");
		String text = record.path("text").asString("");
		String root = record.path("reply").path("root").path("uri").asString(null);
		String parent = record.path("reply").path("parent").path("uri").asString(null);
		String firstLine = text.lines().findFirst().orElse("");
		String subject = "@" + handle + ": " + (firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine);
		Instant sentAt = instant(record.path("createdAt").asString(null));
		if (sentAt == null || sentAt.isAfter(Instant.now())) {
			sentAt = instant(notification.path("indexedAt").asString(null));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("handle", handle);
		headers.put("cid", notification.path("cid").asString(""));
		headers.put("reason", notification.path("reason").asString(""));
		headers.put("blueskyUrl", webUrl(handle, uri));
		return new InboundMessage(uri, root != null ? root : uri, parent == null ? List.of() : List.of(parent),
				new IdentityClaim(IDENTITY, author.path("did").asString(), displayName.isBlank() ? "@" + handle : displayName)
					.withProfile(BlueskyFollowers.follower(detailed != null ? detailed : author, Instant.now())
						.publicProfile(handle.isEmpty() ? null : "https://bsky.app/profile/" + handle)),
				null, subject, text.isBlank() ? "(" + notification.path("reason").asString("") + ")" : text, false, sentAt,
				"in", "message", null, List.of(), headers);
	}

	/**
	 * The post of the account ({@code did}) a notification comments on: the root of a reply's thread, or the post a
	 * quote embeds; {@code null} when it is someone else's.
	 */
	static String ownPost(JsonNode notification, String did) {
		JsonNode record = notification.path("record");
		String root = record.path("reply").path("root").path("uri").asString("");
		JsonNode embed = record.path("embed");
		String quoted = embed.path("record").path("uri").asString(embed.path("record").path("record").path("uri").asString(""));
		String post = !root.isEmpty() ? root : "quote".equals(notification.path("reason").asString("")) ? quoted : "";
		return post.startsWith("at://" + did + "/") ? post : null;
	}

	/** The post on bsky.app, for people to look at. */
	static String webUrl(String handle, String atUri) {
		String rkey = atUri.substring(atUri.lastIndexOf('/') + 1);
		return "https://bsky.app/profile/" + handle + "/post/" + rkey;
	}
}

package org.rapport.channels.bluesky;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector.Delivered;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.channels.OutgoingReply;
import org.rapport.contacts.IdentityClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The direct messages of a Bluesky account, through its PDS, which passes the calls on to Bluesky's chat service
 * ({@link BlueskyClient#CHAT_SERVICE}). Each conversation of the chat service (a "convo") is one conversation in the
 * inbox, its id the thread key; each message from someone else is a message in it. Messages are read from the
 * account's chat log ({@code chat.bsky.convo.getLog}) as part of every read of the account ({@link BlueskyPolling}):
 * the first read only notes where the log ends, later reads take what came after, and the cursor (the newest event's
 * {@code rev}) moves only after the messages are stored, which is idempotent by the message's id, so a crash neither
 * loses nor repeats a message. The account's own messages, sent from the app, are left out, as its own posts are.
 * Answers in such a conversation are sent with {@code chat.bsky.convo.sendMessage}, which carries no files: the
 * conversations are noted as their messages arrive ({@link BlueskyAccounts#chats}), so that the composer offers none
 * there ({@link #carriesNoFiles}). Once an answer has left, the conversation is marked read on Bluesky up to the newest
 * message the answer saw ({@code chat.bsky.convo.updateRead}): whoever answered has read it, and the inbox tells no
 * one when a conversation is only opened. {@code sendMessage} has no idempotency key, so an attempt after one that may
 * have left unanswered first looks for the message in the conversation ({@link #sentBefore}).
 * <p>
 * An app password made without "Allow access to your direct messages" is refused by the chat service; the channel's
 * health says so in words ({@link #SCOPE_REFUSED}) while mentions and replies go on.
 */
@Component
class BlueskyChats {

	private static final Logger log = LoggerFactory.getLogger(BlueskyChats.class);

	/** Prefixes a direct message's id on the channel, so it never meets a post's at-uri. */
	static final String ID_PREFIX = "chat:";

	/** What the channel's health says while the app password has no access to direct messages. */
	static final String SCOPE_REFUSED = "The app password does not allow direct messages: create one on Bluesky with "
			+ "\"Allow access to your direct messages\" ticked and enter it in the channel. Mentions and replies still "
			+ "arrive.";

	static final String LOG_CREATE_MESSAGE = "chat.bsky.convo.defs#logCreateMessage";
	static final String MESSAGE_VIEW = "chat.bsky.convo.defs#messageView";

	private static final int MAX_PAGES = 10;

	private final BlueskyClient client;
	private final BlueskySessions sessions;
	private final BlueskyAccounts accounts;
	private final Ingestion ingestion;

	BlueskyChats(BlueskyClient client, BlueskySessions sessions, BlueskyAccounts accounts, Ingestion ingestion) {
		this.client = client;
		this.sessions = sessions;
		this.accounts = accounts;
		this.ingestion = ingestion;
	}

	/**
	 * Reads what is new in the account's chat log into the inbox; answers how many messages were new. A failure of
	 * the chat service is kept as the channel's note on direct messages and does not fail the read of the account;
	 * only a pause of the account itself (a 429 the PDS answered for all its calls) is passed on.
	 *
	 * @param profiles the senders' detailed profiles by DID, as the notifications read them
	 */
	int read(Channel channel, BlueskyAccounts.Account account, String service, String identifier,
			Function<List<String>, Map<String, JsonNode>> profiles) throws BlueskyClient.Failure {
		if (accounts.pausedUntil(channel.id(), BlueskyClient.CHAT).isPresent()) {
			return 0;
		}
		try {
			return readLog(channel, account, service, identifier, profiles);
		}
		catch (BlueskyClient.Failure e) {
			if (e.chatRefused()) {
				accounts.chatProblem(channel.id(), SCOPE_REFUSED);
			}
			else if (e.status == 429 && e.calls == null) {
				throw e;
			}
			else if (e.calls != null && e.pauseUntil != null) {
				// the chat service's limit: direct messages wait, the rest goes on ("direct messages paused until …")
				accounts.failed(channel.id(), e);
			}
			else if (e.status == 404 || e.status == 501) {
				// a PDS that passes no calls on to a chat service: there are no direct messages to read
				accounts.chatProblem(channel.id(), "");
			}
			else {
				accounts.chatProblem(channel.id(), "Direct messages could not be read: " + e.getMessage());
			}
			log.info("Bluesky channel {}: direct messages not read: {}", channel.id(), e.getMessage());
			return 0;
		}
	}

	private int readLog(Channel channel, BlueskyAccounts.Account account, String service, String identifier,
			Function<List<String>, Map<String, JsonNode>> profiles) throws BlueskyClient.Failure {
		String cursor = account.chatCursor();
		if (cursor == null) {
			// the first read: what came before the channel was connected stays in the app
			JsonNode end = logs(sessions.call(service, identifier, s -> client.chatQuery(service, s,
					"chat.bsky.convo.getLog", Map.of())));
			accounts.chatRead(channel.id(), newest(end, end.path("cursor").asString(null)), false);
			return 0;
		}
		List<JsonNode> fresh = new ArrayList<>();
		String newest = cursor;
		for (int page = 0; page < MAX_PAGES; page++) {
			String after = newest;
			JsonNode answer = logs(sessions.call(service, identifier, s -> client.chatQuery(service, s,
					"chat.bsky.convo.getLog", Map.of("cursor", List.of(after)))));
			for (JsonNode event : answer.path("logs")) {
				if (event.path("rev").asString("").compareTo(after) > 0) {
					fresh.add(event);
				}
			}
			newest = newest(answer, after);
			if (newest.equals(after)) {
				break;
			}
		}
		List<JsonNode> wanted = fresh.stream().filter(e -> wanted(e, account.did())).toList();
		Map<String, JsonNode> detailed = wanted.isEmpty() ? Map.of() : profiles.apply(wanted.stream()
			.map(e -> e.path("message").path("sender").path("did").asString("")).distinct().toList());
		List<InboundMessage> batch = wanted.stream().map(e -> {
			String sender = e.path("message").path("sender").path("did").asString("");
			return message(e, detailed.containsKey(sender) ? detailed.get(sender) : related(e, sender));
		}).toList();
		int received = 0;
		for (int from = 0; from < batch.size(); from += Ingestion.MAX_BATCH) {
			Ingestion.Result result = ingestion.ingest(channel,
					batch.subList(from, Math.min(batch.size(), from + Ingestion.MAX_BATCH)));
			accounts.chats(channel.id(), result.conversationIds().values());
			received += result.accepted();
		}
		accounts.chatRead(channel.id(), newest.equals(cursor) ? null : newest, received > 0);
		return received;
	}

	/**
	 * An answer of {@code getLog} as the lexicon gives it: {@code logs}, a list of events each with its {@code rev}.
	 * An answer of another shape is a failure, so that nothing of it is stored and the cursor stays where it was.
	 */
	private static JsonNode logs(JsonNode answer) throws BlueskyClient.Failure {
		boolean wellFormed = answer.path("logs").isArray();
		for (JsonNode event : answer.path("logs")) {
			wellFormed &= !event.path("rev").asString("").isEmpty();
		}
		if (!wellFormed) {
			throw new BlueskyClient.Failure(200, "", true, null, "The PDS answered chat.bsky.convo.getLog with something "
					+ "other than a list of events, each with its rev.");
		}
		return answer;
	}

	/** The newest rev of an answer's events, or of {@code than} when none is newer. */
	static String newest(JsonNode answer, String than) {
		String newest = than;
		for (JsonNode event : answer.path("logs")) {
			String rev = event.path("rev").asString("");
			if (newest == null || rev.compareTo(newest) > 0) {
				newest = rev;
			}
		}
		return newest;
	}

	/** A message someone other than the account wrote, not deleted: the events that become messages. */
	static boolean wanted(JsonNode event, String accountDid) {
		JsonNode message = event.path("message");
		String type = message.path("$type").asString(MESSAGE_VIEW);
		return LOG_CREATE_MESSAGE.equals(event.path("$type").asString(""))
				&& !event.path("convoId").asString("").isEmpty()
				&& MESSAGE_VIEW.equals(type) && message.path("text").isString()
				&& !message.path("id").asString("").isEmpty()
				&& !message.path("sender").path("did").asString("").isEmpty()
				&& !accountDid.equals(message.path("sender").path("did").asString(""));
	}

	/** The sender's profile the event itself names ({@code relatedProfiles}), or a missing node. */
	private static JsonNode related(JsonNode event, String did) {
		for (JsonNode profile : event.path("relatedProfiles")) {
			if (did.equals(profile.path("did").asString(""))) {
				return profile;
			}
		}
		return event.path("relatedProfiles").path(-1);
	}

	/**
	 * A {@code logCreateMessage} event as a message: the message's id (prefixed, {@link #ID_PREFIX}) is its id on the
	 * channel, the conversation's id its thread, the sender known by DID and handle as a notification's author is, with
	 * the profile {@code profile} shows (a detailed or basic profile view; a missing node when none is known).
	 */
	static InboundMessage message(JsonNode event, JsonNode profile) {
		JsonNode message = event.path("message");
		String convoId = event.path("convoId").asString();
		String did = message.path("sender").path("did").asString();
		String handle = profile.path("handle").asString("");
		String displayName = profile.path("displayName").asString("");
		String text = message.path("text").asString("");
		String firstLine = text.lines().findFirst().orElse("");
		String who = handle.isEmpty() ? did : "@" + handle;
		String subject = who + ": " + (firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine);
		Instant sentAt = BlueskyPolling.instant(message.path("sentAt").asString(null));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("handle", handle);
		headers.put("convoId", convoId);
		headers.put("reason", "chat");
		IdentityClaim from = new IdentityClaim(BlueskyPolling.IDENTITY, did, displayName.isBlank() ? who : displayName);
		if (!profile.isMissingNode()) {
			from = from.withProfile(BlueskyFollowers.follower(profile, Instant.now())
				.publicProfile(handle.isEmpty() ? null : "https://bsky.app/profile/" + handle));
		}
		return new InboundMessage(ID_PREFIX + message.path("id").asString(), convoId, List.of(), from, null, subject,
				text.isBlank() ? "(direct message)" : text, false, sentAt, "in", "message", null, List.of(), headers);
	}

	/** Whether the conversation is one of the channel's direct messages, whose answers carry no files. */
	boolean carriesNoFiles(Channel channel, UUID conversationId) {
		return accounts.chat(channel.id(), conversationId);
	}

	/**
	 * The conversation of the chat service a reply answers, if it is one: its thread key is the convo's id (never an
	 * at-uri, as a post's thread is) and its messages are direct messages ({@link #ID_PREFIX}).
	 */
	static Optional<String> convoOf(OutgoingReply reply) {
		String thread = reply.threadKey();
		boolean chat = thread != null && !thread.isBlank() && !thread.startsWith("at://")
				&& reply.references().stream().anyMatch(r -> r.startsWith(ID_PREFIX))
				&& reply.references().stream().noneMatch(r -> r.startsWith("at://"));
		return chat ? Optional.of(thread) : Optional.empty();
	}

	/**
	 * Sends the answer to the conversation with {@code chat.bsky.convo.sendMessage}, with facets for links, mentions
	 * (the handles {@code didOf} resolves) and tags; text only, at most 1000 characters.
	 */
	Delivered send(Channel channel, OutgoingReply reply, String convoId, Function<String, Optional<String>> didOf)
			throws DeliveryException {
		String text = reply.bodyText() == null ? "" : reply.bodyText().strip();
		if (text.isEmpty()) {
			throw new DeliveryException("Bluesky takes no empty direct messages.", false, null);
		}
		if (!reply.files().isEmpty()) {
			throw new DeliveryException("Bluesky direct messages carry no files: send the text alone, or the files "
					+ "another way.", false, null);
		}
		try {
			BlueskyText.checkMessageLength(text);
		}
		catch (BlueskyText.TooLong e) {
			throw new DeliveryException(e.getMessage(), false, null);
		}
		Optional<Instant> paused = accounts.pausedUntil(channel.id(), BlueskyClient.CHAT);
		if (paused.isPresent()) {
			throw new DeliveryException("The PDS paused direct messages until "
					+ paused.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".", paused.get(), null);
		}
		String service = BlueskyPolling.service(channel);
		String identifier = BlueskyPolling.identifier(channel);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("text", text);
		var facets = BlueskyText.facets(text, didOf);
		if (!facets.isEmpty()) {
			message.put("facets", facets);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("convoId", convoId);
		body.put("message", message);
		try {
			BlueskyAccounts.ChatSend attempt = accounts.chatSend(channel.id(), reply.messageId());
			if (!attempt.first()) {
				// an earlier attempt may have left although its answer was lost: sendMessage has no key to repeat it by
				Optional<String> there = alreadySent(channel, service, identifier, convoId, text, attempt.startedAt(),
						reply.references());
				if (there.isPresent()) {
					markRead(channel, service, identifier, convoId, reply);
					return Delivered.sent(ID_PREFIX + there.get());
				}
			}
			JsonNode sent = sessions.call(service, identifier, s -> client.chatProcedure(service, s,
					"chat.bsky.convo.sendMessage", body));
			String id = sent.path("id").asString("");
			if (id.isEmpty()) {
				throw new BlueskyClient.Failure(200, "", false, null,
						"The PDS answered chat.bsky.convo.sendMessage without the id of the message it sent.");
			}
			markRead(channel, service, identifier, convoId, reply);
			return Delivered.sent(ID_PREFIX + id);
		}
		catch (BlueskyClient.Failure e) {
			if (e.chatRefused()) {
				accounts.chatProblem(channel.id(), SCOPE_REFUSED);
				throw new DeliveryException(SCOPE_REFUSED, false, e);
			}
			accounts.failed(channel.id(), e);
			// sendMessage has no key of its own: when no answer came, the next attempt looks for it before sending
			throw e.undelivered(AGAIN_LOOKS_FIRST);
		}
	}

	/** What a failed answer says when it may have left although no answer said so. */
	static final String AGAIN_LOOKS_FIRST = "It may have been sent: before it is sent again, Rapport looks for it in the "
			+ "conversation on Bluesky.";

	/** How many of a conversation's newest messages a repeated attempt looks through for the answer. */
	static final int LOOK_BACK = 20;

	/**
	 * Some leeway for the chat service's clock against Rapport's: a message sent this long before the first attempt
	 * started still counts as the attempt's.
	 */
	static final java.time.Duration CLOCK_LEEWAY = java.time.Duration.ofSeconds(30);

	/**
	 * The id of the message an earlier attempt sent, if the conversation's newest messages ({@code
	 * chat.bsky.convo.getMessages}, newest first, {@value #LOOK_BACK}) hold one from the account with the same text,
	 * sent after that attempt started and not already one of the conversation's messages in the inbox.
	 */
	private Optional<String> alreadySent(Channel channel, String service, String identifier, String convoId,
			String text, Instant firstAttempt, List<String> known) throws BlueskyClient.Failure, DeliveryException {
		Optional<String> did = accounts.of(channel.id()).map(BlueskyAccounts.Account::did);
		if (did.isEmpty()) {
			throw new DeliveryException("An earlier attempt may have sent it, and the account is not known yet to look "
					+ "for it: look in the conversation on Bluesky.", false, null);
		}
		JsonNode answer = sessions.call(service, identifier, s -> client.chatQuery(service, s,
				"chat.bsky.convo.getMessages", Map.of("convoId", List.of(convoId), "limit",
						List.of(Integer.toString(LOOK_BACK)))));
		if (!answer.path("messages").isArray()) {
			throw new BlueskyClient.Failure(200, "", true, null, "The PDS answered chat.bsky.convo.getMessages with "
					+ "something other than a list of messages.");
		}
		return sentBefore(answer, did.get(), text, firstAttempt.minus(CLOCK_LEEWAY), known);
	}

	/**
	 * Of an answer of {@code getMessages}, the id of the account's message with this text sent at {@code after} or
	 * later, which is none of the {@code known} messages ({@link #ID_PREFIX} ids), if there is one.
	 */
	static Optional<String> sentBefore(JsonNode answer, String did, String text, Instant after, List<String> known) {
		for (JsonNode message : answer.path("messages")) {
			String id = message.path("id").asString("");
			Instant sentAt = BlueskyPolling.instant(message.path("sentAt").asString(null));
			if (!id.isEmpty() && MESSAGE_VIEW.equals(message.path("$type").asString(MESSAGE_VIEW))
					&& did.equals(message.path("sender").path("did").asString(""))
					&& text.equals(message.path("text").asString(null)) && sentAt != null && !sentAt.isBefore(after)
					&& !known.contains(ID_PREFIX + id)) {
				return Optional.of(id);
			}
		}
		return Optional.empty();
	}

	/**
	 * Marks the conversation read on Bluesky up to the newest of its messages the answer saw
	 * ({@code chat.bsky.convo.updateRead}): whoever answered in Rapport has read them, so the account's unread
	 * count in the app drops. Done once the answer has left; a failure is only logged (a pause the chat service asks
	 * for is kept), and never fails the answer.
	 */
	private void markRead(Channel channel, String service, String identifier, String convoId, OutgoingReply reply) {
		List<String> references = reply.references();
		String newest = null;
		for (int i = references.size() - 1; i >= 0 && newest == null; i--) {
			if (references.get(i).startsWith(ID_PREFIX)) {
				newest = references.get(i).substring(ID_PREFIX.length());
			}
		}
		if (newest == null || accounts.pausedUntil(channel.id(), BlueskyClient.CHAT).isPresent()) {
			return;
		}
		Map<String, Object> read = new LinkedHashMap<>();
		read.put("convoId", convoId);
		read.put("messageId", newest);
		try {
			sessions.call(service, identifier, s -> client.chatProcedure(service, s,
					"chat.bsky.convo.updateRead", read));
		}
		catch (BlueskyClient.Failure e) {
			if (e.calls != null && e.pauseUntil != null) {
				accounts.failed(channel.id(), e);
			}
			log.info("Bluesky channel {}: conversation {} not marked read: {}", channel.id(), convoId, e.getMessage());
		}
		catch (RuntimeException e) {
			log.warn("Bluesky channel {}: conversation {} not marked read", channel.id(), convoId, e);
		}
	}
}

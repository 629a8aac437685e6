package org.rapport.channels.meta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.channels.InboundMessage;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.PublicProfile;

import tools.jackson.databind.JsonNode;

/**
 * Makes the inbox's messages of a webhook delivery (developers.facebook.com/docs/graph-api/webhooks/getting-started,
 * "Event Notifications"): {@code {"object": "page" | "instagram", "entry": [{"id", "time", "changes": [{"field",
 * "value"}], "messaging": [...]}]}}. Taken are the entries of the channel's own account:
 * <ul>
 * <li>a page's {@code feed} change with {@code item: comment, verb: add} (a comment, or a reply to one, on a page
 * post; Graph API "Webhooks for Pages", field {@code feed});</li>
 * <li>an Instagram account's {@code comments} change (a comment on its media; "Webhooks" of the Instagram
 * Platform);</li>
 * <li>a {@code messaging} event with a {@code message} (Messenger Platform "messages" webhook; Instagram direct
 * messages come the same way).</li>
 * </ul>
 * The account's own comments and messages (its replies, {@code is_echo}) and everything else (reactions, removals,
 * read receipts) are passed over; an edited page comment replaces the text stored ({@link #edits}).
 * <p>
 * Ids: a comment is its comment id, a message its {@code mid} — the network's ids, so a delivery that comes again
 * stores nothing twice. A comment thread is one conversation, keyed {@code post:<post or media id>}; a person's
 * direct messages are one, keyed {@code dm:<their page- or Instagram-scoped id>}. What the page sends is kept with
 * {@code :sent} after its id.
 */
final class MetaWebhooks {

	static final String POST_THREAD = "post:";
	static final String DM_THREAD = "dm:";
	static final String SENT = ":sent";

	private MetaWebhooks() {
	}

	/**
	 * One message of a delivery.
	 *
	 * @param postId for a comment, the post or media it is under (whose text heads the conversation), else {@code null}
	 */
	record Event(InboundMessage message, String postId) {

		boolean direct() {
			return message.threadKey().startsWith(DM_THREAD);
		}
	}

	/**
	 * The comments of a page's delivery that their authors edited: comment id and new text ({@code feed},
	 * {@code item: comment}, {@code verb: edited}).
	 */
	static Map<String, String> edits(JsonNode delivery, String accountId) {
		Map<String, String> edits = new LinkedHashMap<>();
		if (!"page".equals(delivery.path("object").asString(""))) {
			return edits;
		}
		for (JsonNode entry : delivery.path("entry")) {
			if (!accountId.equals(text(entry.path("id")))) {
				continue;
			}
			for (JsonNode change : entry.path("changes")) {
				JsonNode value = change.path("value");
				if ("feed".equals(change.path("field").asString("")) && "comment".equals(value.path("item").asString(""))
						&& "edited".equals(value.path("verb").asString("")) && !text(value.path("comment_id")).isEmpty()
						&& !value.path("message").asString("").isBlank()) {
					edits.put(text(value.path("comment_id")), value.path("message").asString(""));
				}
			}
		}
		return edits;
	}

	/**
	 * The messages of a delivery for the account {@code accountId} (a page id, or an Instagram account id).
	 *
	 * @param object {@code page} or {@code instagram}: deliveries of another object are passed over
	 * @param identity the identity kind senders are known by
	 */
	static List<Event> events(JsonNode delivery, String object, String accountId, String identity) {
		List<Event> events = new ArrayList<>();
		if (!object.equals(delivery.path("object").asString(""))) {
			return events;
		}
		for (JsonNode entry : delivery.path("entry")) {
			if (!accountId.equals(text(entry.path("id")))) {
				continue;
			}
			Instant entryTime = entry.path("time").canConvertToLong() ? seconds(entry.path("time").asLong()) : Instant.now();
			for (JsonNode change : entry.path("changes")) {
				JsonNode value = change.path("value");
				String field = change.path("field").asString("");
				if (field.equals("feed")) {
					pageComment(value, accountId, identity).ifPresent(events::add);
				}
				else if (field.equals("comments")) {
					instagramComment(value, accountId, identity, entryTime).ifPresent(events::add);
				}
			}
			for (JsonNode messaging : entry.path("messaging")) {
				message(messaging, accountId, identity, object).ifPresent(events::add);
			}
		}
		return events;
	}

	private static java.util.Optional<Event> pageComment(JsonNode value, String pageId, String identity) {
		if (!"comment".equals(value.path("item").asString("")) || !"add".equals(value.path("verb").asString(""))) {
			return java.util.Optional.empty();
		}
		String commentId = text(value.path("comment_id"));
		String postId = text(value.path("post_id"));
		String from = text(value.path("from").path("id"));
		if (commentId.isEmpty() || postId.isEmpty() || from.isEmpty() || from.equals(pageId)) {
			return java.util.Optional.empty();
		}
		String parent = text(value.path("parent_id"));
		List<String> references = parent.isEmpty() || parent.equals(postId) ? List.of() : List.of(parent);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("postId", postId);
		headers.put("senderId", from);
		if (!references.isEmpty()) {
			headers.put("parentId", parent);
		}
		String body = value.path("message").asString("");
		if (body.isBlank()) {
			body = value.path("photo").isMissingNode() && value.path("video").isMissingNode()
					? "[Kommentar ohne Text · comment without text]" : "[Foto oder Video · photo or video]";
		}
		Instant sentAt = value.path("created_time").canConvertToLong() ? seconds(value.path("created_time").asLong())
				: Instant.now();
		InboundMessage message = new InboundMessage(commentId, POST_THREAD + postId, references,
				new IdentityClaim(identity, from, value.path("from").path("name").asString(""))
					.withProfile(profile(value.path("from"))), null, "", body, false,
				sentAt, "in", "message", null, List.of(), headers);
		return java.util.Optional.of(new Event(message, postId));
	}

	/**
	 * What a comment's {@code from} tells of its author: a Facebook user's name (its id is scoped to the page, so it
	 * has no public address), an Instagram account's user name and its profile page.
	 */
	static PublicProfile profile(JsonNode from) {
		String username = from.path("username").asString("");
		String name = from.path("name").asString("");
		return new PublicProfile(username.isEmpty() ? null : "@" + username, name.isEmpty() ? null : name, null, null,
				username.matches("[A-Za-z0-9._]{1,30}") ? "https://www.instagram.com/" + username + "/" : null, null, null,
				null, null, null);
	}

	private static java.util.Optional<Event> instagramComment(JsonNode value, String accountId, String identity,
			Instant sentAt) {
		String commentId = text(value.path("id"));
		String mediaId = text(value.path("media").path("id"));
		String from = text(value.path("from").path("id"));
		if (commentId.isEmpty() || mediaId.isEmpty() || from.isEmpty() || from.equals(accountId)) {
			return java.util.Optional.empty();
		}
		String parent = text(value.path("parent_id"));
		String username = value.path("from").path("username").asString("");
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("postId", mediaId);
		headers.put("senderId", from);
		if (!username.isEmpty()) {
			headers.put("username", "@" + username);
		}
		if (!parent.isEmpty()) {
			headers.put("parentId", parent);
		}
		String body = value.path("text").asString("");
		InboundMessage message = new InboundMessage(commentId, POST_THREAD + mediaId,
				parent.isEmpty() ? List.of() : List.of(parent),
				new IdentityClaim(identity, from, username).withProfile(profile(value.path("from"))), null, "",
				body.isBlank() ? "[Kommentar ohne Text · comment without text]" : body, false, sentAt, "in", "message",
				null, List.of(), headers);
		return java.util.Optional.of(new Event(message, mediaId));
	}

	private static java.util.Optional<Event> message(JsonNode messaging, String accountId, String identity, String object) {
		JsonNode message = messaging.path("message");
		String mid = text(message.path("mid"));
		String sender = text(messaging.path("sender").path("id"));
		if (!message.isObject() || mid.isEmpty() || sender.isEmpty() || sender.equals(accountId)
				|| message.path("is_echo").asBoolean(false) || message.path("is_deleted").asBoolean(false)) {
			return java.util.Optional.empty();
		}
		String body = message.path("text").asString("");
		if (body.isBlank()) {
			body = attachments(message.path("attachments"));
		}
		String firstLine = body.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
		firstLine = firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine;
		Instant sentAt = messaging.path("timestamp").canConvertToLong()
				? Instant.ofEpochMilli(messaging.path("timestamp").asLong()) : Instant.now();
		List<String> references = List.of();
		String answered = text(message.path("reply_to").path("mid"));
		if (!answered.isEmpty()) {
			references = List.of(answered);
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("senderId", sender);
		headers.put("via", object.equals("instagram") ? "Instagram Direct" : "Messenger");
		InboundMessage inbound = new InboundMessage(mid, DM_THREAD + sender, references,
				new IdentityClaim(identity, sender, ""), null, firstLine, body, false, sentAt, "in", "message", null,
				List.of(), headers);
		return java.util.Optional.of(new Event(inbound, null));
	}

	/** What a message without text holds, in both languages (the body is the same for every reader). */
	private static String attachments(JsonNode attachments) {
		List<String> kinds = new ArrayList<>();
		for (JsonNode attachment : attachments) {
			kinds.add(switch (attachment.path("type").asString("")) {
				case "image" -> "[Bild · image]";
				case "video", "ig_reel", "reel" -> "[Video · video]";
				case "audio" -> "[Sprachnachricht · voice message]";
				case "file" -> "[Datei · file]";
				case "share", "story_mention" -> "[Geteilter Beitrag · shared post]";
				default -> "[Anhang · attachment]";
			});
		}
		return kinds.isEmpty() ? "[Nachricht ohne Text · message without text]" : String.join(" ", kinds);
	}

	/** An id that Graph may write as a number or a string. */
	private static String text(JsonNode id) {
		if (id.isNumber()) {
			return id.asString();
		}
		return id.isString() ? id.asString().strip() : "";
	}

	private static Instant seconds(long value) {
		// Graph writes seconds; a few fields of older deliveries carry milliseconds
		return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
	}
}

package org.rapport.channels;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.IdentityClaim;

/**
 * What a connector received, normalised. The pair (channel, {@code externalId}) makes ingestion idempotent.
 *
 * @param threadKey groups messages into one conversation; when null, the pipeline follows {@code references}, and
 * failing that the message starts its own conversation
 * @param references channel ids of messages this one answers (In-Reply-To, References), newest last
 * @param from who sent it; ignored when {@code contactId} is given
 * @param contactId the contact, when a person logged the message for a known contact
 * @param body the content; HTML when {@code html} is true, else plain text
 * @param kind {@code message}, or {@code activity} for a logged call, visit, letter, event or note
 * @param headers channel-specific metadata worth keeping
 * @param automated sent by a machine, not a person: an auto-reply, a bounce, a bot account (the connector decides
 * from what its network says); such a message does not wait for an answer
 */
public record InboundMessage(String externalId, String threadKey, List<String> references, IdentityClaim from,
		UUID contactId, String subject, String body, boolean html, Instant sentAt, String direction, String kind,
		String activityKind, List<Attachment> attachments, Map<String, String> headers, boolean automated) {

	/** A message a person wrote. */
	public InboundMessage(String externalId, String threadKey, List<String> references, IdentityClaim from,
			UUID contactId, String subject, String body, boolean html, Instant sentAt, String direction, String kind,
			String activityKind, List<Attachment> attachments, Map<String, String> headers) {
		this(externalId, threadKey, references, from, contactId, subject, body, html, sentAt, direction, kind,
				activityKind, attachments, headers, false);
	}

	/** The same message, marked as sent by a machine when {@code automated} is true. */
	public InboundMessage automated(boolean automated) {
		return new InboundMessage(externalId, threadKey, references, from, contactId, subject, body, html, sentAt,
				direction, kind, activityKind, attachments, headers, automated);
	}

	/**
	 * The header that names the post of the channel's own account a message comments on (its {@link
	 * PublishedPost#externalId()}), set by {@link #onPost}.
	 */
	public static final String ON_POST = "onPost";

	/**
	 * The same message, as a comment on a post the channel's account published (a reply to its status, a comment
	 * under its page's post or video), so that the post counts as one that started a conversation. Kinds whose
	 * connector lists the account's posts ({@link ChannelConnector#ownPosts}) or hands them over as it sees them
	 * ({@link ChannelPosts#saw}) say it; {@code null} changes nothing.
	 */
	public InboundMessage onPost(String postId) {
		if (postId == null || postId.isBlank()) {
			return this;
		}
		Map<String, String> more = new java.util.LinkedHashMap<>(headers == null ? Map.of() : headers);
		more.put(ON_POST, postId);
		return new InboundMessage(externalId, threadKey, references, from, contactId, subject, body, html, sentAt,
				direction, kind, activityKind, attachments, more, automated);
	}

	/** The post of the channel's own account this message comments on, or {@code null}. */
	public String post() {
		return headers == null ? null : headers.get(ON_POST);
	}

	/** A file that came with a message. */
	public record Attachment(String fileName, String contentType, byte[] content) {

		/** The largest file a connector keeps with a message; a larger one is named in the message instead. */
		public static final int MAX_BYTES = 15 * 1024 * 1024;
	}

	/** The same message with these files, and this body (which may say what could not be kept). */
	public InboundMessage withFiles(List<Attachment> files, String body) {
		return new InboundMessage(externalId, threadKey, references, from, contactId, subject, body, html, sentAt,
				direction, kind, activityKind, files, headers, automated);
	}

	/** A plain message from someone, the most common case. */
	public static InboundMessage message(String externalId, String threadKey, IdentityClaim from, String subject,
			String body, boolean html, Instant sentAt) {
		return new InboundMessage(externalId, threadKey, List.of(), from, null, subject, body, html, sentAt, "in",
				"message", null, List.of(), Map.of());
	}
}

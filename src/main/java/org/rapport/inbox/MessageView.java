package org.rapport.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as shown and returned by the API. {@code body} is sanitised HTML.
 *
 * @param kind {@code message} from the contact, {@code reply} to the contact, {@code note} internal, or
 * {@code activity} for a logged call, visit, letter, event or field note (see {@code activityKind})
 * @param delivery for replies: {@code queued}, {@code sent}, {@code failed} or {@code logged}
 * @param spam judged spam, by the spam filter as it arrived or by the team
 * @param spamScore the probability of spam the filter gave it as it arrived; null where nothing scored it
 */
public record MessageView(UUID id, String direction, String kind, String activityKind, String subject, String body,
		Instant sentAt, String senderName, String senderHandle, String authorName, String delivery,
		String deliveryError, List<AttachmentRef> attachments, boolean spam, Double spamScore) {

	public record AttachmentRef(UUID id, String fileName, String contentType, long size) {
	}
}

package org.rapport.channels;

import java.util.Map;
import java.util.UUID;

/**
 * Sends a mail that is not a reply in a conversation (a confirmation, a newsletter) through the workspace's first
 * connected mailbox.
 */
public interface Mailer {

	/**
	 * @param headers extra headers such as {@code List-Unsubscribe}
	 * @throws DeliveryException when the workspace has no mailbox or the server refused the mail
	 */
	void send(UUID workspaceId, String to, String subject, String text, Map<String, String> headers) throws DeliveryException;

	/** A file sent with a mail, such as a report as PDF. */
	record Attachment(String fileName, String contentType, byte[] content) {
	}

	/**
	 * Sends a mail with files attached.
	 *
	 * @throws DeliveryException when the workspace has no mailbox or the server refused the mail
	 */
	void send(UUID workspaceId, String to, String subject, String text, java.util.List<Attachment> attachments)
			throws DeliveryException;
}

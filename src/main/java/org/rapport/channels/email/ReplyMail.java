package org.rapport.channels.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.rapport.channels.OutgoingReply;

/**
 * Turns a reply into a plain-text UTF-8 mail, with its files as attachments, that threads in the customer's mail client: our own Message-ID,
 * {@code In-Reply-To} the newest earlier mail, {@code References} the conversation's mails.
 */
final class ReplyMail {

	/** A Message-ID as stored for mails: {@code <local@domain>}. */
	static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,500}>");

	/** How many earlier Message-IDs go into {@code References} at most (the oldest and the newest are kept). */
	static final int MAX_REFERENCES = 20;

	private ReplyMail() {
	}

	/**
	 * The Message-ID of a reply. It is derived from the reply's id, so a second attempt to send the same reply
	 * carries the same Message-ID and mail clients show it once.
	 */
	static String messageId(OutgoingReply reply, String domain) {
		return "<" + reply.messageId() + "@" + domain + ">";
	}

	static MimeMessage compose(Session session, EmailSettings settings, OutgoingReply reply, String to, String messageId)
			throws MessagingException {
		MimeMessage mail = new FixedIdMimeMessage(session, messageId);
		try {
			mail.setFrom(new InternetAddress(settings.emailAddress(),
					settings.fromName().isBlank() ? null : settings.fromName().strip(), StandardCharsets.UTF_8.name()));
		}
		catch (UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
		mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
		mail.setSubject(reply.subject() == null ? "" : reply.subject(), StandardCharsets.UTF_8.name());
		mail.setSentDate(new Date());
		List<String> references = references(reply.references());
		if (!references.isEmpty()) {
			mail.setHeader("In-Reply-To", references.getLast());
			mail.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", references)));
		}
		String text = reply.bodyText() == null ? "" : reply.bodyText();
		if (reply.files().isEmpty()) {
			mail.setText(text, StandardCharsets.UTF_8.name());
		}
		else {
			mail.setContent(withFiles(text, reply.files().stream()
				.map(f -> new org.rapport.channels.Mailer.Attachment(f.fileName(), f.contentType(), f.content())).toList()));
		}
		mail.saveChanges();
		return mail;
	}

	/** A plain-text UTF-8 body followed by the files as attachments: {@code multipart/mixed}. */
	static MimeMultipart withFiles(String text, List<org.rapport.channels.Mailer.Attachment> files)
			throws MessagingException {
		MimeMultipart parts = new MimeMultipart("mixed");
		MimeBodyPart body = new MimeBodyPart();
		body.setText(text, StandardCharsets.UTF_8.name());
		parts.addBodyPart(body);
		for (var file : files) {
			MimeBodyPart part = new MimeBodyPart();
			part.setDataHandler(new jakarta.activation.DataHandler(
					new jakarta.mail.util.ByteArrayDataSource(file.content(), file.contentType())));
			part.setFileName(file.fileName());
			part.setDisposition(jakarta.mail.Part.ATTACHMENT);
			parts.addBodyPart(part);
		}
		return parts;
	}

	/**
	 * The Message-IDs among a conversation's external ids, oldest first, shortened to the first and the newest
	 * ones. Ids of other channels (a web form's, say) are left out.
	 */
	static List<String> references(List<String> externalIds) {
		List<String> ids = externalIds == null ? List.of()
				: externalIds.stream().filter(id -> id != null && MESSAGE_ID.matcher(id).matches()).distinct().toList();
		if (ids.size() <= MAX_REFERENCES) {
			return ids;
		}
		var shortened = new java.util.ArrayList<String>();
		shortened.add(ids.getFirst());
		shortened.addAll(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
		return shortened;
	}

	/** Keeps the Message-ID we chose instead of the one Jakarta Mail would generate on {@code saveChanges}. */
	private static final class FixedIdMimeMessage extends MimeMessage {

		private final String messageId;

		FixedIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}
	}
}

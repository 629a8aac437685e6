package org.rapport.channels.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.rapport.channels.InboundMessage;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.springframework.web.util.HtmlUtils;

/**
 * Takes a raw RFC 5322 mail apart into an {@link InboundMessage}: the Message-ID as external id, References and
 * In-Reply-To for threading, the sender, the HTML or else the plain-text body, attachments and a few headers. A
 * mail that cannot be taken apart is {@link Parsed.Unreadable} with a reason, to be quarantined.
 */
final class MailParser {

	/** The largest attachment kept, in bytes; larger ones are named in the message but not stored. */
	static final int MAX_ATTACHMENT = InboundMessage.Attachment.MAX_BYTES;

	/** How many referenced Message-IDs are kept for threading (the newest). */
	static final int MAX_REFERENCES = 100;

	private static final Session SESSION = Session.getInstance(new Properties());

	private MailParser() {
	}

	/** The outcome of parsing one mail. */
	sealed interface Parsed {

		/** The external id the mail is known by: its Message-ID, or the synthetic id when it has none. */
		String externalId();

		/** A mail ready for ingestion. */
		record Readable(InboundMessage message) implements Parsed {

			@Override
			public String externalId() {
				return message.externalId();
			}
		}

		/** A mail that cannot be ingested, and why. */
		record Unreadable(String externalId, String reason) implements Parsed {
		}
	}

	/**
	 * @param syntheticId the external id to use when the mail has no usable Message-ID; must be stable for the mail
	 * @param receivedAt when the mail arrived; its Date header is used unless missing or in the future
	 */
	static Parsed parse(byte[] raw, String syntheticId, Instant receivedAt) {
		String externalId = syntheticId;
		try {
			MimeMessage mail = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			externalId = messageId(mail.getHeader("Message-ID", " ")).orElse(syntheticId);
			Optional<IdentityClaim> from = sender(mail);
			if (from.isEmpty()) {
				return new Parsed.Unreadable(externalId, "The mail has no usable sender address (From: "
						+ Optional.ofNullable(mail.getHeader("From", ", ")).orElse("missing") + ").");
			}
			Content content = new Content();
			content.collect(mail, false, false);
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("messageId", externalId);
			putAddresses(headers, "to", mail, "To");
			putAddresses(headers, "cc", mail, "Cc");
			if (!content.omitted.isEmpty()) {
				headers.put("omittedAttachments", String.join(", ", content.omitted));
			}
			boolean html = content.html != null;
			InboundMessage message = new InboundMessage(externalId, null, references(mail, externalId), from.get(), null,
					subject(mail), content.body(), html, sentAt(mail, receivedAt), "in", "message", null,
					List.copyOf(content.attachments), Map.copyOf(headers), automated(mail));
			return new Parsed.Readable(message);
		}
		catch (MessagingException | IOException | RuntimeException e) {
			return new Parsed.Unreadable(externalId, "The mail cannot be read: " + describe(e));
		}
	}

	/**
	 * Whether a machine sent the mail rather than a person: {@code Auto-Submitted} other than {@code no} (RFC 3834),
	 * {@code Precedence: bulk, junk, list or auto_reply}, or the auto-responder headers of common mail servers.
	 */
	static boolean automated(MimeMessage mail) throws MessagingException {
		String submitted = mail.getHeader("Auto-Submitted", null);
		if (submitted != null && !submitted.strip().toLowerCase(java.util.Locale.ROOT).startsWith("no")) {
			return true;
		}
		String precedence = mail.getHeader("Precedence", null);
		if (precedence != null && java.util.Set.of("bulk", "junk", "list", "auto_reply")
			.contains(precedence.strip().toLowerCase(java.util.Locale.ROOT))) {
			return true;
		}
		return mail.getHeader("X-Autoreply") != null || mail.getHeader("X-Autorespond") != null;
	}

	/** The first {@code <id>} of a Message-ID header, or the bare value in brackets if it has none. */
	static Optional<String> messageId(String header) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		Matcher m = ReplyMail.MESSAGE_ID.matcher(header);
		if (m.find()) {
			return Optional.of(m.group());
		}
		String bare = header.strip();
		return bare.matches("[^<>\\s]{1,500}") ? Optional.of("<" + bare + ">") : Optional.empty();
	}

	/** References, then In-Reply-To, without repeats and without the mail itself; the newest last. */
	static List<String> references(MimeMessage mail, String self) throws MessagingException {
		List<String> ids = new ArrayList<>();
		for (String header : new String[] { "References", "In-Reply-To" }) {
			String value = mail.getHeader(header, " ");
			if (value == null) {
				continue;
			}
			Matcher m = ReplyMail.MESSAGE_ID.matcher(value);
			while (m.find()) {
				ids.remove(m.group());
				ids.add(m.group());
			}
		}
		ids.remove(self);
		return ids.size() <= MAX_REFERENCES ? ids : List.copyOf(ids.subList(ids.size() - MAX_REFERENCES, ids.size()));
	}

	private static Optional<IdentityClaim> sender(MimeMessage mail) throws MessagingException {
		String header = mail.getHeader("From", ",");
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		InternetAddress[] addresses;
		try {
			addresses = InternetAddress.parseHeader(header, false);
		}
		catch (AddressException e) {
			return Optional.empty();
		}
		for (InternetAddress address : addresses) {
			String value = address.getAddress();
			if (value != null && Identities.isEmail(value)) {
				String name = address.getPersonal();
				return Optional.of(new IdentityClaim(IdentityKind.EMAIL, value, name == null ? null : name.strip()).normalised());
			}
		}
		return Optional.empty();
	}

	private static String subject(MimeMessage mail) throws MessagingException {
		String subject = mail.getSubject();
		return subject == null ? "" : subject.replace("\u0000", "").strip();
	}

	private static Instant sentAt(MimeMessage mail, Instant receivedAt) throws MessagingException {
		Date date = mail.getSentDate();
		return date == null || date.toInstant().isAfter(receivedAt) ? receivedAt : date.toInstant();
	}

	private static void putAddresses(Map<String, String> headers, String key, MimeMessage mail, String header)
			throws MessagingException {
		String value = mail.getHeader(header, ",");
		if (value == null || value.isBlank()) {
			return;
		}
		try {
			Address[] addresses = InternetAddress.parseHeader(value, false);
			List<String> shown = new ArrayList<>();
			for (Address a : addresses) {
				shown.add(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
			}
			headers.put(key, String.join(", ", shown));
		}
		catch (AddressException e) {
			headers.put(key, decode(value));
		}
	}

	private static String describe(Exception e) {
		String message = e.getMessage();
		return (message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip()) + ".";
	}

	private static String decode(String text) {
		try {
			return MimeUtility.decodeText(text);
		}
		catch (UnsupportedEncodingException e) {
			return text;
		}
	}

	/** The parts of a mail: the first HTML and plain-text bodies, attachments, and what was too large to keep. */
	private static final class Content {

		String html;
		String plain;
		final List<InboundMessage.Attachment> attachments = new ArrayList<>();
		final List<String> omitted = new ArrayList<>();

		/**
		 * @param inRelated whether the part belongs to a multipart/related (an HTML body with its images)
		 * @param first whether it is the first part of its multipart
		 */
		void collect(Part part, boolean inRelated, boolean first) throws MessagingException, IOException {
			if (part.isMimeType("multipart/*")) {
				if (!(part.getContent() instanceof Multipart multipart)) {
					throw new MessagingException("The multipart body cannot be read");
				}
				boolean related = part.isMimeType("multipart/related");
				for (int i = 0; i < multipart.getCount(); i++) {
					collect(multipart.getBodyPart(i), related, i == 0);
				}
				return;
			}
			boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
			String fileName = fileName(part);
			if (!attached && fileName == null && part.isMimeType("text/html") && html == null) {
				html = text(part);
			}
			else if (!attached && fileName == null && part.isMimeType("text/plain") && plain == null) {
				plain = text(part);
			}
			else if (inRelated && !first && !attached && part instanceof jakarta.mail.internet.MimePart mime
					&& mime.getContentID() != null) {
				// an image the HTML body shows inline; remote and embedded images are not displayed anyway
			}
			else {
				attach(part, fileName);
			}
		}

		private void attach(Part part, String fileName) throws MessagingException, IOException {
			String type = baseType(part);
			String name = fileName != null ? fileName : "attachment-" + (attachments.size() + omitted.size() + 1) + extension(type);
			byte[] bytes;
			try (var in = part.getInputStream()) {
				bytes = in.readNBytes(MAX_ATTACHMENT + 1);
			}
			if (bytes.length > MAX_ATTACHMENT) {
				omitted.add(name);
				return;
			}
			attachments.add(new InboundMessage.Attachment(name, type, bytes));
		}

		/** The body, HTML if there is an HTML part; NUL characters, which PostgreSQL text cannot hold, removed. */
		String body() {
			return withNote().replace("\u0000", "");
		}

		private String withNote() {
			String note = omitted.isEmpty() ? null
					: "Not kept, larger than " + MAX_ATTACHMENT / (1024 * 1024) + " MB: " + String.join(", ", omitted)
							+ ". The mail is still in the mailbox.";
			if (html != null) {
				return note == null ? html : html + "<p>" + HtmlUtils.htmlEscape(note) + "</p>";
			}
			String text = plain == null ? "" : plain;
			return note == null ? text : text.stripTrailing() + "\n\n" + note;
		}

		private static String fileName(Part part) throws MessagingException {
			String name = part.getFileName();
			if (name == null && part.isMimeType("message/rfc822")) {
				return "message.eml";
			}
			if (name == null || name.isBlank()) {
				return null;
			}
			name = decode(name).replaceAll("[\\p{Cc}/\\\\]", "_").strip();
			return name.length() > 255 ? name.substring(name.length() - 255) : name;
		}

		private static String baseType(Part part) {
			try {
				return new ContentType(part.getContentType()).getBaseType().toLowerCase(java.util.Locale.ROOT);
			}
			catch (MessagingException | RuntimeException e) {
				return "application/octet-stream";
			}
		}

		private static String extension(String type) {
			return switch (type) {
				case "text/plain" -> ".txt";
				case "text/html" -> ".html";
				case "text/calendar" -> ".ics";
				case "message/rfc822" -> ".eml";
				default -> ".bin";
			};
		}

		/** A text part as a string; a charset Java does not know is read as UTF-8 rather than failing the mail. */
		private static String text(Part part) throws MessagingException, IOException {
			try {
				if (part.getContent() instanceof String s) {
					return s;
				}
			}
			catch (UnsupportedEncodingException e) {
				// unknown charset, read below
			}
			try (var in = part.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
	}
}

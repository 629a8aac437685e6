package org.rapport.channels.email;

import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.RapportProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The email channel: a mailbox read by {@link MailFetcher} and answered over SMTP. A sent reply's Message-ID
 * becomes its external id, so when the customer answers our answer, the mail threads into the same conversation.
 */
@Component
public class EmailConnector implements ChannelConnector {

	/**
	 * What a reply mail carries: ten files, 15 MB together, which base64 makes about 20 MB on the wire, within the
	 * 25 MB most mail servers accept.
	 */
	static final org.rapport.inbox.ReplyCheck.Files FILES = new org.rapport.inbox.ReplyCheck.Files(10, 15_000_000);

	private final OutboundGuard guard;
	private final String domain;
	private final ObjectProvider<MailFetcher> fetcher;

	EmailConnector(OutboundGuard guard, RapportProperties properties, ObjectProvider<MailFetcher> fetcher) {
		this.guard = guard;
		this.domain = domainOf(properties);
		this.fetcher = fetcher;
	}

	@Override
	public boolean fetches() {
		return true;
	}

	/** Reads the mailbox's new mail now. */
	@Override
	public boolean sync(Channel channel) {
		fetcher.getObject().fetch(channel);
		return true;
	}

	/** The kind of mailbox channels. */
	public static final String KIND = "email";

	private static final Text IMAP = Text.of("Receiving (IMAP)", "Empfang (IMAP)");
	private static final Text SMTP = Text.of("Sending (SMTP)", "Versand (SMTP)");
	private static final List<String> SECURITY = List.of("tls", "starttls", "none");
	private static final List<Text> SECURITY_LABELS = List.of(Text.of("TLS", "TLS"), Text.of("STARTTLS", "STARTTLS"),
			Text.of("none", "keine"));

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Text name() {
		return Text.of("Email", "E-Mail");
	}

	@Override
	public Text account() {
		return Text.of("mailbox", "Postfach");
	}

	@Override
	public Text about() {
		return Text.of("Rapport fetches new mail over IMAP and sends replies over SMTP. Your provider's help pages name the servers.",
				"Rapport holt neue Mails per IMAP ab und sendet Antworten per SMTP. Die Server nennt Ihnen die Hilfe Ihres Anbieters.");
	}

	@Override
	public String icon() {
		return "M3 5h18v14H3z M3 6l9 7 9-7";
	}

	@Override
	public List<Setting> settings() {
		Text host = Text.of("Server", "Server");
		Text port = Text.of("Port", "Port");
		Text security = Text.of("Security", "Sicherheit");
		Text user = Text.of("User name", "Benutzername");
		Text password = Text.of("Password", "Passwort");
		return List.of(
				Setting.of("emailAddress", Setting.Type.EMAIL, Text.of("Email address", "E-Mail-Adresse")).mandatory(),
				Setting.text("fromName", Text.of("Sender name", "Absendername"))
					.help(Text.of("Shown as the sender of replies, e.g. the organisation's name.",
							"Erscheint als Absender der Antworten, z. B. der Name der Organisation.")),
				Setting.of("imapHost", Setting.Type.HOST, host).mandatory().in(IMAP),
				Setting.of("imapPort", Setting.Type.PORT, port).in(IMAP).preset("993"),
				Setting.choice("imapSecurity", security, SECURITY, SECURITY_LABELS).in(IMAP),
				Setting.text("imapUsername", user).in(IMAP)
					.help(Text.of("Empty: the email address.", "Leer: die E-Mail-Adresse.")),
				Setting.of("imapPassword", Setting.Type.SECRET, password).mandatory().in(IMAP),
				Setting.text("imapFolder", Text.of("Folder", "Ordner")).in(IMAP).preset("INBOX"),
				Setting.of("smtpHost", Setting.Type.HOST, host).mandatory().in(SMTP),
				Setting.of("smtpPort", Setting.Type.PORT, port).in(SMTP).preset("587"),
				Setting.choice("smtpSecurity", security, List.of("starttls", "tls", "none"),
						List.of(SECURITY_LABELS.get(1), SECURITY_LABELS.get(0), SECURITY_LABELS.get(2))).in(SMTP),
				Setting.text("smtpUsername", user).in(SMTP)
					.help(Text.of("Empty: the IMAP login.", "Leer: die IMAP-Anmeldung.")),
				Setting.of("smtpPassword", Setting.Type.SECRET, password).in(SMTP));
	}

	@Override
	public Replies replies() {
		return Replies.OWN;
	}

	@Override
	public org.rapport.inbox.ReplyCheck.Files replyFiles() {
		return FILES;
	}

	@Override
	public boolean carriesMail() {
		return true;
	}

	/** A mailbox made to hold imported history is not set up until a manager enters its servers. */
	@Override
	public Readiness readiness(Channel channel) {
		if (EmailSettings.complete(channel.config())) {
			return Readiness.READY;
		}
		return Readiness.missing(Text.of("The mailbox is not set up yet: its mail servers are missing.",
				"Das Postfach ist noch nicht eingerichtet: Die Mailserver fehlen."),
				Text.of("Set up the mailbox", "Postfach einrichten"), "/settings/channels/" + channel.id());
	}

	/** Checks and completes a mailbox's settings; see {@link EmailSettings#validate}. */
	@Override
	public Map<String, String> validate(Map<String, String> config) {
		return EmailSettings.validate(config, guard);
	}

	/**
	 * Sends the reply to the contact's first email address, from the mailbox's address.
	 *
	 * @return the mail's Message-ID in angle brackets
	 */
	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		String to = reply.first(IdentityKind.EMAIL)
			.orElseThrow(() -> new DeliveryException("The contact has no email address to answer to.", false, null));
		EmailSettings settings = EmailSettings.of(channel);
		try {
			guard.checkHost(settings.smtp().host());
		}
		catch (IllegalArgumentException e) {
			throw new DeliveryException("The SMTP server cannot be used: " + e.getMessage(), false, e);
		}
		Session session = MailSessions.smtp(settings, domain, guard);
		String messageId = ReplyMail.messageId(reply, domain);
		MimeMessage mail;
		try {
			mail = ReplyMail.compose(session, settings, reply, to, messageId);
		}
		catch (AddressException e) {
			throw new DeliveryException("'" + to + "' is not an address mail can be sent to.", false, e);
		}
		catch (MessagingException e) {
			throw new DeliveryException("The mail could not be put together: " + e.getMessage(), false, e);
		}
		Transport transport = null;
		try {
			transport = session.getTransport("smtp");
			EmailSettings.Server smtp = settings.smtp();
			transport.connect(smtp.host(), smtp.port(), smtp.username().isEmpty() ? null : smtp.username(),
					smtp.password().isEmpty() ? null : smtp.password());
			transport.sendMessage(mail, mail.getAllRecipients());
		}
		catch (MessagingException e) {
			throw SmtpFailures.classify(e, settings.smtp());
		}
		finally {
			closeQuietly(transport);
		}
		return Delivered.sent(messageId);
	}

	/** Once the mail was accepted, a failing QUIT must not turn the delivery into a failure. */
	private static void closeQuietly(Transport transport) {
		if (transport != null) {
			try {
				transport.close();
			}
			catch (MessagingException e) {
				// the mail has left or the failure was already reported
			}
		}
	}

	private static String domainOf(RapportProperties properties) {
		String host = properties.baseUrl() == null ? null : properties.baseUrl().getHost();
		return host == null || host.isBlank() ? "rapport.invalid" : host;
	}
}

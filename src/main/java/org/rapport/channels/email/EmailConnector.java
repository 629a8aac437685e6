package org.rapport.channels.email;

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
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.RapportProperties;
import org.springframework.stereotype.Component;

/**
 * The email channel: a mailbox read by {@link MailFetcher} and answered over SMTP. A sent reply's Message-ID
 * becomes its external id, so when the customer answers our answer, the mail threads into the same conversation.
 */
@Component
public class EmailConnector implements ChannelConnector {

	private final OutboundGuard guard;
	private final String domain;

	EmailConnector(OutboundGuard guard, RapportProperties properties) {
		this.guard = guard;
		this.domain = domainOf(properties);
	}

	@Override
	public String kind() {
		return "email";
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

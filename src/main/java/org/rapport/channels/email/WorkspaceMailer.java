package org.rapport.channels.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.rapport.channels.Channel;
import org.rapport.channels.ReplyRoutes;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.Mailer;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.RapportProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** {@link Mailer} over the SMTP server of the workspace's mailbox, the one {@link ReplyRoutes} picks. */
@Component
class WorkspaceMailer implements Mailer {

	private final ReplyRoutes routes;
	private final OutboundGuard guard;
	private final String domain;

	WorkspaceMailer(@Lazy ReplyRoutes routes, OutboundGuard guard, RapportProperties properties) {
		this.routes = routes;
		this.guard = guard;
		String host = properties.baseUrl() == null ? null : properties.baseUrl().getHost();
		this.domain = host == null || host.isBlank() ? "rapport.invalid" : host;
	}

	@Override
	public void send(UUID workspaceId, String to, String subject, String text, Map<String, String> headers)
			throws DeliveryException {
		send(workspaceId, to, subject, text, headers, java.util.List.of());
	}

	@Override
	public void send(UUID workspaceId, String to, String subject, String text, java.util.List<Attachment> attachments)
			throws DeliveryException {
		send(workspaceId, to, subject, text, Map.of(), attachments);
	}

	private void send(UUID workspaceId, String to, String subject, String text, Map<String, String> headers,
			java.util.List<Attachment> attachments) throws DeliveryException {
		Channel mailbox = routes.mailbox(workspaceId).filter(c -> c.kind().equals(EmailConnector.KIND))
			.orElseThrow(() -> new DeliveryException("Connect a mailbox (Settings → Channels) to send mail.", true, null));
		if (!EmailSettings.complete(mailbox.config())) {
			throw new DeliveryException("The mailbox is not set up yet: its mail servers are missing.", true, null);
		}
		EmailSettings settings = EmailSettings.of(mailbox);
		try {
			guard.checkHost(settings.smtp().host());
		}
		catch (IllegalArgumentException e) {
			throw new DeliveryException("The SMTP server cannot be used: " + e.getMessage(), false, e);
		}
		Session session = MailSessions.smtp(settings, domain, guard);
		try {
			MimeMessage mail = new MimeMessage(session);
			mail.setFrom(new InternetAddress(settings.emailAddress(),
					settings.fromName().isBlank() ? null : settings.fromName().strip(), StandardCharsets.UTF_8.name()));
			mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
			mail.setSubject(subject, StandardCharsets.UTF_8.name());
			mail.setSentDate(new Date());
			for (var header : headers.entrySet()) {
				mail.setHeader(header.getKey(), header.getValue());
			}
			if (attachments.isEmpty()) {
				mail.setText(text, StandardCharsets.UTF_8.name());
			}
			else {
				mail.setContent(ReplyMail.withFiles(text, attachments));
			}
			mail.saveChanges();
			Transport transport = session.getTransport("smtp");
			try {
				EmailSettings.Server smtp = settings.smtp();
				transport.connect(smtp.host(), smtp.port(), smtp.username().isEmpty() ? null : smtp.username(),
						smtp.password().isEmpty() ? null : smtp.password());
				transport.sendMessage(mail, mail.getAllRecipients());
			}
			finally {
				transport.close();
			}
		}
		catch (UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
		catch (MessagingException e) {
			throw SmtpFailures.classify(e, settings.smtp());
		}
	}
}

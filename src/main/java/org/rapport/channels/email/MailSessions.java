package org.rapport.channels.email;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Session;
import org.rapport.platform.OutboundGuard;

/**
 * Jakarta Mail sessions for one server: timeouts on connect, read and write, TLS or required STARTTLS with the
 * server's certificate and host name checked; sockets that connect only to the address the {@link OutboundGuard}
 * resolved and checked.
 */
final class MailSessions {

	/** Connect, read and write timeout of ordinary connections. */
	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private MailSessions() {
	}

	/** A session for sending through the mailbox's SMTP server; {@code heloName} is this installation's host name. */
	static Session smtp(EmailSettings settings, String heloName, OutboundGuard guard) {
		EmailSettings.Server server = settings.smtp();
		Properties p = common("smtp", server, TIMEOUT, guard);
		p.put("mail.smtp.auth", String.valueOf(!server.username().isEmpty()));
		p.put("mail.smtp.localhost", heloName);
		p.put("mail.smtp.from", settings.emailAddress());
		return Session.getInstance(p);
	}

	/**
	 * A session for reading the mailbox over IMAP. Mails are fetched with {@code BODY.PEEK}, so the mailbox's
	 * read/unread flags stay as they are for people who also use a mail client.
	 *
	 * @param readTimeout how long the server may stay silent; longer for a connection that waits in IDLE
	 */
	static Session imap(EmailSettings settings, Duration readTimeout, OutboundGuard guard) {
		Properties p = common("imap", settings.imap(), readTimeout, guard);
		p.put("mail.store.protocol", "imap");
		p.put("mail.imap.peek", "true");
		p.put("mail.imap.partialfetch", "false");
		return Session.getInstance(p);
	}

	private static Properties common(String protocol, EmailSettings.Server server, Duration readTimeout,
			OutboundGuard guard) {
		String prefix = "mail." + protocol + ".";
		Properties p = new Properties();
		// Connect only to the address the guard checked (no second lookup); TLS is layered on with the host name.
		p.put(prefix + "socketFactory", guard.sockets());
		p.put(prefix + "socketFactory.fallback", "false");
		p.put(prefix + "ssl.socketFactory", guard.sockets());
		p.put(prefix + "host", server.host());
		p.put(prefix + "port", String.valueOf(server.port()));
		p.put(prefix + "connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
		p.put(prefix + "timeout", String.valueOf(readTimeout.toMillis()));
		p.put(prefix + "writetimeout", String.valueOf(TIMEOUT.toMillis()));
		switch (server.security()) {
			case TLS -> {
				p.put(prefix + "ssl.enable", "true");
				p.put(prefix + "ssl.checkserveridentity", "true");
			}
			case STARTTLS -> {
				p.put(prefix + "starttls.enable", "true");
				p.put(prefix + "starttls.required", "true");
				p.put(prefix + "ssl.checkserveridentity", "true");
			}
			case NONE -> {
			}
		}
		return p;
	}
}

package org.rapport.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channel;
import org.rapport.platform.OutboundGuard;
import org.rapport.support.GreenMailboxes;

/**
 * IMAP and SMTP connect to the address the outbound guard resolved and checked, with one lookup: a host name only
 * the guard's resolver knows reaches the server, and one that the guard refuses is never connected to.
 */
class MailPinningTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP_IMAP)
		.withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig().withUser("support", "secret"));

	private static EmailSettings settings(String host) {
		Map<String, String> config = GreenMailboxes.settings(greenMail, "support@example.org", "", "support", "secret");
		config.put("imapHost", host);
		config.put("smtpHost", host);
		config.put("smtpUsername", "support");
		config.put("smtpPassword", "secret");
		return EmailSettings.of(new Channel(UUID.randomUUID(), UUID.randomUUID(), "email", "email", "Mail", config, true, null));
	}

	@Test
	void connectsWhereTheGuardLookedUpAndNowhereElse() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		// "mail.invalid" never resolves anywhere; only the guard's resolver knows it.
		OutboundGuard guard = new OutboundGuard(true, host -> {
			lookups.incrementAndGet();
			return new InetAddress[] { InetAddress.getLoopbackAddress() };
		});
		try (Transport smtp = MailSessions.smtp(settings("mail.invalid"), "rapport.example.org", guard).getTransport("smtp")) {
			smtp.connect("mail.invalid", greenMail.getSmtp().getPort(), "support", "secret");
			assertThat(smtp.isConnected()).isTrue();
		}
		Store imap = MailSessions.imap(settings("mail.invalid"), MailSessions.TIMEOUT, guard).getStore("imap");
		imap.connect("mail.invalid", greenMail.getImap().getPort(), "support", "secret");
		assertThat(imap.isConnected()).isTrue();
		imap.close();
		assertThat(lookups).hasValue(2);
	}

	@Test
	void neverConnectsWhereTheGuardRefuses() {
		OutboundGuard guard = new OutboundGuard(false, host -> new InetAddress[] { InetAddress.getLoopbackAddress() });
		assertThatThrownBy(() -> MailSessions.smtp(settings("mail.invalid"), "rapport.example.org", guard).getTransport("smtp")
				.connect("mail.invalid", greenMail.getSmtp().getPort(), "support", "secret"))
			.isInstanceOf(MessagingException.class);
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}
}

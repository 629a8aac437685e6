package org.rapport.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.api.Test;
import org.rapport.channels.Channel;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.RapportProperties;

class EmailConnectorTests {

	static final RapportProperties PROPERTIES = new RapportProperties(URI.create("https://rapport.example.org"),
			Path.of("."), null, null, false, true);

	static Map<String, String> config(String imapHost, String smtpHost) {
		Map<String, String> config = new HashMap<>();
		config.put("emailAddress", "support@example.org");
		config.put("imapHost", imapHost);
		config.put("imapPassword", "secret");
		config.put("smtpHost", smtpHost);
		return config;
	}

	@Test
	void validateFillsDefaultsAndDropsUnknownKeys() {
		EmailConnector connector = new EmailConnector(new OutboundGuard(true), PROPERTIES, null);
		Map<String, String> in = config("127.0.0.1", "127.0.0.1");
		in.put("smtpSecurity", "STARTTLS");
		in.put("somethingElse", "x");
		Map<String, String> out = connector.validate(in);
		assertThat(out).containsEntry("imapPort", "993").containsEntry("imapSecurity", "tls")
			.containsEntry("imapFolder", "INBOX").containsEntry("imapUsername", "support@example.org")
			.containsEntry("smtpSecurity", "starttls").containsEntry("smtpPort", "587")
			.containsEntry("smtpUsername", "support@example.org").containsEntry("smtpPassword", "secret")
			.containsEntry("fromName", "")
			.doesNotContainKey("somethingElse");
	}

	@Test
	void validateRefusesMissingHostBadValuesAndPrivateHosts() {
		EmailConnector open = new EmailConnector(new OutboundGuard(true), PROPERTIES, null);
		assertThatIllegalArgumentException().isThrownBy(() -> open.validate(config("", "127.0.0.1")))
			.withMessage("The IMAP server (imapHost) is missing.");
		Map<String, String> badPort = config("127.0.0.1", "127.0.0.1");
		badPort.put("smtpPort", "70000");
		assertThatIllegalArgumentException().isThrownBy(() -> open.validate(badPort))
			.withMessage("The SMTP port must be a number from 1 to 65535, not '70000'.");
		Map<String, String> badSecurity = config("127.0.0.1", "127.0.0.1");
		badSecurity.put("imapSecurity", "ssl");
		assertThatIllegalArgumentException().isThrownBy(() -> open.validate(badSecurity))
			.withMessageContaining("'tls', 'starttls' or 'none'");
		Map<String, String> badAddress = config("127.0.0.1", "127.0.0.1");
		badAddress.put("emailAddress", "support");
		assertThatIllegalArgumentException().isThrownBy(() -> open.validate(badAddress))
			.withMessage("'support' is not a valid email address.");
		assertThatIllegalArgumentException().isThrownBy(() -> open.validate(config("imap://mail.example.org", "127.0.0.1")))
			.withMessageContaining("plain host name");

		EmailConnector guarded = new EmailConnector(new OutboundGuard(false), PROPERTIES, null);
		assertThatIllegalArgumentException().isThrownBy(() -> guarded.validate(config("localhost", "127.0.0.1")))
			.withMessageStartingWith("The IMAP server cannot be used:")
			.withMessageContaining("private or local network");
		assertThatIllegalArgumentException().isThrownBy(() -> guarded.validate(config("93.184.215.14", "127.0.0.1")))
			.withMessageStartingWith("The SMTP server cannot be used:");
	}

	static Channel channel(int smtpPort) {
		Map<String, String> config = new EmailConnector(new OutboundGuard(true), PROPERTIES, null)
			.validate(Map.of("emailAddress", "support@example.org", "imapHost", "127.0.0.1", "imapPassword", "x",
					"smtpHost", "127.0.0.1", "smtpPort", String.valueOf(smtpPort), "smtpSecurity", "none"));
		return new Channel(UUID.randomUUID(), UUID.randomUUID(), "email", "email", "Postfach", config, true, "");
	}

	static OutgoingReply reply(List<OutgoingReply.Address> to) {
		return new OutgoingReply(UUID.randomUUID(), UUID.randomUUID(), "Erika", to, "t", "Re: Frage", "Hallo", "Olga",
				List.of("<a@x>"));
	}

	@Test
	void deliveryToAnUnreachableServerMayBeRetried() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		EmailConnector connector = new EmailConnector(new OutboundGuard(true), PROPERTIES, null);
		assertThatThrownBy(() -> connector.deliver(channel(closedPort),
				reply(List.of(new OutgoingReply.Address("email", "erika@example.org")))))
			.isInstanceOfSatisfying(DeliveryException.class, e -> {
				assertThat(e.retryable()).isTrue();
				assertThat(e.getMessage()).startsWith("The mail server 127.0.0.1:" + closedPort + " could not be reached");
			});
	}

	@Test
	void deliveryWithoutAnAddressOrToARefusedAddressIsNotRetried() throws Exception {
		EmailConnector connector = new EmailConnector(new OutboundGuard(true), PROPERTIES, null);
		assertThatThrownBy(() -> connector.deliver(channel(25), reply(List.of(new OutgoingReply.Address("phone", "+4930123")))))
			.isInstanceOfSatisfying(DeliveryException.class, e -> {
				assertThat(e.retryable()).isFalse();
				assertThat(e.getMessage()).isEqualTo("The contact has no email address to answer to.");
			});

		EmailSettings.Server server = EmailSettings.of(channel(25)).smtp();
		SendFailedException rejected = new SendFailedException("Invalid Addresses",
				new MessagingException("550 5.1.1 <nobody@example.org>: Recipient address rejected"), new Address[0],
				new Address[0], new Address[] { new InternetAddress("nobody@example.org") });
		DeliveryException permanent = SmtpFailures.classify(rejected, server);
		assertThat(permanent.retryable()).isFalse();
		assertThat(permanent.getMessage()).contains("refused the address nobody@example.org").contains("550 5.1.1");

		SendFailedException busy = new SendFailedException("Temporary failure",
				new MessagingException("451 4.7.1 Greylisted, try again later"), new Address[0],
				new Address[] { new InternetAddress("erika@example.org") }, new Address[0]);
		assertThat(SmtpFailures.classify(busy, server).retryable()).isTrue();
	}

	@Test
	void referencesKeepOnlyMessageIdsAndTheFirstAndNewestOfLongThreads() {
		assertThat(ReplyMail.references(List.of("form-123", "<a@x>", "api:7", "<b@x>"))).containsExactly("<a@x>", "<b@x>");
		List<String> many = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "<" + i + "@x>").toList();
		List<String> kept = ReplyMail.references(many);
		assertThat(kept).hasSize(ReplyMail.MAX_REFERENCES).startsWith("<0@x>").endsWith("<29@x>");
	}
}

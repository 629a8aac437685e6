package org.rapport.channels.email;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.DeliveryException;
import org.rapport.channels.Mailer;
import org.rapport.platform.AccountMail;
import org.springframework.stereotype.Component;

/** The platform's {@link AccountMail} over the workspace's mailbox ({@link Mailer}). */
@Component
class AccountMailer implements AccountMail {

	private final Mailer mailer;

	AccountMailer(Mailer mailer) {
		this.mailer = mailer;
	}

	@Override
	public Optional<String> send(UUID workspaceId, String to, String subject, String text) {
		try {
			mailer.send(workspaceId, to, subject, text, Map.of("Auto-Submitted", "auto-generated"));
			return Optional.empty();
		}
		catch (DeliveryException e) {
			return Optional.of(e.getMessage());
		}
	}
}

package org.rapport.channels.email;

import java.io.IOException;
import java.sql.SQLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import org.rapport.channels.Channel;
import org.springframework.dao.DataAccessException;

/** Says in words why a mailbox could not be read: a refused login, an unreachable server, a missing folder. */
final class FetchProblems {

	private FetchProblems() {
	}

	/** A sentence a manager can act on, for the channel's state. */
	static String describe(Channel channel, Exception e) {
		EmailSettings.Server imap;
		try {
			imap = EmailSettings.of(channel).imap();
		}
		catch (RuntimeException broken) {
			return "The mailbox settings are incomplete: " + broken.getMessage();
		}
		String where = imap.host() + ":" + imap.port();
		return switch (e) {
			case AuthenticationFailedException a -> "The IMAP server " + where + " did not accept the login for '"
					+ imap.username() + "'; check user name and password.";
			case IllegalArgumentException a -> "The IMAP server cannot be used: " + a.getMessage();
			case MessagingException m when rootCause(m) instanceof IOException io -> "The IMAP server " + where
					+ " cannot be reached: " + messageOf(io) + ".";
			case IOException io -> "The IMAP server " + where + " stopped answering: " + messageOf(io) + ".";
			case MessagingException m -> "Reading the mailbox on " + where + " failed: " + messageOf(m);
			case DataAccessException d -> "Mails could not be saved; they will be read again.";
			case SQLException d -> "Mails could not be saved; they will be read again.";
			default -> "Reading the mailbox on " + where + " failed: " + messageOf(e);
		};
	}

	static Throwable rootCause(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	static String messageOf(Throwable e) {
		String message = e.getMessage();
		return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
	}
}

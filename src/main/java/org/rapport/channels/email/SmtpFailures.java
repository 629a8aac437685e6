package org.rapport.channels.email;

import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.rapport.channels.DeliveryException;

/**
 * Says what went wrong when a mail did not leave, and whether trying again later may help: yes for unreachable
 * servers and temporary (4xx) refusals, no for rejected addresses, permanent (5xx) refusals and a refused login.
 */
final class SmtpFailures {

	private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5])\\d\\d\\b");

	private SmtpFailures() {
	}

	static DeliveryException classify(MessagingException e, EmailSettings.Server server) {
		String where = server.host() + ":" + server.port();
		if (e instanceof AuthenticationFailedException) {
			return new DeliveryException("The mail server " + where
					+ " did not accept the login; check the SMTP user name and password.", false, e);
		}
		if (e instanceof SendFailedException failed) {
			Address[] invalid = failed.getInvalidAddresses();
			if (invalid != null && invalid.length > 0) {
				return new DeliveryException("The mail server refused the address " + list(invalid) + detail(failed) + ".",
						false, e);
			}
			Address[] unsent = failed.getValidUnsentAddresses();
			if (unsent != null && unsent.length > 0 && replyClass(failed) != '5') {
				return new DeliveryException("The mail server " + where + " could not take the mail for " + list(unsent)
						+ " right now" + detail(failed) + ".", true, e);
			}
		}
		if (causedByIo(e)) {
			return new DeliveryException("The mail server " + where + " could not be reached: " + rootMessage(e) + ".",
					true, e);
		}
		return switch (replyClass(e)) {
			case '5' -> new DeliveryException("The mail server " + where + " refused the mail: " + e.getMessage().strip(), false, e);
			case '4' -> new DeliveryException("The mail server " + where + " refused the mail for now: " + e.getMessage().strip(),
					true, e);
			default -> new DeliveryException("Sending through " + where + " failed: " + rootMessage(e) + ".", true, e);
		};
	}

	/** The class of the SMTP reply code ('4', '5') of the innermost exception that carries one, or 0. */
	private static char replyClass(Exception e) {
		char found = 0;
		for (Throwable t = e; t != null; t = next(t)) {
			Matcher m = REPLY_CODE.matcher(t.getMessage() == null ? "" : t.getMessage());
			if (m.find()) {
				found = m.group(1).charAt(0);
			}
		}
		return found;
	}

	private static boolean causedByIo(Throwable e) {
		for (Throwable t = e; t != null; t = next(t)) {
			if (t instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (next(root) != null) {
			root = next(root);
		}
		String message = root.getMessage();
		return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
	}

	private static Throwable next(Throwable t) {
		Throwable next = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
		return next == t ? null : next;
	}

	private static String detail(MessagingException e) {
		String message = e.getNextException() != null ? e.getNextException().getMessage() : null;
		return message == null || message.isBlank() ? "" : " (" + message.strip() + ")";
	}

	private static String list(Address[] addresses) {
		return String.join(", ", Arrays.stream(addresses).map(Address::toString).toList());
	}
}

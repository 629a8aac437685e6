package org.rapport.channels.email;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.rapport.channels.Channel;
import org.rapport.contacts.Identities;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.OutboundGuard;

/**
 * The settings of one mailbox, as stored in a channel's config. The key names are a contract with the settings UI:
 * {@code emailAddress, fromName, imapHost, imapPort, imapSecurity, imapUsername, imapPassword, imapFolder, smtpHost,
 * smtpPort, smtpSecurity, smtpUsername, smtpPassword}.
 */
record EmailSettings(String emailAddress, String fromName, Server imap, String imapFolder, Server smtp) {

	/** How a connection to a mail server is protected. */
	enum Security {
		/** TLS from the first byte (IMAPS 993, SMTPS 465). */
		TLS,
		/** Plain connection upgraded with STARTTLS, which is then required. */
		STARTTLS,
		/** No encryption, for test servers and closed networks. */
		NONE;

		static Security of(String value, String setting) {
			return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
				case "tls" -> TLS;
				case "starttls" -> STARTTLS;
				case "none" -> NONE;
				default -> throw new IllegalArgumentException(
						"The " + setting + " must be 'tls', 'starttls' or 'none', not '" + value + "'.");
			};
		}

		String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** One mail server and how to log in to it. */
	record Server(String host, int port, Security security, String username, String password) {
	}

	/** Whether a config holds what sending and receiving need, as one that passed {@link #validate} does. */
	static boolean complete(Map<String, String> c) {
		return java.util.stream.Stream.of("emailAddress", "imapHost", "imapPort", "imapSecurity", "smtpHost", "smtpPort",
				"smtpSecurity").allMatch(k -> c.get(k) != null && !c.get(k).isBlank());
	}

	/** Reads the settings of a channel whose config passed {@link #validate}. */
	static EmailSettings of(Channel channel) {
		Map<String, String> c = channel.config();
		return new EmailSettings(c.get("emailAddress"), c.getOrDefault("fromName", ""),
				new Server(c.get("imapHost"), Integer.parseInt(c.get("imapPort")), Security.of(c.get("imapSecurity"), "IMAP security"),
						c.get("imapUsername"), c.get("imapPassword")),
				c.getOrDefault("imapFolder", "INBOX"),
				new Server(c.get("smtpHost"), Integer.parseInt(c.get("smtpPort")), Security.of(c.get("smtpSecurity"), "SMTP security"),
						c.getOrDefault("smtpUsername", ""), c.getOrDefault("smtpPassword", "")));
	}

	/**
	 * Checks a config posted by the settings UI and fills in defaults: security {@code tls}, the usual port for the
	 * security, the email address as IMAP user name, the IMAP login for SMTP, folder {@code INBOX}. Unknown keys are
	 * dropped. Both hosts must pass the {@link OutboundGuard}.
	 *
	 * @throws IllegalArgumentException with a readable sentence naming the first problem
	 */
	static Map<String, String> validate(Map<String, String> config, OutboundGuard guard) {
		Map<String, String> in = config == null ? Map.of() : config;
		String address = value(in, "emailAddress");
		if (address.isEmpty()) {
			throw refused("emailAddress", "The email address of the mailbox is missing.");
		}
		if (!Identities.isEmail(address)) {
			throw refused("emailAddress", "'" + address + "' is not a valid email address.");
		}
		String imapHost = host(in, "imapHost", "IMAP", guard);
		Security imapSecurity = Security.of(value(in, "imapSecurity").isEmpty() ? "tls" : value(in, "imapSecurity"), "IMAP security");
		int imapPort = port(in, "imapPort", "IMAP", imapSecurity == Security.TLS ? 993 : 143);
		String imapUsername = value(in, "imapUsername").isEmpty() ? address : value(in, "imapUsername");
		String imapPassword = rawValue(in, "imapPassword");
		if (imapPassword.isEmpty()) {
			throw refused("imapPassword", "The IMAP password is missing.");
		}
		String folder = value(in, "imapFolder").isEmpty() ? "INBOX" : value(in, "imapFolder");
		String smtpHost = host(in, "smtpHost", "SMTP", guard);
		Security smtpSecurity = Security.of(value(in, "smtpSecurity").isEmpty() ? "tls" : value(in, "smtpSecurity"), "SMTP security");
		int smtpPort = port(in, "smtpPort", "SMTP", switch (smtpSecurity) {
			case TLS -> 465;
			case STARTTLS -> 587;
			case NONE -> 25;
		});
		String smtpUsername = value(in, "smtpUsername").isEmpty() ? imapUsername : value(in, "smtpUsername");
		String smtpPassword = rawValue(in, "smtpPassword").isEmpty() ? imapPassword : rawValue(in, "smtpPassword");

		Map<String, String> out = new LinkedHashMap<>();
		out.put("emailAddress", address);
		out.put("fromName", value(in, "fromName"));
		out.put("imapHost", imapHost);
		out.put("imapPort", String.valueOf(imapPort));
		out.put("imapSecurity", imapSecurity.key());
		out.put("imapUsername", imapUsername);
		out.put("imapPassword", imapPassword);
		out.put("imapFolder", folder);
		out.put("smtpHost", smtpHost);
		out.put("smtpPort", String.valueOf(smtpPort));
		out.put("smtpSecurity", smtpSecurity.key());
		out.put("smtpUsername", smtpUsername);
		out.put("smtpPassword", smtpPassword);
		return out;
	}

	private static String host(Map<String, String> in, String key, String what, OutboundGuard guard) {
		String host = value(in, key);
		if (host.isEmpty()) {
			throw refused(key, "The " + what + " server (" + key + ") is missing.");
		}
		if (!host.matches("[A-Za-z0-9.\\-]+|\\[?[0-9A-Fa-f:.]+\\]?")) {
			throw refused(key, "Enter the " + what + " server as a plain host name such as mail.example.org, not '"
					+ host + "'.");
		}
		try {
			guard.checkHost(host);
		}
		catch (IllegalArgumentException e) {
			throw refused(key, "The " + what + " server cannot be used: " + e.getMessage());
		}
		return host;
	}

	private static int port(Map<String, String> in, String key, String what, int fallback) {
		String value = value(in, key);
		if (value.isEmpty()) {
			return fallback;
		}
		try {
			int port = Integer.parseInt(value);
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw refused(key, "The " + what + " port must be a number from 1 to 65535, not '" + value + "'.");
	}

	/** A refusal naming the setting to blame as {@code config.<key>}. */
	private static InvalidFieldException refused(String key, String message) {
		return new InvalidFieldException("config." + key, message);
	}

	private static String value(Map<String, String> in, String key) {
		String value = in.get(key);
		return value == null ? "" : value.strip();
	}

	/** Passwords are taken as typed: leading or trailing spaces may be part of them. */
	private static String rawValue(Map<String, String> in, String key) {
		String value = in.get(key);
		return value == null ? "" : value;
	}
}

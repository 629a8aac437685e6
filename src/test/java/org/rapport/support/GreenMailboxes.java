package org.rapport.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The settings of a mailbox on a GreenMail server, as the settings page would post them. */
public final class GreenMailboxes {

	private GreenMailboxes() {
	}

	public static Map<String, String> settings(GreenMailExtension greenMail, String address, String fromName,
			String user, String password) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("emailAddress", address);
		config.put("fromName", fromName);
		config.put("imapHost", "127.0.0.1");
		config.put("imapPort", String.valueOf(greenMail.getImap().getPort()));
		config.put("imapSecurity", "none");
		config.put("imapUsername", user);
		config.put("imapPassword", password);
		config.put("smtpHost", "127.0.0.1");
		config.put("smtpPort", String.valueOf(greenMail.getSmtp().getPort()));
		config.put("smtpSecurity", "none");
		return config;
	}

	/** The mails the server received for one address, in the order they came. */
	public static List<MimeMessage> mailsTo(GreenMailExtension greenMail, String address) throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage m : greenMail.getReceivedMessages()) {
			if (Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
				found.add(m);
			}
		}
		return found;
	}
}

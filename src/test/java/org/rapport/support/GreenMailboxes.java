package org.rapport.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;

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
}

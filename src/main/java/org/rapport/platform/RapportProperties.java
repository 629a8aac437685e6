package org.rapport.platform;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation-wide settings, bound from {@code rapport.*} (and the {@code RAPPORT_*} environment variables).
 *
 * @param baseUrl public address used in links and mails
 * @param dataDir where the embedded database and attachments live
 * @param adminEmail owner created on first start when there are no users
 * @param adminPassword that owner's password
 * @param demo whether to fill a demo workspace on start
 * @param allowPrivateNetworks whether outgoing HTTP and mail may reach loopback and private addresses
 */
@ConfigurationProperties("rapport")
public record RapportProperties(
		@DefaultValue("http://localhost:8080") URI baseUrl,
		@DefaultValue("./data") Path dataDir,
		String adminEmail,
		String adminPassword,
		@DefaultValue("false") boolean demo,
		@DefaultValue("false") boolean allowPrivateNetworks) {

	/** The base URL without a trailing slash, for building links. */
	public String link(String path) {
		String base = baseUrl.toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return base + path;
	}
}

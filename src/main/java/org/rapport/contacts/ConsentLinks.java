package org.rapport.contacts;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.RapportProperties;
import org.springframework.stereotype.Component;

/**
 * Signed links with which a person withdraws a consent without an account: {@code /privacy/withdraw?c=<consent
 * id>&t=<token>}, the token being an HMAC-SHA256 of the consent id with a secret of this installation (stored in
 * the database, generated on first use). A changed id or token fails the check; nothing else is needed to trust
 * the link, and it never expires, as withdrawal must stay as easy as giving consent.
 */
@Component
public class ConsentLinks {

	private static final String KEY = "consent-link-key";

	private final InstallationSecrets secrets;
	private final RapportProperties properties;
	private final Consents consents;

	ConsentLinks(InstallationSecrets secrets, RapportProperties properties, Consents consents) {
		this.secrets = secrets;
		this.properties = properties;
		this.consents = consents;
	}

	/** The token for a consent. */
	public String token(UUID consentId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.hmac(KEY, "withdraw:" + consentId));
	}

	/** The absolute link a person opens to withdraw the consent. */
	public String link(UUID consentId) {
		return properties.link("/privacy/withdraw?c=" + consentId + "&t=" + token(consentId));
	}

	/** The consent a link names, if the link is intact and the consent exists; empty for anything tampered. */
	public Optional<Consents.Consent> verify(String consentId, String token) {
		if (consentId == null || token == null || consentId.length() > 36 || token.length() > 100) {
			return Optional.empty();
		}
		UUID id;
		try {
			id = UUID.fromString(consentId);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		byte[] expected = token(id).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		byte[] given = token.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, given)) {
			return Optional.empty();
		}
		return consents.find(id);
	}
}

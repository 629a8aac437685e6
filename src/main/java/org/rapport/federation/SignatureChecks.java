package org.rapport.federation;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.rapport.federation.HttpSignatures.KeyResolver;
import org.rapport.federation.HttpSignatures.SignatureFailure;

/** Checks that both dialects make: the signature's age, its key (resolved last), and how input is echoed back. */
final class SignatureChecks {

	private SignatureChecks() {
	}

	static Instant checkAge(Instant signedAt, Instant now, Duration maxAge, String what) throws SignatureFailure {
		if (signedAt.isBefore(now.minus(maxAge))) {
			throw SignatureFailure.unauthorized("The signature is too old (" + what + " " + signedAt + ").");
		}
		if (signedAt.isAfter(now.plus(maxAge))) {
			throw SignatureFailure.unauthorized("The signature claims to be made in the future (" + what + " " + signedAt + ").");
		}
		return signedAt;
	}

	/** The key for the key id; only called once every cheap check has passed, since it may fetch the key. */
	static PublicKey resolve(KeyResolver keys, String keyId) throws SignatureFailure {
		PublicKey key;
		try {
			key = keys.resolve(keyId);
		}
		catch (SignatureFailure e) {
			throw e;
		}
		catch (Exception e) {
			throw SignatureFailure.unauthorized("The key " + abbreviate(keyId) + " could not be resolved: "
					+ abbreviate(String.valueOf(e.getMessage())));
		}
		if (key == null) {
			throw SignatureFailure.unauthorized("The key " + abbreviate(keyId) + " is unknown.");
		}
		return key;
	}

	static byte[] decodeBase64(String value, String what) throws SignatureFailure {
		try {
			return Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException e) {
			throw SignatureFailure.badRequest("The " + what + " value is not valid Base64.");
		}
	}

	/** Echoes untrusted input in error messages, but never more than a line of it. */
	static String abbreviate(String value) {
		String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
		return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
	}
}

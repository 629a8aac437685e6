package org.rapport.contacts;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Random 256-bit secrets of this installation, kept in the database so that every node uses the same ones and they
 * survive restarts. Each is generated on first use; concurrent first uses agree on one.
 */
@Component
class InstallationSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

	InstallationSecrets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	byte[] secret(String name) {
		return cache.computeIfAbsent(name, n -> {
			byte[] fresh = new byte[32];
			RANDOM.nextBytes(fresh);
			jdbc.sql("insert into installation_secrets(name, secret) values (?, ?) on conflict (name) do nothing")
				.params(n, fresh)
				.update();
			return jdbc.sql("select secret from installation_secrets where name = ?").param(n).query(byte[].class).single();
		});
	}

	/** HMAC-SHA256 of the text with the named secret. */
	byte[] hmac(String name, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret(name), "HmacSHA256"));
			return mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}
}

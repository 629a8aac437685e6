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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Random 256-bit secrets of this installation, kept in the database so that every node uses the same ones and they
 * survive restarts. Each is generated on first use, in a transaction of its own (so a caller's rollback cannot lose
 * a secret this node already uses); concurrent first uses on several nodes agree on one.
 */
@Component
class InstallationSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
	private final TransactionTemplate ownTransaction;

	InstallationSecrets(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	byte[] secret(String name) {
		return cache.computeIfAbsent(name, n -> ownTransaction.execute(status -> {
			byte[] fresh = new byte[32];
			RANDOM.nextBytes(fresh);
			jdbc.sql("insert into installation_secrets(name, secret) values (?, ?) on conflict (name) do nothing")
				.params(n, fresh)
				.update();
			return jdbc.sql("select secret from installation_secrets where name = ?").param(n).query(byte[].class).single();
		}));
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

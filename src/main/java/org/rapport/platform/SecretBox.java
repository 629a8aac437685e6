package org.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts credentials that Rapport must be able to read back — mailbox passwords, access tokens of networks — before
 * they are stored in the database, so that a database dump or backup alone does not reveal them.
 * <p>
 * The key is {@code RAPPORT_SECRET_KEY} when set (any passphrase; all nodes of one installation need the same one),
 * otherwise a random key kept in {@code RAPPORT_DATA_DIR/secret.key}, created on first use and readable only by its
 * owner. Values are sealed with AES-256-GCM as {@code enc:v1:<base64(nonce | ciphertext)>}; a value without that
 * prefix was stored before encryption existed and is returned as it is.
 */
@Component
public class SecretBox {

	static final String PREFIX = "enc:v1:";
	private static final int NONCE_BYTES = 12;
	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	@Autowired
	SecretBox(@Value("${rapport.secret-key:}") String passphrase, RapportProperties properties) {
		this(passphrase == null || passphrase.isBlank() ? keyFile(properties.dataDir().resolve("secret.key"))
				: sha256(passphrase.getBytes(StandardCharsets.UTF_8)));
	}

	/** A box with the given 32-byte key, for tests. */
	public SecretBox(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("A secret key has 32 bytes.");
		}
		this.key = new SecretKeySpec(key.clone(), "AES");
	}

	/**
	 * A keyed hash (HMAC-SHA256) of {@code data} for one {@code purpose}, for values the server hands out and must
	 * recognise later without storing them.
	 */
	public byte[] mac(String purpose, String data) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
			return mac.doFinal((purpose + "\n" + data).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is not available.", e);
		}
	}

	public static boolean isSealed(String value) {
		return value != null && value.startsWith(PREFIX);
	}

	/** The value encrypted for storage; empty and already sealed values are returned unchanged. */
	public String seal(String plain) {
		if (plain == null || plain.isEmpty() || isSealed(plain)) {
			return plain;
		}
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[nonce.length + sealed.length];
			System.arraycopy(nonce, 0, out, 0, nonce.length);
			System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Encrypting a secret failed.", e);
		}
	}

	/**
	 * The stored value decrypted.
	 *
	 * @throws IllegalStateException when it was sealed with another key, with a sentence telling the operator what to do
	 */
	public String open(String stored) {
		if (!isSealed(stored)) {
			return stored;
		}
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalStateException("A stored password cannot be decrypted: it was saved with another secret key. "
					+ "Give every node the same RAPPORT_SECRET_KEY (or the same data directory's secret.key), or enter the password again.", e);
		}
	}

	private static byte[] keyFile(Path file) {
		try {
			byte[] fresh = new byte[32];
			RANDOM.nextBytes(fresh);
			OwnerOnlyFiles.createIfAbsent(file, Base64.getEncoder().encode(fresh));
			byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
			if (key.length != 32) {
				throw new IllegalStateException(file + " does not hold a 32-byte key; remove it only if no password was saved with it.");
			}
			return key;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the secret key " + file, e);
		}
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}

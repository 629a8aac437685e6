package org.rapport.federation;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Locale;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes the PEM texts in which fediverse actors publish their keys ({@code publicKeyPem}) and in which
 * Rapport stores its own, with BouncyCastle's PEM reader and writer. Public keys are written as SPKI
 * ({@code BEGIN PUBLIC KEY}), private keys as PKCS#8 ({@code BEGIN PRIVATE KEY}), because that is what Mastodon and
 * every other implementation reads. Reading is more forgiving: SPKI keys of type RSA, RSASSA-PSS, Ed25519 and EC
 * P-256 are accepted, and so are PKCS#1 ({@code BEGIN RSA PUBLIC KEY} / {@code BEGIN RSA PRIVATE KEY}) keys that
 * older software still emits. Input that is not such a key is refused with an {@link IllegalArgumentException}
 * saying why.
 */
public final class PemKeys {

	/** Longest PEM text read; real keys are a few kilobytes at most, so anything longer is not a key. */
	private static final int MAX_PEM_LENGTH = 64 * 1024;

	/** Makes JDK key objects, so that keys read here are the same as keys the JDK generates. */
	private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

	private PemKeys() {
	}

	/** A fresh 2048-bit RSA key pair, the key type every fediverse server can verify. */
	public static KeyPair generateRsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("This Java runtime cannot generate RSA keys.", e);
		}
	}

	/** The key as SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}), lines of 64 characters, ending in a newline. */
	public static String publicPem(PublicKey key) {
		return pem(new PemObject("PUBLIC KEY", key.getEncoded()));
	}

	/** The key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), lines of 64 characters, ending in a newline. */
	public static String privatePem(PrivateKey key) {
		return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
	}

	/**
	 * Reads the first public key block of the text: SPKI ({@code PUBLIC KEY}) of any supported type, or PKCS#1
	 * ({@code RSA PUBLIC KEY}).
	 * @throws IllegalArgumentException when the text holds no readable public key
	 */
	public static PublicKey parsePublic(String pem) {
		try {
			return KEYS.getPublicKey(first(pem, SubjectPublicKeyInfo.class, "PUBLIC KEY"));
		}
		catch (PEMException e) {
			throw unsupported("public key");
		}
	}

	/**
	 * Reads the first private key block of the text: PKCS#8 ({@code PRIVATE KEY}) of any supported type, or PKCS#1
	 * ({@code RSA PRIVATE KEY}). Encrypted keys are not supported.
	 * @throws IllegalArgumentException when the text holds no readable private key
	 */
	public static PrivateKey parsePrivate(String pem) {
		try {
			return KEYS.getPrivateKey(first(pem, PrivateKeyInfo.class, "PRIVATE KEY"));
		}
		catch (PEMException e) {
			throw unsupported("private key");
		}
	}

	/** The first key of the wanted type in the text, skipping other PEM blocks; a PKCS#1 key pair is its private key. */
	private static <T> T first(String pem, Class<T> type, String blockType) {
		if (pem == null || pem.isBlank()) {
			throw new IllegalArgumentException("No PEM text given.");
		}
		if (pem.length() > MAX_PEM_LENGTH) {
			throw new IllegalArgumentException("The PEM text is too long to be a key.");
		}
		if (pem.contains("-----BEGIN ENCRYPTED ") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
			throw new IllegalArgumentException("Encrypted keys are not supported; store the key unencrypted.");
		}
		PEMParser parser = new PEMParser(new StringReader(pem));
		for (Object object = next(parser, blockType); object != null; object = next(parser, blockType)) {
			Object key = object instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : object;
			if (type.isInstance(key)) {
				return type.cast(key);
			}
		}
		throw new IllegalArgumentException("The text holds no '-----BEGIN " + blockType + "-----' block.");
	}

	private static Object next(PEMParser parser, String blockType) {
		try {
			return parser.readObject();
		}
		catch (IOException | RuntimeException e) {
			if (e.getCause() instanceof DecoderException) {
				throw new IllegalArgumentException("The " + blockType + " block is not valid Base64.");
			}
			throw unsupported(blockType.toLowerCase(Locale.ROOT));
		}
	}

	private static IllegalArgumentException unsupported(String what) {
		return new IllegalArgumentException("The PEM text holds no supported " + what + " (RSA, Ed25519 or EC P-256).");
	}

	private static String pem(PemObject object) {
		StringWriter out = new StringWriter();
		try (PemWriter writer = new PemWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // a StringWriter does not fail
		}
		return out.toString();
	}
}

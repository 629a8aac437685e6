package org.rapport.federation;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the PEM texts in which fediverse actors publish their keys ({@code publicKeyPem}) and in which
 * Rapport stores its own. Public keys are written as SPKI ({@code BEGIN PUBLIC KEY}), private keys as PKCS#8
 * ({@code BEGIN PRIVATE KEY}), because that is what Mastodon and every other implementation reads. Reading is more
 * forgiving: SPKI keys of type RSA, RSASSA-PSS, Ed25519 and EC P-256 are accepted, and so are PKCS#1
 * ({@code BEGIN RSA PUBLIC KEY} / {@code BEGIN RSA PRIVATE KEY}) keys that older software still emits.
 * Input that is not such a key is refused with an {@link IllegalArgumentException} saying why.
 */
public final class PemKeys {

	private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
			Pattern.DOTALL);

	/** Key algorithms tried in turn, since a DER blob does not say which {@link KeyFactory} can read it. */
	private static final List<String> ALGORITHMS = List.of("RSA", "Ed25519", "EC", "RSASSA-PSS");

	/** DER of the AlgorithmIdentifier {rsaEncryption, NULL}, needed to wrap PKCS#1 keys into SPKI / PKCS#8. */
	private static final byte[] RSA_ALGORITHM_IDENTIFIER = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
			(byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	/** Longest PEM text read; real keys are a few kilobytes at most, so anything longer is not a key. */
	private static final int MAX_PEM_LENGTH = 64 * 1024;

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
		return pem("PUBLIC KEY", key.getEncoded());
	}

	/** The key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), lines of 64 characters, ending in a newline. */
	public static String privatePem(PrivateKey key) {
		return pem("PRIVATE KEY", key.getEncoded());
	}

	/**
	 * Reads the first public key block of the text: SPKI ({@code PUBLIC KEY}) of any supported type, or PKCS#1
	 * ({@code RSA PUBLIC KEY}).
	 * @throws IllegalArgumentException when the text holds no readable public key
	 */
	public static PublicKey parsePublic(String pem) {
		Block block = block(pem, "PUBLIC KEY", "RSA PUBLIC KEY");
		byte[] spki = block.type().equals("RSA PUBLIC KEY") ? spkiFromPkcs1(block.der()) : block.der();
		X509EncodedKeySpec spec = new X509EncodedKeySpec(spki);
		for (String algorithm : ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(spec);
			}
			catch (GeneralSecurityException | RuntimeException e) {
				// not this algorithm; try the next one
			}
		}
		throw new IllegalArgumentException("The PEM text holds no supported public key (RSA, Ed25519 or EC P-256).");
	}

	/**
	 * Reads the first private key block of the text: PKCS#8 ({@code PRIVATE KEY}) of any supported type, or PKCS#1
	 * ({@code RSA PRIVATE KEY}). Encrypted keys are not supported.
	 * @throws IllegalArgumentException when the text holds no readable private key
	 */
	public static PrivateKey parsePrivate(String pem) {
		Block block = block(pem, "PRIVATE KEY", "RSA PRIVATE KEY");
		byte[] pkcs8 = block.type().equals("RSA PRIVATE KEY") ? pkcs8FromPkcs1(block.der()) : block.der();
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
		for (String algorithm : ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException | RuntimeException e) {
				// not this algorithm; try the next one
			}
		}
		throw new IllegalArgumentException("The PEM text holds no supported private key (RSA, Ed25519 or EC P-256).");
	}

	private record Block(String type, byte[] der) {
	}

	private static Block block(String pem, String... acceptedTypes) {
		if (pem == null || pem.isBlank()) {
			throw new IllegalArgumentException("No PEM text given.");
		}
		if (pem.length() > MAX_PEM_LENGTH) {
			throw new IllegalArgumentException("The PEM text is too long to be a key.");
		}
		Matcher matcher = BLOCK.matcher(pem);
		while (matcher.find()) {
			String type = matcher.group(1);
			if (List.of(acceptedTypes).contains(type)) {
				String base64 = matcher.group(2).replaceAll("\\s+", "");
				try {
					return new Block(type, Base64.getDecoder().decode(base64));
				}
				catch (IllegalArgumentException e) {
					throw new IllegalArgumentException("The " + type + " block is not valid Base64.");
				}
			}
			if (type.contains("ENCRYPTED")) {
				throw new IllegalArgumentException("Encrypted keys are not supported; store the key unencrypted.");
			}
		}
		throw new IllegalArgumentException("The text holds no '-----BEGIN " + acceptedTypes[0] + "-----' block.");
	}

	private static String pem(String type, byte[] der) {
		String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

	/** PKCS#8 = SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
	private static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
		content.writeBytes(RSA_ALGORITHM_IDENTIFIER);
		content.writeBytes(tlv(0x04, pkcs1));
		return tlv(0x30, content.toByteArray());
	}

	/** SPKI = SEQUENCE { AlgorithmIdentifier, BIT STRING (0 unused bits) pkcs1 }. */
	private static byte[] spkiFromPkcs1(byte[] pkcs1) {
		byte[] bits = new byte[pkcs1.length + 1];
		System.arraycopy(pkcs1, 0, bits, 1, pkcs1.length);
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.writeBytes(RSA_ALGORITHM_IDENTIFIER);
		content.writeBytes(tlv(0x03, bits));
		return tlv(0x30, content.toByteArray());
	}

	private static byte[] tlv(int tag, byte[] value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = value.length;
		if (length < 0x80) {
			out.write(length);
		}
		else {
			int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
			out.write(0x80 | bytes);
			for (int i = bytes - 1; i >= 0; i--) {
				out.write(length >>> (8 * i));
			}
		}
		out.writeBytes(value);
		return out.toByteArray();
	}
}

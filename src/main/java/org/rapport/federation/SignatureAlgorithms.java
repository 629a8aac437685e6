package org.rapport.federation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

import org.rapport.federation.HttpSignatures.SignatureFailure;

/**
 * The signature algorithms of both dialects, by their RFC 9421 names ({@code rsa-v1_5-sha256}, {@code rsa-pss-sha512},
 * {@code ed25519}, {@code ecdsa-p256-sha256}), on the JDK's {@link Signature}. A key must fit the algorithm.
 */
final class SignatureAlgorithms {

	private SignatureAlgorithms() {
	}

	/**
	 * The RFC 9421 algorithm name a key implies.
	 * @throws IllegalArgumentException for keys of any other type (DSA, Ed448, ...)
	 */
	static String algorithmFor(Key key) {
		return switch (key.getAlgorithm()) {
			case "RSA" -> "rsa-v1_5-sha256";
			case "RSASSA-PSS" -> "rsa-pss-sha512";
			case "EdDSA", "Ed25519" -> {
				if (key instanceof EdECKey ed && !ed.getParams().getName().equals("Ed25519")) {
					throw new IllegalArgumentException("Only Ed25519 keys are supported, not " + ed.getParams().getName() + ".");
				}
				yield "ed25519";
			}
			case "EC" -> "ecdsa-p256-sha256";
			default -> throw new IllegalArgumentException("Keys of type " + key.getAlgorithm() + " are not supported.");
		};
	}

	/** The algorithms to try for a key when the signature does not name one. */
	static List<String> algorithmsFor(PublicKey key) throws SignatureFailure {
		if (key instanceof RSAKey) {
			// RSA senders use PKCS#1 v1.5 in practice; PSS is what the cavage draft's hs2019 and RFC 9421 also allow
			return List.of("rsa-v1_5-sha256", "rsa-pss-sha512");
		}
		try {
			return List.of(algorithmFor(key));
		}
		catch (IllegalArgumentException e) {
			throw SignatureFailure.unauthorized("The key cannot verify signatures here: " + e.getMessage());
		}
	}

	static byte[] sign(String algorithm, PrivateKey key, String data) {
		try {
			Signature signature = signatureFor(algorithm, key);
			signature.initSign(key);
			signature.update(data.getBytes(StandardCharsets.UTF_8));
			return signature.sign();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalArgumentException("Cannot sign with " + algorithm + ": " + e.getMessage(), e);
		}
	}

	static boolean verify(String algorithm, PublicKey key, String data, byte[] signatureBytes) throws SignatureFailure {
		try {
			Signature signature = signatureFor(algorithm, key);
			signature.initVerify(key);
			signature.update(data.getBytes(StandardCharsets.UTF_8));
			return signature.verify(signatureBytes);
		}
		catch (java.security.SignatureException | RuntimeException e) {
			return false; // a signature of the wrong length or shape is simply not valid
		}
		catch (GeneralSecurityException e) {
			throw SignatureFailure.unauthorized("The key " + key.getAlgorithm() + " cannot verify " + algorithm + ": " + e.getMessage());
		}
	}

	private static Signature signatureFor(String algorithm, Key key) throws GeneralSecurityException {
		switch (algorithm) {
			case "rsa-v1_5-sha256" -> {
				requireKey(key instanceof RSAKey, algorithm);
				return Signature.getInstance("SHA256withRSA");
			}
			case "rsa-pss-sha512" -> {
				requireKey(key instanceof RSAKey, algorithm);
				Signature signature = Signature.getInstance("RSASSA-PSS");
				signature.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
				return signature;
			}
			case "ed25519" -> {
				requireKey(key instanceof EdECKey ed && ed.getParams().getName().equals("Ed25519"), algorithm);
				return Signature.getInstance("Ed25519");
			}
			case "ecdsa-p256-sha256" -> {
				requireKey(key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256, algorithm);
				return Signature.getInstance("SHA256withECDSAinP1363Format");
			}
			default -> throw new GeneralSecurityException("The algorithm '" + algorithm + "' is not supported.");
		}
	}

	private static void requireKey(boolean fits, String algorithm) throws GeneralSecurityException {
		if (!fits) {
			throw new java.security.InvalidKeyException("The key does not fit the algorithm " + algorithm + ".");
		}
	}
}

package org.rapport.platform;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.nayuki.qrcodegen.QrCode;
import org.bouncycastle.util.encoders.Base32;

/**
 * Time-based one-time passwords as authenticator apps make them (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits),
 * computed by java-otp. A code is accepted for the current step and one step either side (clocks drift, people
 * type slowly), and only for a step after the last one accepted, so that a code seen over a shoulder or in a log
 * cannot be used again.
 */
final class TotpCodes {

	static final Duration STEP = TimeBasedOneTimePasswordGenerator.DEFAULT_TIME_STEP;

	/** Steps accepted either side of the current one. */
	static final int WINDOW = 1;

	static final int SECRET_BYTES = 20;

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();

	private TotpCodes() {
	}

	/** A new shared secret: 160 random bits, as RFC 4226 recommends, in Base32 as authenticator apps take it. */
	static String newSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return Base32.toBase32String(secret);
	}

	static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
	}

	/** The code for a time step. */
	static String code(String secret, long step) {
		try {
			return TOTP.generateOneTimePasswordString(key(secret), Instant.ofEpochSecond(step * STEP.toSeconds()),
					Locale.ROOT);
		}
		catch (InvalidKeyException e) {
			throw new IllegalStateException("A two-factor secret is not usable as a key.", e);
		}
	}

	/**
	 * The time step whose code {@code code} is, within the window around {@code now} and after {@code lastStep};
	 * empty when it is none of them (wrong, too old, or used already).
	 */
	static OptionalLong matchingStep(String secret, String code, Instant now, long lastStep) {
		String digits = code == null ? "" : code.replaceAll("[\\s-]", "");
		if (!digits.matches("[0-9]{6}")) {
			return OptionalLong.empty();
		}
		long current = step(now);
		OptionalLong found = OptionalLong.empty();
		for (long step = current - WINDOW; step <= current + WINDOW; step++) {
			// compare every candidate in constant time, so that timing does not tell which step matched
			boolean same = MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
					digits.getBytes(StandardCharsets.US_ASCII));
			if (same && step > lastStep && found.isEmpty()) {
				found = OptionalLong.of(step);
			}
		}
		return found;
	}

	/** The key URI authenticator apps read from a QR code. */
	static String uri(String issuer, String account, String secret) {
		String label = encode(issuer) + ":" + encode(account);
		return "otpauth://totp/" + label + "?secret=" + secret.replace("=", "") + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=6&period=" + STEP.toSeconds();
	}

	/** The secret in groups of four characters, for typing it into an app by hand. */
	static String grouped(String secret) {
		String plain = secret.replace("=", "");
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < plain.length(); i += 4) {
			out.append(i == 0 ? "" : " ").append(plain, i, Math.min(plain.length(), i + 4));
		}
		return out.toString();
	}

	/** A QR code of the text as an SVG element (black modules on white, a four-module quiet zone). */
	static String svg(String text) {
		QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
		int border = 4;
		int size = qr.size + border * 2;
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < qr.size; y++) {
			for (int x = 0; x < qr.size; x++) {
				if (qr.getModule(x, y)) {
					path.append(path.isEmpty() ? "" : " ").append('M').append(x + border).append(',').append(y + border)
						.append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
				+ "\" width=\"220\" height=\"220\" role=\"img\" shape-rendering=\"crispEdges\">"
				+ "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path d=\"" + path + "\" fill=\"#000000\"/></svg>";
	}

	private static SecretKeySpec key(String secret) {
		return new SecretKeySpec(Base32.decode(secret), "HmacSHA1");
	}

	private static String encode(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}
}

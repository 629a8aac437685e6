package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

/** Codes as RFC 6238 computes them, the window of one step either side, and no code accepted twice. */
class TotpCodesTests {

	/** The SHA-1 seed of RFC 6238's test vectors: "12345678901234567890". */
	private static final String RFC_SECRET = Base32.toBase32String("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

	@Test
	void codesAreTheRfc6238TestVectors() {
		// RFC 6238 appendix B gives 8 digits; authenticator apps show the last 6
		assertThat(TotpCodes.code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(TotpCodes.code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(TotpCodes.code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
		assertThat(TotpCodes.code(RFC_SECRET, TotpCodes.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
	}

	@Test
	void aCodeCountsForItsStepAndOneStepEitherSide() {
		String secret = TotpCodes.newSecret();
		Instant now = Instant.parse("2026-12-03T12:00:10Z");
		long step = TotpCodes.step(now);
		assertThat(TotpCodes.matchingStep(secret, TotpCodes.code(secret, step), now, 0)).hasValue(step);
		assertThat(TotpCodes.matchingStep(secret, TotpCodes.code(secret, step - 1), now, 0)).hasValue(step - 1);
		assertThat(TotpCodes.matchingStep(secret, TotpCodes.code(secret, step + 1), now, 0)).hasValue(step + 1);
		assertThat(TotpCodes.matchingStep(secret, TotpCodes.code(secret, step - 2), now, 0)).isEmpty();
		assertThat(TotpCodes.matchingStep(secret, TotpCodes.code(secret, step + 2), now, 0)).isEmpty();
	}

	@Test
	void aCodeOfAStepUsedAlreadyOrEarlierIsRefused() {
		String secret = TotpCodes.newSecret();
		Instant now = Instant.parse("2026-12-03T12:00:10Z");
		long step = TotpCodes.step(now);
		String code = TotpCodes.code(secret, step);
		assertThat(TotpCodes.matchingStep(secret, code, now, step)).as("the same code again").isEmpty();
		assertThat(TotpCodes.matchingStep(secret, TotpCodes.code(secret, step - 1), now, step))
			.as("an older code after a newer one").isEmpty();
		assertThat(TotpCodes.matchingStep(secret, TotpCodes.code(secret, step + 1), now, step))
			.as("the next step's code").hasValue(step + 1);
	}

	@Test
	void malformedAndWrongCodesAreRefusedAndSpacesAreForgiven() {
		String secret = TotpCodes.newSecret();
		Instant now = Instant.parse("2026-12-03T12:00:10Z");
		String code = TotpCodes.code(secret, TotpCodes.step(now));
		assertThat(TotpCodes.matchingStep(secret, code.substring(0, 3) + " " + code.substring(3), now, 0)).isPresent();
		Instant t59 = Instant.ofEpochSecond(59);
		assertThat(java.util.List.of(TotpCodes.code(RFC_SECRET, 0), TotpCodes.code(RFC_SECRET, 1), TotpCodes.code(RFC_SECRET, 2)))
			.as("the codes of the window").doesNotContain("123456");
		assertThat(TotpCodes.matchingStep(RFC_SECRET, "123456", t59, -1)).isEmpty();
		assertThat(TotpCodes.matchingStep(RFC_SECRET, "287082", t59, -1)).hasValue(1);
		assertThat(TotpCodes.matchingStep(secret, null, now, 0)).isEmpty();
		assertThat(TotpCodes.matchingStep(secret, "12345", now, 0)).isEmpty();
		assertThat(TotpCodes.matchingStep(secret, "abcdef", now, 0)).isEmpty();
	}

	@Test
	void theKeyUriAndTheGroupedSecretAreWhatAppsRead() {
		String secret = TotpCodes.newSecret();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(TotpCodes.grouped(secret)).matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
		assertThat(TotpCodes.uri("Rapport", "a b@example.org", secret))
			.isEqualTo("otpauth://totp/Rapport:a%20b%40example.org?secret=" + secret
					+ "&issuer=Rapport&algorithm=SHA1&digits=6&period=30");
		assertThat(TotpCodes.svg("otpauth://totp/x")).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("<path d=\"M");
	}
}

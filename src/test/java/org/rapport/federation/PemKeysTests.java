package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.Test;

class PemKeysTests {

	@Test
	void writesAndReadsBackAGeneratedRsaKeyPair() throws Exception {
		KeyPair pair = PemKeys.generateRsa();

		String publicPem = PemKeys.publicPem(pair.getPublic());
		String privatePem = PemKeys.privatePem(pair.getPrivate());

		assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(2048);
		assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
		assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
		assertThat(publicPem.lines().filter(line -> !line.startsWith("-----")).allMatch(line -> line.length() <= 64)).isTrue();
		assertThat(PemKeys.parsePublic(publicPem)).isEqualTo(pair.getPublic());
		assertThat(PemKeys.parsePrivate(privatePem)).isEqualTo(pair.getPrivate());
	}

	@Test
	void readsTheEd25519TestKeysOfRfc9421AndSignsWithThem() throws Exception {
		PublicKey publicKey = PemKeys.parsePublic(HttpSignaturesTests.TEST_KEY_ED25519_PUBLIC);
		PrivateKey privateKey = PemKeys.parsePrivate(HttpSignaturesTests.TEST_KEY_ED25519_PRIVATE);

		assertThat(publicKey.getAlgorithm()).isIn("EdDSA", "Ed25519");
		assertThat(signsAndVerifies("Ed25519", privateKey, publicKey)).isTrue();
		assertThat(PemKeys.parsePublic(PemKeys.publicPem(publicKey))).isEqualTo(publicKey);
	}

	@Test
	void readsPkcs1RsaKeysAsOlderSoftwareWritesThem() throws Exception {
		PublicKey publicKey = PemKeys.parsePublic(HttpSignaturesTests.TEST_KEY_RSA_PUBLIC);
		PrivateKey privateKey = PemKeys.parsePrivate(HttpSignaturesTests.TEST_KEY_RSA_PRIVATE);

		assertThat(publicKey).isInstanceOf(RSAPublicKey.class);
		assertThat(signsAndVerifies("SHA256withRSA", privateKey, publicKey)).isTrue();
		assertThat(PemKeys.publicPem(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----");
	}

	@Test
	void findsTheKeyBlockAmongOtherText() {
		KeyPair pair = PemKeys.generateRsa();
		String actorField = "Key of alice\r\n" + PemKeys.publicPem(pair.getPublic()).replace("\n", "\r\n") + "trailing";

		assertThat(PemKeys.parsePublic(actorField)).isEqualTo(pair.getPublic());
	}

	@Test
	void refusesWhatIsNotAKeyWithAReadableMessage() {
		KeyPair pair = PemKeys.generateRsa();
		String publicPem = PemKeys.publicPem(pair.getPublic());

		assertThatThrownBy(() -> PemKeys.parsePublic(null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("No PEM");
		assertThatThrownBy(() -> PemKeys.parsePublic("hello")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("BEGIN PUBLIC KEY");
		assertThatThrownBy(() -> PemKeys.parsePublic("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Base64");
		assertThatThrownBy(() -> PemKeys.parsePublic("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("no supported public key");
		assertThatThrownBy(() -> PemKeys.parsePrivate(publicPem)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("BEGIN PRIVATE KEY");
		assertThatThrownBy(() -> PemKeys.parsePrivate("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Encrypted");
		assertThatThrownBy(() -> PemKeys.parsePublic("x".repeat(100_000))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("too long");
	}

	private static boolean signsAndVerifies(String algorithm, PrivateKey privateKey, PublicKey publicKey) throws Exception {
		byte[] data = "hello fediverse".getBytes(StandardCharsets.UTF_8);
		Signature signer = Signature.getInstance(algorithm);
		signer.initSign(privateKey);
		signer.update(data);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance(algorithm);
		verifier.initVerify(publicKey);
		verifier.update(data);
		return verifier.verify(signature);
	}
}

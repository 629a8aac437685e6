package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.OutboundGuard;

/**
 * A Mastodon instance on a private or local address, with the SSRF guard as in production: refused when the channel
 * is connected, naming {@code config.instance}, and never asked — also when a public-looking name resolves to a
 * private address, or a stored channel's instance came to point at one later.
 */
class MastodonPrivateAddressTests {

	/** A name that looks public but resolves to a private address, as a rebinding attacker's DNS would answer. */
	private static final String REBOUND = "mastodon.rebound.example";

	private final MastodonClient guarded = new MastodonClient(new OutboundGuard(false, host -> {
		if (host.equals(REBOUND)) {
			return new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 10, 0, 0, 7 }) };
		}
		if (host.endsWith(".example")) {
			throw new UnknownHostException(host);
		}
		return InetAddress.getAllByName(host);
	}), java.time.Duration.ofMinutes(10));

	private WireMockServer instance;

	@BeforeEach
	void start() {
		instance = new WireMockServer(wireMockConfig().dynamicPort());
		instance.start();
		instance.stubFor(get(anyUrl()).willReturn(okJson("{\"id\": \"1\", \"acct\": \"kita\"}")));
	}

	@AfterEach
	void stop() {
		instance.stop();
	}

	@Test
	void privateAndLocalInstancesAreRefusedWhenConnectingNamingTheField() {
		for (String address : new String[] { "http://127.0.0.1:" + instance.port(), "localhost:" + instance.port(),
				"https://10.1.2.3", "https://192.168.178.1", "http://169.254.169.254", "https://[::1]", "https://[fd00::1]",
				"@kita@" + REBOUND }) {
			assertThatThrownBy(() -> MastodonConnector.instance(address, guarded)).as(address)
				.isInstanceOf(InvalidFieldException.class)
				.hasMessageStartingWith("The instance's address cannot be used: ")
				.extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("config.instance");
		}
		assertThat(instance.findAll(anyRequestedFor(anyUrl()))).as("the local instance was never asked").isEmpty();
	}

	@Test
	void aCallToAnInstanceThatNowPointsAtAPrivateAddressIsRefusedWithoutRetrying() {
		for (String stored : new String[] { "http://127.0.0.1:" + instance.port(), "https://" + REBOUND }) {
			assertThatThrownBy(() -> guarded.verifyCredentials(stored, "token")).as(stored)
				.isInstanceOfSatisfying(MastodonClient.Failure.class, failure -> {
					assertThat(failure.retryable).as("trying again does not help").isFalse();
					assertThat(failure.tokenRejected()).as("the token is not what is wrong").isFalse();
					assertThat(failure.getMessage()).startsWith("The instance's address cannot be used: ");
				});
			assertThatThrownBy(() -> guarded.mentions(stored, "token", null, 40)).isInstanceOf(MastodonClient.Failure.class);
		}
		assertThat(instance.findAll(anyRequestedFor(anyUrl()))).as("nothing reached the local instance").isEmpty();
	}
}

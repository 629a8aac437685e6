package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.rapport.platform.RapportProperties;

/** Which base URLs federation accepts, and the host that appears in handles. */
class PublicAddressTests {

	private static PublicAddress of(String baseUrl) {
		return new PublicAddress(new RapportProperties(URI.create(baseUrl), Path.of("."), null, null, false, false));
	}

	@Test
	void httpsIsAcceptedAndTheHostCarriesAPortOnlyWhenOneIsGiven() {
		assertThat(of("https://blog.verein.example").host()).isEqualTo("blog.verein.example");
		assertThat(of("https://Blog.Verein.example:8443/").host()).isEqualTo("blog.verein.example:8443");
		assertThat(of("https://blog.verein.example/").link("/ap/x")).isEqualTo("https://blog.verein.example/ap/x");
	}

	@Test
	void plainHttpIsAcceptedOnlyOnLoopback() {
		assertThat(of("http://localhost:8080").usable()).isTrue();
		assertThat(of("http://127.0.0.1:8080").usable()).isTrue();
		assertThat(of("http://[::1]:8080").usable()).isTrue();
		PublicAddress open = of("http://blog.verein.example");
		assertThat(open.usable()).isFalse();
		assertThat(open.problem()).contains("https").contains("http://blog.verein.example");
		assertThatThrownBy(open::base).isInstanceOf(FederationUnavailable.class).hasMessageContaining("RAPPORT_BASE_URL");
		assertThat(of("http://192.168.1.10").usable()).isFalse();
	}
}

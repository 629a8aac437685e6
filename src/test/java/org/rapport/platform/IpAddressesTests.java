package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressesTests {

	@Test
	void masksTheHostPartOfV4AndV6() {
		assertThat(IpAddresses.mask("203.0.113.77")).isEqualTo("203.0.113.0");
		assertThat(IpAddresses.mask("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3::");
		assertThat(IpAddresses.mask(null)).isNull();
	}
}

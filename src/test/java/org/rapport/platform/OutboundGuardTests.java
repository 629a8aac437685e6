package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class OutboundGuardTests {

	@Test
	void refusesLoopbackPrivateAndLinkLocalTargets() {
		OutboundGuard guard = new OutboundGuard(false);
		for (String host : new String[] { "127.0.0.1", "localhost", "10.1.2.3", "192.168.0.10", "172.16.5.4", "169.254.169.254", "::1", "0.0.0.0" }) {
			assertThatThrownBy(() -> guard.checkHost(host)).as(host).isInstanceOf(IllegalArgumentException.class);
		}
		assertThatThrownBy(() -> guard.checkUri(URI.create("file:///etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
		assertThatCode(() -> guard.checkHost("203.0.113.10")).doesNotThrowAnyException();
	}

	@Test
	void allowsPrivateTargetsWhenConfigured() {
		assertThatCode(() -> new OutboundGuard(true).checkHost("127.0.0.1")).doesNotThrowAnyException();
	}
}

package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Mail connections go only to the address the guard checked, looked up once. */
class GuardedSocketsTests {

	@Test
	void connectsToTheCheckedAddressWithOneLookup() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			AtomicInteger lookups = new AtomicInteger();
			// The first answer is the one checked; a second lookup would give an address nobody listens on.
			OutboundGuard guard = new OutboundGuard(true, host -> new InetAddress[] {
					lookups.getAndIncrement() == 0 ? InetAddress.getLoopbackAddress() : InetAddress.getByName("192.0.2.1") });
			try (Socket socket = guard.sockets().createSocket()) {
				socket.connect(InetSocketAddress.createUnresolved("mail.example.org", server.getLocalPort()), 2000);
				assertThat(socket.getInetAddress()).isEqualTo(InetAddress.getLoopbackAddress());
			}
			assertThat(lookups).hasValue(1);
		}
	}

	@Test
	void refusesANameThatAnswersAPrivateAddressBeforeConnecting() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			OutboundGuard guard = new OutboundGuard(false, host -> new InetAddress[] { InetAddress.getLoopbackAddress() });
			assertThatThrownBy(() -> guard.sockets().createSocket("mail.example.org", server.getLocalPort()))
				.isInstanceOf(IOException.class);
			assertThatThrownBy(() -> guard.sockets().createSocket()
				.connect(new InetSocketAddress("mail.example.org", server.getLocalPort()), 2000))
				.isInstanceOf(IOException.class);
		}
	}
}

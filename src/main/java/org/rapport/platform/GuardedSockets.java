package org.rapport.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

/**
 * Sockets for protocols other than HTTP (IMAP and SMTP through Jakarta Mail) that connect only to an address the
 * {@link OutboundGuard} resolved and checked, so that a name cannot answer one address to the check and another
 * to the connection. The caller layers TLS over the socket with the host name, which keeps certificate and host
 * name checks and SNI.
 */
final class GuardedSockets extends SocketFactory {

	private final OutboundGuard guard;

	GuardedSockets(OutboundGuard guard) {
		this.guard = guard;
	}

	@Override
	public Socket createSocket() {
		return new Pinned();
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		Socket socket = new Pinned();
		socket.connect(InetSocketAddress.createUnresolved(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		Socket socket = new Pinned();
		socket.bind(new InetSocketAddress(localHost, localPort));
		socket.connect(InetSocketAddress.createUnresolved(host, port));
		return socket;
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return createSocket(host.getHostAddress(), port);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
		return createSocket(address.getHostAddress(), port, localAddress, localPort);
	}

	/** A socket that connects to the guard's first checked address of the name it is given, whatever else it was told. */
	private final class Pinned extends Socket {

		@Override
		public void connect(SocketAddress endpoint) throws IOException {
			connect(endpoint, 0);
		}

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			if (!(endpoint instanceof InetSocketAddress target)) {
				throw new IOException("Only internet addresses can be connected to.");
			}
			InetAddress[] checked;
			try {
				checked = guard.resolve(target.getHostString());
			}
			catch (IllegalArgumentException e) {
				throw new IOException(e.getMessage(), e);
			}
			super.connect(new InetSocketAddress(checked[0], target.getPort()), timeout);
		}
	}
}

package org.rapport.platform;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one check every outgoing connection passes (HTTP fetches, webhooks, mail servers): targets on loopback,
 * private, link-local or otherwise internal addresses are refused, unless {@code RAPPORT_ALLOW_PRIVATE_NETWORKS}
 * is set for tests and closed intranets.
 * <p>
 * Refused, whatever their spelling: IPv4 {@code 0.0.0.0/8}, {@code 10/8}, {@code 100.64/10}, {@code 127/8},
 * {@code 169.254/16}, {@code 172.16/12}, {@code 192.0.0/24}, {@code 192.168/16}, {@code 198.18/15}, multicast
 * {@code 224/4}, reserved {@code 240/4} and broadcast; IPv6 {@code ::}, {@code ::1}, the rest of {@code ::/8},
 * {@code 100::/64}, {@code 2001:2::/48}, unique local {@code fc00::/7}, link-local {@code fe80::/10}, site-local
 * {@code fec0::/10} and multicast {@code ff00::/8}. IPv6 addresses that carry an IPv4 address (IPv4-mapped,
 * -compatible and -translated, NAT64 {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16},
 * Teredo {@code 2001::/32}, ISATAP interface ids) are judged by the IPv4 address inside. The names
 * {@code localhost} and {@code *.localhost} are refused without a lookup; IPv4 written other than as four decimal
 * numbers ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}) is refused as ambiguous, as are
 * IPv6 zone ids, user info in addresses and schemes other than http and https.
 * <p>
 * A host name is resolved once, and every address it has must pass. HTTP goes through {@link #http()}, whose client
 * connects to exactly the addresses this guard resolved and checked, so a name cannot answer differently to the
 * check and to the connection (DNS rebinding).
 */
@Component
public class OutboundGuard implements AutoCloseable {

	/** Looks a host name up; the system resolver unless a test gives another. */
	@FunctionalInterface
	public interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;
	}

	private final boolean allowPrivate;
	private final Resolver resolver;
	private volatile OutboundHttp http;
	private final java.util.List<OutboundHttp> own = new java.util.concurrent.CopyOnWriteArrayList<>();

	@Autowired
	OutboundGuard(RapportProperties properties) {
		this(properties.allowPrivateNetworks());
	}

	public OutboundGuard(boolean allowPrivate) {
		this(allowPrivate, InetAddress::getAllByName);
	}

	public OutboundGuard(boolean allowPrivate, Resolver resolver) {
		this.allowPrivate = allowPrivate;
		this.resolver = resolver;
	}

	/** The HTTP client every outgoing request uses: it connects only where this guard lets it. */
	public OutboundHttp http() {
		OutboundHttp client = http;
		if (client == null) {
			synchronized (this) {
				client = http;
				if (client == null) {
					client = new OutboundHttp(this, OutboundHttp.CONNECT_TIMEOUT);
					http = client;
				}
			}
		}
		return client;
	}

	/**
	 * An HTTP client of its own for calls a server holds open (long polls), that connects only where this guard lets
	 * it: up to {@code connections} at once, to one server as to all. Held calls in the shared {@link #http()} client
	 * would take its connections (256, 32 a server) from every other call, and wait for one beyond the 32nd. Closed
	 * with the guard.
	 */
	public OutboundHttp ownHttp(int connections) {
		OutboundHttp client = new OutboundHttp(this, OutboundHttp.CONNECT_TIMEOUT, connections, connections);
		own.add(client);
		return client;
	}

	/**
	 * A socket factory for other protocols (IMAP, SMTP): its sockets connect only to an address this guard resolved
	 * and checked for the host name they are given.
	 */
	public javax.net.SocketFactory sockets() {
		return new GuardedSockets(this);
	}

	@Override
	public void close() {
		OutboundHttp client = http;
		if (client != null) {
			client.close();
		}
		own.forEach(OutboundHttp::close);
	}

	/** Throws {@link IllegalArgumentException} with a readable reason unless the host may be contacted. */
	public void checkHost(String host) {
		try {
			resolve(host);
		}
		catch (UnknownHostException e) {
			throw new IllegalArgumentException("The host '" + host + "' cannot be found.");
		}
	}

	/** Checks an address completely: its form ({@link #checkTarget(URI)}) and where its host leads. */
	public void checkUri(URI uri) {
		checkTarget(uri);
		checkHost(uri.getHost());
	}

	/**
	 * Checks an address without looking its host up: http or https, a host, no user info, and a host that is not
	 * refused by its spelling alone. Throws {@link IllegalArgumentException} with a readable reason.
	 */
	public void checkTarget(URI uri) {
		if (uri == null || uri.getScheme() == null
				|| !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
			throw new IllegalArgumentException("Only http and https addresses can be fetched, not '" + uri + "'.");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new IllegalArgumentException("The address '" + uri + "' has no host that Rapport can contact.");
		}
		if (uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException("Addresses with a user name or password are not fetched: '" + uri + "'.");
		}
		literal(uri.getHost());
	}

	/**
	 * The addresses of a host, each one checked: an IP literal as it is, a name looked up once. Throws
	 * {@link IllegalArgumentException} when the host or one of its addresses is refused and
	 * {@link UnknownHostException} when a name has no address.
	 */
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress literal = literal(host);
		if (literal != null) {
			check(host, literal);
			return new InetAddress[] { literal };
		}
		InetAddress[] addresses = resolver.resolve(name(host));
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException(host);
		}
		for (InetAddress address : addresses) {
			check(host, address);
		}
		return addresses;
	}

	private void check(String host, InetAddress address) {
		if (!allowPrivate && internal(address)) {
			throw new IllegalArgumentException("The host '" + host + "' is on a private or local network ("
					+ address.getHostAddress() + "); Rapport does not connect there unless RAPPORT_ALLOW_PRIVATE_NETWORKS=true.");
		}
	}

	/**
	 * The address an IP literal host stands for, or null for a name. Refuses blank hosts, ambiguous IPv4 spellings,
	 * IPv6 zone ids and (unless private networks are allowed) the names of this host.
	 */
	private InetAddress literal(String host) {
		if (host == null || host.isBlank() || !host.equals(host.strip())) {
			throw new IllegalArgumentException("No host given.");
		}
		boolean bracketed = host.startsWith("[") && host.endsWith("]");
		String text = bracketed ? host.substring(1, host.length() - 1) : host;
		if (bracketed && text.indexOf(':') < 0) {
			throw new IllegalArgumentException("'" + host + "' is not an address.");
		}
		if (text.indexOf(':') >= 0) {
			if (text.indexOf('%') >= 0) {
				throw new IllegalArgumentException("IPv6 addresses with a zone ('" + host + "') are not contacted.");
			}
			if (!text.matches("[0-9A-Fa-f:.]+")) {
				throw new IllegalArgumentException("'" + host + "' is not an address.");
			}
			try {
				return InetAddress.getByName(text); // a literal: no lookup
			}
			catch (UnknownHostException e) {
				throw new IllegalArgumentException("'" + host + "' is not an IPv6 address.");
			}
		}
		String name = text.toLowerCase(Locale.ROOT);
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (endsInANumber(name)) {
			long value = Ipv4.parse(name);
			if (value < 0) {
				throw new IllegalArgumentException("'" + host + "' is neither a host name nor an IPv4 address.");
			}
			InetAddress address = Ipv4.address(value);
			if (!name.equals(address.getHostAddress())) {
				throw new IllegalArgumentException("'" + host + "' is an ambiguous way to write " + address.getHostAddress()
						+ "; write the address as four decimal numbers.");
			}
			return address;
		}
		if (!allowPrivate && (name.equals("localhost") || name.endsWith(".localhost"))) {
			throw new IllegalArgumentException("The host '" + host + "' is on a private or local network (loopback); "
					+ "Rapport does not connect there unless RAPPORT_ALLOW_PRIVATE_NETWORKS=true.");
		}
		return null;
	}

	private static String name(String host) {
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

	/** Whether the last label is a number (decimal, or hex with 0x), which makes the host an IPv4 address or invalid. */
	private static boolean endsInANumber(String name) {
		String last = name.substring(name.lastIndexOf('.') + 1);
		if (last.isEmpty()) {
			return false;
		}
		if (last.matches("[0-9]+")) {
			return true;
		}
		return last.matches("0x[0-9a-f]*");
	}

	/** Whether an address is one Rapport must not connect to (see the class comment for the list). */
	public static boolean internal(InetAddress address) {
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			return internalV4(b, 0);
		}
		if (!(address instanceof Inet6Address)) {
			return true;
		}
		if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
			return internalV4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
		}
		if (zero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && zero(b, 10, 12)) {
			return internalV4(b, 12); // IPv4-translated ::ffff:0:a.b.c.d
		}
		if (zero(b, 0, 12)) {
			// ::, ::1 and IPv4-compatible ::a.b.c.d (whose 0.0.0.0/8 covers :: and ::1)
			return internalV4(b, 12);
		}
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		if (first == 0) {
			if (second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
				return nat64Internal(b); // 64:ff9b::/32
			}
			return true; // the rest of ::/8 is reserved
		}
		if (first == 0x20 && second == 0x02) {
			return internalV4(b, 2); // 6to4 2002:a.b.c.d::/48
		}
		if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
			// Teredo 2001:0::/32: the server's address, and the client's, stored inverted
			byte[] client = new byte[4];
			for (int i = 0; i < 4; i++) {
				client[i] = (byte) ~b[12 + i];
			}
			return internalV4(b, 4) || internalV4(client, 0);
		}
		if (first == 0x01 && second == 0 && zero(b, 2, 8)) {
			return true; // discard-only 100::/64
		}
		if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0x02 && b[4] == 0 && b[5] == 0) {
			return true; // benchmarking 2001:2::/48
		}
		if ((first & 0xfe) == 0xfc || first == 0xff || (first == 0xfe && (second & 0x80) == 0x80)) {
			return true; // unique local fc00::/7, multicast ff00::/8, link-local fe80::/10 and site-local fec0::/10
		}
		if ((b[8] & 0xfd) == 0 && b[9] == 0 && (b[10] & 0xff) == 0x5e && (b[11] & 0xff) == 0xfe) {
			return internalV4(b, 12); // ISATAP interface id ::0:5efe:a.b.c.d or ::200:5efe:a.b.c.d
		}
		return false;
	}

	/** NAT64: 64:ff9b::/96 carries IPv4 in the last 32 bits; the local-use 64:ff9b:1::/48 may use either layout. */
	private static boolean nat64Internal(byte[] b) {
		if (zero(b, 4, 12)) {
			return internalV4(b, 12);
		}
		if (b[4] == 0 && b[5] == 1) {
			byte[] rfc6052 = { b[6], b[7], b[9], b[10] }; // a /48 prefix: bits 64-71 are the reserved "u" octet
			return internalV4(rfc6052, 0) || internalV4(b, 12);
		}
		return true; // the rest of 64:ff9b::/32 is not assigned
	}

	private static boolean internalV4(byte[] b, int at) {
		int first = b[at] & 0xff;
		int second = b[at + 1] & 0xff;
		int third = b[at + 2] & 0xff;
		return first == 0 // "this network", 0.0.0.0
				|| first == 10
				|| first == 100 && second >= 64 && second < 128 // shared address space (carrier-grade NAT)
				|| first == 127
				|| first == 169 && second == 254 // link-local, cloud metadata
				|| first == 172 && second >= 16 && second < 32
				|| first == 192 && second == 0 && third == 0 // IETF protocol assignments
				|| first == 192 && second == 168
				|| first == 198 && (second == 18 || second == 19) // benchmarking
				|| first >= 224; // multicast, reserved, broadcast
	}

	private static boolean zero(byte[] b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/** IPv4 hosts as the URL standard reads them: one to four parts, each decimal, octal (0…) or hex (0x…). */
	static final class Ipv4 {

		private Ipv4() {
		}

		/** The 32-bit address, or -1 when the text is not one. */
		static long parse(String text) {
			String[] parts = text.split("\\.", -1);
			if (parts.length > 4) {
				return -1;
			}
			long[] numbers = new long[parts.length];
			for (int i = 0; i < parts.length; i++) {
				numbers[i] = number(parts[i]);
				if (numbers[i] < 0) {
					return -1;
				}
			}
			long value = 0;
			for (int i = 0; i < parts.length - 1; i++) {
				if (numbers[i] > 255) {
					return -1;
				}
				value |= numbers[i] << (8 * (3 - i));
			}
			long last = numbers[parts.length - 1];
			if (last >= 1L << (8 * (5 - parts.length))) {
				return -1;
			}
			return value | last;
		}

		private static long number(String part) {
			if (part.isEmpty() || part.length() > 34) {
				return -1;
			}
			int radix = 10;
			String digits = part;
			if (part.startsWith("0x")) {
				radix = 16;
				digits = part.substring(2);
				if (digits.isEmpty()) {
					return 0;
				}
			}
			else if (part.length() > 1 && part.startsWith("0")) {
				radix = 8;
				digits = part.substring(1);
			}
			try {
				long value = Long.parseLong(digits, radix);
				return value > 0xffff_ffffL ? -1 : value;
			}
			catch (NumberFormatException e) {
				return -1;
			}
		}

		static InetAddress address(long value) {
			byte[] b = { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
			try {
				return InetAddress.getByAddress(b);
			}
			catch (UnknownHostException e) {
				throw new IllegalStateException(e);
			}
		}
	}
}

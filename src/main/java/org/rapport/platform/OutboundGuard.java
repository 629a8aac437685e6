package org.rapport.platform;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

/**
 * The one check every outgoing connection passes (HTTP fetches, webhooks, mail servers): targets on loopback,
 * private, link-local or otherwise internal addresses are refused, unless {@code RAPPORT_ALLOW_PRIVATE_NETWORKS}
 * is set for tests and closed intranets. Host names are resolved and every address is checked.
 */
@Component
public class OutboundGuard {

	private final boolean allowPrivate;

	@org.springframework.beans.factory.annotation.Autowired
	OutboundGuard(RapportProperties properties) {
		this.allowPrivate = properties.allowPrivateNetworks();
	}

	public OutboundGuard(boolean allowPrivate) {
		this.allowPrivate = allowPrivate;
	}

	/** Throws {@link IllegalArgumentException} with a readable reason unless the host may be contacted. */
	public void checkHost(String host) {
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("No host given.");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host.strip());
		}
		catch (UnknownHostException e) {
			throw new IllegalArgumentException("The host '" + host + "' cannot be found.");
		}
		if (allowPrivate) {
			return;
		}
		for (InetAddress address : addresses) {
			if (internal(address)) {
				throw new IllegalArgumentException("The host '" + host + "' is on a private or local network ("
						+ address.getHostAddress() + "); Rapport does not connect there unless RAPPORT_ALLOW_PRIVATE_NETWORKS=true.");
			}
		}
	}

	public void checkUri(URI uri) {
		if (uri == null || uri.getScheme() == null
				|| !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
			throw new IllegalArgumentException("Only http and https addresses can be fetched, not '" + uri + "'.");
		}
		checkHost(uri.getHost());
	}

	static boolean internal(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (b.length == 4) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0)
					|| (first == 198 && (second == 18 || second == 19)) || first >= 240;
		}
		return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
	}
}

package org.rapport.federation;

import java.net.URI;
import java.util.Locale;

/** How a request's target is written in the text that both dialects sign: authority, path, request target, URI. */
final class RequestTargets {

	private RequestTargets() {
	}

	/** host[:port] in lowercase, the port only when it is not the scheme's default (RFC 9110 §4.2.3). */
	static String authority(URI target) {
		String host = target.getHost();
		if (host == null) {
			throw new IllegalArgumentException("The target " + target + " has no host.");
		}
		host = host.toLowerCase(Locale.ROOT);
		int port = target.getPort();
		boolean defaultPort = port == -1 || port == 443 && "https".equalsIgnoreCase(target.getScheme())
				|| port == 80 && "http".equalsIgnoreCase(target.getScheme());
		return defaultPort ? host : host + ":" + port;
	}

	/** Whether a {@code Host} header names the target's host and port (default ports ignored). */
	static boolean sameAuthority(String hostHeader, URI target) {
		try {
			URI given = new URI(target.getScheme(), hostHeader.strip(), null, null, null);
			return given.getHost() != null && authority(given).equals(authority(target));
		}
		catch (java.net.URISyntaxException | IllegalArgumentException e) {
			return false;
		}
	}

	static String path(URI target) {
		String path = target.getRawPath();
		return path == null || path.isEmpty() ? "/" : path;
	}

	/** The path with the query, as in the request line. */
	static String requestTarget(URI target) {
		return target.getRawQuery() == null ? path(target) : path(target) + "?" + target.getRawQuery();
	}

	static String targetUri(URI target) {
		return target.getScheme().toLowerCase(Locale.ROOT) + "://" + target.getRawAuthority() + requestTarget(target);
	}
}

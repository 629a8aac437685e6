package org.rapport.federation;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import org.rapport.platform.RapportProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The installation's public address as the Fediverse sees it, from {@code RAPPORT_BASE_URL}. Other servers only
 * talk to https addresses, so federation refuses a plain http base URL unless it points at this machine (loopback),
 * which is how tests and local trials run. A base URL with port 0 (the server picks a free port, as in
 * {@code http://localhost:${server.port}} with {@code SERVER_PORT=0}) means the port the server really listens on.
 */
@Component
public class PublicAddress {

	private final RapportProperties properties;
	private volatile URI baseUrl;

	PublicAddress(RapportProperties properties) {
		this.properties = properties;
		this.baseUrl = properties.baseUrl();
	}

	@EventListener
	void listening(WebServerInitializedEvent event) {
		URI configured = properties.baseUrl();
		if (configured != null && configured.getPort() == 0 && event.getApplicationContext().getServerNamespace() == null) {
			baseUrl = URI.create(configured.getScheme() + "://" + configured.getHost() + ":" + event.getWebServer().getPort()
					+ (configured.getRawPath() == null ? "" : configured.getRawPath()));
		}
	}

	/** The base URL without a trailing slash; throws {@link FederationUnavailable} when it cannot federate. */
	public String base() {
		return link("");
	}

	/** An absolute address below the base URL. */
	public String link(String path) {
		requireUsable();
		String base = baseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/** The host (with a port other than the scheme's default) that appears in handles: {@code @slug@host}. */
	public String host() {
		requireUsable();
		URI uri = baseUrl;
		return uri.getPort() < 0 ? uri.getHost().toLowerCase(Locale.ROOT)
				: uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
	}

	/** Why federation is off, or null when the base URL is usable. */
	public String problem() {
		URI uri = baseUrl;
		if (uri == null || uri.getHost() == null) {
			return "RAPPORT_BASE_URL is not set to an absolute address, so the Fediverse cannot reach this installation.";
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https")) {
			return null;
		}
		if (scheme.equals("http") && loopback(uri.getHost())) {
			return null;
		}
		return "Federation needs an https RAPPORT_BASE_URL (plain http only on a loopback address); it is '" + uri + "'.";
	}

	public boolean usable() {
		return problem() == null;
	}

	void requireUsable() {
		String problem = problem();
		if (problem != null) {
			throw new FederationUnavailable(problem);
		}
	}

	private static boolean loopback(String host) {
		String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (h.equalsIgnoreCase("localhost") || h.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
			return true;
		}
		if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			return false; // a name is not resolved here: its address may change
		}
		try {
			return InetAddress.getByName(h).isLoopbackAddress();
		}
		catch (UnknownHostException e) {
			return false;
		}
	}
}

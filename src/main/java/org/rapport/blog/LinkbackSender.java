package org.rapport.blog;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.rapport.platform.OutboundGuard;

/**
 * Tells one page that one of our posts links to it (or no longer does): discovers the page's endpoint, then sends a
 * Webmention ({@code source} and {@code target}, form-encoded) or, for a page that only speaks Pingback, an XML-RPC
 * {@code pingback.ping}. Never throws: the {@link Outcome} says what happened and whether trying again later may
 * help.
 */
final class LinkbackSender {

	private final RemotePages pages;

	LinkbackSender(OutboundGuard guard) {
		this.pages = new RemotePages(guard);
	}

	/**
	 * What became of one notification.
	 *
	 * @param status {@code sent}, {@code no_endpoint} (the page takes no linkbacks) or {@code failed}
	 * @param retry whether a later attempt may succeed (network trouble, 5xx, 429)
	 */
	record Outcome(String status, boolean retry, String protocol, String endpoint, Integer responseStatus, String error) {

		static Outcome failed(boolean retry, String protocol, String endpoint, Integer responseStatus, String error) {
			return new Outcome("failed", retry, protocol, endpoint, responseStatus, error);
		}
	}

	Outcome send(String source, String target) {
		Optional<EndpointDiscovery.Endpoint> endpoint;
		try {
			RemotePages.Page page = pages.get(URI.create(target));
			if (!page.ok()) {
				return Outcome.failed(transientStatus(page.status()), "", "", page.status(),
						"The target answered " + page.status() + ".");
			}
			endpoint = EndpointDiscovery.discover(page);
		}
		catch (RemotePages.Refused e) {
			return Outcome.failed(false, "", "", null, e.getMessage());
		}
		catch (UnknownHostException e) {
			return Outcome.failed(true, "", "", null, "The host of " + target + " cannot be found.");
		}
		catch (IOException | IllegalArgumentException e) {
			return Outcome.failed(true, "", "", null, "The target could not be fetched: " + e.getMessage());
		}
		if (endpoint.isEmpty()) {
			return new Outcome("no_endpoint", false, "", "", null, "");
		}
		EndpointDiscovery.Endpoint found = endpoint.get();
		return EndpointDiscovery.Endpoint.WEBMENTION.equals(found.protocol()) ? webmention(found.uri(), source, target)
				: pingback(found.uri(), source, target);
	}

	private Outcome webmention(URI endpoint, String source, String target) {
		String protocol = EndpointDiscovery.Endpoint.WEBMENTION;
		try {
			RemotePages.Page answer = pages.post(endpoint, "application/x-www-form-urlencoded",
					"source=" + enc(source) + "&target=" + enc(target));
			if (answer.ok()) {
				return new Outcome("sent", false, protocol, endpoint.toString(), answer.status(), "");
			}
			return Outcome.failed(transientStatus(answer.status()), protocol, endpoint.toString(), answer.status(),
					"The endpoint answered " + answer.status() + ": " + shorten(answer.body()));
		}
		catch (RemotePages.Refused e) {
			return Outcome.failed(false, protocol, endpoint.toString(), null, e.getMessage());
		}
		catch (IOException e) {
			return Outcome.failed(true, protocol, endpoint.toString(), null, "The endpoint could not be reached: " + e.getMessage());
		}
	}

	/** Sends {@code pingback.ping} to a known Pingback server. */
	Outcome pingback(URI server, String source, String target) {
		String protocol = EndpointDiscovery.Endpoint.PINGBACK;
		try {
			RemotePages.Page answer = pages.post(server, "text/xml; charset=utf-8", XmlRpc.call("pingback.ping", source, target));
			if (!answer.ok()) {
				return Outcome.failed(transientStatus(answer.status()), protocol, server.toString(), answer.status(),
						"The Pingback server answered " + answer.status() + ".");
			}
			XmlRpc.Reply reply = XmlRpc.parseReply(answer.body().getBytes(StandardCharsets.UTF_8));
			if (!reply.fault() || reply.code() == Pingbacks.ALREADY_REGISTERED) {
				return new Outcome("sent", false, protocol, server.toString(), answer.status(), "");
			}
			boolean retry = reply.code() == Pingbacks.UPSTREAM_ERROR || reply.code() == 0;
			return Outcome.failed(retry, protocol, server.toString(), answer.status(),
					"Pingback fault " + reply.code() + ": " + shorten(reply.text()));
		}
		catch (RemotePages.Refused e) {
			return Outcome.failed(false, protocol, server.toString(), null, e.getMessage());
		}
		catch (IOException e) {
			return Outcome.failed(true, protocol, server.toString(), null, "The Pingback server could not be reached: " + e.getMessage());
		}
		catch (IllegalArgumentException e) {
			return Outcome.failed(true, protocol, server.toString(), null, "The Pingback server's answer cannot be read: " + e.getMessage());
		}
	}

	private static boolean transientStatus(int status) {
		return status >= 500 || status == 429 || status == 408;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String shorten(String text) {
		String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
		return t.length() <= 200 ? t : t.substring(0, 199) + "…";
	}
}

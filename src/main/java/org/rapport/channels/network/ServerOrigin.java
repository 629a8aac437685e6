package org.rapport.channels.network;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.OutboundGuard;

/** The server a connector talks to, as a manager enters it in a channel's settings. */
public final class ServerOrigin {

	private ServerOrigin() {
	}

	/**
	 * The entered address as {@code scheme://host[:port]} in lower case ({@code https://} where no scheme is given),
	 * checked by the SSRF guard.
	 *
	 * @param value the address, stripped, perhaps without a scheme
	 * @param given what was entered, for the messages
	 * @param field the setting the messages name, e.g. {@code config.instance}
	 * @param server the server in words, e.g. "an instance", in "'…' is not the address of an instance."
	 * @param unusable what the guard's reason follows, e.g. "The instance's address cannot be used: "
	 * @throws InvalidFieldException naming {@code field} when it is no http(s) address or the guard refuses it
	 */
	public static String of(String value, String given, OutboundGuard guard, String field, String server,
			String unusable) {
		String address = value.contains("://") ? value : "https://" + value;
		URI uri;
		try {
			uri = URI.create(address);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException(field, "'" + given + "' is not the address of " + server + ".");
		}
		if (uri.getHost() == null || !List.of("https", "http").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
			throw new InvalidFieldException(field, "'" + given + "' is not the address of " + server + ".");
		}
		String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
				+ (uri.getPort() == -1 ? "" : ":" + uri.getPort());
		try {
			guard.checkUri(URI.create(origin + "/"));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException(field, unusable + e.getMessage());
		}
		return origin;
	}
}

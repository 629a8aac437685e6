package org.rapport.channels.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream of server-sent events (HTML Living Standard, "Server-sent events", event stream interpretation):
 * {@code event:} and {@code data:} fields up to a blank line make one event; lines starting with a colon are
 * comments (heartbeats); {@code id:} and {@code retry:} are not needed by the networks Rapport streams from and are
 * ignored. Hand-written because the one HTTP client that goes through the SSRF guard is Apache HttpClient's classic
 * API, for which no maintained event-stream reader exists; it is a line loop.
 */
public final class ServerSentEvents {

	/** Receives each event as it is complete. */
	@FunctionalInterface
	public interface Listener {

		void event(String type, String data) throws IOException;
	}

	private ServerSentEvents() {
	}

	/** Reads events until the stream ends. */
	public static void read(InputStream stream, Listener listener) throws IOException {
		BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
		String type = "";
		StringBuilder data = null;
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			if (line.isEmpty()) {
				if (data != null) {
					listener.event(type.isEmpty() ? "message" : type, data.toString());
				}
				type = "";
				data = null;
				continue;
			}
			if (line.startsWith(":")) {
				continue;
			}
			int colon = line.indexOf(':');
			String field = colon < 0 ? line : line.substring(0, colon);
			String value = colon < 0 ? "" : line.substring(colon + 1);
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			if (field.equals("event")) {
				type = value;
			}
			else if (field.equals("data")) {
				data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
	}
}

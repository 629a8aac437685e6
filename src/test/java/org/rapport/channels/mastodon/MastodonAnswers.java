package org.rapport.channels.mastodon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded Mastodon answers in {@code src/test/resources/mastodon/} (see its README for their sources). */
public final class MastodonAnswers {

	private MastodonAnswers() {
	}

	public static String file(String name) {
		try (var in = MastodonAnswers.class.getResourceAsStream("/mastodon/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No recorded answer " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

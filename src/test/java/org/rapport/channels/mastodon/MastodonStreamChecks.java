package org.rapport.channels.mastodon;

import org.springframework.context.ApplicationContext;

/**
 * The minutely check of the Mastodon streams ({@code mastodon-streams}), run now, for tests of other packages that
 * cannot wait a minute for a stream to open.
 */
public final class MastodonStreamChecks {

	private MastodonStreamChecks() {
	}

	/** Opens the streams that should be open, as the background work does every minute. */
	public static void now(ApplicationContext context) {
		context.getBean(MastodonStreams.class).supervise();
	}
}

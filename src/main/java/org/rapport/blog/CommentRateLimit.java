package org.rapport.blog;

import java.time.Duration;

import org.rapport.platform.RateLimit;
import org.springframework.stereotype.Component;

/** At most {@value #LIMIT} comments from one address to one blog in ten minutes (kept in memory, per node). */
@Component
class CommentRateLimit {

	static final int LIMIT = 5;

	private static final Duration WINDOW = Duration.ofMinutes(10);

	private final RateLimit limit = new RateLimit(LIMIT, WINDOW);

	/** Counts a comment from the key and says whether it may go through. */
	boolean allow(String key) {
		return limit.allow(key);
	}
}

package org.rapport.blog;

import java.time.Duration;
import java.util.UUID;

import org.rapport.platform.RateLimit;
import org.springframework.stereotype.Component;

/**
 * At most {@value #LIMIT} linkbacks from one address to one blog in ten minutes (kept in memory, per node): each one
 * makes Rapport fetch a page, so a flood must not turn the blog into a crawler for someone else.
 */
@Component
public class LinkbackRateLimit {

	static final int LIMIT = 30;

	private final RateLimit limit = new RateLimit(LIMIT, Duration.ofMinutes(10));

	/** Counts a linkback from the address and says whether it may go through. */
	public boolean allow(UUID workspaceId, String ip) {
		return limit.allow(workspaceId + "|" + ip);
	}
}

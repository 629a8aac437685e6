package org.rapport.platform;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * At most {@code limit} events per key within a window, counted in memory on each node: one Bucket4j bucket per key,
 * whose window starts with the key's first event and which is full again when the window has passed. For flood
 * protection of public forms, where a per-node limit is good enough. At most 100,000 keys are remembered, the least
 * used forgotten first.
 */
public final class RateLimit {

	private final Bandwidth bandwidth;

	private final Cache<String, Bucket> buckets;

	public RateLimit(int limit, Duration window) {
		this.bandwidth = Bandwidth.builder().capacity(limit).refillIntervally(limit, window).build();
		this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window).build();
	}

	/** Counts an event for the key and says whether it may go through; refused events are not counted. */
	public boolean allow(String key) {
		return buckets.get(key, k -> Bucket.builder().addLimit(bandwidth).build()).tryConsume(1);
	}
}

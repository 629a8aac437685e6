package org.rapport.channels.network;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a network tells, in the headers of its answers, how much of a rate limit is left and when it starts again, so
 * that {@link JsonHttp} holds back the calls a spent limit would refuse until then instead of asking on until a 429
 * comes. Each network names its own headers (Mastodon's {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 * with an ISO 8601 time, a PDS's {@code RateLimit-Remaining} and {@code RateLimit-Reset} in seconds since the epoch).
 *
 * @param remaining the header with the calls left in the window
 * @param reset the header saying when the window starts again
 * @param resetAt reads the value of {@code reset}; empty when it cannot
 * @param calls the kind of call an address counts against when the network limits that kind apart from the account's
 * other calls ({@link NetworkFailure#calls}, e.g. {@code media}), or {@code null} for the account's own limit
 */
public record RateLimitHeaders(String remaining, String reset, Function<String, Optional<Instant>> resetAt,
		Function<URI, String> calls) {

	/**
	 * Until when the answer says its limit is spent: none of its calls left ({@code remaining} 0) and a readable
	 * {@code reset} still to come; empty when calls are left, or it does not say.
	 */
	public Optional<Instant> spentUntil(JsonHttp.Answer answer) {
		return resetWhenFewerThan(1, answer.headers()).filter(Instant.now()::isBefore);
	}

	/**
	 * When the window starts again, if the headers say that fewer than {@code reserve} calls are left in it; empty
	 * when more are, or they do not say (or not readably).
	 */
	public Optional<Instant> resetWhenFewerThan(int reserve, HttpHeaders headers) {
		Optional<String> left = headers.firstValue(remaining);
		Optional<String> until = headers.firstValue(reset);
		if (left.isEmpty() || until.isEmpty()) {
			return Optional.empty();
		}
		try {
			if (Long.parseLong(left.get().strip()) >= reserve) {
				return Optional.empty();
			}
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
		return resetAt.apply(until.get().strip());
	}
}

package org.rapport.channels.network;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** What an OAuth 2 token answer (RFC 6749, section 5.1) says about how long its tokens live. */
public final class OAuthTokens {

	private OAuthTokens() {
	}

	/**
	 * When the answer's access token expires: {@code expires_in} seconds from now, or the network's usual lifetime
	 * when the answer does not say (or says nonsense).
	 */
	public static Instant accessExpiry(JsonNode token, long usualSeconds) {
		long seconds = token.path("expires_in").asLong(usualSeconds);
		return Instant.now().plusSeconds(seconds > 0 ? seconds : usualSeconds);
	}

	/** When the refresh token (the sign-in) ends, if the answer says ({@code refresh_token_expires_in}), else {@code null}. */
	public static Instant refreshExpiry(JsonNode token) {
		long seconds = token.path("refresh_token_expires_in").asLong(0);
		return seconds > 0 ? Instant.now().plusSeconds(seconds) : null;
	}
}

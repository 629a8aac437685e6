package org.rapport.channels.youtube;

import java.time.Duration;
import java.time.Instant;

import org.rapport.channels.Channel;
import org.rapport.channels.network.OAuthTokens;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Calls to the YouTube Data API on behalf of one channel: with an access token refreshed shortly before it expires
 * (Google's live an hour), and with the quota units of each call taken first. A refresh that answers without a
 * refresh token keeps the one in use; a token the API no longer takes (401) is refreshed once and the call made
 * again; when Google refuses the refresh ({@code invalid_grant}: revoked or expired), the channel needs to be
 * reconnected.
 */
@Component
class YouTubeAccess {

	/** How long before its expiry an access token is refreshed instead of used. */
	static final Duration EARLY = Duration.ofSeconds(60);

	/** Google's access tokens live an hour when the answer does not say. */
	private static final long DEFAULT_LIFETIME = 3600;

	static final String CLIENT_ID = "clientId";
	static final String CLIENT_SECRET = "clientSecret";
	static final String REFRESH_TOKEN = "refreshToken";

	private final YouTubeClient client;
	private final YouTubeAccounts accounts;
	private final YouTubeQuota quota;

	YouTubeAccess(YouTubeClient client, YouTubeAccounts accounts, YouTubeQuota quota) {
		this.client = client;
		this.accounts = accounts;
		this.quota = quota;
	}

	/** A call made with an access token. */
	@FunctionalInterface
	interface Call<T> {

		T with(String accessToken) throws YouTubeClient.Failure;
	}

	/** One attempt of a call. */
	@FunctionalInterface
	private interface Attempt<T> {

		T run() throws YouTubeClient.Failure;
	}

	/** The YouTube channel an access token belongs to. */
	record Mine(String id, String title) {
	}

	static String clientId(Channel channel) {
		return channel.setting(CLIENT_ID, "");
	}

	/**
	 * The channel's account: asked of Google the first time, and again when the credentials were entered anew (a
	 * reconnect), which makes the account connected again.
	 */
	YouTubeAccounts.Account account(Channel channel) throws YouTubeClient.Failure {
		String clientId = clientId(channel);
		String secret = channel.setting(CLIENT_SECRET, "");
		String refresh = channel.setting(REFRESH_TOKEN, "");
		String digest = accounts.digest(clientId, secret, refresh);
		var known = accounts.of(channel.id());
		if (known.isPresent() && known.get().enteredDigest().equals(digest)) {
			return known.get();
		}
		JsonNode token = client.refresh(clientId, secret, refresh);
		String access = token.path("access_token").asString();
		Mine mine = mine(clientId, access);
		return accounts.remember(channel.id(), mine.id(), mine.title(), digest, access,
				OAuthTokens.accessExpiry(token, DEFAULT_LIFETIME), token.path("refresh_token").asString(null),
				OAuthTokens.refreshExpiry(token));
	}

	/** Checks entered credentials: a refresh, then whose channel it is ({@code channels.list?mine=true}). */
	Mine check(String clientId, String clientSecret, String refreshToken) throws YouTubeClient.Failure {
		JsonNode token = client.refresh(clientId, clientSecret, refreshToken);
		return mine(clientId, token.path("access_token").asString());
	}

	private Mine mine(String clientId, String accessToken) throws YouTubeClient.Failure {
		take(clientId, YouTubeQuota.LIST, 0);
		JsonNode channels = withQuotaKnown(clientId, () -> client.get(accessToken, "channels?part=snippet&mine=true"));
		JsonNode item = channels.path("items").path(0);
		String id = item.path("id").asString("");
		if (id.isEmpty()) {
			throw new YouTubeClient.Failure(200, false, false, null, "noChannel", true,
					"The Google account that signed in has no YouTube channel.");
		}
		return new Mine(id, item.path("snippet").path("title").asString(""));
	}

	/**
	 * Makes a call that costs {@code cost} units if, after them, {@code keep} units are left today; else fails with
	 * {@code quotaExceeded} and a pause until the quota is reset.
	 */
	<T> T call(Channel channel, int cost, int keep, Call<T> call) throws YouTubeClient.Failure {
		String clientId = clientId(channel);
		String token = accessToken(channel, false);
		take(clientId, cost, keep);
		try {
			return withQuotaKnown(clientId, () -> call.with(token));
		}
		catch (YouTubeClient.Failure e) {
			if (!e.tokenExpired()) {
				throw e;
			}
		}
		accounts.forgetAccessToken(channel.id());
		String fresh = accessToken(channel, true);
		try {
			return withQuotaKnown(clientId, () -> call.with(fresh));
		}
		catch (YouTubeClient.Failure e) {
			if (e.tokenExpired()) {
				throw new YouTubeClient.Failure(e.status, false, false, null, e.reason, true,
						e.getMessage() + " Google does not take a fresh access token either; reconnect the channel.");
			}
			throw e;
		}
	}

	private void take(String clientId, int cost, int keep) throws YouTubeClient.Failure {
		if (!quota.take(clientId, cost, keep)) {
			throw new YouTubeClient.Failure(0, true, false, YouTubeQuota.nextReset(Instant.now()), "quotaExceeded", false,
					"Today's quota is spent: " + quota.used(clientId) + " of " + quota.daily()
							+ " units used; reading and answering go on after midnight Pacific Time.");
		}
	}

	/** A call whose {@code quotaExceeded} makes the rest of today's quota spent. */
	private <T> T withQuotaKnown(String clientId, Attempt<T> attempt) throws YouTubeClient.Failure {
		try {
			return attempt.run();
		}
		catch (YouTubeClient.Failure e) {
			if (e.quotaExceeded()) {
				quota.usedUp(clientId);
			}
			throw e;
		}
	}

	/** The stored access token while it lives past {@link #EARLY}, else a refreshed one. */
	private String accessToken(Channel channel, boolean fresh) throws YouTubeClient.Failure {
		YouTubeAccounts.Account account = accounts.of(channel.id()).orElseThrow();
		if (!fresh && account.accessToken() != null && account.accessExpiresAt() != null
				&& account.accessExpiresAt().isAfter(Instant.now().plus(EARLY))) {
			return account.accessToken();
		}
		String refresh = account.refreshToken() != null ? account.refreshToken() : channel.setting(REFRESH_TOKEN, "");
		JsonNode token = client.refresh(clientId(channel), channel.setting(CLIENT_SECRET, ""), refresh);
		String access = token.path("access_token").asString();
		accounts.refreshed(channel.id(), access, OAuthTokens.accessExpiry(token, DEFAULT_LIFETIME),
				token.path("refresh_token").asString(null), OAuthTokens.refreshExpiry(token));
		return access;
	}
}

package org.rapport.channels.linkedin;

import java.time.Duration;
import java.time.Instant;

import org.rapport.channels.Channel;
import org.rapport.channels.network.OAuthTokens;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Calls to LinkedIn on behalf of one page with an access token that lives: LinkedIn's access tokens last about 60
 * days and its programmatic refresh tokens a year (learn.microsoft.com/linkedin/shared/authentication/
 * programmatic-refresh-tokens). An access token is refreshed a day before it expires; a refresh that answers without
 * a refresh token keeps the one in use; a token the API no longer takes (401) is refreshed once and the call made
 * again. Without a refresh token, or when LinkedIn refuses the refresh ({@code invalid_grant}: expired or revoked),
 * the page needs to be reconnected.
 */
@Component
class LinkedInAccess {

	/** How long before its expiry an access token is refreshed instead of used. */
	static final Duration EARLY = Duration.ofDays(1);

	/** LinkedIn's access tokens live 60 days when the answer does not say. */
	private static final long DEFAULT_LIFETIME = Duration.ofDays(60).toSeconds();

	static final String CLIENT_ID = "clientId";
	static final String CLIENT_SECRET = "clientSecret";
	static final String ORGANIZATION = "organization";
	static final String APP_ID = "appId";
	static final String ACCESS_TOKEN = "accessToken";
	static final String REFRESH_TOKEN = "refreshToken";

	private final LinkedInClient client;
	private final LinkedInAccounts accounts;

	LinkedInAccess(LinkedInClient client, LinkedInAccounts accounts) {
		this.client = client;
		this.accounts = accounts;
	}

	/** A call made with an access token. */
	@FunctionalInterface
	interface Call<T> {

		T with(String accessToken) throws LinkedInClient.Failure;
	}

	/**
	 * An access token for entered credentials, to check them: a refresh when a refresh token was entered, else the
	 * entered access token once LinkedIn's introspection says it is active.
	 */
	String check(String clientId, String clientSecret, String accessToken, String refreshToken)
			throws LinkedInClient.Failure {
		if (!refreshToken.isEmpty()) {
			return client.refresh(clientId, clientSecret, refreshToken).path("access_token").asString();
		}
		JsonNode token = client.introspect(clientId, clientSecret, accessToken);
		if (!token.path("active").asBoolean(false)) {
			throw new LinkedInClient.Failure(200, false, false, null, "inactive", true,
					"LinkedIn says the access token is no longer active (" + token.path("status").asString("expired or revoked")
							+ "); reconnect the channel.");
		}
		return accessToken;
	}

	/**
	 * The page's account: made the first time, and again when the credentials were entered anew (a reconnect), which
	 * makes the account connected again. A refresh token is used at once, which tells when both tokens expire; an
	 * access token alone is introspected for its expiry.
	 */
	LinkedInAccounts.Account account(Channel channel) throws LinkedInClient.Failure {
		String clientId = channel.setting(CLIENT_ID, "");
		String secret = channel.setting(CLIENT_SECRET, "");
		String access = channel.setting(ACCESS_TOKEN, "");
		String refresh = channel.setting(REFRESH_TOKEN, "");
		String digest = accounts.digest(clientId, secret, access, refresh);
		var known = accounts.of(channel.id());
		if (known.isPresent() && known.get().enteredDigest().equals(digest)) {
			return known.get();
		}
		if (!refresh.isEmpty()) {
			JsonNode token = client.refresh(clientId, secret, refresh);
			String rotated = token.path("refresh_token").asString("");
			return accounts.remember(channel.id(), digest, token.path("access_token").asString(),
					OAuthTokens.accessExpiry(token, DEFAULT_LIFETIME), rotated.isEmpty() ? refresh : rotated,
					OAuthTokens.refreshExpiry(token));
		}
		JsonNode token = client.introspect(clientId, secret, access);
		long expiresAt = token.path("expires_at").asLong(0);
		var account = accounts.remember(channel.id(), digest, access, expiresAt > 0 ? Instant.ofEpochSecond(expiresAt) : null,
				null, null);
		if (!token.path("active").asBoolean(false)) {
			accounts.refused(channel.id(), null, true, "LinkedIn says the access token is no longer active: reconnect the channel.");
			return accounts.of(channel.id()).orElseThrow();
		}
		return account;
	}

	/** Makes a call with the page's access token; a 401 is answered by one refresh, if there is a refresh token. */
	<T> T call(Channel channel, Call<T> call) throws LinkedInClient.Failure {
		String token = accessToken(channel, false);
		try {
			return call.with(token);
		}
		catch (LinkedInClient.Failure e) {
			if (!e.tokenExpired()) {
				throw e;
			}
			if (accounts.of(channel.id()).map(a -> a.refreshToken() == null).orElse(true)) {
				throw new LinkedInClient.Failure(e.status, false, false, null, e.reason, true, e.getMessage()
						+ " LinkedIn no longer accepts the access token (expired or revoked) and there is no refresh "
						+ "token; reconnect the channel.");
			}
		}
		accounts.forgetAccessToken(channel.id());
		String fresh = accessToken(channel, true);
		try {
			return call.with(fresh);
		}
		catch (LinkedInClient.Failure e) {
			if (e.tokenExpired()) {
				throw new LinkedInClient.Failure(e.status, false, false, null, e.reason, true,
						e.getMessage() + " LinkedIn does not take a fresh access token either; reconnect the channel.");
			}
			throw e;
		}
	}

	/** The stored access token while it lives past {@link #EARLY}, else a refreshed one if there is a refresh token. */
	private String accessToken(Channel channel, boolean fresh) throws LinkedInClient.Failure {
		LinkedInAccounts.Account account = accounts.of(channel.id()).orElseThrow();
		Instant now = Instant.now();
		boolean lives = account.accessToken() != null
				&& (account.accessExpiresAt() == null || account.accessExpiresAt().isAfter(now.plus(EARLY)));
		if (!fresh && lives) {
			return account.accessToken();
		}
		if (account.refreshToken() == null) {
			if (account.accessToken() != null && (account.accessExpiresAt() == null || account.accessExpiresAt().isAfter(now))) {
				return account.accessToken();
			}
			throw new LinkedInClient.Failure(401, false, false, null, "expired", true,
					"The page's LinkedIn access token has expired and there is no refresh token; reconnect the channel.");
		}
		JsonNode token = client.refresh(channel.setting(CLIENT_ID, ""), channel.setting(CLIENT_SECRET, ""),
				account.refreshToken());
		String access = token.path("access_token").asString();
		String rotated = token.path("refresh_token").asString("");
		accounts.refreshed(channel.id(), access, OAuthTokens.accessExpiry(token, DEFAULT_LIFETIME),
				rotated.isEmpty() ? null : rotated, OAuthTokens.refreshExpiry(token));
		return access;
	}
}

package org.rapport.channels.network;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.rapport.platform.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A network's table of accounts signed in with OAuth 2: besides the {@link AccountState} columns, the tokens
 * ({@code access_token}, {@code refresh_token}, kept sealed with {@link SecretBox}) and when they expire
 * ({@code access_expires_at}, {@code refresh_expires_at}).
 */
public abstract class TokenAccounts extends AccountStates {

	private final JdbcClient jdbc;
	private final String table;
	private final SecretBox secrets;
	private final String credentials;

	/**
	 * @param table the network's table, a constant of its package, never input
	 * @param credentials what the digest of the entered credentials is keyed for ({@link SecretBox#mac})
	 */
	protected TokenAccounts(JdbcClient jdbc, String table, SecretBox secrets, String credentials) {
		super(jdbc, table);
		this.jdbc = jdbc;
		this.table = table;
		this.secrets = secrets;
		this.credentials = credentials;
	}

	/** A keyed digest of the entered credentials, to tell a reconnect (new credentials) from the same ones. */
	public String digest(String... entered) {
		return HexFormat.of().formatHex(secrets.mac(credentials, String.join("\n", entered)));
	}

	/**
	 * Keeps a refreshed access token, and the refresh token if the network handed out a new one (else the old stays),
	 * and when the sign-in ends if the network said (else what was known stays).
	 */
	public void refreshed(UUID channelId, String accessToken, Instant expiresAt, String newRefreshToken,
			Instant refreshExpiresAt) {
		jdbc.sql("update " + table + " set access_token = ?, access_expires_at = ?, refresh_token = coalesce(?, refresh_token),"
				+ " refresh_expires_at = coalesce(?, refresh_expires_at) where channel_id = ?")
			.params(sealed(accessToken), timestamp(expiresAt), sealed(newRefreshToken), timestamp(refreshExpiresAt),
					channelId)
			.update();
	}

	/** Keeps what a failed call says about the account: a pause asked for, or the sign-in refused for good. */
	public void failed(UUID channelId, OAuthFailure failure) {
		failed(channelId, failure, failure.accessRejected);
	}

	/** A token as it is stored, sealed; {@code null} stays {@code null}. */
	protected String sealed(String token) {
		return token == null ? null : secrets.seal(token);
	}

	/** A stored token opened; {@code null} stays {@code null}. */
	protected String opened(String stored) {
		return stored == null ? null : secrets.open(stored);
	}

	protected static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}

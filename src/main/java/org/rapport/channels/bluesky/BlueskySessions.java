package org.rapport.channels.bluesky;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.rapport.platform.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sessions Rapport holds with PDSes (table {@code bluesky_sessions}), one per account, with both tokens sealed.
 * Rapport logs in ({@code createSession}) when an account is connected and otherwise only refreshes: a PDS allows a
 * few dozen logins a day. An access token about to expire, or one the PDS calls {@code ExpiredToken}, is refreshed
 * under a row lock, so two nodes never spend the same refresh token; when the refresh is refused too, the session is
 * marked invalid and the account needs a new app password ("reconnect needed").
 */
@Component
class BlueskySessions {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How long before its expiry an access token is refreshed instead of used. */
	private static final Duration EARLY = Duration.ofSeconds(60);

	private final JdbcClient jdbc;
	private final SecretBox secrets;
	private final BlueskyClient client;
	private final TransactionTemplate tx;

	BlueskySessions(JdbcClient jdbc, SecretBox secrets, BlueskyClient client, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.client = client;
		this.tx = tx;
	}

	record Session(String service, String identifier, String did, String handle, String accessJwt, String refreshJwt,
			Instant refreshExpiresAt, boolean valid) {
	}

	/** A call made with a session's access token. */
	@FunctionalInterface
	interface Call<T> {

		T with(Session session) throws BlueskyClient.Failure;
	}

	Optional<Session> of(String service, String identifier) {
		return jdbc.sql("select * from bluesky_sessions where service = ? and identifier = ?")
			.params(service, identifier)
			.query((rs, n) -> {
				Timestamp expires = rs.getTimestamp("refresh_expires_at");
				return new Session(rs.getString("service"), rs.getString("identifier"), rs.getString("did"),
						rs.getString("handle"), secrets.open(rs.getString("access_jwt")),
						secrets.open(rs.getString("refresh_jwt")), expires == null ? null : expires.toInstant(),
						rs.getBoolean("valid"));
			})
			.optional();
	}

	/**
	 * The account's session: the stored one when it was made with the same app password and is still good, else a
	 * new login.
	 *
	 * @throws BlueskyClient.Failure when the PDS refuses the login
	 */
	Session login(String service, String identifier, String password) throws BlueskyClient.Failure {
		String digest = digest(service, identifier, password);
		Optional<Session> known = of(service, identifier);
		boolean same = jdbc.sql("select count(*) from bluesky_sessions where service = ? and identifier = ? and password_digest = ? and valid")
			.params(service, identifier, digest).query(Integer.class).single() > 0;
		if (known.isPresent() && same) {
			return known.get();
		}
		JsonNode created = client.createSession(service, identifier, password);
		String access = created.path("accessJwt").asString("");
		String refresh = created.path("refreshJwt").asString("");
		jdbc.sql("""
				insert into bluesky_sessions(service, identifier, did, handle, access_jwt, refresh_jwt, refresh_expires_at,
				  password_digest) values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (service, identifier) do update set did = excluded.did, handle = excluded.handle,
				  access_jwt = excluded.access_jwt, refresh_jwt = excluded.refresh_jwt,
				  refresh_expires_at = excluded.refresh_expires_at, password_digest = excluded.password_digest,
				  valid = true, logged_in_at = now(), refreshed_at = null""")
			.params(service, identifier, created.path("did").asString(""), created.path("handle").asString(identifier),
					secrets.seal(access), secrets.seal(refresh), timestamp(expiry(refresh)), digest)
			.update();
		// a reconnect: the channels of the account take the new session up at once
		jdbc.sql("update bluesky_accounts set connected = true, last_error = '' where did = ? and not connected")
			.param(created.path("did").asString(""))
			.update();
		return of(service, identifier).orElseThrow();
	}

	/**
	 * Makes a call with the account's session, refreshing it first when its access token is about to expire, and
	 * once more when the PDS says it has.
	 *
	 * @throws BlueskyClient.Failure the call's failure, or one that {@link BlueskyClient.Failure#sessionRejected()}
	 * when there is no usable session
	 */
	<T> T call(String service, String identifier, Call<T> call) throws BlueskyClient.Failure {
		Session session = of(service, identifier).filter(Session::valid).orElseThrow(() -> new BlueskyClient.Failure(
				401, "InvalidToken", false, null, "Rapport has no valid session with the PDS; reconnect the account."));
		Instant expires = expiry(session.accessJwt());
		if (expires != null && expires.isBefore(Instant.now().plus(EARLY))) {
			session = refresh(session);
		}
		try {
			return call.with(session);
		}
		catch (BlueskyClient.Failure e) {
			if (!e.expired()) {
				throw e;
			}
			return call.with(refresh(session));
		}
	}

	/** Refreshes the session unless another call (or node) did already since {@code used} was read. */
	Session refresh(Session used) throws BlueskyClient.Failure {
		BlueskyClient.Failure[] failed = new BlueskyClient.Failure[1];
		Session fresh = tx.execute(status -> {
			String stored = jdbc.sql("select access_jwt from bluesky_sessions where service = ? and identifier = ? for update")
				.params(used.service(), used.identifier()).query(String.class).optional().map(secrets::open).orElse(null);
			if (stored != null && !stored.equals(used.accessJwt())) {
				return null;
			}
			try {
				JsonNode refreshed = client.refreshSession(used.service(), used.refreshJwt());
				String refresh = refreshed.path("refreshJwt").asString(used.refreshJwt());
				jdbc.sql("""
						update bluesky_sessions set access_jwt = ?, refresh_jwt = ?, refresh_expires_at = ?,
						  handle = coalesce(nullif(?, ''), handle), refreshed_at = now() where service = ? and identifier = ?""")
					.params(secrets.seal(refreshed.path("accessJwt").asString("")), secrets.seal(refresh),
							timestamp(expiry(refresh)), refreshed.path("handle").asString(""), used.service(), used.identifier())
					.update();
			}
			catch (BlueskyClient.Failure e) {
				if (e.sessionRejected() || e.expired() || e.status == 400) {
					jdbc.sql("update bluesky_sessions set valid = false where service = ? and identifier = ?")
						.params(used.service(), used.identifier()).update();
					failed[0] = new BlueskyClient.Failure(401, e.error, false, null,
							"The PDS no longer accepts Rapport's session (" + e.getMessage()
									+ ") Reconnect the account with a new app password.");
				}
				else {
					failed[0] = e;
				}
			}
			return null;
		});
		if (failed[0] != null) {
			throw failed[0];
		}
		return fresh != null ? fresh : of(used.service(), used.identifier()).orElseThrow();
	}

	/** The {@code exp} of a JWT, or {@code null} when it cannot be read (the PDS's tokens are opaque to clients). */
	static Instant expiry(String jwt) {
		String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
		if (parts.length < 2) {
			return null;
		}
		try {
			JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
			return payload.path("exp").isNumber() ? Instant.ofEpochSecond(payload.path("exp").asLong()) : null;
		}
		catch (IllegalArgumentException | JacksonException e) {
			return null;
		}
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static String digest(String service, String identifier, String password) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha.digest((service + "\n" + identifier + "\n" + password)
				.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

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

import com.nimbusds.jose.jwk.ECKey;
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
 * <p>
 * A session made by "Sign in with Bluesky" (atproto OAuth, {@link BlueskySignIn}) is a row like the others, with the
 * key its tokens are bound to: its calls carry the access token with a DPoP proof ({@link BlueskyClient.Credential}),
 * and it is refreshed at the authorization server that issued it ({@link BlueskyOAuth#refresh}), keeping the refresh
 * token when the answer brings no new one. A refused refresh marks it invalid like an app password's: the account
 * is signed in again.
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
	private final BlueskyOAuth oauth;

	BlueskySessions(JdbcClient jdbc, SecretBox secrets, BlueskyClient client, TransactionTemplate tx,
			BlueskyOAuth oauth) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.client = client;
		this.tx = tx;
		this.oauth = oauth;
	}

	/**
	 * A session with the account's PDS.
	 *
	 * @param dpopKey the key an OAuth session's tokens are bound to; null for an app password's session
	 * @param issuer the authorization server of an OAuth session, or null
	 * @param clientId the client id an OAuth session was signed in with, or null
	 * @param accessExpiresAt when an OAuth session's access token expires ({@code expires_in}), or null
	 */
	record Session(String service, String identifier, String did, String handle, String accessJwt, String refreshJwt,
			Instant refreshExpiresAt, boolean valid, ECKey dpopKey, String issuer, String clientId,
			Instant accessExpiresAt) implements BlueskyClient.Credential {

		@Override
		public String token() {
			return accessJwt;
		}

		/** Whether the session was made by "Sign in with Bluesky" (atproto OAuth). */
		boolean oauth() {
			return dpopKey != null;
		}

		/** When the access token expires, as far as Rapport can tell. */
		Instant accessExpiry() {
			return accessExpiresAt != null ? accessExpiresAt : expiry(accessJwt);
		}
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
				Timestamp accessExpires = rs.getTimestamp("access_expires_at");
				String key = rs.getString("dpop_key");
				return new Session(rs.getString("service"), rs.getString("identifier"), rs.getString("did"),
						rs.getString("handle"), secrets.open(rs.getString("access_jwt")),
						secrets.open(rs.getString("refresh_jwt")), expires == null ? null : expires.toInstant(),
						rs.getBoolean("valid"), key == null ? null : BlueskyDpop.key(secrets.open(key)),
						rs.getString("issuer"), rs.getString("client_id"),
						accessExpires == null ? null : accessExpires.toInstant());
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
				  valid = true, logged_in_at = now(), refreshed_at = null, dpop_key = null, issuer = null,
				  client_id = null, access_expires_at = null""")
			.params(service, identifier, created.path("did").asString(""), created.path("handle").asString(identifier),
					secrets.seal(access), secrets.seal(refresh), timestamp(expiry(refresh)), digest)
			.update();
		return reconnected(service, identifier, created.path("did").asString(""));
	}

	/** A reconnect: the channels of the account take the new session up at once. */
	private Session reconnected(String service, String identifier, String did) {
		jdbc.sql("update bluesky_accounts set connected = true, last_error = '' where did = ? and not connected")
			.param(did)
			.update();
		return of(service, identifier).orElseThrow();
	}

	/**
	 * Keeps the session of a sign-in with Bluesky (atproto OAuth): the tokens, the key they are bound to, the
	 * authorization server and the client id, with the digest of the grant the channel's config carries instead of
	 * an app password ({@link #signedIn}). A reconnect takes the account's channels up at once, as a new app password
	 * does.
	 */
	Session keep(String service, String identifier, String handle, BlueskyOAuth.Tokens tokens, ECKey key,
			String issuer, String clientId, String grant) {
		jdbc.sql("""
				insert into bluesky_sessions(service, identifier, did, handle, access_jwt, refresh_jwt, refresh_expires_at,
				  password_digest, dpop_key, issuer, client_id, access_expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (service, identifier) do update set did = excluded.did, handle = excluded.handle,
				  access_jwt = excluded.access_jwt, refresh_jwt = excluded.refresh_jwt,
				  refresh_expires_at = excluded.refresh_expires_at, password_digest = excluded.password_digest,
				  dpop_key = excluded.dpop_key, issuer = excluded.issuer, client_id = excluded.client_id,
				  access_expires_at = excluded.access_expires_at, valid = true, logged_in_at = now(), refreshed_at = null""")
			.params(service, identifier, tokens.sub(), handle, secrets.seal(tokens.access()), secrets.seal(tokens.refresh()),
					null, digest(service, identifier, grant), secrets.seal(BlueskyDpop.stored(key)), issuer, clientId,
					timestamp(tokens.accessExpiresAt()))
			.update();
		return reconnected(service, identifier, tokens.sub());
	}

	/**
	 * The account's OAuth session, when {@code grant} is the one its sign-in gave the channel ({@link #keep}); a
	 * channel's config names an account it may use only with it.
	 */
	Optional<Session> signedIn(String service, String identifier, String grant) {
		boolean granted = jdbc.sql("""
				select count(*) from bluesky_sessions where service = ? and identifier = ? and password_digest = ?
				  and dpop_key is not null""")
			.params(service, identifier, digest(service, identifier, grant)).query(Integer.class).single() > 0;
		return granted ? of(service, identifier) : Optional.empty();
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
		Instant expires = session.accessExpiry();
		if (expires != null && expires.isBefore(Instant.now().plus(EARLY))) {
			session = refresh(session);
		}
		try {
			return call.with(session);
		}
		catch (BlueskyClient.Failure e) {
			// an OAuth access token the PDS no longer takes says so with a 401 (invalid_token), not ExpiredToken
			if (!e.expired() && !(session.oauth() && e.status == 401 && !e.chatRefused())) {
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
			if (used.oauth()) {
				failed[0] = refreshSignedIn(used);
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

	/**
	 * Refreshes an OAuth session at its authorization server (in the caller's transaction, under its row lock),
	 * keeping the refresh token when the answer brings none; answers the failure to throw, or null.
	 */
	private BlueskyClient.Failure refreshSignedIn(Session used) {
		try {
			BlueskyOAuth.Tokens tokens = oauth.refresh(used.issuer(), used.clientId(), used.refreshJwt(), used.dpopKey());
			if (!tokens.sub().equals(used.did())) {
				throw new BlueskyClient.Failure(400, "invalid_grant", false, null,
						"The authorization server refreshed the session for another account (" + tokens.sub() + ").");
			}
			String refresh = tokens.refresh() == null ? used.refreshJwt() : tokens.refresh();
			jdbc.sql("""
					update bluesky_sessions set access_jwt = ?, refresh_jwt = ?, access_expires_at = ?, refreshed_at = now()
					where service = ? and identifier = ?""")
				.params(secrets.seal(tokens.access()), secrets.seal(refresh), timestamp(tokens.accessExpiresAt()),
						used.service(), used.identifier())
				.update();
			return null;
		}
		catch (BlueskyClient.Failure e) {
			if (e.retryable) {
				return e;
			}
			jdbc.sql("update bluesky_sessions set valid = false where service = ? and identifier = ?")
				.params(used.service(), used.identifier()).update();
			return new BlueskyClient.Failure(401, e.error, false, null, "Bluesky no longer accepts Rapport's sign-in ("
					+ e.getMessage() + ") Reconnect the account: sign in with Bluesky again.");
		}
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

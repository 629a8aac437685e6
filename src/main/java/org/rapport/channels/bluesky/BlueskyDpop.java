package org.rapport.channels.bluesky;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * DPoP (RFC 9449) as atproto OAuth asks for it: every request to the authorization server and to the PDS carries a
 * proof signed with the account's ES256 key, naming the method ({@code htm}), the address without query
 * ({@code htu}), the server's latest nonce and, towards the PDS, the hash of the access token ({@code ath}). The
 * servers hand out nonces in {@code DPoP-Nonce} and refuse a proof without the current one ({@code use_dpop_nonce});
 * the latest nonce is remembered per server (scheme, host and port).
 */
final class BlueskyDpop {

	/** The latest nonce each server gave, by origin. */
	private final Map<String, String> nonces = new ConcurrentHashMap<>();

	/** A new ES256 key (P-256) for one account's tokens. */
	static ECKey newKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException e) {
			throw new IllegalStateException("No P-256 key could be made: " + e.getMessage(), e);
		}
	}

	/** The key as kept (sealed) in the database: its JWK with the private part. */
	static String stored(ECKey key) {
		return key.toJSONString();
	}

	/** A key kept with {@link #stored}. */
	static ECKey key(String stored) {
		try {
			return ECKey.parse(stored);
		}
		catch (ParseException e) {
			throw new IllegalStateException("A stored DPoP key cannot be read: " + e.getMessage(), e);
		}
	}

	/**
	 * A proof for one request.
	 *
	 * @param accessToken the access token the request carries ({@code ath}), or null towards the authorization server
	 */
	String proof(ECKey key, String method, URI uri, String accessToken) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.claim("htm", method)
			.claim("htu", htu(uri))
			.issueTime(new Date());
		String nonce = nonces.get(origin(uri));
		if (nonce != null) {
			claims.claim("nonce", nonce);
		}
		if (accessToken != null) {
			claims.claim("ath", sha256(accessToken));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
			.jwk(key.toPublicJWK()).build(), claims.build());
		try {
			jwt.sign(new ECDSASigner(key));
		}
		catch (JOSEException e) {
			throw new IllegalStateException("The DPoP proof could not be signed: " + e.getMessage(), e);
		}
		return jwt.serialize();
	}

	/**
	 * Keeps the nonce a server sent ({@code DPoP-Nonce}); answers whether it is a new one, so that a request refused
	 * for want of it is worth sending again.
	 */
	boolean remember(URI uri, String nonce) {
		if (nonce == null || nonce.isBlank()) {
			return false;
		}
		return !nonce.equals(nonces.put(origin(uri), nonce.strip()));
	}

	/** The address a proof names: without query and fragment. */
	static String htu(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
	}

	private static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	/** base64url(SHA-256(value)), as {@code ath} and a PKCE challenge are written. */
	static String sha256(String value) {
		try {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(
					MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

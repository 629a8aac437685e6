package org.rapport.channels.bluesky;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import org.rapport.channels.network.JsonHttp;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The atproto OAuth profile (atproto.com/specs/oauth) as far as Rapport is its client: finding an account's PDS and
 * the authorization server that signs in for it, the pushed authorization request, and the token requests (code and
 * refresh), all with DPoP through {@link BlueskyClient}. A handle is resolved by the server the manager names
 * ({@code com.atproto.identity.resolveHandle}, as a mention's handle is), a DID by the PLC directory
 * ({@code rapport.bluesky.plc-directory}, https://plc.directory unless set; read on each call) or, for
 * {@code did:web}, by its host.
 */
@Component
class BlueskyOAuth {

	/**
	 * What Rapport asks for: atproto itself, the account's repository and app views as an app password allows
	 * ({@code transition:generic}), and direct messages ({@code transition:chat.bsky}).
	 */
	static final String SCOPE = "atproto transition:generic transition:chat.bsky";

	static final String PLC_DIRECTORY = "rapport.bluesky.plc-directory";

	private final BlueskyClient client;
	private final Environment environment;

	BlueskyOAuth(BlueskyClient client, Environment environment) {
		this.client = client;
		this.environment = environment;
	}

	/** An authorization server, from its metadata ({@code /.well-known/oauth-authorization-server}). */
	record Server(String issuer, URI pushedAuthorization, URI authorization, URI token) {
	}

	/** An account: its DID, its handle as its DID document confirms it (or null), and its PDS. */
	record Account(String did, String handle, String pds) {
	}

	/**
	 * What a token request answered.
	 *
	 * @param sub the account's DID
	 * @param refresh the refresh token, or null when the answer brought none
	 * @param accessExpiresAt from {@code expires_in}, or null
	 */
	record Tokens(String sub, String access, String refresh, Instant accessExpiresAt, String scope) {
	}

	/** The DID of a handle, resolved by the server given. */
	String did(String service, String handle) throws BlueskyClient.Failure {
		JsonNode resolved = client.query(service, null, "com.atproto.identity.resolveHandle",
				Map.of("handle", List.of(handle)));
		String did = resolved.path("did").asString("");
		if (!did.startsWith("did:")) {
			throw new BlueskyClient.Failure(200, "", false, null,
					"The server did not resolve the handle " + handle + ".");
		}
		return did;
	}

	/** The account of a DID, from its DID document: its PDS and its handle. */
	Account account(String did) throws BlueskyClient.Failure {
		URI document;
		if (did.startsWith("did:plc:")) {
			String plc = environment.getProperty(PLC_DIRECTORY, "https://plc.directory").strip();
			document = URI.create((plc.endsWith("/") ? plc : plc + "/") + did);
		}
		else if (did.startsWith("did:web:")) {
			document = URI.create("https://" + did.substring("did:web:".length()) + "/.well-known/did.json");
		}
		else {
			throw new BlueskyClient.Failure(0, "", false, null,
					"The account's DID " + did + " is of a kind atproto does not use.");
		}
		JsonNode doc = client.document(document);
		if (!did.equals(doc.path("id").asString(""))) {
			throw new BlueskyClient.Failure(200, "", false, null, "The DID document of " + did + " is another's.");
		}
		String pds = null;
		for (JsonNode service : doc.path("service")) {
			if (service.path("id").asString("").endsWith("#atproto_pds")
					&& "AtprotoPersonalDataServer".equals(service.path("type").asString(""))) {
				pds = service.path("serviceEndpoint").asString(null);
			}
		}
		if (pds == null || !(pds.startsWith("https://") || pds.startsWith("http://"))) {
			throw new BlueskyClient.Failure(200, "", false, null, "The DID document of " + did + " names no PDS.");
		}
		String handle = null;
		for (JsonNode aka : doc.path("alsoKnownAs")) {
			if (handle == null && aka.asString("").startsWith("at://")) {
				handle = aka.asString().substring("at://".length());
			}
		}
		return new Account(did, handle, pds.endsWith("/") ? pds.substring(0, pds.length() - 1) : pds);
	}

	/**
	 * The authorization server of a PDS ({@code /.well-known/oauth-protected-resource}); a server without that
	 * document (an entryway such as bsky.social is one) is taken as the authorization server itself.
	 */
	String issuerOf(String server) throws BlueskyClient.Failure {
		JsonNode resource;
		try {
			resource = client.document(URI.create(server + "/.well-known/oauth-protected-resource"));
		}
		catch (BlueskyClient.Failure e) {
			if (e.status == 404) {
				return server;
			}
			throw e;
		}
		String issuer = resource.path("authorization_servers").path(0).asString("");
		if (issuer.isEmpty()) {
			throw new BlueskyClient.Failure(200, "", false, null, server + " names no authorization server.");
		}
		return issuer;
	}

	/** The authorization server's metadata, checked to be its own and to offer what atproto OAuth needs. */
	Server server(String issuer) throws BlueskyClient.Failure {
		JsonNode meta = client.document(URI.create(issuer + "/.well-known/oauth-authorization-server"));
		if (!issuer.equals(meta.path("issuer").asString(""))) {
			throw new BlueskyClient.Failure(200, "", false, null, "The authorization server " + issuer
					+ " calls itself " + meta.path("issuer").asString("nothing") + ".");
		}
		String par = meta.path("pushed_authorization_request_endpoint").asString("");
		String authorization = meta.path("authorization_endpoint").asString("");
		String token = meta.path("token_endpoint").asString("");
		if (par.isEmpty() || authorization.isEmpty() || token.isEmpty()) {
			throw new BlueskyClient.Failure(200, "", false, null, "The authorization server " + issuer
					+ " offers no pushed authorization requests, or names no authorization or token endpoint.");
		}
		// what atproto's profile requires of the server, where it says what it supports
		if (lacks(meta, "dpop_signing_alg_values_supported", "ES256") || lacks(meta, "scopes_supported", "atproto")
				|| !meta.path("authorization_response_iss_parameter_supported").asBoolean(true)) {
			throw new BlueskyClient.Failure(200, "", false, null, "The authorization server " + issuer
					+ " does not offer what atproto OAuth needs (DPoP with ES256, the scope atproto, the issuer in its "
					+ "answer).");
		}
		return new Server(issuer, URI.create(par), URI.create(authorization), URI.create(token));
	}

	/** Whether the metadata lists what a server supports under {@code field} and {@code value} is not among it. */
	private static boolean lacks(JsonNode meta, String field, String value) {
		JsonNode listed = meta.path(field);
		if (!listed.isArray()) {
			return false;
		}
		for (JsonNode item : listed) {
			if (value.equals(item.asString(""))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The pushed authorization request (RFC 9126): PKCE (S256), the state, the scope and, when the account is
	 * known, its handle or DID as {@code login_hint}; answers the address to send the manager to.
	 */
	URI pushed(Server server, String clientId, String redirectUri, String state, String codeChallenge,
			String loginHint, ECKey key) throws BlueskyClient.Failure {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", clientId);
		form.put("response_type", "code");
		form.put("redirect_uri", redirectUri);
		form.put("scope", SCOPE);
		form.put("state", state);
		form.put("code_challenge", codeChallenge);
		form.put("code_challenge_method", "S256");
		if (loginHint != null) {
			form.put("login_hint", loginHint);
		}
		JsonNode pushed = client.authorizationServer(server.pushedAuthorization(), form, key);
		String requestUri = pushed.path("request_uri").asString("");
		if (requestUri.isEmpty()) {
			throw new BlueskyClient.Failure(200, "", false, null, "The authorization server gave no request_uri.");
		}
		return URI.create(server.authorization() + (server.authorization().getRawQuery() == null ? "?" : "&")
				+ "client_id=" + JsonHttp.encoded(clientId) + "&request_uri=" + JsonHttp.encoded(requestUri));
	}

	/** Exchanges the code (with the PKCE verifier) for the account's tokens. */
	Tokens exchange(Server server, String clientId, String redirectUri, String code, String codeVerifier, ECKey key)
			throws BlueskyClient.Failure {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("client_id", clientId);
		form.put("redirect_uri", redirectUri);
		form.put("code", code);
		form.put("code_verifier", codeVerifier);
		return tokens(client.authorizationServer(server.token(), form, key));
	}

	/** A refresh at the authorization server that issued the tokens, with the key they are bound to. */
	Tokens refresh(String issuer, String clientId, String refreshToken, ECKey key) throws BlueskyClient.Failure {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("client_id", clientId);
		form.put("refresh_token", refreshToken);
		return tokens(client.authorizationServer(server(issuer).token(), form, key));
	}

	private static Tokens tokens(JsonNode answer) throws BlueskyClient.Failure {
		String access = answer.path("access_token").asString("");
		String sub = answer.path("sub").asString("");
		if (access.isEmpty() || !sub.startsWith("did:")) {
			throw new BlueskyClient.Failure(200, "", false, null,
					"The authorization server answered without an access token or the account's DID (sub).");
		}
		if (!"DPoP".equalsIgnoreCase(answer.path("token_type").asString("DPoP"))) {
			throw new BlueskyClient.Failure(200, "", false, null,
					"The authorization server gave a token not bound by DPoP.");
		}
		String refresh = answer.path("refresh_token").asString("");
		long expiresIn = answer.path("expires_in").asLong(0);
		return new Tokens(sub, access, refresh.isEmpty() ? null : refresh,
				expiresIn > 0 ? Instant.now().plusSeconds(expiresIn) : null, answer.path("scope").asString(""));
	}
}

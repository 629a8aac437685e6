package org.rapport.channels.bluesky;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.jwk.ECKey;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.channels.network.JsonHttp;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.SecretBox;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Sign in with Bluesky": the atproto OAuth profile (atproto.com/specs/oauth), next to the app password. The manager
 * names the account (its handle, with the server that resolves it) or only a server (a PDS or an entryway such as
 * bsky.social); Rapport finds the account's PDS and its authorization server ({@link BlueskyOAuth}), makes a
 * pushed authorization request with PKCE, the state and a DPoP proof signed with a new ES256 key, and sends the
 * manager to the server's page. Coming back, the answer must name the same issuer ({@code iss}), the code is
 * exchanged with the same key, and the tokens must be the account's that was asked for ({@code sub}); only then is
 * the session kept ({@link BlueskySessions#keep}) and the channel made, its config carrying a grant instead of an app
 * password.
 * <p>
 * Rapport's client id is {@link #METADATA} under its public address, serving {@link #metadata()}; when that address
 * is this machine ({@code http://localhost}, {@code 127.0.0.1}), atproto's loopback client id
 * ({@code http://localhost?redirect_uri=…&scope=…}) with a redirect to {@code http://127.0.0.1:<port>/…}.
 */
@Component
class BlueskySignIn implements ChannelConnector.SignIn {

	/** Where Rapport's client metadata is served (public, like the networks' hooks). */
	static final String METADATA = "/hooks/" + BlueskyConnector.KIND + "/client-metadata.json";

	/** The config key of the grant a sign-in gives the channel instead of an app password. */
	static final String GRANT = "signIn";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final BlueskyOAuth oauth;
	private final BlueskySessions sessions;
	private final BlueskyClient client;
	private final JdbcClient jdbc;
	private final SecretBox secrets;
	private final RapportProperties properties;
	private final Environment environment;

	BlueskySignIn(BlueskyOAuth oauth, BlueskySessions sessions, BlueskyClient client, JdbcClient jdbc,
			SecretBox secrets, RapportProperties properties, Environment environment) {
		this.oauth = oauth;
		this.sessions = sessions;
		this.client = client;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public List<Setting> before() {
		return List.of(
				Setting.of(BlueskyConnector.SERVICE, Setting.Type.URL, Text.of("Server", "Server"))
					.preset(BlueskyConnector.DEFAULT_SERVICE)
					.help(Text.of("https://bsky.social for accounts made on bsky.app; else your PDS. Given alone, "
							+ "you choose the account on the server's page.",
							"https://bsky.social für Konten von bsky.app, sonst Ihr PDS. Allein angegeben, wählen Sie das "
									+ "Konto auf der Seite des Servers.")),
				Setting.of(BlueskyConnector.HANDLE, Setting.Type.TEXT, Text.of("Handle", "Handle"))
					.help(Text.of("e.g. verein.bsky.social", "z. B. verein.bsky.social")));
	}

	/** Rapport as a client: its id and where the server sends the manager back. */
	record Client(String id, String redirectUri) {
	}

	/** The client id and redirect for the callback: loopback on this machine, the metadata's address otherwise. */
	Client client(URI callback) {
		String host = callback.getHost() == null ? "" : callback.getHost().toLowerCase(Locale.ROOT);
		boolean loopback = "http".equals(callback.getScheme())
				&& (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
		if (!loopback) {
			return new Client(properties.link(METADATA), callback.toString());
		}
		// the address Rapport listens on: the port the base URL names, or the one it was given (0: any free one)
		int port = callback.getPort() != 0 ? callback.getPort()
				: Integer.parseInt(environment.getProperty("local.server.port", "0"));
		String redirect = "http://127.0.0.1" + (port > 0 ? ":" + port : "") + callback.getRawPath();
		return new Client("http://localhost?redirect_uri=" + JsonHttp.encoded(redirect) + "&scope="
				+ JsonHttp.encoded(BlueskyOAuth.SCOPE), redirect);
	}

	/** Rapport's client metadata as {@link #METADATA} serves it: a web application with DPoP-bound tokens. */
	Map<String, Object> metadata() {
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("client_id", properties.link(METADATA));
		meta.put("client_name", "Rapport");
		meta.put("client_uri", properties.link("/"));
		meta.put("application_type", "web");
		meta.put("redirect_uris", List.of(properties.link("/settings/channels/callback/" + BlueskyConnector.KIND)));
		meta.put("scope", BlueskyOAuth.SCOPE);
		meta.put("grant_types", List.of("authorization_code", "refresh_token"));
		meta.put("response_types", List.of("code"));
		meta.put("token_endpoint_auth_method", "none");
		meta.put("dpop_bound_access_tokens", true);
		return meta;
	}

	@Override
	public URI start(Map<String, String> entered, URI callback, String state, String codeChallenge) {
		String service = BlueskyConnector.service(entered.get(BlueskyConnector.SERVICE), client);
		String given = entered.get(BlueskyConnector.HANDLE) == null ? "" : entered.get(BlueskyConnector.HANDLE).strip();
		try {
			String issuer;
			BlueskyOAuth.Account account = null;
			String hint = null;
			if (!given.isEmpty()) {
				String handle = BlueskyConnector.handle(given);
				String did = handle.startsWith("did:") ? handle : resolve(service, handle);
				account = oauth.account(did);
				if (!handle.startsWith("did:") && !handle.equalsIgnoreCase(String.valueOf(account.handle()))) {
					throw new InvalidFieldException(BlueskyConnector.HANDLE, "The handle " + handle
							+ " is not confirmed by its account's DID document.");
				}
				issuer = oauth.issuerOf(account.pds());
				hint = handle;
			}
			else {
				issuer = oauth.issuerOf(service);
			}
			BlueskyOAuth.Server server = oauth.server(issuer);
			Client rapport = client(callback);
			ECKey key = BlueskyDpop.newKey();
			URI onward = oauth.pushed(server, rapport.id(), rapport.redirectUri(), state, codeChallenge, hint, key);
			jdbc.sql("delete from bluesky_oauth_requests where created_at < now() - interval '1 hour'").update();
			jdbc.sql("""
					insert into bluesky_oauth_requests(state, issuer, token_endpoint, pds, did, handle, client_id,
					  redirect_uri, dpop_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(state, server.issuer(), server.token().toString(), account == null ? null : account.pds(),
						account == null ? null : account.did(), account == null ? null : account.handle(), rapport.id(),
						rapport.redirectUri(), secrets.seal(BlueskyDpop.stored(key)))
				.update();
			return onward;
		}
		catch (BlueskyClient.Failure e) {
			throw new InvalidFieldException(given.isEmpty() ? BlueskyConnector.SERVICE : BlueskyConnector.HANDLE,
					"Bluesky's sign-in could not be started. " + e.getMessage());
		}
	}

	private String resolve(String service, String handle) throws BlueskyClient.Failure {
		try {
			return oauth.did(service, handle);
		}
		catch (BlueskyClient.Failure e) {
			if (e.status == 400) {
				throw new InvalidFieldException(BlueskyConnector.HANDLE, "There is no Bluesky account " + handle + ".");
			}
			throw e;
		}
	}

	/** A sign-in under way, as {@link #start} kept it. */
	private record Request(String issuer, URI tokenEndpoint, String pds, String did, String handle, String clientId,
			String redirectUri, ECKey key) {
	}

	/**
	 * Checks the issuer, exchanges the code and checks whose tokens they are; keeps the session and answers the
	 * channel's config. A wrong issuer or account refuses the sign-in and keeps nothing.
	 */
	@Override
	public Map<String, String> finish(Map<String, String> entered, URI callback, Returned returned,
			String codeVerifier) {
		Optional<Request> kept = jdbc.sql("delete from bluesky_oauth_requests where state = ? returning *")
			.param(returned.state())
			.query((rs, n) -> new Request(rs.getString("issuer"), URI.create(rs.getString("token_endpoint")),
					rs.getString("pds"), rs.getString("did"), rs.getString("handle"), rs.getString("client_id"),
					rs.getString("redirect_uri"), BlueskyDpop.key(secrets.open(rs.getString("dpop_key")))))
			.optional();
		if (kept.isEmpty()) {
			throw new IllegalArgumentException("The sign-in with Bluesky was not started here or has expired; start it again.");
		}
		Request request = kept.get();
		if (returned.issuer() == null || !returned.issuer().equals(request.issuer())) {
			throw new InvalidFieldException(BlueskyConnector.HANDLE, "The sign-in came back from another server ("
					+ returned.issuer() + ") than it was started with (" + request.issuer() + "); nothing was connected.");
		}
		try {
			BlueskyOAuth.Server server = new BlueskyOAuth.Server(request.issuer(), null, null, request.tokenEndpoint());
			BlueskyOAuth.Tokens tokens = oauth.exchange(server, request.clientId(), request.redirectUri(),
					returned.code(), codeVerifier, request.key());
			if (request.did() != null && !request.did().equals(tokens.sub())) {
				throw new InvalidFieldException(BlueskyConnector.HANDLE, "Bluesky signed in another account ("
						+ tokens.sub() + ") than " + request.handle() + " (" + request.did() + "); nothing was connected.");
			}
			BlueskyOAuth.Account account = request.did() != null
					? new BlueskyOAuth.Account(request.did(), request.handle(), request.pds()) : oauth.account(tokens.sub());
			if (request.did() == null && !request.issuer().equals(oauth.issuerOf(account.pds()))) {
				throw new InvalidFieldException(BlueskyConnector.HANDLE, "The account " + tokens.sub()
						+ " is not served by " + request.issuer() + "; nothing was connected.");
			}
			if (!List.of(tokens.scope().split(" ")).contains("atproto")) {
				throw new InvalidFieldException(BlueskyConnector.HANDLE,
						"Bluesky did not grant the scope atproto; nothing was connected.");
			}
			String pds = BlueskyConnector.service(account.pds(), client);
			String handle = account.handle() == null ? account.did() : BlueskyConnector.handle(account.handle());
			String grant = random();
			sessions.keep(pds, handle, handle, tokens, request.key(), request.issuer(), request.clientId(), grant);
			Map<String, String> config = new LinkedHashMap<>();
			config.put(BlueskyConnector.SERVICE, pds);
			config.put(BlueskyConnector.HANDLE, handle);
			config.put(GRANT, grant);
			return config;
		}
		catch (BlueskyClient.Failure e) {
			throw new InvalidFieldException(BlueskyConnector.HANDLE, "Bluesky did not accept the sign-in. " + e.getMessage());
		}
	}

	private static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}

package org.rapport.channels.mastodon;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Signing in with a Mastodon instance: Rapport registers itself on the instance once per callback address
 * ({@code POST /api/v1/apps}, kept in {@code mastodon_apps} with the secret sealed), sends the manager to the
 * instance's {@code /oauth/authorize} with a PKCE challenge, and exchanges the code it gets back for an access
 * token ({@code POST /oauth/token}). Mastodon's tokens do not expire; there is nothing to refresh.
 */
@Component
class MastodonSignIn implements ChannelConnector.SignIn {

	/** Reading mentions, posting replies, and uploading their files as media. */
	static final String SCOPES = "read write:statuses write:media";

	private final MastodonClient client;
	private final JdbcClient jdbc;
	private final SecretBox secrets;
	private final RapportProperties properties;

	MastodonSignIn(MastodonClient client, JdbcClient jdbc, SecretBox secrets, RapportProperties properties) {
		this.client = client;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.properties = properties;
	}

	@Override
	public List<Setting> before() {
		return List.of(MastodonConnector.INSTANCE);
	}

	private record App(String clientId, String clientSecret) {
	}

	@Override
	public URI start(Map<String, String> entered, URI callback, String state, String codeChallenge) {
		String instance = MastodonConnector.instance(entered.get("instance"), client);
		App app = app(instance, callback.toString());
		return URI.create(instance + "/oauth/authorize?response_type=code&client_id=" + encode(app.clientId())
				+ "&redirect_uri=" + encode(callback.toString()) + "&scope=" + encode(SCOPES) + "&state=" + encode(state)
				+ "&code_challenge=" + encode(codeChallenge) + "&code_challenge_method=S256");
	}

	@Override
	public Map<String, String> finish(Map<String, String> entered, URI callback, Returned returned,
			String codeVerifier) {
		String code = returned.code();
		String instance = MastodonConnector.instance(entered.get("instance"), client);
		App app = app(instance, callback.toString());
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("client_id", app.clientId());
		form.put("client_secret", app.clientSecret());
		form.put("redirect_uri", callback.toString());
		form.put("code_verifier", codeVerifier);
		form.put("scope", SCOPES);
		try {
			String token = client.token(instance, form).path("access_token").asString("");
			if (token.isEmpty()) {
				throw new InvalidFieldException("instance", "The instance gave no access token.");
			}
			Map<String, String> config = new LinkedHashMap<>();
			config.put("instance", instance);
			config.put("accessToken", token);
			return config;
		}
		catch (MastodonClient.Failure e) {
			throw new InvalidFieldException("instance", "The instance did not accept the sign-in: " + e.getMessage());
		}
	}

	/**
	 * Rapport's registration on the instance for this callback, made the first time, and again when it was made with
	 * other scopes than Rapport asks for now.
	 */
	private App app(String instance, String redirectUri) {
		var known = jdbc.sql("""
				select client_id, client_secret from mastodon_apps where instance = ? and redirect_uri = ? and scopes = ?""")
			.params(instance, redirectUri, SCOPES)
			.query((rs, n) -> new App(rs.getString(1), secrets.open(rs.getString(2))))
			.optional();
		if (known.isPresent()) {
			return known.get();
		}
		JsonNode registered;
		try {
			registered = client.registerApp(instance, redirectUri, SCOPES, properties.link("/"));
		}
		catch (MastodonClient.Failure e) {
			throw new InvalidFieldException("instance", "Rapport could not register with the instance: " + e.getMessage());
		}
		App app = new App(registered.path("client_id").asString(""), registered.path("client_secret").asString(""));
		if (app.clientId().isEmpty() || app.clientSecret().isEmpty()) {
			throw new InvalidFieldException("instance", "The instance did not register Rapport (no client id).");
		}
		jdbc.sql("""
				insert into mastodon_apps(instance, redirect_uri, client_id, client_secret, scopes) values (?, ?, ?, ?, ?)
				on conflict (instance, redirect_uri) do update set client_id = excluded.client_id,
				  client_secret = excluded.client_secret, scopes = excluded.scopes, created_at = now()
				where mastodon_apps.scopes <> excluded.scopes""")
			.params(instance, redirectUri, app.clientId(), secrets.seal(app.clientSecret()), SCOPES)
			.update();
		return app;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}

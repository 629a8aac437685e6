package org.rapport.channels.meta;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Setting;
import org.rapport.channels.network.JsonHttp;
import org.rapport.platform.InvalidFieldException;

/**
 * Signing in with Facebook Login (the manual login flow, developers.facebook.com/docs/facebook-login/guides/advanced/
 * manual-flow): the manager enters the organisation's Meta app (id and secret) and the page, Rapport sends someone who
 * manages the page to Facebook's login dialog with the kind's permissions and a {@code state}, and then, on Graph:
 * exchanges the code, with the app secret, for a user token ({@code GET /oauth/access_token}); exchanges that for a
 * long-lived one ({@code grant_type=fb_exchange_token}, developers.facebook.com/docs/facebook-login/guides/
 * access-tokens/get-long-lived); and asks the page for its page access token with it ({@code GET /{page-id}?fields=
 * access_token}), which does not expire when it comes from a long-lived user token. The user token is not kept. A
 * webhook verify token the manager left empty is chosen at random. Facebook Login for a web app redeems its code with
 * the app secret; the PKCE challenge is not sent.
 */
final class MetaSignIn implements ChannelConnector.SignIn {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final MetaGraph graph;
	private final MetaConnector connector;

	MetaSignIn(MetaGraph graph, MetaConnector connector) {
		this.graph = graph;
		this.connector = connector;
	}

	@Override
	public List<Setting> before() {
		Set<String> asked = Set.of(MetaConnector.APP_ID, MetaConnector.APP_SECRET, MetaConnector.PAGE_ID,
				MetaConnector.VERIFY_TOKEN);
		return connector.metaSettings().stream().filter(s -> asked.contains(s.key()))
			.map(s -> !s.key().equals(MetaConnector.VERIFY_TOKEN) ? s : new Setting(s.key(), s.type(), false, s.label(),
					org.rapport.channels.Text.of("A word of your choice for the app's webhook; left empty, Rapport chooses one "
							+ "and shows it on the channel's page.", "Ein frei gewähltes Wort für den Webhook der App; leer "
									+ "gelassen, wählt Rapport eines und zeigt es auf der Seite des Kanals."),
					s.group(), s.preset(), s.choices(), s.choiceLabels()))
			.toList();
	}

	@Override
	public URI start(Map<String, String> entered, URI callback, String state, String codeChallenge) {
		String appId = id(entered, MetaConnector.APP_ID);
		entered(entered, MetaConnector.APP_SECRET);
		id(entered, MetaConnector.PAGE_ID);
		return URI.create(graph.dialogBase() + "/" + MetaGraph.VERSION + "/dialog/oauth?client_id=" + JsonHttp.encoded(appId)
				+ "&redirect_uri=" + JsonHttp.encoded(callback.toString()) + "&state=" + JsonHttp.encoded(state)
				+ "&response_type=code&scope=" + JsonHttp.encoded(connector.scopes()));
	}

	@Override
	public Map<String, String> finish(Map<String, String> entered, URI callback, Returned returned,
			String codeVerifier) {
		String code = returned.code();
		String appId = id(entered, MetaConnector.APP_ID);
		String secret = entered(entered, MetaConnector.APP_SECRET);
		String pageId = id(entered, MetaConnector.PAGE_ID);
		String userToken;
		try {
			Map<String, String> exchange = new LinkedHashMap<>();
			exchange.put("client_id", appId);
			exchange.put("redirect_uri", callback.toString());
			exchange.put("client_secret", secret);
			exchange.put("code", code);
			String shortLived = graph.get("oauth/access_token", exchange, null, null).json().path("access_token").asString("");
			Map<String, String> extend = new LinkedHashMap<>();
			extend.put("grant_type", "fb_exchange_token");
			extend.put("client_id", appId);
			extend.put("client_secret", secret);
			extend.put("fb_exchange_token", shortLived);
			userToken = graph.get("oauth/access_token", extend, null, null).json().path("access_token").asString("");
		}
		catch (MetaGraph.Failure e) {
			throw new InvalidFieldException(MetaConnector.APP_ID, "Meta did not accept the sign-in: " + e.getMessage());
		}
		if (userToken.isEmpty()) {
			throw new InvalidFieldException(MetaConnector.APP_ID, "Meta answered the sign-in without a token.");
		}
		String pageToken;
		try {
			pageToken = graph.get(pageId, Map.of("fields", "access_token"), userToken, secret).json().path("access_token")
				.asString("");
		}
		catch (MetaGraph.Failure e) {
			throw new InvalidFieldException(MetaConnector.PAGE_ID, "Meta did not give the page's token: " + e.getMessage());
		}
		if (pageToken.isEmpty()) {
			throw new InvalidFieldException(MetaConnector.PAGE_ID,
					"The account that signed in does not manage this page, or did not allow Rapport to.");
		}
		Map<String, String> config = new LinkedHashMap<>();
		config.put(MetaConnector.APP_ID, appId);
		config.put(MetaConnector.APP_SECRET, secret);
		config.put(MetaConnector.PAGE_ID, pageId);
		config.put(MetaConnector.PAGE_TOKEN, pageToken);
		String verify = entered.getOrDefault(MetaConnector.VERIFY_TOKEN, "").strip();
		config.put(MetaConnector.VERIFY_TOKEN, verify.isEmpty() ? HexFormat.of().formatHex(random()) : verify);
		config.putAll(connector.signedIn(config));
		return config;
	}

	private static byte[] random() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private static String id(Map<String, String> entered, String key) {
		String value = entered(entered, key);
		if (!value.matches("[0-9]{1,30}")) {
			throw new InvalidFieldException(key, "'" + value + "' is no Meta id: ids are numbers.");
		}
		return value;
	}

	private static String entered(Map<String, String> entered, String key) {
		return ChannelConnector.SignIn.entered(entered, key, "Enter your Meta app and the page first.");
	}
}

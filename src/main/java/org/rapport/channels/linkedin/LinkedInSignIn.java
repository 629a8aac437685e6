package org.rapport.channels.linkedin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Setting;
import org.rapport.channels.network.JsonHttp;
import org.rapport.platform.InvalidFieldException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Signing in with LinkedIn (OAuth 2 authorization code flow, learn.microsoft.com/linkedin/shared/authentication/
 * authorization-code-flow): the manager enters the organisation's LinkedIn app (client id and secret) and the page,
 * Rapport sends an administrator of the page to LinkedIn with the scopes {@link #SCOPES} and a {@code state}, and
 * exchanges the code it gets back, with the client secret, for an access token and (for apps allowed programmatic
 * refresh tokens) a refresh token. LinkedIn offers PKCE only to native apps, so a web app's code is redeemed with the
 * client secret and the challenge is not sent.
 */
@Component
class LinkedInSignIn implements ChannelConnector.SignIn {

	/** Reading and writing the page's comments, and reading the page and its notifications. */
	static final String SCOPES = "r_organization_social w_organization_social rw_organization_admin";

	private final LinkedInClient client;

	LinkedInSignIn(LinkedInClient client) {
		this.client = client;
	}

	@Override
	public List<Setting> before() {
		return List.of(LinkedInConnector.CLIENT_ID, LinkedInConnector.CLIENT_SECRET, LinkedInConnector.ORGANIZATION);
	}

	@Override
	public URI start(Map<String, String> entered, URI callback, String state, String codeChallenge) {
		String clientId = entered(entered, LinkedInAccess.CLIENT_ID);
		entered(entered, LinkedInAccess.CLIENT_SECRET);
		LinkedInConnector.organizationUrn(entered(entered, LinkedInAccess.ORGANIZATION));
		return URI.create(client.authorizeUrl() + "?response_type=code&client_id=" + JsonHttp.encoded(clientId)
				+ "&redirect_uri=" + JsonHttp.encoded(callback.toString()) + "&state=" + JsonHttp.encoded(state)
				+ "&scope=" + JsonHttp.encoded(SCOPES));
	}

	@Override
	public Map<String, String> finish(Map<String, String> entered, URI callback, Returned returned,
			String codeVerifier) {
		String code = returned.code();
		String clientId = entered(entered, LinkedInAccess.CLIENT_ID);
		String secret = entered(entered, LinkedInAccess.CLIENT_SECRET);
		try {
			JsonNode token = client.exchange(clientId, secret, code, callback.toString());
			Map<String, String> config = new LinkedHashMap<>();
			config.put(LinkedInAccess.CLIENT_ID, clientId);
			config.put(LinkedInAccess.CLIENT_SECRET, secret);
			config.put(LinkedInAccess.ORGANIZATION, entered(entered, LinkedInAccess.ORGANIZATION));
			config.put(LinkedInAccess.ACCESS_TOKEN, token.path("access_token").asString());
			String refresh = token.path("refresh_token").asString("");
			if (!refresh.isEmpty()) {
				config.put(LinkedInAccess.REFRESH_TOKEN, refresh);
			}
			return config;
		}
		catch (LinkedInClient.Failure e) {
			throw new InvalidFieldException(LinkedInAccess.CLIENT_ID, "LinkedIn did not accept the sign-in: " + e.getMessage());
		}
	}

	private static String entered(Map<String, String> entered, String key) {
		return ChannelConnector.SignIn.entered(entered, key, "Enter your LinkedIn app and the page first.");
	}
}

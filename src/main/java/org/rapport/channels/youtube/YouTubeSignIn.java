package org.rapport.channels.youtube;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Setting;
import org.rapport.channels.network.JsonHttp;
import org.rapport.platform.InvalidFieldException;
import org.springframework.stereotype.Component;

/**
 * Signing in with Google (developers.google.com/identity/protocols/oauth2/web-server): the manager enters the OAuth
 * client of the organisation's Google Cloud project, Rapport sends them to Google's consent page with a PKCE
 * challenge, asking for offline access (a refresh token) with the scope {@link #SCOPE}, and exchanges the code it
 * gets back for the refresh token, which becomes the channel's credential.
 */
@Component
class YouTubeSignIn implements ChannelConnector.SignIn {

	/** Reading and writing comments ({@code comments.insert} needs it). */
	static final String SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl";

	private final YouTubeClient client;

	YouTubeSignIn(YouTubeClient client) {
		this.client = client;
	}

	@Override
	public List<Setting> before() {
		return List.of(YouTubeConnector.CLIENT_ID, YouTubeConnector.CLIENT_SECRET);
	}

	@Override
	public URI start(Map<String, String> entered, URI callback, String state, String codeChallenge) {
		String clientId = entered(entered, YouTubeAccess.CLIENT_ID);
		entered(entered, YouTubeAccess.CLIENT_SECRET);
		return URI.create(client.authorizeUrl() + "?response_type=code&client_id=" + JsonHttp.encoded(clientId)
				+ "&redirect_uri=" + JsonHttp.encoded(callback.toString()) + "&scope=" + JsonHttp.encoded(SCOPE)
				+ "&access_type=offline&prompt=consent&include_granted_scopes=true&state=" + JsonHttp.encoded(state)
				+ "&code_challenge=" + JsonHttp.encoded(codeChallenge) + "&code_challenge_method=S256");
	}

	@Override
	public Map<String, String> finish(Map<String, String> entered, URI callback, Returned returned,
			String codeVerifier) {
		String code = returned.code();
		String clientId = entered(entered, YouTubeAccess.CLIENT_ID);
		String secret = entered(entered, YouTubeAccess.CLIENT_SECRET);
		try {
			String refresh = client.exchange(clientId, secret, code, callback.toString(), codeVerifier)
				.path("refresh_token").asString("");
			if (refresh.isEmpty()) {
				throw new InvalidFieldException(YouTubeAccess.CLIENT_ID,
						"Google gave no refresh token; remove Rapport's access in the Google account and sign in again.");
			}
			Map<String, String> config = new LinkedHashMap<>();
			config.put(YouTubeAccess.CLIENT_ID, clientId);
			config.put(YouTubeAccess.CLIENT_SECRET, secret);
			config.put(YouTubeAccess.REFRESH_TOKEN, refresh);
			return config;
		}
		catch (YouTubeClient.Failure e) {
			throw new InvalidFieldException(YouTubeAccess.CLIENT_ID, "Google did not accept the sign-in: " + e.getMessage());
		}
	}

	private static String entered(Map<String, String> entered, String key) {
		return ChannelConnector.SignIn.entered(entered, key, "Enter the OAuth client of your Google Cloud project first.");
	}
}

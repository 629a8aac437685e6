package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Tracked links: a short address that forwards with UTM parameters and counts clicks without a cookie. */
class TrackedLinksIntegrationTests extends IntegrationTest {

	@Test
	void forwardsWithUtmAndCountsClicksWithoutACookie() throws Exception {
		Api.Response created = api.post("/api/v1/links", Map.of("url", "https://verein.example/spenden?x=1#jetzt",
				"channel", "api", "campaign", "Winter 2026"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode link = created.json();
		assertThat(link.get("target").asString())
			.isEqualTo("https://verein.example/spenden?x=1&utm_source=rapport&utm_medium=api&utm_campaign=Winter+2026#jetzt");
		String code = link.get("code").asString();
		assertThat(link.get("trackedUrl").asString()).endsWith("/r/" + code);

		HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> r = anonymous.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/r/" + code)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(302);
			assertThat(r.headers().firstValue("Location")).contains(link.get("target").asString());
			assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
		}
		assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/r/nosuchcode")).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
		assertThat(api.get("/api/v1/links").json().get("items").get(0).get("clicks").asLong()).isEqualTo(3);
	}

	@Test
	void badLinksAreRefusedNamingTheField() {
		for (String url : new String[] { "javascript:alert(1)", "ftp://example.org/x", "nur text", "" }) {
			Api.Response r = api.post("/api/v1/links", Map.of("url", url));
			assertThat(r.status()).as(url).isEqualTo(400);
			assertThat(r.json().get("field").asString()).isEqualTo("url");
		}
		Api.Response channel = api.post("/api/v1/links", Map.of("url", "https://example.org", "channel", "nowhere"));
		assertThat(channel.json().get("field").asString()).isEqualTo("channel");
	}
}

package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Listening on a Mastodon instance answering as its documentation shows (WireMock; see
 * {@code src/test/resources/mastodon/README.md}): the monitors' hashtags read from the tag timeline with a cursor per
 * tag, a hit recommended with a boost and recorded as giving first, a hit answered from the inbox as a reply to the
 * status, and a pause the instance asks for kept.
 */
class MastodonListeningIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static MappingBuilder json(MappingBuilder request, String body) {
		return request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body));
	}

	@BeforeEach
	void anInstance() {
		instance.stubFor(json(get("/api/v1/accounts/verify_credentials").withHeader("Authorization", equalTo("Bearer good-token")),
				MastodonAnswers.file("verify_credentials.json")));
		instance.stubFor(json(get(urlPathEqualTo("/api/v1/timelines/tag/kita")), MastodonAnswers.file("tag_kita.json")));
		instance.stubFor(json(get(urlPathEqualTo("/api/v1/timelines/tag/kita")).atPriority(1)
			.withQueryParam("min_id", equalTo("113500000000000202")), "[]"));
		instance.stubFor(json(get(urlPathEqualTo("/api/v1/timelines/tag/elternabend")), "[]"));
		String anna = Api.JSON.readTree(MastodonAnswers.file("tag_kita.json")).get(0).toString();
		instance.stubFor(json(get("/api/v1/statuses/113500000000000202"), anna));
		instance.stubFor(json(post("/api/v1/statuses/113500000000000202/reblog"), MastodonAnswers.file("reblog.json")));
		instance.stubFor(json(post("/api/v1/statuses"), MastodonAnswers.file("posted.json")));
	}

	private void connect() {
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "good-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	private JsonNode hits(String monitor) {
		return api.get("/api/v1/listening/hits?monitor=" + monitor).json().get("items");
	}

	private JsonNode hitBy(String monitor, String author) {
		for (JsonNode hit : hits(monitor)) {
			if (hit.get("author").asString().equals(author)) {
				return hit;
			}
		}
		throw new AssertionError("No hit by " + author + " in " + hits(monitor));
	}

	@Test
	void hashtagsAreHeardOnceAndAHitIsRecommendedAndAnsweredFromRapport() {
		connect();
		var monitor = api.post("/api/v1/listening/monitors", Map.of("name", "Kita", "any", List.of("#Kita", "Elternabend"),
				"languages", List.of("de")));
		assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
		String id = monitor.json().get("id").asString();

		assertThat(api.post("/api/v1/listening/read", Map.of()).json().get("heard").asInt())
			.as("the English post is left out by the language filter").isEqualTo(1);
		JsonNode hit = hitBy(id, "@anna@example.social");
		assertThat(hit.get("authorName").asString()).isEqualTo("Anna Berg");
		assertThat(hit.get("text").asString()).contains("Elternabend", "#Kita").doesNotContain("<", "alert(1)");
		assertThat(hit.get("url").asString()).isEqualTo("https://example.social/@anna/113500000000000202");
		assertThat(hit.get("canShare").asBoolean()).isTrue();
		assertThat(hit.get("canAnswer").asBoolean()).isTrue();

		assertThat(api.post("/api/v1/listening/read", Map.of()).json().get("heard").asInt()).isZero();
		instance.verify(getRequestedFor(urlPathEqualTo("/api/v1/timelines/tag/kita")).withQueryParam("min_id",
				equalTo("113500000000000202")));
		instance.verify(getRequestedFor(urlPathEqualTo("/api/v1/timelines/tag/elternabend")));

		var shared = api.post("/api/v1/listening/hits/" + hit.get("id").asString() + "/share", Map.of());
		assertThat(shared.status()).as(shared.body()).isEqualTo(200);
		assertThat(shared.json().get("status").asString()).isEqualTo("shared");
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses/113500000000000202/reblog")));
		int gifts = jdbc.sql("select count(*) from gifts where workspace_id = ? and kind = 'share' and url = ?")
			.params(workspace.id(), "https://example.social/@anna/113500000000000202").query(Integer.class).single();
		assertThat(gifts).as("giving first, on Anna's contact").isEqualTo(1);

		var answered = api.post("/api/v1/listening/hits/" + hit.get("id").asString() + "/answer", Map.of());
		assertThat(answered.status()).as(answered.body()).isEqualTo(200);
		String conversation = answered.json().get("conversationId").asString();
		assertThat(api.post("/api/v1/listening/hits/" + hit.get("id").asString() + "/answer", Map.of()).json()
			.get("conversationId").asString()).as("the same conversation again").isEqualTo(conversation);
		var reply = api.post("/api/v1/conversations/" + conversation + "/messages",
				Map.of("body", "Wir spielen gern Fingerspiele!", "kind", "reply"));
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> instance.verify(
				postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
					.withRequestBody(matchingJsonPath("$.in_reply_to_id", equalTo("113500000000000202")))
					.withRequestBody(matchingJsonPath("$.status", equalTo("@anna@example.social Wir spielen gern Fingerspiele!")))));
	}

	@Test
	void aPauseTheInstanceAsksForIsKeptAndNothingHeardIsLost() {
		connect();
		api.post("/api/v1/listening/monitors", Map.of("name", "Kita", "any", List.of("#kita")));
		assertThat(api.post("/api/v1/listening/read", Map.of()).json().get("heard").asInt()).isEqualTo(2);
		instance.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/kita")).atPriority(0).willReturn(aResponse().withStatus(429)
			.withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
			.withHeader("X-RateLimit-Reset", "2099-01-01T00:00:00.000Z").withBody("{\"error\": \"Too many requests\"}")));
		assertThat(api.post("/api/v1/listening/read", Map.of()).json().get("heard").asInt()).isZero();
		JsonNode source = api.get("/api/v1/listening/sources").json().get("items").get(0);
		assertThat(source.get("notBefore").asString()).startsWith("2099-01-01");
		assertThat(source.get("lastError").asString()).contains("429");
		int asked = instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/timelines/tag/kita"))).size();
		api.post("/api/v1/listening/read", Map.of());
		assertThat(instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/timelines/tag/kita")))).as("the pause is kept")
			.hasSize(asked);
		assertThat(api.get("/api/v1/listening/hits").json().get("items")).hasSize(2);
	}

	@Test
	void aQuoteIsAQuotePostWhereTheInstanceHasThemAndTheTextWithTheAddressElsewhere() {
		connect();
		var monitor = api.post("/api/v1/listening/monitors", Map.of("name", "Kita", "any", List.of("#Kita"),
				"languages", List.of("de")));
		String monitorId = monitor.json().get("id").asString();
		api.post("/api/v1/listening/read", Map.of());
		String hit = hitBy(monitorId, "@anna@example.social").get("id").asString();
		assertThat(hitBy(monitorId, "@anna@example.social").get("canQuote").asBoolean()).isTrue();

		// Mastodon 4.3 (instance_v2.json): no quote posts yet, so the text carries the post's address
		instance.stubFor(json(get("/api/v2/instance"), MastodonAnswers.file("instance_v2.json")));
		var quoted = api.post("/api/v1/listening/hits/" + hit + "/quote", Map.of("text", "Gute Frage, wir laden ein!"));
		assertThat(quoted.status()).as(quoted.body()).isEqualTo(200);
		assertThat(quoted.json().get("status").asString()).isEqualTo("shared");
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
			.withRequestBody(matchingJsonPath("$.status", equalTo(
					"Gute Frage, wir laden ein!\n\nhttps://example.social/@anna/113500000000000202")))
			.withRequestBody(notMatching(".*quoted_status_id.*"))
			.withHeader("Idempotency-Key", equalTo("rapport-quote-" + hit)));
		int gifts = jdbc.sql("select count(*) from gifts where workspace_id = ? and kind = 'share' and note like ?")
			.params(workspace.id(), "%Gute Frage, wir laden ein!%").query(Integer.class).single();
		assertThat(gifts).as("giving first, with the quote's words").isEqualTo(1);

		// Mastodon 4.5 (API version 7): a quote post
		jdbc.sql("update listening_posts set status = 'new' where id = ?::uuid").param(hit).update();
		instance.stubFor(json(get("/api/v2/instance"), MastodonAnswers.file("instance_v2.json")
			.replace("\"version\": \"4.3.0\",", "\"version\": \"4.5.0\", \"api_versions\": {\"mastodon\": 7},")));
		assertThat(api.post("/api/v1/listening/hits/" + hit + "/quote", Map.of("text", "Wir auch!")).status()).isEqualTo(200);
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
			.withRequestBody(matchingJsonPath("$.status", equalTo("Wir auch!")))
			.withRequestBody(matchingJsonPath("$.quoted_status_id", equalTo("113500000000000202"))));

		// the instance refuses (a 422 as for a text over its limit): a clear 502, nothing recorded
		jdbc.sql("update listening_posts set status = 'new' where id = ?::uuid").param(hit).update();
		instance.stubFor(post("/api/v1/statuses").atPriority(1).willReturn(aResponse().withStatus(422)
			.withHeader("Content-Type", "application/json").withBody("{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}")));
		var refused = api.post("/api/v1/listening/hits/" + hit + "/quote", Map.of("text", "x".repeat(600)));
		assertThat(refused.status()).as(refused.body()).isEqualTo(502);
		assertThat(refused.json().get("detail").asString()).contains("character limit");
		assertThat(api.get("/api/v1/listening/hits?monitor=" + monitorId + "&status=new").json().get("items").get(0)
			.get("status").asString()).isEqualTo("new");
	}
}

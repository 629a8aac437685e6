package org.rapport.channels.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

class MessagesApiIntegrationTests extends IntegrationTest {

	static Map<String, Object> message(String externalId, String threadKey, String handle, String body) {
		var m = new java.util.LinkedHashMap<String, Object>();
		m.put("channel", "api");
		m.put("externalId", externalId);
		if (threadKey != null) {
			m.put("threadKey", threadKey);
		}
		m.put("from", Map.of("handle", handle, "name", "Erika Muster"));
		m.put("subject", "Frage zur Anmeldung");
		m.put("body", body);
		m.put("sentAt", "2026-05-04T10:15:00Z");
		return m;
	}

	@Test
	void acceptsOneMessageAndListsItAsConversation() {
		Api.Response response = api.post("/api/v1/messages", message("m-1", null, "erika@example.org", "Hallo, wann ist das Büro geöffnet?"));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(response.json().get("duplicates").asInt()).isZero();

		JsonNode list = api.get("/api/v1/conversations?status=open").json();
		assertThat(list.get("items")).hasSize(1);
		JsonNode item = list.get("items").get(0);
		assertThat(item.get("subject").asString()).isEqualTo("Frage zur Anmeldung");
		assertThat(item.get("status").asString()).isEqualTo("open");
		assertThat(item.get("channel").get("key").asString()).isEqualTo("api");
		assertThat(item.get("contact").get("name").asString()).isEqualTo("Erika Muster");
		assertThat(item.get("lastMessageAt").asString()).isEqualTo("2026-05-04T10:15:00Z");
		assertThat(list.get("next").isNull()).isTrue();
	}

	@Test
	void isIdempotentOnChannelAndExternalIdAndThreadsByThreadKey() {
		var batch = Map.of("messages", List.of(message("a", "t1", "x@example.org", "eins"),
				message("b", "t1", "x@example.org", "zwei"), message("c", null, "y@example.org", "drei")));
		Api.Response first = api.post("/api/v1/messages", batch);
		assertThat(first.json().get("accepted").asInt()).isEqualTo(3);
		Api.Response again = api.post("/api/v1/messages", batch);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("accepted").asInt()).isZero();
		assertThat(again.json().get("duplicates").asInt()).isEqualTo(3);

		JsonNode items = api.get("/api/v1/conversations").json().get("items");
		assertThat(items).hasSize(2);
		JsonNode thread = items.valueStream().filter(i -> i.get("contact").get("handle").asString().equals("x@example.org"))
			.findFirst().orElseThrow();
		JsonNode messages = api.get("/api/v1/conversations/" + thread.get("id").asString() + "/messages").json().get("items");
		assertThat(messages).hasSize(2);
		assertThat(messages.get(0).get("body").asString()).isEqualTo("<p>eins</p>");
		assertThat(messages.get(0).get("kind").asString()).isEqualTo("message");
		assertThat(messages.get(0).get("direction").asString()).isEqualTo("in");
	}

	@Test
	void findsGermanInflectionsInFullTextSearch() {
		api.post("/api/v1/messages", message("h1", null, "haus@example.org", "Unser Haus braucht eine Rampe."));
		api.post("/api/v1/messages", message("h2", null, "other@example.org", "Ganz anderes Thema."));
		JsonNode items = api.get("/api/v1/conversations?q=H%C3%A4user").json().get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("contact").get("handle").asString()).isEqualTo("haus@example.org");
	}

	@Test
	void refusesBadInputWithProblemDetails() {
		assertThat(api.post("/api/v1/messages", "{not json").status()).isEqualTo(400);
		Api.Response unknown = api.post("/api/v1/messages", Map.of("channel", "nope", "externalId", "1",
				"from", Map.of("handle", "a@example.org"), "body", "x"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
		assertThat(unknown.json().get("detail").asString()).contains("unknown channel 'nope'");
		var tooLong = message("long", null, "a@example.org", "x".repeat(MessagesApi.MAX_BODY + 1));
		assertThat(api.post("/api/v1/messages", tooLong).status()).isEqualTo(400);
		var badMail = message("bad", null, "not an address@", "x");
		assertThat(api.post("/api/v1/messages", badMail).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/conversations").json().get("items")).isEmpty();
	}

	@Test
	void refusesOversizedBodiesAndBatchesWithoutLosingEarlierMessages() {
		assertThat(api.post("/api/v1/messages", message("kept", null, "kept@example.org", "Schon angenommen")).status()).isEqualTo(201);
		String huge = "{\"channel\":\"api\",\"externalId\":\"big\",\"from\":{\"handle\":\"a@example.org\"},\"body\":\""
				+ "x".repeat(33 * 1024 * 1024) + "\"}";
		Api.Response tooLarge = api.post("/api/v1/messages", huge);
		assertThat(tooLarge.status()).isEqualTo(413);
		var streamed = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/messages"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
					() -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		assertThat(api.send(streamed).status()).isEqualTo(413);
		var tooMany = new java.util.ArrayList<Map<String, Object>>();
		for (int i = 0; i < 1001; i++) {
			tooMany.add(message("many-" + i, null, "m@example.org", "x"));
		}
		Api.Response refused = api.post("/api/v1/messages", Map.of("messages", tooMany));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("detail").asString()).contains("1000");
		var halfBad = List.of(message("good", null, "g@example.org", "gut"), message("bad", null, "", "schlecht"));
		Api.Response partly = api.post("/api/v1/messages", Map.of("messages", halfBad));
		assertThat(partly.status()).isEqualTo(400);
		assertThat(partly.json().get("detail").asString()).startsWith("messages[1]");
		JsonNode items = api.get("/api/v1/conversations").json().get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("contact").get("handle").asString()).isEqualTo("kept@example.org");
	}

	@Test
	void rejectsMissingOrWrongToken() {
		Api anonymous = new Api(baseUrl(), null);
		assertThat(anonymous.get("/api/v1/conversations").status()).isEqualTo(401);
		Api wrong = new Api(baseUrl(), "rpt_wrong");
		assertThat(wrong.get("/api/v1/conversations").status()).isEqualTo(401);
	}
}

package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** What the channel contract makes of each connector's declarations: kinds, defaults, checks, OpenAPI, readiness. */
class ChannelKindsIntegrationTests extends IntegrationTest {

	private static JsonNode kind(JsonNode items, String kind) {
		return StreamSupport.stream(items.spliterator(), false).filter(k -> k.get("kind").asString().equals(kind))
			.findFirst().orElseThrow(() -> new AssertionError("no kind " + kind + " in " + items));
	}

	@Test
	void theKindsAndTheirSettingsAreListedForIntegratorsAndInTheOpenApiDocument() {
		JsonNode items = api.get("/api/v1/channel-kinds").json().get("items");
		JsonNode email = kind(items, "email");
		assertThat(email.get("addable").asBoolean()).isTrue();
		assertThat(email.get("name").get("de").asString()).isEqualTo("E-Mail");
		JsonNode password = StreamSupport.stream(email.get("settings").spliterator(), false)
			.filter(s -> s.get("key").asString().equals("imapPassword")).findFirst().orElseThrow();
		assertThat(password.get("type").asString()).isEqualTo("SECRET");
		assertThat(kind(items, "webform").get("replies").asString()).isEqualTo("BY_MAIL");
		assertThat(kind(items, "webform").get("addable").asBoolean()).isFalse();
		assertThat(kind(items, "activitypub").get("defaultChannel").asString()).isEqualTo("fediverse");

		JsonNode schema = new Api(baseUrl(), null).get("/v3/api-docs").json().get("components").get("schemas")
			.get("ChannelConfig.email");
		assertThat(schema).as("config schema of mailboxes").isNotNull();
		assertThat(schema.get("required").toString()).contains("emailAddress", "imapHost", "imapPassword", "smtpHost");
		assertThat(schema.get("properties").get("imapSecurity").get("enum").toString()).contains("tls", "starttls", "none");
		assertThat(schema.get("properties").get("smtpPassword").get("format").asString()).isEqualTo("password");
	}

	@Test
	void aNewWorkspaceHasTheChannelsItsConnectorsBringFromTheStart() {
		JsonNode items = api.get("/api/v1/channels").json().get("items");
		assertThat(StreamSupport.stream(items.spliterator(), false).map(c -> c.get("key").asString()).toList())
			.containsExactlyInAnyOrder("api", "webform", "offline", "blog-comments");
	}

	@Test
	void settingsTheKindDoesNotDeclareAreRefusedNamingTheField() {
		Map<String, Object> config = new HashMap<>(ChannelSettingsIntegrationTests.mailbox("pw"));
		config.put("imapHots", "mail.example.org");
		var unknown = api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "config", config));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("config.imapHots");

		config.remove("imapHots");
		config.put("imapSecurity", "ssl");
		var choice = api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "config", config));
		assertThat(choice.status()).isEqualTo(400);
		assertThat(choice.json().get("field").asString()).isEqualTo("config.imapSecurity");

		var kind = api.post("/api/v1/channels", Map.of("key", "team", "kind", "pigeon"));
		assertThat(kind.status()).isEqualTo(400);
		assertThat(kind.json().get("field").asString()).isEqualTo("kind");

		var port = api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "config",
				Map.of("emailAddress", "a@example.org", "imapHost", "localhost", "imapPort", "x", "imapPassword", "p",
						"smtpHost", "localhost")));
		assertThat(port.json().get("field").asString()).isEqualTo("config.imapPort");
		assertThat(api.get("/api/v1/channels").body()).doesNotContain("\"team\"");
	}

	@Test
	void aChannelSaysWhetherRepliesCanLeaveAndTheContactFormNeedsAMailbox() {
		String webform = channelId("webform");
		JsonNode before = api.get("/api/v1/channels/" + webform).json().get("sending");
		assertThat(before.get("ready").asBoolean()).isFalse();
		assertThat(before.get("fixPath").asString()).isEqualTo("/settings/channels#connect-email");
		assertThat(before.get("problem").get("de").asString()).contains("Postfach");

		assertThat(api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "config",
				ChannelSettingsIntegrationTests.mailbox("pw"))).status()).isEqualTo(201);
		assertThat(api.get("/api/v1/channels/" + webform).json().get("sending").get("ready").asBoolean()).isTrue();
		assertThat(api.get("/api/v1/channels/" + channelId("offline")).json().get("sending").get("ready").asBoolean())
			.isTrue();
	}

	private String channelId(String key) {
		JsonNode items = api.get("/api/v1/channels").json().get("items");
		return StreamSupport.stream(items.spliterator(), false).filter(c -> c.get("key").asString().equals(key))
			.findFirst().orElseThrow().get("id").asString();
	}
}

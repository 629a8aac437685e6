package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;
import org.rapport.platform.SecretBox;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

/** Connecting and correcting a mailbox through the API and the settings page; passwords encrypted at rest. */
class ChannelSettingsIntegrationTests extends IntegrationTest {

	@Autowired
	Channels channels;

	static Map<String, Object> mailbox(String password) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("emailAddress", "team@example.org");
		config.put("imapHost", "localhost");
		config.put("imapPort", "3993");
		config.put("imapPassword", password);
		config.put("smtpHost", "localhost");
		config.put("smtpPort", "3465");
		return config;
	}

	String storedConfig(String id) {
		return jdbc.sql("select config::text from channels where id = ?").param(UUID.fromString(id)).query(String.class).single();
	}

	@Test
	void passwordsAreEncryptedAtRestAndNeverReturned() {
		var created = api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "name", "Team", "config",
				mailbox("s3cret-imap pass")));
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.body()).doesNotContain("s3cret");
		assertThat(created.json().get("secretsSet").toString()).contains("imapPassword", "smtpPassword");
		assertThat(created.json().get("config").get("imapUsername").asString()).isEqualTo("team@example.org");

		assertThat(storedConfig(id)).doesNotContain("s3cret").contains("enc:v1:");
		assertThat(channels.get(workspace.id(), UUID.fromString(id)).config().get("imapPassword")).isEqualTo("s3cret-imap pass");
		assertThat(api.get("/api/v1/channels").body()).doesNotContain("s3cret").contains("\"key\":\"team\"");
	}

	@Test
	void anEditKeepsTheStoredPasswordAndRejectsBadSettingsWithoutLosingAnything() {
		String id = api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "config", mailbox("first password")))
			.json().get("id").asString();

		var changed = api.patch("/api/v1/channels/" + id, Map.of("name", "Presse", "config",
				Map.of("imapHost", "127.0.0.1", "imapPassword", "")));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("name").asString()).isEqualTo("Presse");
		Channel channel = channels.get(workspace.id(), UUID.fromString(id));
		assertThat(channel.config()).containsEntry("imapHost", "127.0.0.1").containsEntry("imapPassword", "first password");

		var bad = api.patch("/api/v1/channels/" + id, Map.of("config", Map.of("imapPort", "99999")));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("detail").asString()).contains("IMAP port");
		assertThat(channels.get(workspace.id(), UUID.fromString(id)).config()).isEqualTo(channel.config());

		var off = api.patch("/api/v1/channels/" + id, Map.of("enabled", false));
		assertThat(off.json().get("enabled").asBoolean()).isFalse();
	}

	@Test
	void onlyManagersChangeChannelsAndOnlyTheirOwnWorkspaces() {
		String id = api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "config", mailbox("pw")))
			.json().get("id").asString();
		var agent = members.add(workspace.id(), "agent-" + workspace.slug() + "@example.org", "Agent", PASSWORD, Role.AGENT);
		var agentApi = new Api(baseUrl(), tokens.create(new org.rapport.platform.CurrentUser(agent.userId(),
				"agent@example.org", "Agent", workspace.id(), Role.AGENT, null), "t").token());
		assertThat(agentApi.patch("/api/v1/channels/" + id, Map.of("name", "x")).status()).isEqualTo(403);

		var other = workspaces.create("Other " + workspace.slug(), "o-" + workspace.slug());
		var stranger = members.add(other.id(), "s-" + workspace.slug() + "@example.org", "S", PASSWORD, Role.OWNER);
		var strangerApi = new Api(baseUrl(), tokens.create(new org.rapport.platform.CurrentUser(stranger.userId(),
				"s@example.org", "S", other.id(), Role.OWNER, null), "t").token());
		assertThat(strangerApi.get("/api/v1/channels/" + id).status()).isEqualTo(404);
		assertThat(strangerApi.patch("/api/v1/channels/" + id, Map.of("name", "x")).status()).isEqualTo(404);
	}

	@Test
	void theSettingsPageEditsAMailboxWithoutShowingItsPassword() throws Exception {
		String id = api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "config", mailbox("page password")))
			.json().get("id").asString();
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var page = ui.get("/settings/channels/" + id);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("value=\"localhost\"").contains("unverändert").doesNotContain("page password");

		Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", UiSession.csrf(page.body()), "name", "Team",
				"emailAddress", "team@example.org", "imapHost", "localhost", "imapPort", "abc", "imapPassword", "",
				"smtpHost", "localhost", "smtpPort", "3465", "smtpPassword", ""));
		var refused = ui.form("/settings/channels/" + id, form);
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("Der IMAP-Port muss eine Zahl von 1 bis 65535 sein")
			.as("what was typed stays in the form").contains("value=\"abc\"").contains("aria-invalid=\"true\"");

		form.put("imapPort", "3994");
		var saved = ui.form("/settings/channels/" + id, form);
		assertThat(saved.location()).endsWith("/settings/channels");
		assertThat(channels.get(workspace.id(), UUID.fromString(id)).config())
			.containsEntry("imapPort", "3994").containsEntry("imapPassword", "page password");
	}

	@Test
	void passwordsStoredBeforeEncryptionAreSealedOnStart() {
		String id = api.post("/api/v1/channels", Map.of("key", "old", "kind", "email", "config", mailbox("legacy pw")))
			.json().get("id").asString();
		jdbc.sql("update channels set config = jsonb_set(config, '{imapPassword}', '\"legacy pw\"') where id = ?")
			.param(UUID.fromString(id)).update();
		assertThat(storedConfig(id)).contains("legacy pw");
		channels.sealStoredSecrets();
		assertThat(storedConfig(id)).doesNotContain("legacy pw");
		assertThat(channels.get(workspace.id(), UUID.fromString(id)).config()).containsEntry("imapPassword", "legacy pw");
	}

	@Test
	void aBoxWithAnotherKeyCannotOpenTheValue() {
		var box = new SecretBox(new byte[32]);
		String sealed = box.seal("geheim");
		assertThat(sealed).startsWith("enc:v1:").doesNotContain("geheim");
		assertThat(box.seal("geheim")).isNotEqualTo(sealed);
		assertThat(box.open(sealed)).isEqualTo("geheim");
		assertThat(box.open("plain")).isEqualTo("plain");
		byte[] other = new byte[32];
		other[0] = 1;
		assertThatThrownBy(() -> new SecretBox(other).open(sealed)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("RAPPORT_SECRET_KEY");
	}
}

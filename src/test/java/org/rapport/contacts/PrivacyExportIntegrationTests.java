package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.channels.Channels;
import org.rapport.channels.Ingestion;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class PrivacyExportIntegrationTests extends IntegrationTest {

	@Autowired
	Ingestion ingestion;

	@Autowired
	Channels channels;

	@Test
	void theExportContainsEveryMessageNoteConsentIdentityAndAttachment() {
		Person hanna = new Person();
		hanna.fillHistory(baseUrl(), api, jdbc, ingestion, channels, workspace.id());
		Set<UUID> stored = new HashSet<>(jdbc.sql("""
				select m.id from messages m join conversations c on c.id = m.conversation_id where c.contact_id = ?""")
			.param(hanna.contactId).query(UUID.class).list());
		assertThat(stored).hasSize(6); // form, 2 API, mail, call, note

		var response = api.get("/api/v1/contacts/" + hanna.contactId + "/export");
		assertThat(response.status()).isEqualTo(200);
		JsonNode export = response.json();
		assertThat(export.get("contact").get("name").asString()).isEqualTo(hanna.name);
		List<String> identities = new ArrayList<>();
		export.get("identities").forEach(i -> identities.add(i.get("value").asString()));
		assertThat(identities).containsExactlyInAnyOrder(hanna.email, hanna.phone);

		List<String> purposes = new ArrayList<>();
		export.get("consents").forEach(c -> purposes.add(c.get("purpose").asString() + "/" + c.get("lawfulBasis").asString()));
		assertThat(purposes).containsExactlyInAnyOrder("contact_form/consent", "newsletter/consent");
		assertThat(export.get("consents").toString()).contains("einverstanden", "127.0.0.0", "Newsletter erhalten");

		Set<UUID> exported = new HashSet<>();
		List<String> kinds = new ArrayList<>();
		JsonNode conversations = export.get("data").get("conversations");
		assertThat(conversations.size()).isEqualTo(4);
		JsonNode attachment = null;
		for (JsonNode conversation : conversations) {
			for (JsonNode message : conversation.get("messages")) {
				exported.add(UUID.fromString(message.get("id").asString()));
				kinds.add(message.get("kind").asString());
				if (!message.get("attachments").isEmpty()) {
					attachment = message.get("attachments").get(0);
					assertThat(message.get("headers").get("Reply-To").asString()).isEqualTo(hanna.email);
				}
			}
		}
		assertThat(exported).isEqualTo(stored);
		assertThat(kinds).contains("note", "activity", "message");
		assertThat(response.body()).contains("Intern: " + hanna.name);
		assertThat(attachment).isNotNull();
		assertThat(attachment.get("fileName").asString()).isEqualTo("lebenslauf-quen" + hanna.tag + ".txt");
		assertThat(attachment.get("sizeBytes").asLong()).isPositive();
		assertThat(attachment.has("content")).isFalse();
		// six messages and the two consents given (contact form, newsletter)
		assertThat(export.get("timeline").size()).isEqualTo(8);
		int consentItems = 0;
		for (JsonNode item : export.get("timeline")) {
			consentItems += item.get("type").asString().equals("consent") ? 1 : 0;
		}
		assertThat(consentItems).isEqualTo(2);
		assertThat(jdbc.sql("select detail from audit_log where workspace_id = ? and action = 'contact.exported'")
			.param(workspace.id()).query(String.class).list()).containsExactly("contact " + hanna.contactId);
	}

	@Test
	void theExportIsScopedToTheWorkspaceAndNeedsAToken() {
		Person hanna = new Person();
		hanna.fillHistory(baseUrl(), api, jdbc, ingestion, channels, workspace.id());
		assertThat(new org.rapport.support.Api(baseUrl(), null).get("/api/v1/contacts/" + hanna.contactId + "/export").status())
			.isEqualTo(401);
		assertThat(api.get("/api/v1/contacts/" + UUID.randomUUID() + "/export").status()).isEqualTo(404);
	}
}

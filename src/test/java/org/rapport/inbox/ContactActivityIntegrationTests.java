package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.ContactId;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

class ContactActivityIntegrationTests extends IntegrationTest {

	@Autowired
	ContactActivity activity;

	private UUID contact(String name, String email) {
		var created = api.post("/api/v1/contacts", Map.of("name", name, "identities", List.of(Map.of("kind", "email", "value", email))));
		assertThat(created.status()).isEqualTo(201);
		return UUID.fromString(created.json().get("id").asString());
	}

	private void inbound(String email, String thread, Duration ago) {
		var posted = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", UUID.randomUUID().toString(),
				"threadKey", thread, "from", Map.of("handle", email), "body", "Hallo", "sentAt", Instant.now().minus(ago).toString()));
		assertThat(posted.status()).isEqualTo(201);
	}

	private UUID conversationOf(UUID contactId) {
		return jdbc.sql("select id from conversations where contact_id = ? order by created_at limit 1")
			.param(contactId).query(UUID.class).single();
	}

	private void reply(UUID contactId, Duration ago) {
		var written = api.post("/api/v1/conversations/" + conversationOf(contactId) + "/messages", Map.of("body", "Danke!", "kind", "reply"));
		assertThat(written.status()).isEqualTo(201);
		jdbc.sql("update messages set sent_at = ? where id = ?::uuid")
			.params(Timestamp.from(Instant.now().minus(ago)), written.json().get("id").asString()).update();
	}

	@Test
	void answersRecentMessagesRepliesDialogueAndLastContactPerContact() {
		UUID anna = contact("Anna Activity", "anna.activity@example.org");
		UUID bert = contact("Bert Activity", "bert.activity@example.org");
		UUID carla = contact("Carla Activity", "carla.activity@example.org");
		inbound("anna.activity@example.org", "anna-1", Duration.ofDays(20));
		reply(anna, Duration.ofDays(19));
		inbound("anna.activity@example.org", "anna-1", Duration.ofDays(3));
		inbound("anna.activity@example.org", "anna-1", Duration.ofDays(2));
		inbound("bert.activity@example.org", "bert-1", Duration.ofDays(60));
		Instant now = Instant.now();

		Map<UUID, ContactActivity.Recent> recent = ContactId.byValue(activity.recent(workspace.id(), now, 14, 30));
		assertThat(recent).containsOnlyKeys(anna);
		ContactActivity.Recent ofAnna = recent.get(anna);
		assertThat(ofAnna.inShort()).isEqualTo(2);
		assertThat(ofAnna.inWindow()).isEqualTo(3);
		assertThat(ofAnna.replies()).isEqualTo(2);
		assertThat(ofAnna.repliedIn()).isEqualTo(conversationOf(anna));
		assertThat(ofAnna.lastIn()).isBetween(now.minus(Duration.ofDays(2)).minusSeconds(60), now.minus(Duration.ofDays(2)));

		assertThat(activity.inDialogue(workspace.id(), now, 180, 10)).containsOnlyKeys(ContactId.of(anna));

		Map<UUID, Instant> last = ContactId.byValue(activity.lastContact(workspace.id(), ContactId.all(List.of(anna, bert, carla))));
		assertThat(last).containsOnlyKeys(anna, bert);
		assertThat(last.get(bert)).isBefore(now.minus(Duration.ofDays(59)));

		ContactActivity.Open open = activity.open(workspace.id(), ContactId.of(anna), 3);
		assertThat(open.count()).isEqualTo(open.newest().size());
		assertThat(activity.recent(UUID.randomUUID(), now, 14, 30)).isEmpty();
	}
}

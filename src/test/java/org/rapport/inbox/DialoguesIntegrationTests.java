package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.ContactId;
import org.rapport.platform.Workspace;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The dialogue with each of a set of contacts, as modules that rank contacts ask the inbox for it. */
class DialoguesIntegrationTests extends IntegrationTest {

	@Autowired
	Dialogues dialogues;

	static final Instant WROTE = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	String write(String externalId, String thread, String handle, Instant sentAt) {
		Api.Response in = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", externalId, "threadKey", thread,
				"from", Map.of("handle", handle), "body", "Frage " + externalId, "sentAt", sentAt.toString()));
		assertThat(in.status()).as(in.body()).isBetween(200, 202);
		return jdbc.sql("select conversation_id from messages where workspace_id = ? and external_id = ?")
			.params(workspace.id(), externalId)
			.query(UUID.class)
			.single()
			.toString();
	}

	UUID contactOf(String conversation) {
		return UUID.fromString(api.get("/api/v1/conversations/" + conversation).json().get("summary").get("contact").get("id")
			.asString());
	}

	@Test
	void tellsPerContactHowMuchWasWrittenAndWhetherTheTeamAnswered() {
		String answered = write("anna-1", "a1", "anna@example.org", WROTE);
		write("anna-2", "a1", "anna@example.org", WROTE.plus(1, ChronoUnit.HOURS));
		String unanswered = write("anna-3", "a2", "anna@example.org", WROTE.minus(1, ChronoUnit.HOURS));
		UUID anna = contactOf(answered);
		assertThat(api.post("/api/v1/conversations/" + answered + "/messages", Map.of("body", "Gern.", "kind", "reply")).status())
			.isEqualTo(201);
		String bensConversation = write("ben-1", "b1", "ben@example.org", WROTE);
		UUID ben = contactOf(bensConversation);
		// A note is the team talking among itself, not an answer; a finished conversation is no longer open.
		api.post("/api/v1/conversations/" + bensConversation + "/messages", Map.of("body", "intern", "kind", "note"));
		assertThat(api.patch("/api/v1/conversations/" + bensConversation, Map.of("status", "done")).status()).isEqualTo(200);
		UUID silent = UUID.fromString(api.post("/api/v1/contacts", Map.of("name", "Stille Post", "identities", List.of()))
			.json().get("id").asString());

		Map<UUID, Dialogues.Dialogue> found = ContactId.byValue(dialogues.of(workspace.id(), ContactId.all(List.of(anna, ben, silent, anna))));

		assertThat(found).containsOnlyKeys(anna, ben);
		Dialogues.Dialogue annas = found.get(anna);
		assertThat(annas.conversations()).isEqualTo(2);
		assertThat(annas.openConversations()).isEqualTo(2);
		assertThat(annas.messages()).isEqualTo(4);
		assertThat(annas.firstWritten()).isEqualTo(WROTE.minus(1, ChronoUnit.HOURS));
		assertThat(annas.twoWay()).isTrue();
		assertThat(annas.lastAnswered()).isAfter(WROTE.plus(1, ChronoUnit.HOURS));
		assertThat(annas.lastMessageAt()).isEqualTo(annas.lastAnswered());
		Dialogues.Dialogue bens = found.get(ben);
		assertThat(bens.conversations()).isEqualTo(1);
		assertThat(bens.openConversations()).isZero();
		assertThat(bens.firstWritten()).isEqualTo(WROTE);
		assertThat(bens.twoWay()).isFalse();
		assertThat(bens.lastAnswered()).isNull();
		assertThat(unanswered).isNotEqualTo(answered);

		Workspace other = workspaces.create("Other", "other-" + UUID.randomUUID().toString().substring(0, 8));
		assertThat(dialogues.of(other.id(), ContactId.all(List.of(anna, ben)))).isEmpty();
		assertThat(dialogues.of(workspace.id(), List.of())).isEmpty();
	}
}

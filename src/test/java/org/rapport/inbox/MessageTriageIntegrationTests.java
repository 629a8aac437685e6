package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Every message a person sends is triaged on the way in (kind, sentiment, language); the inbox list filters on it,
 * a member corrects it, and the correction teaches the triage at once. The scoring API refuses what it cannot take.
 */
class MessageTriageIntegrationTests extends IntegrationTest {

	static final String COMPLAINT = "Ich warte seit drei Wochen auf meine Bestellung und niemand antwortet. Das ist wirklich unverschämt.";

	static final String DATA_REQUEST = "Dear Sir or Madam, under Article 15 GDPR I request access to all personal data you hold about me.";

	static final String PRAISE = "Vielen Dank für die schnelle Hilfe gestern, Frau Yilmaz war super freundlich!";

	/** Built in, "other": nothing of a question, complaint, praise or data request. */
	static final String INVITATION = "Hallo, anbei unsere Einladung zum Sommerfest des Kleingartenvereins am 14. Juni.";

	static final String INVITATION_AGAIN = "Hallo, anbei unsere Einladung zum Sommerfest des Kleingartenvereins am 21. Juni.";

	private String arrive(String threadKey, String body) {
		Api.Response r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", threadKey + "-" + UUID.randomUUID(),
				"threadKey", threadKey, "from", Map.of("handle", threadKey + "@example.org", "name", "Person " + threadKey),
				"subject", "Nachricht " + threadKey, "body", body));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return jdbc.sql("select id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), threadKey).query(UUID.class).single().toString();
	}

	private static List<String> ids(Api who, String query) {
		Api.Response r = who.get("/api/v1/conversations" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		r.json().get("items").forEach(i -> ids.add(i.get("id").asString()));
		return ids;
	}

	private JsonNode triage(String conversation) {
		return api.get("/api/v1/conversations/" + conversation).json().get("summary").get("triage");
	}

	private Api as(Role role) {
		Member m = members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", "Mia " + role.key(),
				"a long password", role);
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), m.email(), workspace.id(), m.role(), null),
				"triage").token());
	}

	@Test
	void ingestionTriagesTheListFiltersAndACorrectionTeachesAtOnce() {
		String complaint = arrive("t-complaint", COMPLAINT);
		String data = arrive("t-data", DATA_REQUEST);
		String praise = arrive("t-praise", PRAISE);
		String invitation = arrive("t-invite", INVITATION);

		assertThat(triage(complaint).get("kind").asString()).isEqualTo("complaint");
		assertThat(triage(complaint).get("sentiment").asString()).isEqualTo("negative");
		assertThat(triage(complaint).get("language").asString()).isEqualTo("de");
		assertThat(triage(data).get("kind").asString()).isEqualTo("data-request");
		assertThat(triage(data).get("language").asString()).isEqualTo("en");
		assertThat(triage(praise).get("kind").asString()).isEqualTo("praise");
		assertThat(triage(praise).get("sentiment").asString()).isEqualTo("positive");
		assertThat(triage(invitation).get("kind").asString()).isEqualTo("other");
		assertThat(jdbc.sql("select triage_kind from messages where conversation_id = ?::uuid").param(complaint)
			.query(String.class).single()).as("the message keeps its own triage").isEqualTo("complaint");

		assertThat(ids(api, "?kind=complaint")).containsExactly(complaint);
		assertThat(ids(api, "?kind=data-request")).containsExactly(data);
		assertThat(ids(api, "?sentiment=positive")).containsExactly(praise);
		assertThat(ids(api, "?kind=complaint&sentiment=positive")).isEmpty();
		Api.Response unknown = api.get("/api/v1/conversations?kind=rant");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("kind");

		// the team says the invitation is praise: the conversation changes, and the next one like it is praise too
		Api.Response corrected = api.post("/api/v1/conversations/" + invitation + "/triage",
				Map.of("kind", "praise", "sentiment", "positive"));
		assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
		assertThat(corrected.json().get("summary").get("triage").get("kind").asString()).isEqualTo("praise");
		assertThat(corrected.json().get("summary").get("triage").get("language").asString()).as("left as it was")
			.isEqualTo("de");
		assertThat(corrected.json().get("triageCorrected").get("memberId").asString()).as("who corrected it")
			.isEqualTo(owner.userId().toString());
		assertThat(corrected.json().get("triageCorrected").get("at").isNull()).isFalse();
		assertThat(api.get("/api/v1/conversations/" + praise).json().get("triageCorrected").isNull())
			.as("a conversation no one corrected").isTrue();
		assertThat(ids(api, "?kind=praise")).containsExactlyInAnyOrder(praise, invitation);
		assertThat(jdbc.sql("select label from authenticity_judgements where workspace_id = ? and kind = 'triage-kind'")
			.param(workspace.id()).query(String.class).list()).containsExactly("praise");

		String again = arrive("t-invite-2", INVITATION_AGAIN);
		assertThat(triage(again).get("kind").asString()).isEqualTo("praise");
		assertThat(triage(again).get("sentiment").asString()).isEqualTo("positive");
		Api.Response scored = api.post("/api/v1/authenticity/messages/triage",
				Map.of("messages", List.of(Map.of("id", "m1", "text", INVITATION_AGAIN))));
		assertThat(scored.status()).as(scored.body()).isEqualTo(200);
		JsonNode item = scored.json().get("items").get(0);
		assertThat(item.get("kind").asString()).isEqualTo("praise");
		List<String> codes = new ArrayList<>();
		item.get("reasons").forEach(r -> codes.add(r.get("code").asString()));
		assertThat(codes).contains("kind-team-same");

		// the correction is the person's data: in their access export, gone with their erasure, and unlearned
		String contact = api.get("/api/v1/conversations/" + invitation).json().get("summary").get("contact").get("id").asString();
		JsonNode judgements = api.get("/api/v1/contacts/" + contact + "/export").json().at("/data/authenticity/judgements");
		List<String> kinds = new ArrayList<>();
		judgements.forEach(j -> kinds.add(j.get("kind").asString() + "=" + j.get("label").asString()));
		assertThat(kinds).containsExactlyInAnyOrder("triage-kind=praise", "triage-sentiment=positive");
		assertThat(api.delete("/api/v1/contacts/" + contact + "?erase=true").status()).isEqualTo(204);
		assertThat(jdbc.sql("select count(*) from authenticity_judgements where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
		Api.Response afterwards = api.post("/api/v1/authenticity/messages/triage",
				Map.of("messages", List.of(Map.of("id", "m2", "text", INVITATION_AGAIN))));
		List<String> codesAfter = new ArrayList<>();
		afterwards.json().get("items").get(0).get("reasons").forEach(r -> codesAfter.add(r.get("code").asString()));
		assertThat(codesAfter).as("nothing learned from the erased person is left").doesNotContain("kind-team-same");
	}

	@Test
	void everyCorrectionIsKeptWithWhoWhenAndTheValuesBeforeAndAfter() throws Exception {
		String invitation = arrive("t-history", INVITATION);
		String untouched = arrive("t-history-2", PRAISE);
		assertThat(api.post("/api/v1/conversations/" + invitation + "/triage", Map.of("kind", "praise", "sentiment",
				"positive")).status()).isEqualTo(200);
				var agent = members.add(workspace.id(), "agent-" + UUID.randomUUID() + "@example.org", "Anton Agent", PASSWORD,
				org.rapport.platform.Role.AGENT);
		Api agentApi = new Api(baseUrl(), tokens.create(new org.rapport.platform.CurrentUser(agent.userId(), agent.email(),
				"Anton Agent", workspace.id(), org.rapport.platform.Role.AGENT, null), "t").token());
		assertThat(agentApi.post("/api/v1/conversations/" + invitation + "/triage", Map.of("sentiment", "neutral")).status())
			.isEqualTo(200);
		JsonNode changes = api.get("/api/v1/conversations/" + invitation + "/triage/corrections").json().get("items");
		assertThat(changes).hasSize(2);
		assertThat(changes.get(0).get("by").asString()).isEqualTo("Anton Agent");
		assertThat(changes.get(0).get("sentimentFrom").asString()).isEqualTo("positive");
		assertThat(changes.get(0).get("sentimentTo").asString()).isEqualTo("neutral");
		assertThat(changes.get(0).get("kindTo").isNull()).as("the kind was left as it was").isTrue();
		assertThat(changes.get(1).get("memberId").asString()).isEqualTo(owner.userId().toString());
		assertThat(changes.get(1).get("kindTo").asString()).isEqualTo("praise");
		assertThat(changes.get(1).get("kindFrom").asString()).isNotEqualTo("praise");
		assertThat(api.get("/api/v1/conversations/" + UUID.randomUUID() + "/triage/corrections").status()).isEqualTo(404);
		assertThat(agentApi.get("/api/v1/conversations/" + invitation + "/triage/corrections").json().get("items"))
			.as("members read the history too").hasSize(2);
		assertThat(api.get("/api/v1/conversations/" + untouched + "/triage/corrections").json().get("items")).isEmpty();

		String page = new org.rapport.support.UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/inbox/" + invitation).body();
		assertThat(page).contains("id=\"triage-history\"", "Alle 2 Korrekturen", "Anton Agent", "Stimmung: Positiv → Neutral");
	}

	@Test
	void correctionsNameTheFieldAndViewersMayNotCorrect() {
		String complaint = arrive("t-refused", COMPLAINT);
		for (var body : List.of(Map.of("kind", "rant"), Map.of("sentiment", "furious"), Map.of("language", "klingon"))) {
			Api.Response r = api.post("/api/v1/conversations/" + complaint + "/triage", body);
			assertThat(r.status()).as(r.body()).isEqualTo(400);
			assertThat(r.json().get("field").asString()).isEqualTo(body.keySet().iterator().next());
		}
		assertThat(as(Role.VIEWER).post("/api/v1/conversations/" + complaint + "/triage", Map.of("kind", "praise")).status())
			.isEqualTo(403);
		assertThat(as(Role.AGENT).post("/api/v1/conversations/" + complaint + "/triage", Map.of("kind", "question")).status())
			.isEqualTo(200);
		assertThat(triage(complaint).get("kind").asString()).isEqualTo("question");
		assertThat(triage(complaint).get("sentiment").asString()).isEqualTo("negative");
	}

	@Test
	void routingRulesAssignNewComplaintsAndDataRequests() {
		Member handler = members.add(workspace.id(), "handler-" + UUID.randomUUID() + "@example.org", "Hanna", "a long password",
				Role.AGENT);
		Member officer = members.add(workspace.id(), "dpo-" + UUID.randomUUID() + "@example.org", "Dara", "a long password",
				Role.AGENT);
		Member reader = members.add(workspace.id(), "reader-" + UUID.randomUUID() + "@example.org", "Rita", "a long password",
				Role.VIEWER);
		Api.Response set = api.put("/api/v1/inbox/triage-routes", Map.of("complaint", handler.userId().toString(),
				"data-request", officer.userId().toString()));
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(set.json().get("complaint").asString()).isEqualTo(handler.userId().toString());

		String complaint = arrive("r-complaint", COMPLAINT);
		String data = arrive("r-data", DATA_REQUEST);
		String praise = arrive("r-praise", PRAISE);
		JsonNode assignee = api.get("/api/v1/conversations/" + complaint).json().get("summary").get("assignee");
		assertThat(assignee.get("id").asString()).isEqualTo(handler.userId().toString());
		assertThat(api.get("/api/v1/conversations/" + data).json().get("summary").get("assignee").get("id").asString())
			.isEqualTo(officer.userId().toString());
		assertThat(api.get("/api/v1/conversations/" + praise).json().get("summary").get("assignee").isNull()).isTrue();

		// only conversations a batch begins: a complaint joining an existing conversation is left as it is
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "r-praise-2", "threadKey", "r-praise",
				"from", Map.of("handle", "r-praise@example.org"), "body", COMPLAINT));
		assertThat(api.get("/api/v1/conversations/" + praise).json().get("summary").get("assignee").isNull()).isTrue();

		// an officer who may now only read is given nothing; the rule stays for a manager to change
		members.changeRole(owner, officer.userId(), Role.VIEWER);
		String laterData = arrive("r-data-2", DATA_REQUEST);
		assertThat(api.get("/api/v1/conversations/" + laterData).json().get("summary").get("assignee").isNull()).isTrue();

		Api.Response unknownKind = api.put("/api/v1/inbox/triage-routes", Map.of("praise", handler.userId().toString()));
		assertThat(unknownKind.status()).isEqualTo(400);
		assertThat(unknownKind.json().get("field").asString()).isEqualTo("praise");
		Api.Response toViewer = api.put("/api/v1/inbox/triage-routes", Map.of("complaint", reader.userId().toString()));
		assertThat(toViewer.status()).isEqualTo(400);
		assertThat(toViewer.json().get("field").asString()).isEqualTo("complaint");
		assertThat(as(Role.AGENT).put("/api/v1/inbox/triage-routes", Map.of("complaint", "")).status()).isEqualTo(403);
		Api.Response cleared = api.put("/api/v1/inbox/triage-routes", java.util.Collections.singletonMap("complaint", null));
		assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
		assertThat(cleared.json().has("complaint")).isFalse();
		assertThat(cleared.json().get("data-request").asString()).isEqualTo(officer.userId().toString());
		members.changeRole(owner, officer.userId(), Role.AGENT);
	}

	@Test
	void theScoringApiAnswersWithReasonsAndRefusesWhatItCannotTake() {
		Api.Response r = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/authenticity/messages/triage"))
			.header("Authorization", "Bearer " + token).header("Accept-Language", "de")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
					{"messages": [{"id": "a", "text": "Bitte löschen Sie alle meine Daten nach Art. 17 DSGVO."},
					 {"id": "b", "text": "Danke!"}]}""")));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		JsonNode a = r.json().get("items").get(0);
		assertThat(a.get("id").asString()).isEqualTo("a");
		assertThat(a.get("kind").asString()).isEqualTo("data-request");
		assertThat(a.get("language").asString()).isEqualTo("de");
		assertThat(a.get("reasons").get(0).get("text").asString()).startsWith("fragt nach personenbezogenen Daten");
		assertThat(r.json().get("items").get(1).get("language").asString()).isEqualTo("unknown");

		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 5_001; i++) {
			tooMany.add(Map.of("id", "m" + i, "text", "Hallo"));
		}
		refused(tooMany, "messages");
		refused(List.of(Map.of("id", "m1", "text", "  ")), "messages[0].text");
		refused(List.of(Map.of("id", "m1", "text", "fine"), Map.of("id", "m2", "text", "x".repeat(1_000_000))),
				"messages[1].text");
		refused(List.of(Map.of("text", "no id")), "messages[0].id");
		assertThat(api.post("/api/v1/authenticity/messages/triage", Map.of()).json().get("field").asString())
			.isEqualTo("messages");
	}

	private void refused(List<?> items, String field) {
		var answer = api.post("/api/v1/authenticity/messages/triage", Map.of("messages", items));
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.json().get("field").asString()).isEqualTo(field);
		assertThat(answer.json().get("detail").asString()).contains(field);
	}
}

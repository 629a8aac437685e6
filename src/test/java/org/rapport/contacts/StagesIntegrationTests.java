package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import tools.jackson.databind.JsonNode;

@RecordApplicationEvents
class StagesIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationEvents events;

	@Autowired
	Stages stages;

	private Api.Response put(String token, String path, Object body) {
		return api.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))));
	}

	private String newContact(String name) {
		return api.post("/api/v1/contacts", Map.of("name", name)).json().get("id").asString();
	}

	private String tokenAs(Role role) {
		Member m = members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", "Vera " + role.key(),
				"some long password", role);
		return tokens.create(new CurrentUser(m.userId(), m.email(), "Vera", workspace.id(), role, null), "t").token();
	}

	@Test
	void aNewContactStartsOnTheFirstStageAndEveryChangeIsRecorded() {
		String contact = newContact("Anna Berg");
		JsonNode fresh = api.get("/api/v1/contacts/" + contact + "/stage").json();
		assertThat(fresh.get("stage").asString()).isEqualTo("observed");
		assertThat(fresh.get("history")).isEmpty();
		assertThat(fresh.get("proposals")).isEmpty();

		Instant before = Instant.now().minusSeconds(1);
		var changed = put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "engaged", "reason", "Kommentiert jeden Beitrag"));
		assertThat(changed.status()).isEqualTo(200);
		put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "partner"));

		JsonNode now = api.get("/api/v1/contacts/" + contact + "/stage").json();
		assertThat(now.get("stage").asString()).isEqualTo("partner");
		JsonNode history = now.get("history");
		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("from").asString()).isEqualTo("engaged");
		assertThat(history.get(0).get("to").asString()).isEqualTo("partner");
		assertThat(history.get(0).get("reason").asString()).isEmpty();
		JsonNode first = history.get(1);
		assertThat(first.get("from").asString()).isEqualTo("observed");
		assertThat(first.get("to").asString()).isEqualTo("engaged");
		assertThat(first.get("by").asString()).isEqualTo("Olga Owner");
		assertThat(first.get("reason").asString()).isEqualTo("Kommentiert jeden Beitrag");
		assertThat(Instant.parse(first.get("at").asString())).isAfter(before).isBeforeOrEqualTo(Instant.now());

		// The same stage again changes nothing.
		put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "partner"));
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("history")).hasSize(2);
	}

	@Test
	void publishesStageChangedOnlyForAChange() {
		UUID contact = UUID.fromString(newContact("Hanna Roth"));
		stages.change(owner, ContactId.of(contact), "in_dialogue", "Schreibt zurück");
		stages.change(owner, ContactId.of(contact), "in_dialogue", "noch einmal");
		assertThat(events.stream(StageChanged.class)).singleElement().satisfies(e -> {
			assertThat(e.workspaceId()).isEqualTo(workspace.id());
			assertThat(e.contactId()).isEqualTo(contact);
			assertThat(e.from()).isEqualTo("observed");
			assertThat(e.to()).isEqualTo("in_dialogue");
			assertThat(e.changedBy()).isEqualTo(owner.userId());
			assertThat(e.reason()).isEqualTo("Schreibt zurück");
		});
	}

	@Test
	void refusesUnknownStagesViewersAndOtherWorkspaces() {
		String contact = newContact("Bernd Kurz");
		var unknown = put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "best_friend"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("detail").asString()).contains("best_friend");

		String viewerToken = tokenAs(Role.VIEWER);
		assertThat(new Api(baseUrl(), viewerToken).get("/api/v1/contacts/" + contact + "/stage").status()).isEqualTo(200);
		assertThat(put(viewerToken, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "engaged")).status()).isEqualTo(403);

		Workspace other = workspaces.create("Other", "other-" + UUID.randomUUID().toString().substring(0, 8));
		Member stranger = members.add(other.id(), "stranger-" + UUID.randomUUID() + "@example.org", "S", "stranger password", Role.OWNER);
		String strangerToken = tokens.create(new CurrentUser(stranger.userId(), stranger.email(), "S", other.id(), Role.OWNER, null), "t").token();
		assertThat(new Api(baseUrl(), strangerToken).get("/api/v1/contacts/" + contact + "/stage").status()).isEqualTo(404);
		assertThat(put(strangerToken, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "engaged")).status()).isEqualTo(404);

		JsonNode unchanged = api.get("/api/v1/contacts/" + contact + "/stage").json();
		assertThat(unchanged.get("stage").asString()).isEqualTo("observed");
		assertThat(unchanged.get("history")).isEmpty();
	}

	@Test
	void aTwoWayConversationProposesInDialogueAndAcceptingAppliesIt() {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "s1", "from", Map.of("handle", "clara@example.org"), "body", "Hallo"));
		JsonNode conversation = api.get("/api/v1/conversations").json().get("items").get(0);
		String contact = conversation.get("contact").get("id").asString();
		String conversationId = conversation.get("id").asString();
		// Only the contact wrote: no proposal yet.
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals")).isEmpty();

		assertThat(api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("body", "Hallo zurück", "kind", "reply")).status())
			.isEqualTo(201);
		JsonNode proposals = api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals");
		assertThat(proposals).hasSize(1);
		assertThat(proposals.get(0).get("to").asString()).isEqualTo("in_dialogue");
		assertThat(proposals.get(0).get("reason").asString()).isEqualTo("two_way_conversation");
		assertThat(proposals.get(0).get("evidence").asString()).isEqualTo("conversation:" + conversationId);
		// A proposal is not applied by itself.
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("stage").asString()).isEqualTo("observed");

		JsonNode accepted = api.post("/api/v1/contacts/" + contact + "/stage/proposals/accept", Map.of("to", "in_dialogue")).json();
		assertThat(accepted.get("stage").asString()).isEqualTo("in_dialogue");
		assertThat(accepted.get("proposals")).isEmpty();
		assertThat(accepted.get("history").get(0).get("to").asString()).isEqualTo("in_dialogue");
		assertThat(accepted.get("history").get(0).get("reason").asString()).contains("conversation:" + conversationId);
		// Nothing left to accept.
		assertThat(api.post("/api/v1/contacts/" + contact + "/stage/proposals/accept", Map.of("to", "in_dialogue")).status()).isEqualTo(409);
	}

	@Test
	void aLoggedVisitProposesMetInPersonOnlyAsAStepUpAndDismissingHidesIt() {
		var logged = api.post("/api/v1/activities", Map.of("from", Map.of("handle", "dora@example.org", "name", "Dora Feld"),
				"kind", "visit", "direction", "in", "summary", "War im Büro.")).json();
		String contact = logged.get("contactId").asString();
		JsonNode proposals = api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals");
		assertThat(proposals).hasSize(1);
		assertThat(proposals.get(0).get("to").asString()).isEqualTo("met_in_person");
		assertThat(proposals.get(0).get("reason").asString()).isEqualTo("visit");

		// A call is no evidence of meeting in person; a dismissed visit is not proposed again.
		api.post("/api/v1/activities", Map.of("contactId", contact, "kind", "call", "direction", "in", "summary", "Rief an."));
		JsonNode dismissed = api.post("/api/v1/contacts/" + contact + "/stage/proposals/dismiss", Map.of("to", "met_in_person")).json();
		assertThat(dismissed.get("proposals")).isEmpty();
		assertThat(dismissed.get("stage").asString()).isEqualTo("observed");
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals")).isEmpty();

		// A new event is new evidence, but not once the contact is already further up.
		api.post("/api/v1/activities", Map.of("contactId", contact, "kind", "event", "direction", "in", "summary", "Sommerfest."));
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals").get(0).get("reason").asString())
			.isEqualTo("event");
		put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "partner"));
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals")).isEmpty();
	}

	@Test
	void dismissingTheNewestEvidenceProposesTheNextOlderOne() {
		var visit = api.post("/api/v1/activities", Map.of("from", Map.of("handle", "greta@example.org", "name", "Greta Hof"),
				"kind", "visit", "direction", "in", "summary", "Besuch.", "occurredAt", "2026-01-10T10:00:00Z")).json();
		String contact = visit.get("contactId").asString();
		var event = api.post("/api/v1/activities", Map.of("contactId", contact, "kind", "event", "direction", "in",
				"summary", "Sommerfest.", "occurredAt", "2026-02-10T10:00:00Z")).json();

		JsonNode proposals = api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals");
		assertThat(proposals).hasSize(1);
		assertThat(proposals.get(0).get("reason").asString()).isEqualTo("event");
		assertThat(proposals.get(0).get("evidence").asString()).isEqualTo("message:" + event.get("messageId").asString());
		assertThat(proposals.get(0).get("conversationId").asString()).isEqualTo(event.get("conversationId").asString());

		// The dismissed event is left out; the older visit is still evidence of its own.
		proposals = api.post("/api/v1/contacts/" + contact + "/stage/proposals/dismiss", Map.of("to", "met_in_person")).json()
			.get("proposals");
		assertThat(proposals).hasSize(1);
		assertThat(proposals.get(0).get("reason").asString()).isEqualTo("visit");
		assertThat(proposals.get(0).get("evidence").asString()).isEqualTo("message:" + visit.get("messageId").asString());

		assertThat(api.post("/api/v1/contacts/" + contact + "/stage/proposals/dismiss", Map.of("to", "met_in_person")).json()
			.get("proposals")).isEmpty();
	}

	@Test
	void aDismissedTwoWayConversationIsNotProposedAgain() {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "h1", "from", Map.of("handle", "hanna@example.org"), "body", "Hallo"));
		JsonNode conversation = api.get("/api/v1/conversations").json().get("items").get(0);
		String contact = conversation.get("contact").get("id").asString();
		String conversationId = conversation.get("id").asString();
		api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("body", "Hallo zurück", "kind", "reply"));
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals").get(0).get("evidence").asString())
			.isEqualTo("conversation:" + conversationId);

		assertThat(api.post("/api/v1/contacts/" + contact + "/stage/proposals/dismiss", Map.of("to", "in_dialogue")).json()
			.get("proposals")).isEmpty();
		// Another reply in the same conversation is the same evidence.
		api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("body", "Noch etwas", "kind", "reply"));
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("proposals")).isEmpty();
	}

	@Test
	void aStageChangeShowsOnTheContactTimeline() {
		String contact = newContact("Emil Stein");
		put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "met_in_person", "reason", "Beim Stammtisch"));
		JsonNode timeline = api.get("/api/v1/contacts/" + contact).json().get("timeline");
		assertThat(timeline).hasSize(1);
		assertThat(timeline.get(0).get("type").asString()).isEqualTo("stage");
		assertThat(timeline.get(0).get("title").asString()).isEqualTo("Beobachtet → Persönlich getroffen");
		assertThat(timeline.get(0).get("excerpt").asString()).isEqualTo("Beim Stammtisch");
	}

	@Test
	void managersConfigureTheLadderButCannotRemoveAStageContactsAreOn() {
		JsonNode ladder = api.get("/api/v1/stages").json().get("stages");
		List<String> keys = new ArrayList<>();
		ladder.forEach(s -> keys.add(s.get("key").asString()));
		assertThat(keys).containsExactly("observed", "engaged", "in_dialogue", "met_in_person", "partner");
		assertThat(ladder.get(2).get("label").asString()).isEqualTo("Im Dialog");

		String contact = newContact("Frieda Ost");
		put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "engaged"));
		List<Map<String, String>> withoutEngaged = List.of(Map.of("key", "observed", "label", "Gesehen"),
				Map.of("key", "partner", "label", "Partner"));
		assertThat(put(token, "/api/v1/stages", Map.of("stages", withoutEngaged)).status()).isEqualTo(409);
		assertThat(put(token, "/api/v1/stages", Map.of("stages", List.of(Map.of("key", "Observed", "label", "x")))).status()).isEqualTo(400);
		assertThat(put(token, "/api/v1/stages", Map.of("stages", List.of(Map.of("key", "a", "label", "x"), Map.of("key", "a", "label", "y"))))
			.status()).isEqualTo(400);
		assertThat(put(tokenAs(Role.AGENT), "/api/v1/stages", Map.of("stages", withoutEngaged)).status()).isEqualTo(403);

		List<Map<String, String>> own = List.of(Map.of("key", "observed", "label", "Gesehen"), Map.of("key", "engaged", "label", "Aktiv"),
				Map.of("key", "friend", "label", "Freund"));
		var configured = put(token, "/api/v1/stages", Map.of("stages", own));
		assertThat(configured.status()).isEqualTo(200);
		assertThat(configured.json().get("stages").get(2).get("key").asString()).isEqualTo("friend");
		assertThat(api.get("/api/v1/stages").json().get("stages")).hasSize(3);
		assertThat(put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "friend")).status()).isEqualTo(200);
		assertThat(put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "partner")).status()).isEqualTo(400);
	}

	@Test
	void theContactPageShowsTheStageAProposalAndTheLastChangeInGerman() throws Exception {
		var logged = api.post("/api/v1/activities", Map.of("from", Map.of("handle", "gerd@example.org", "name", "Gerd Hof"),
				"kind", "event", "direction", "in", "summary", "Sommerfest.")).json();
		String contact = logged.get("contactId").asString();
		put(token, "/api/v1/contacts/" + contact + "/stage", Map.of("stage", "engaged", "reason", "Teilt unsere Beiträge"));

		var cookies = new java.net.CookieManager();
		var browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
		String login = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString()).body();
		String form = "username=" + java.net.URLEncoder.encode(ownerEmail, java.nio.charset.StandardCharsets.UTF_8) + "&password="
				+ java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8) + "&_csrf=" + csrf(login);
		browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
		var page = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/contacts/" + contact)).header("Accept-Language", "de")
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		String html = page.body();
		assertThat(html).contains("Beziehungsstufe", "Vorschlag: Persönlich getroffen", "Übernehmen", "Verwerfen",
				"Beobachtet → Aktiv", "Teilt unsere Beiträge", "Eine Veranstaltung wurde erfasst.");
		assertThat(html.indexOf("Beziehungsstufe")).isLessThan(html.indexOf("<h2>Kennungen</h2>"));
		assertThat(html).doesNotContain("??");

		// Accepting through the page applies the proposal.
		String accept = "to=met_in_person&_csrf=" + csrf(html);
		var accepted = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/contacts/" + contact + "/stage/accept"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(accept)).build(),
				java.net.http.HttpResponse.BodyHandlers.discarding());
		assertThat(accepted.statusCode()).isEqualTo(302);
		assertThat(api.get("/api/v1/contacts/" + contact + "/stage").json().get("stage").asString()).isEqualTo("met_in_person");
	}

	private static String csrf(String html) {
		var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("a CSRF token on the page").isTrue();
		return m.group(1);
	}

	@Test
	void mergingTwoContactsWithStagesKeepsTheSurvivorsAndUndoRestoresBoth() {
		String a = api.post("/api/v1/contacts", java.util.Map.of("name", "Anna Alt", "identities", java.util.List.of(
				java.util.Map.of("kind", "email", "value", "anna.alt@example.org")))).json().get("id").asString();
		String b = api.post("/api/v1/contacts", java.util.Map.of("name", "Anna Alt", "identities", java.util.List.of(
				java.util.Map.of("kind", "email", "value", "anna@example.net")))).json().get("id").asString();
		api.put("/api/v1/contacts/" + a + "/stage", java.util.Map.of("stage", "engaged", "reason", "liked posts"));
		api.put("/api/v1/contacts/" + b + "/stage", java.util.Map.of("stage", "met_in_person", "reason", "fair"));
		var merged = api.post("/api/v1/contacts/" + a + "/merge", java.util.Map.of("otherId", b));
		org.assertj.core.api.Assertions.assertThat(merged.status()).isEqualTo(201);
		var survivor = api.get("/api/v1/contacts/" + a + "/stage").json();
		org.assertj.core.api.Assertions.assertThat(survivor.get("stage").asString()).isEqualTo("engaged");
		org.assertj.core.api.Assertions.assertThat(survivor.get("history")).hasSize(2);
		api.post("/api/v1/merges/" + merged.json().get("mergeId").asString() + "/undo", java.util.Map.of());
		org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/contacts/" + a + "/stage").json().get("stage").asString()).isEqualTo("engaged");
		org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/contacts/" + b + "/stage").json().get("stage").asString()).isEqualTo("met_in_person");
		org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/contacts/" + b + "/stage").json().get("history")).hasSize(1);
	}

	@Test
	void thePlacementsOfManyContactsAreReadAtOnce() {
		String placed = newContact("Anna Berg");
		String unplaced = newContact("Bernd Kurz");
		Instant before = Instant.now().minusSeconds(1);
		put(token, "/api/v1/contacts/" + placed + "/stage", Map.of("stage", "engaged"));

		Map<ContactId, Stages.Placement> placements = stages.placements(workspace.id(),
				ContactId.all(List.of(UUID.fromString(placed), UUID.fromString(unplaced))));
		ContactId placedId = ContactId.of(UUID.fromString(placed));
		assertThat(placements).containsOnlyKeys(placedId);
		assertThat(placements.get(placedId).stage()).isEqualTo("engaged");
		assertThat(placements.get(placedId).since()).isAfter(before);
		assertThat(stages.placements(UUID.randomUUID(), ContactId.all(List.of(UUID.fromString(placed))))).isEmpty();
	}
}

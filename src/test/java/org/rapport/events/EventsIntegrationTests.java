package org.rapport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Events over the API: the events themselves, attendees by hand and from CSV, ranking, planning and bad input. */
class EventsIntegrationTests extends IntegrationTest {

	static final Instant START = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

	String newEvent(String name, Instant starts, Instant ends) {
		Api.Response created = api.post("/api/v1/events", Map.of("name", name, "kind", "fair", "startsAt", starts.toString(),
				"endsAt", ends.toString(), "place", "Messe, Halle 3", "city", "Nürnberg", "website", "https://messe.example.org"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	String newEvent() {
		return newEvent("ConSozial", START, START.plus(2, ChronoUnit.DAYS));
	}

	String newContact(String name, String email) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", name);
		body.put("identities", email == null ? List.of() : List.of(Map.of("kind", "email", "value", email)));
		return api.post("/api/v1/contacts", body).json().get("id").asString();
	}

	Api otherWorkspace() {
		String slug = "other-" + UUID.randomUUID().toString().substring(0, 8);
		Workspace other = workspaces.create("Other " + slug, slug);
		var m = members.add(other.id(), slug + "@example.org", "Otto", PASSWORD, Role.OWNER);
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "Otto", other.id(), Role.OWNER, null), "t").token());
	}

	Api.Response postCsv(String path, String csv) {
		return api.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
			.header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
	}

	@Test
	void createsListsChangesAndDeletesEvents() {
		String past = newEvent("re:publica 2025", Instant.parse("2025-05-06T08:00:00Z"), Instant.parse("2025-05-08T18:00:00Z"));
		String soon = newEvent();
		String later = newEvent("Fachkongress Pflege", START.plus(60, ChronoUnit.DAYS), START.plus(61, ChronoUnit.DAYS));

		JsonNode list = api.get("/api/v1/events").json();
		assertThat(list.get("upcoming").findValuesAsString("id")).containsExactly(soon, later);
		assertThat(list.get("past").findValuesAsString("id")).containsExactly(past);

		JsonNode one = api.get("/api/v1/events/" + soon).json();
		assertThat(one.get("name").asString()).isEqualTo("ConSozial");
		assertThat(one.get("kind").asString()).isEqualTo("fair");
		assertThat(one.get("city").asString()).isEqualTo("Nürnberg");
		assertThat(one.get("attendees").asInt()).isZero();

		Api.Response changed = api.patch("/api/v1/events/" + soon, Map.of("kind", "congress", "notes", "Stand B12"));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("kind").asString()).isEqualTo("congress");
		assertThat(changed.json().get("notes").asString()).isEqualTo("Stand B12");
		assertThat(changed.json().get("name").asString()).isEqualTo("ConSozial");

		assertThat(api.delete("/api/v1/events/" + later).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/events/" + later).status()).isEqualTo(404);
	}

	@Test
	void refusesEventsThatMakeNoSense() {
		Api.Response backwards = api.post("/api/v1/events", Map.of("name", "Verkehrt", "kind", "fair",
				"startsAt", "2026-10-02T09:00:00Z", "endsAt", "2026-10-01T18:00:00Z"));
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.json().get("detail").asString()).contains("ends").contains("before it starts");
		assertThat(api.post("/api/v1/events", Map.of("name", "X", "kind", "party", "startsAt", "2026-10-01T09:00:00Z",
				"endsAt", "2026-10-01T18:00:00Z")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/events", Map.of("name", " ", "kind", "fair", "startsAt", "2026-10-01T09:00:00Z",
				"endsAt", "2026-10-01T18:00:00Z")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/events", Map.of("name", "X", "kind", "fair", "startsAt", "2026-10-01T09:00:00Z",
				"endsAt", "2026-10-01T18:00:00Z", "website", "javascript:alert(1)")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/events", Map.of("name", "X", "kind", "fair")).status()).isEqualTo(400);
		String event = newEvent();
		assertThat(api.patch("/api/v1/events/" + event, Map.of("endsAt", "2020-01-01T00:00:00Z")).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/events").json().get("upcoming")).hasSize(1);
	}

	@Test
	void idsOfAnotherWorkspaceAreNotFound() {
		String event = newEvent();
		String anna = newContact("Anna Berg", "anna@example.org");
		api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", anna));
		String meeting = api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", anna,
				"at", START.plus(2, ChronoUnit.HOURS).toString())).json().get("id").asString();
		Api other = otherWorkspace();

		assertThat(other.get("/api/v1/events/" + event).status()).isEqualTo(404);
		assertThat(other.patch("/api/v1/events/" + event, Map.of("name", "Mine")).status()).isEqualTo(404);
		assertThat(other.delete("/api/v1/events/" + event).status()).isEqualTo(404);
		assertThat(other.get("/api/v1/events/" + event + "/attendees").status()).isEqualTo(404);
		assertThat(other.get("/api/v1/events/" + event + "/meetings").status()).isEqualTo(404);
		assertThat(other.post("/api/v1/events/" + event + "/meetings/log",
				Map.of("items", List.of(Map.of("meetingId", meeting, "met", false)))).status()).isEqualTo(404);

		// The other workspace's own event cannot take this workspace's contact or meeting either.
		String theirs = other.post("/api/v1/events", Map.of("name", "Theirs", "kind", "meetup", "startsAt",
				START.toString(), "endsAt", START.plus(1, ChronoUnit.DAYS).toString())).json().get("id").asString();
		assertThat(other.post("/api/v1/events/" + theirs + "/attendees", Map.of("contactId", anna)).status()).isEqualTo(404);
		assertThat(other.post("/api/v1/events/" + theirs + "/meetings", Map.of("contactId", anna, "at", START.toString()))
			.status()).isEqualTo(404);
		assertThat(other.patch("/api/v1/events/" + theirs + "/meetings/" + meeting, Map.of("goal", "x")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/events/" + event).json().get("name").asString()).isEqualTo("ConSozial");
		assertThat(api.get("/api/v1/events/" + event + "/meetings").json().get("items")).hasSize(1);
	}

	@Test
	void viewersReadButChangeNothing() {
		String event = newEvent();
		var m = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "Vera Viewer", PASSWORD, Role.VIEWER);
		Api viewer = new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "Vera", workspace.id(), Role.VIEWER,
				null), "t").token());
		assertThat(viewer.get("/api/v1/events/" + event).status()).isEqualTo(200);
		assertThat(viewer.patch("/api/v1/events/" + event, Map.of("name", "Umbenannt")).status()).isEqualTo(403);
		assertThat(viewer.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", newContact("Anna", null))).status())
			.isEqualTo(403);
		assertThat(viewer.delete("/api/v1/events/" + event).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/events/" + event).json().get("name").asString()).isEqualTo("ConSozial");
	}

	@Test
	void addsAttendeesByHandOnce() {
		String event = newEvent();
		String anna = newContact("Anna Berg", "anna@example.org");
		Api.Response added = api.post("/api/v1/events/" + event + "/attendees",
				Map.of("contactId", anna, "organisation", "Diakonie", "role", "Leitung"));
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json().get("name").asString()).isEqualTo("Anna Berg");
		assertThat(api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", anna)).status()).isEqualTo(200);
		JsonNode list = api.get("/api/v1/events/" + event + "/attendees").json().get("items");
		assertThat(list).hasSize(1);
		assertThat(list.get(0).get("organisation").asString()).isEqualTo("Diakonie");
		assertThat(api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", UUID.randomUUID().toString()))
			.status()).isEqualTo(404);
		assertThat(api.post("/api/v1/events/" + event + "/attendees", Map.of()).status()).isEqualTo(400);

		assertThat(api.delete("/api/v1/events/" + event + "/attendees/" + anna).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/events/" + event + "/attendees").json().get("items")).isEmpty();
	}

	@Test
	void importsAnAttendeeListMatchingContactsByExactIdentity() {
		String event = newEvent();
		String anna = newContact("Anna Berg", "anna.berg@example.org");
		String ben = api.post("/api/v1/contacts", Map.of("name", "Ben Vogt", "identities",
				List.of(Map.of("kind", "phone", "value", "+49 151 5550 1234")))).json().get("id").asString();
		String csv = """
				Name;E-Mail;Telefon;Firma;Funktion
				Anna B.;ANNA.BERG@example.org;;Diakonie;Leitung
				Benjamin Vogt;;0151 55501234;Caritas;Presse
				Clara Neu;clara@example.org;;AWO;Referentin
				"""; // semicolons, as German spreadsheets write them
		int contactsBefore = api.get("/api/v1/contacts?limit=200").json().get("items").size();

		Api.Response preview = postCsv("/api/v1/events/" + event + "/attendees/import?dryRun=true", csv);
		assertThat(preview.status()).as(preview.body()).isEqualTo(200);
		JsonNode rows = preview.json().get("rows");
		assertThat(preview.json().get("importable").asBoolean()).isTrue();
		assertThat(rows.findValuesAsString("status")).containsExactly("matched", "matched", "unmatched");
		assertThat(rows.get(0).get("contactId").asString()).isEqualTo(anna);
		assertThat(rows.get(1).get("contactId").asString()).isEqualTo(ben);
		assertThat(rows.get(1).get("phone").asString()).isEqualTo("+4915155501234");
		assertThat(preview.json().get("mapping").get("organisation").asString()).isEqualTo("Firma");
		assertThat(api.get("/api/v1/events/" + event + "/attendees").json().get("items")).isEmpty();

		JsonNode result = postCsv("/api/v1/events/" + event + "/attendees/import", csv).json();
		assertThat(result.get("added").asInt()).isEqualTo(2);
		assertThat(result.get("created").asInt()).isZero();
		assertThat(result.get("unmatched").findValuesAsString("name")).containsExactly("Clara Neu");
		JsonNode attendees = api.get("/api/v1/events/" + event + "/attendees").json().get("items");
		assertThat(attendees.findValuesAsString("contactId")).containsExactlyInAnyOrder(anna, ben);
		assertThat(attendees.findValuesAsString("role")).contains("Presse");
		assertThat(api.get("/api/v1/contacts?limit=200").json().get("items")).hasSize(contactsBefore);

		// Again, ticking "create contacts", as JSON with an explicit mapping: Clara becomes a contact and attends.
		Map<String, Object> mapping = Map.of("name", "Name", "email", "E-Mail", "phone", "Telefon", "organisation", "Firma",
				"role", "Funktion");
		JsonNode again = api.post("/api/v1/events/" + event + "/attendees/import",
				Map.of("content", csv, "mapping", mapping, "createContacts", true)).json();
		assertThat(again.get("created").asInt()).isEqualTo(1);
		assertThat(again.get("alreadyAttending").asInt()).isEqualTo(2);
		assertThat(again.get("unmatched")).isEmpty();
		assertThat(api.get("/api/v1/events/" + event + "/attendees").json().get("items")).hasSize(3);
		JsonNode clara = api.get("/api/v1/contacts?q=clara").json().get("items");
		assertThat(clara).hasSize(1);
		assertThat(clara.get(0).get("identities").get(0).get("value").asString()).isEqualTo("clara@example.org");
	}

	@Test
	void aMalformedAttendeeListIsRefusedLineByLineAndNothingIsImported() {
		String event = newEvent();
		newContact("Anna Berg", "anna@example.org");
		String csv = "name,email,phone,organisation,role\r\n"
				+ "Anna Berg,anna@example.org,,Diakonie,Leitung\r\n"
				+ "Bad Mail,not-an-address,,AWO,\r\n"
				+ "Too,many,fields,in,this,line\r\n"
				+ "Phone Person,,bitte anrufen,Caritas,\r\n"
				+ ",,,,\r\n"
				+ "Quote \"inside,q@example.org,,X,Y\r\n";
		int contactsBefore = api.get("/api/v1/contacts?limit=200").json().get("items").size();

		Api.Response refused = api.post("/api/v1/events/" + event + "/attendees/import",
				Map.of("content", csv, "createContacts", true));
		assertThat(refused.status()).isEqualTo(400);
		JsonNode errors = refused.json().get("errors");
		assertThat(errors.findValues("line").stream().map(JsonNode::asInt).toList()).containsExactly(3, 4, 5, 6, 7);
		assertThat(errors.get(0).get("reason").asString()).contains("not-an-address");
		assertThat(errors.get(1).get("reason").asString()).contains("6 fields");
		assertThat(refused.json().get("detail").asString()).contains("nothing was imported");
		assertThat(api.get("/api/v1/events/" + event + "/attendees").json().get("items")).isEmpty();
		assertThat(api.get("/api/v1/contacts?limit=200").json().get("items")).hasSize(contactsBefore);

		Api.Response preview = api.post("/api/v1/events/" + event + "/attendees/import?dryRun=true", Map.of("content", csv));
		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.json().get("importable").asBoolean()).isFalse();
		assertThat(preview.json().get("errors")).hasSize(5);

		assertThat(postCsv("/api/v1/events/" + event + "/attendees/import", "").status()).isEqualTo(400);
		assertThat(postCsv("/api/v1/events/" + event + "/attendees/import?email=Mail", "name,email\nA,a@example.org\n").status())
			.isEqualTo(400);
	}

	@Test
	void ranksContactsInDialogueButNotYetMetFirstWithReasons() {
		String event = newEvent();
		String observed = newContact("Olaf Observed", "olaf@example.org");
		String met = newContact("Mia Met", "mia@example.org");
		String engaged = newContact("Emil Engaged", "emil@example.org");
		// Dora writes in and gets an answer: a recent two-way conversation, and she is in dialogue.
		Api.Response in = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "dora-1",
				"from", Map.of("handle", "dora@example.org", "name", "Dora Dialog"), "body", "Kommen Sie zur ConSozial?"));
		assertThat(in.status()).as(in.body()).isBetween(200, 202);
		String dora = api.get("/api/v1/contacts?q=dora").json().get("items").get(0).get("id").asString();
		String conversation = api.get("/api/v1/conversations").json().get("items").get(0).get("id").asString();
		assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Ja, Stand B12.",
				"kind", "reply")).status()).isEqualTo(201);
		api.put("/api/v1/contacts/" + dora + "/stage", Map.of("stage", "in_dialogue"));
		api.put("/api/v1/contacts/" + met + "/stage", Map.of("stage", "met_in_person"));
		api.put("/api/v1/contacts/" + engaged + "/stage", Map.of("stage", "engaged"));
		api.put("/api/v1/contacts/" + engaged + "/tags", Map.of("tags", List.of("presse")));
		for (String c : List.of(observed, met, engaged, dora)) {
			api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", c));
		}

		JsonNode ranking = api.get("/api/v1/events/" + event + "/ranking").json().get("items");
		assertThat(ranking.findValuesAsString("contactId")).containsExactly(dora, engaged, observed, met);
		JsonNode first = ranking.get(0);
		assertThat(first.get("stage").asString()).isEqualTo("in_dialogue");
		assertThat(first.get("openConversations").asInt()).isEqualTo(1);
		assertThat(first.get("reasons").findValuesAsString("code")).containsExactly("stage", "two_way", "open_conversations", "messages");
		assertThat(ranking.get(1).get("reasons").findValuesAsString("code")).containsExactly("stage", "tags");
		assertThat(ranking.get(1).get("tags").get(0).asString()).isEqualTo("presse");
		assertThat(ranking.get(3).get("reasons").findValuesAsString("code")).containsExactly("met_already");
		assertThat(first.get("score").asInt()).isGreaterThan(ranking.get(1).get("score").asInt());
		assertThat(api.get("/api/v1/events/" + event).json().get("ranking").get(0).get("contactId").asString()).isEqualTo(dora);
	}

	@Test
	void plansMeetingsWithAttendeesOnly() {
		String event = newEvent();
		String anna = newContact("Anna Berg", "anna@example.org");
		String ben = newContact("Ben Vogt", "ben@example.org");
		api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", anna));
		api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", ben));

		Api.Response notAttending = api.post("/api/v1/events/" + event + "/meetings",
				Map.of("contactId", newContact("Nora Nicht", null), "at", START.plus(1, ChronoUnit.HOURS).toString()));
		assertThat(notAttending.status()).isEqualTo(400);
		assertThat(notAttending.json().get("detail").asString()).contains("does not attend");
		assertThat(api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", anna,
				"at", START.minus(10, ChronoUnit.DAYS).toString())).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", anna)).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", anna, "at", START.toString(),
				"memberId", UUID.randomUUID().toString())).status()).isEqualTo(404);

		String late = api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", anna,
				"at", START.plus(5, ChronoUnit.HOURS).toString(), "place", "Stand B12", "memberId", owner.userId().toString(),
				"goal", "Kooperation besprechen")).json().get("id").asString();
		Api.Response early = api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", ben,
				"at", START.plus(1, ChronoUnit.HOURS).toString()));
		assertThat(early.status()).isEqualTo(201);

		JsonNode plan = api.get("/api/v1/events/" + event + "/meetings").json().get("items");
		assertThat(plan.findValuesAsString("contactName")).containsExactly("Ben Vogt", "Anna Berg");
		assertThat(plan.get(1).get("memberName").asString()).isEqualTo("Olga Owner");
		assertThat(plan.get(1).get("place").asString()).isEqualTo("Stand B12");

		Api.Response moved = api.patch("/api/v1/events/" + event + "/meetings/" + late,
				Map.of("at", START.toString(), "goal", "Einladung zum Fachtag"));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.json().get("place").asString()).isEqualTo("Stand B12");
		assertThat(api.get("/api/v1/events/" + event + "/meetings").json().get("items").findValuesAsString("contactName"))
			.containsExactly("Anna Berg", "Ben Vogt");
		assertThat(api.delete("/api/v1/events/" + event + "/meetings/" + early.json().get("id").asString()).status())
			.isEqualTo(204);
		assertThat(api.get("/api/v1/events/" + event + "/meetings").json().get("items")).hasSize(1);
		assertThat(api.get("/api/v1/events/" + event + "/ranking").json().get("items").get(0).get("plannedMeetings").asInt())
			.isEqualTo(1);
	}
}

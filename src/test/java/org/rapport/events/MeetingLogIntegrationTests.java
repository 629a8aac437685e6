package org.rapport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Logging an event's meetings afterwards: activities, stage advancement on the workspace's ladder, all or nothing;
 * and attendances and meetings on the timeline, through merges, in access exports and gone after erasure.
 */
class MeetingLogIntegrationTests extends IntegrationTest {

	static final Instant START = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

	String event;

	String pastEvent() {
		event = api.post("/api/v1/events", Map.of("name", "ConSozial 2026", "kind", "fair", "startsAt", START.toString(),
				"endsAt", START.plus(2, ChronoUnit.DAYS).toString(), "city", "Nürnberg")).json().get("id").asString();
		return event;
	}

	String attendee(String name, String email) {
		String id = api.post("/api/v1/contacts", Map.of("name", name, "identities", List.of(Map.of("kind", "email", "value", email))))
			.json().get("id").asString();
		assertThat(api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", id)).status()).isEqualTo(201);
		return id;
	}

	String meeting(String contactId, Instant at, String goal) {
		Api.Response planned = api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", contactId,
				"at", at.toString(), "place", "Stand B12", "goal", goal, "memberId", owner.userId().toString()));
		assertThat(planned.status()).as(planned.body()).isEqualTo(201);
		return planned.json().get("id").asString();
	}

	static Map<String, Object> item(String meetingId, boolean met, String summary) {
		Map<String, Object> item = new HashMap<>();
		item.put("meetingId", meetingId);
		item.put("met", met);
		if (summary != null) {
			item.put("summary", summary);
		}
		return item;
	}

	@Test
	void logsMetMeetingsAsEventActivitiesAndAdvancesTheirStage() {
		pastEvent();
		String anna = attendee("Anna Berg", "anna@example.org");
		String ben = attendee("Ben Vogt", "ben@example.org");
		String paula = attendee("Paula Partner", "paula@example.org");
		api.put("/api/v1/contacts/" + anna + "/stage", Map.of("stage", "in_dialogue"));
		api.put("/api/v1/contacts/" + paula + "/stage", Map.of("stage", "partner"));
		Instant annaAt = START.plus(3, ChronoUnit.HOURS);
		String withAnna = meeting(anna, annaAt, "Kooperation");
		String withBen = meeting(ben, START.plus(5, ChronoUnit.HOURS), "Kennenlernen");
		String withPaula = meeting(paula, START.plus(6, ChronoUnit.HOURS), "Danke sagen");

		Api.Response logged = api.post("/api/v1/events/" + event + "/meetings/log", Map.of("items", List.of(
				item(withAnna, true, "Kooperation für den Fachtag vereinbart."), item(withBen, false, null),
				item(withPaula, true, "Kurz am Stand gesprochen."))));
		assertThat(logged.status()).as(logged.body()).isEqualTo(200);
		JsonNode items = logged.json().get("items");
		assertThat(items.findValuesAsString("outcome")).containsExactly("met", "not_met", "met");
		assertThat(items.findValuesAsString("stage")).containsExactly("advanced", "unchanged", "unchanged");

		// The activity is on Anna's timeline: kind event, outgoing, at the meeting's time, with the summary.
		JsonNode timeline = api.get("/api/v1/contacts/" + anna).json().get("timeline");
		JsonNode activity = null;
		for (JsonNode t : timeline) {
			if ("activity".equals(t.get("type").asString())) {
				activity = t;
			}
		}
		assertThat(activity).isNotNull();
		assertThat(activity.get("channel").asString()).isEqualTo("event");
		assertThat(activity.get("direction").asString()).isEqualTo("out");
		assertThat(Instant.parse(activity.get("at").asString())).isEqualTo(annaAt);
		assertThat(activity.get("excerpt").asString()).contains("Kooperation für den Fachtag vereinbart.");
		assertThat(timeline.findValuesAsString("channel")).contains("event_attendance").doesNotContain("event_meeting_met",
				"event_meeting_planned");

		JsonNode stage = api.get("/api/v1/contacts/" + anna + "/stage").json();
		assertThat(stage.get("stage").asString()).isEqualTo("met_in_person");
		assertThat(stage.get("history").get(0).get("from").asString()).isEqualTo("in_dialogue");
		assertThat(stage.get("history").get(0).get("reason").asString()).contains("ConSozial 2026");
		assertThat(stage.get("proposals")).isEmpty();
		// Higher on the ladder stays there; not met changes nothing and logs no activity.
		assertThat(api.get("/api/v1/contacts/" + paula + "/stage").json().get("stage").asString()).isEqualTo("partner");
		assertThat(api.get("/api/v1/contacts/" + ben + "/stage").json().get("stage").asString()).isEqualTo("observed");
		assertThat(api.get("/api/v1/contacts/" + ben).json().get("timeline").findValuesAsString("type")).doesNotContain("activity");
		JsonNode plan = api.get("/api/v1/events/" + event + "/meetings").json().get("items");
		assertThat(plan.findValuesAsString("outcome")).containsExactly("met", "not_met", "met");
		assertThat(plan.get(0).get("summary").asString()).isEqualTo("Kooperation für den Fachtag vereinbart.");

		// Logging the same meeting again is refused; so are changes to it.
		Api.Response twice = api.post("/api/v1/events/" + event + "/meetings/log",
				Map.of("items", List.of(item(withAnna, true, "Noch einmal."))));
		assertThat(twice.status()).isEqualTo(409);
		assertThat(api.patch("/api/v1/events/" + event + "/meetings/" + withAnna, Map.of("goal", "x")).status()).isEqualTo(409);
		assertThat(api.get("/api/v1/contacts/" + anna + "/stage").json().get("history")).hasSize(2);
	}

	@Test
	void logsAllOrNothing() {
		pastEvent();
		String anna = attendee("Anna Berg", "anna@example.org");
		String ben = attendee("Ben Vogt", "ben@example.org");
		String withAnna = meeting(anna, START.plus(1, ChronoUnit.HOURS), "");
		String withBen = meeting(ben, START.plus(2, ChronoUnit.HOURS), "");

		Api.Response noSummary = api.post("/api/v1/events/" + event + "/meetings/log",
				Map.of("items", List.of(item(withAnna, true, "Gut gesprochen."), item(withBen, true, " "))));
		assertThat(noSummary.status()).isEqualTo(400);
		assertThat(noSummary.json().get("detail").asString()).contains("Item 2").contains("summary");
		assertThat(noSummary.json().get("field").asString()).isEqualTo("items[1].summary");
		Api.Response unknown = api.post("/api/v1/events/" + event + "/meetings/log", Map.of("items",
				List.of(item(withAnna, true, "Gut gesprochen."), item(java.util.UUID.randomUUID().toString(), false, null))));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(api.post("/api/v1/events/" + event + "/meetings/log", Map.of("items", List.of())).status()).isEqualTo(400);
		Api.Response twice = api.post("/api/v1/events/" + event + "/meetings/log",
				Map.of("items", List.of(item(withAnna, false, null), item(withAnna, true, "x"))));
		assertThat(twice.status()).isEqualTo(400);
		assertThat(twice.json().get("field").asString()).isEqualTo("items[1].meetingId");

		assertThat(jdbc.sql("select count(*) from event_meetings where workspace_id = ? and outcome is not null")
			.param(workspace.id()).query(Integer.class).single()).isZero();
		assertThat(api.get("/api/v1/conversations").json().get("items")).isEmpty();
		assertThat(api.get("/api/v1/contacts/" + anna + "/stage").json().get("stage").asString()).isEqualTo("observed");

		// A meeting planned for a time still to come cannot be logged as met.
		String future = api.post("/api/v1/events", Map.of("name", "Morgen", "kind", "meetup",
				"startsAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
				"endsAt", Instant.now().plus(2, ChronoUnit.DAYS).toString())).json().get("id").asString();
		api.post("/api/v1/events/" + future + "/attendees", Map.of("contactId", anna));
		String ahead = api.post("/api/v1/events/" + future + "/meetings", Map.of("contactId", anna,
				"at", Instant.now().plus(1, ChronoUnit.DAYS).toString())).json().get("id").asString();
		Api.Response tooEarly = api.post("/api/v1/events/" + future + "/meetings/log",
				Map.of("items", List.of(item(ahead, true, "Schon getroffen?"))));
		assertThat(tooEarly.status()).isEqualTo(400);
		assertThat(tooEarly.json().get("detail").asString()).contains("has not happened yet");
	}

	@Test
	void aLadderWithoutMetInPersonGetsAProposalInstead() {
		assertThat(api.put("/api/v1/stages", Map.of("stages", List.of(Map.of("key", "observed", "label", "Beobachtet"),
				Map.of("key", "contact", "label", "Kontakt"), Map.of("key", "partner", "label", "Partner")))).status())
			.isEqualTo(200);
		pastEvent();
		String anna = attendee("Anna Berg", "anna@example.org");
		String withAnna = meeting(anna, START.plus(1, ChronoUnit.HOURS), "Kennenlernen");

		JsonNode logged = api.post("/api/v1/events/" + event + "/meetings/log",
				Map.of("items", List.of(item(withAnna, true, "Am Stand kennengelernt.")))).json();
		assertThat(logged.get("items").get(0).get("stage").asString()).isEqualTo("proposed");

		JsonNode stage = api.get("/api/v1/contacts/" + anna + "/stage").json();
		assertThat(stage.get("stage").asString()).isEqualTo("observed");
		assertThat(stage.get("history")).isEmpty();
		JsonNode proposal = stage.get("proposals").get(0);
		assertThat(proposal.get("to").asString()).isEqualTo("contact");
		assertThat(proposal.get("reason").asString()).isEqualTo("event_meeting");
		assertThat(proposal.get("evidence").asString()).isEqualTo("event-meeting:" + withAnna);

		// Accepting it moves the contact one step; the same meeting proposes nothing further.
		assertThat(api.post("/api/v1/contacts/" + anna + "/stage/proposals/accept", Map.of("to", "contact")).status())
			.isEqualTo(200);
		JsonNode after = api.get("/api/v1/contacts/" + anna + "/stage").json();
		assertThat(after.get("stage").asString()).isEqualTo("contact");
		assertThat(after.get("proposals")).isEmpty();
	}

	@Test
	void attendancesAndMeetingsFollowMergesAppearInExportsAndGoWithErasure() {
		pastEvent();
		String anna = attendee("Anna Berg", "anna@example.org");
		String anni = attendee("Anni", "anni.berg@example.org");
		meeting(anni, START.plus(4, ChronoUnit.HOURS), "Spendenaktion");
		assertThat(api.get("/api/v1/contacts/" + anni).json().get("timeline").findValuesAsString("channel"))
			.contains("event_attendance", "event_meeting_planned");

		String merge = api.post("/api/v1/contacts/" + anna + "/merge", Map.of("otherId", anni)).json().get("mergeId").asString();
		assertThat(api.get("/api/v1/events/" + event + "/attendees").json().get("items").findValuesAsString("contactId"))
			.containsExactly(anna);
		assertThat(api.get("/api/v1/events/" + event + "/meetings").json().get("items").get(0).get("contactId").asString())
			.isEqualTo(anna);
		assertThat(api.get("/api/v1/contacts/" + anna).json().get("timeline").findValuesAsString("channel"))
			.contains("event_meeting_planned");

		assertThat(api.post("/api/v1/merges/" + merge + "/undo", Map.of()).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/events/" + event + "/attendees").json().get("items").findValuesAsString("contactId"))
			.containsExactlyInAnyOrder(anna, anni);
		assertThat(api.get("/api/v1/events/" + event + "/meetings").json().get("items").get(0).get("contactId").asString())
			.isEqualTo(anni);

		JsonNode export = api.get("/api/v1/contacts/" + anni + "/export").json().get("data").get("events");
		assertThat(export.get("attendances").get(0).get("event").asString()).isEqualTo("ConSozial 2026");
		assertThat(export.get("meetings").get(0).get("goal").asString()).isEqualTo("Spendenaktion");
		assertThat(export.get("meetings").get(0).get("member").asString()).isEqualTo("Olga Owner");

		assertThat(api.delete("/api/v1/contacts/" + anni + "?erase=true").status()).isEqualTo(204);
		assertThat(jdbc.sql("select count(*) from event_attendees where contact_id = ?::uuid").param(anni).query(Integer.class).single())
			.isZero();
		assertThat(jdbc.sql("select count(*) from event_meetings where workspace_id = ?").param(workspace.id()).query(Integer.class)
			.single()).isZero();
		assertThat(api.get("/api/v1/events/" + event + "/attendees").json().get("items").findValuesAsString("contactId"))
			.containsExactly(anna);
	}
}

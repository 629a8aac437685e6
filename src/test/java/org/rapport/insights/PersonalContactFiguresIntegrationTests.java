package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.blog.BlogTestSupport;
import org.rapport.support.Api;

import tools.jackson.databind.JsonNode;

/**
 * Reach-out done, meetings at events and blog posts that started a dialogue in the figures: one-off reminders due
 * in the period and marked done, meetings planned at events in the period and logged as met, posts published in it
 * with a reader's comment, each against the period before.
 */
class PersonalContactFiguresIntegrationTests extends BlogTestSupport {

	private String contact(String name, String email) {
		Api.Response created = api.post("/api/v1/contacts", Map.of("name", name,
				"identities", List.of(Map.of("kind", "email", "value", email))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String remind(String contact, Instant dueAt) {
		Api.Response created = api.post("/api/v1/contacts/" + contact + "/reminders", Map.of("note", "anrufen",
				"dueAt", dueAt.toString()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	@Test
	void reachOutDoneAndMeetingsHeldAreCountedPerPeriod() {
		Instant now = Instant.now();
		String anna = contact("Anna Berg", "anna@example.org");
		String ben = contact("Ben Vogt", "ben@example.org");
		String done = remind(anna, now.minus(3, ChronoUnit.DAYS));
		remind(ben, now.minus(2, ChronoUnit.DAYS));
		remind(ben, now.minus(40, ChronoUnit.DAYS));
		remind(anna, now.plus(20, ChronoUnit.DAYS));
		assertThat(api.post("/api/v1/reminders/" + done + "/done", Map.of()).status()).isEqualTo(200);
		Api.Response rhythm = api.post("/api/v1/contacts/" + anna + "/reminders", Map.of("everyWeeks", 2));
		assertThat(rhythm.status()).as(rhythm.body()).isEqualTo(201);

		Instant start = now.minus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		String event = api.post("/api/v1/events", Map.of("name", "Fachtag", "kind", "fair", "startsAt", start.toString(),
				"endsAt", start.plus(1, ChronoUnit.DAYS).toString(), "city", "Köln")).json().get("id").asString();
		for (String contact : List.of(anna, ben)) {
			assertThat(api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", contact)).status())
				.isEqualTo(201);
		}
		String withAnna = api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", anna,
				"at", start.plus(2, ChronoUnit.HOURS).toString())).json().get("id").asString();
		String withBen = api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", ben,
				"at", start.plus(3, ChronoUnit.HOURS).toString())).json().get("id").asString();
		api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", ben, "at", start.plus(4, ChronoUnit.HOURS)
			.toString()));
		Api.Response logged = api.post("/api/v1/events/" + event + "/meetings/log", Map.of("items", List.of(
				Map.of("meetingId", withAnna, "met", true, "summary", "Kooperation besprochen."),
				Map.of("meetingId", withBen, "met", false))));
		assertThat(logged.status()).as(logged.body()).isEqualTo(200);

		String discussed = path(publish("Sommerfest im Stadtteil", "Alle sind eingeladen."));
		publish("Neue Öffnungszeiten", "Ab Montag bis 18 Uhr.");
		Api.Response commented = comment(discussed, form("Lena Vogt", "lena@example.org",
				"Kommen auch Kinder unter drei Jahren?"));
		assertThat(commented.status()).as(commented.body()).isLessThan(400);

		LocalDate today = LocalDate.now(workspaces.get(workspace.id()).timeZone());
		JsonNode report = api.get("/api/v1/insights/metrics?from=" + today.minusDays(27) + "&to=" + today).json();
		JsonNode personal = report.get("personal");
		assertThat(personal.get("reachOutPlanned").asLong()).as("two one-off reminders were due in the 28 days")
			.isEqualTo(2);
		assertThat(personal.get("reachOutDone").asLong()).isEqualTo(1);
		assertThat(personal.get("reachOutShare").asDouble()).isEqualTo(0.5);
		assertThat(personal.get("meetingsPlanned").asLong()).isEqualTo(3);
		assertThat(personal.get("meetingsHeld").asLong()).isEqualTo(1);
		assertThat(personal.get("meetingsNotMet").asLong()).isEqualTo(1);
		assertThat(personal.get("postsPublished").asLong()).isEqualTo(2);
		assertThat(personal.get("postsStartedDialogue").asLong()).as("the post with a reader's comment").isEqualTo(1);
		assertThat(personal.get("postsShare").asDouble()).isEqualTo(0.5);
		JsonNode before = report.get("previousPersonal");
		assertThat(before.get("reachOutPlanned").asLong()).as("the reminder due 40 days ago").isEqualTo(1);
		assertThat(before.get("reachOutDone").asLong()).isZero();
		assertThat(before.get("meetingsPlanned").asLong()).isZero();
		assertThat(before.get("meetingsShare").isNull()).isTrue();
	}
}

package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.platform.BusinessHours;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The dialogue figures on a history built by hand, whose answers are worked out below: business hours across a
 * weekend and a holiday, a machine's message, a note, an unanswered message and a reopened conversation.
 * Workspace: Europe/Berlin, Monday to Friday 09:00-17:00, holiday Monday 2026-10-05.
 */
class InsightsMetricsIntegrationTests extends IntegrationTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@BeforeEach
	void hours() {
		Map<DayOfWeek, String> lines = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			lines.put(day, "09:00-17:00");
		}
		workspaces.updateSettings(workspace.id(), workspace.name(), BERLIN,
				BusinessHours.ofLines(lines).withHolidays(List.of(LocalDate.parse("2026-10-05"))));
	}

	private void message(String id, String thread, String sentAt, boolean automated) {
		Api.Response r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", id, "threadKey", thread,
				"from", Map.of("handle", thread + "@example.org", "name", "Person " + thread), "body", "Question " + id,
				"sentAt", sentAt, "automated", automated));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	private void answer(String id, String thread, String sentAt) {
		Api.Response r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", id, "threadKey", thread,
				"direction", "out", "to", Map.of("handle", thread + "@example.org"), "body", "Answer " + id,
				"sentAt", sentAt));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	private UUID conversation(String thread) {
		return jdbc.sql("select id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), thread).query(UUID.class).single();
	}

	private JsonNode metrics(String query) {
		Api.Response r = api.get("/api/v1/insights/metrics?" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	private void buildOctober() {
		// A: Friday 16:00 → Tuesday 10:00 (Berlin, UTC+2). Business time: Friday 16-17 and Tuesday 9-10 = 7,200 s;
		// Saturday, Sunday and the holiday Monday count nothing. Calendar: 90 hours = 324,000 s.
		message("a1", "a", "2026-10-02T14:00:00Z", false);
		answer("a2", "a", "2026-10-06T08:00:00Z");
		// B: Wednesday 09:00 → 09:30: 1,800 s either way. They write back and we answer again: 4 turns.
		message("b1", "b", "2026-10-07T07:00:00Z", false);
		answer("b2", "b", "2026-10-07T07:30:00Z");
		message("b3", "b", "2026-10-07T08:00:00Z", false);
		answer("b4", "b", "2026-10-07T08:10:00Z");
		// C: an auto-reply: a conversation, but nothing waits for an answer.
		message("c1", "c", "2026-10-08T08:00:00Z", true);
		// D: waits, unanswered; a note does not answer it.
		message("d1", "d", "2026-10-08T09:00:00Z", false);
		Api.Response note = api.post("/api/v1/conversations/" + conversation("d") + "/messages",
				Map.of("body", "Ask Kim", "kind", "note"));
		assertThat(note.status()).as(note.body()).isEqualTo(201);
	}

	@Test
	void countsAHandBuiltHistoryAsWorkedOutByHand() {
		buildOctober();

		JsonNode totals = metrics("from=2026-10-01&to=2026-10-31").get("totals");

		assertThat(totals.get("conversations").asLong()).isEqualTo(4);
		assertThat(totals.get("needingAnswer").asLong()).isEqualTo(3); // A, B, D
		assertThat(totals.get("answered").asLong()).isEqualTo(2); // A, B
		assertThat(totals.get("responseRate").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
		// business: 7,200 and 1,800 → median 4,500, p90 = 1,800 + 0.9 × 5,400 = 6,660, mean 4,500
		assertThat(totals.get("firstResponseBusinessSeconds").get("median").asDouble()).isEqualTo(4_500);
		assertThat(totals.get("firstResponseBusinessSeconds").get("p90").asDouble()).isEqualTo(6_660);
		assertThat(totals.get("firstResponseBusinessSeconds").get("mean").asDouble()).isEqualTo(4_500);
		// calendar: 324,000 and 1,800 → median 162,900
		assertThat(totals.get("firstResponseSeconds").get("median").asDouble()).isEqualTo(162_900);
		// two-way: A and B of 4; depth: A 2 turns, B 4, C 1, D 1 → 2
		assertThat(totals.get("twoWayShare").asDouble()).isEqualTo(0.5);
		assertThat(totals.get("depth").asDouble()).isEqualTo(2.0);
	}

	@Test
	void seriesAndThePreviousPeriodAndFilters() {
		buildOctober();

		JsonNode week = metrics("from=2026-10-05&to=2026-10-11&groupBy=day");
		assertThat(week.get("series")).hasSize(7);
		assertThat(week.get("series").get(2).get("start").asString()).isEqualTo("2026-10-07");
		assertThat(week.get("series").get(2).get("conversations").asLong()).isEqualTo(1); // B
		assertThat(week.get("series").get(3).get("conversations").asLong()).isEqualTo(2); // C, D
		assertThat(week.get("totals").get("conversations").asLong()).isEqualTo(3);
		assertThat(week.get("previous").get("conversations").asLong()).isEqualTo(1); // A, the week before

		assertThat(metrics("from=2026-10-01&to=2026-10-31&channel=api").get("totals").get("conversations").asLong())
			.isEqualTo(4);
		assertThat(metrics("from=2026-10-01&to=2026-10-31&groupBy=month").get("series")).hasSize(1);
	}

	@Test
	void aReopenedConversationIsMeasuredFromItsReopeningNotFromItsStart() {
		Instant now = Instant.now();
		message("e1", "e", now.minusSeconds(3 * 3600).toString(), false);
		answer("e2", "e", now.minusSeconds(3 * 3600 - 600).toString());
		UUID e = conversation("e");
		assertThat(api.patch("/api/v1/conversations/" + e, Map.of("status", "done")).status()).isEqualTo(200);
		message("e3", "e", Instant.now().toString(), false);
		assertThat(api.post("/api/v1/conversations/" + e + "/messages", Map.of("body", "Sure", "kind", "reply")).status())
			.isEqualTo(201);

		List<Map<String, Object>> openings = jdbc.sql("""
				select seq, first_response_seconds, resolved_at from insight_openings where conversation_id = ? order by seq""")
			.param(e).query().listOfRows();
		assertThat(openings).hasSize(2);
		assertThat(openings.get(0).get("first_response_seconds")).isEqualTo(600L);
		assertThat(openings.get(0).get("resolved_at")).isNotNull();
		assertThat((Long) openings.get(1).get("first_response_seconds")).isBetween(0L, 60L);
		assertThat(openings.get(1).get("resolved_at")).isNull();

		JsonNode totals = metrics("").get("totals");
		assertThat(totals.get("conversations").asLong()).isEqualTo(2);
		assertThat(totals.get("answered").asLong()).isEqualTo(2);
		assertThat(totals.get("firstResponseSeconds").get("p90").asDouble()).isLessThanOrEqualTo(600);
	}

	@Test
	void aRebuildGivesExactlyTheLiveFigures() {
		buildOctober();
		Instant now = Instant.now();
		message("e1", "e", now.minusSeconds(3 * 3600).toString(), false);
		answer("e2", "e", now.minusSeconds(3 * 3600 - 600).toString());
		assertThat(api.patch("/api/v1/conversations/" + conversation("e"), Map.of("status", "done")).status()).isEqualTo(200);
		String query = "select * from insight_openings where workspace_id = ? order by conversation_id, seq";
		List<Map<String, Object>> live = jdbc.sql(query).param(workspace.id()).query().listOfRows();
		String liveMetrics = metrics("from=2026-10-01&to=2026-12-31").toString();

		Api.Response rebuilt = api.post("/api/v1/insights/rebuild", Map.of());

		assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
		assertThat(rebuilt.json().get("openings").asInt()).isEqualTo(5);
		assertThat(jdbc.sql(query).param(workspace.id()).query().listOfRows()).isEqualTo(live);
		assertThat(metrics("from=2026-10-01&to=2026-12-31").toString()).isEqualTo(liveMetrics);
	}

	@Test
	void badFiltersAreRefusedNamingTheParameter() {
		assertProblem(api.get("/api/v1/insights/metrics?from=2000-01-01&to=2019-12-31"), "from");
		assertProblem(api.get("/api/v1/insights/metrics?from=2026-13-01"), "from");
		assertProblem(api.get("/api/v1/insights/metrics?to=yesterday"), "to");
		assertProblem(api.get("/api/v1/insights/metrics?from=2026-10-02&to=2026-10-01"), "from");
		assertProblem(api.get("/api/v1/insights/metrics?channel=nowhere"), "channel");
		assertProblem(api.get("/api/v1/insights/metrics?member=" + UUID.randomUUID()), "member");
		assertProblem(api.get("/api/v1/insights/metrics?segment=x"), "segment");
		assertProblem(api.get("/api/v1/insights/metrics?groupBy=year"), "groupBy");
	}

	private static void assertProblem(Api.Response r, String field) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo(field);
	}
}

package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The figures of large periods are added up from daily summaries: they must agree with the figures counted from
 * every opening — counts, shares, depth and means exactly, medians and p90 within 0.1 % — before the summariser ran
 * (the days are then read from their openings), after it ran, and per channel and member.
 */
class DaySummariesIntegrationTests extends IntegrationTest {

	private static final int OPENINGS = 3_000;

	@Autowired
	Metrics metrics;

	@Autowired
	DaySummaries summaries;

	@Autowired
	Openings openings;

	private List<UUID> channels;

	@BeforeEach
	void aQuarterOfOpenings() {
		Api.Response r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "seed", "threadKey", "seed",
				"from", Map.of("handle", "seed@example.org", "name", "Seed"), "body", "Hello"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		UUID conversation = jdbc.sql("select id from conversations where workspace_id = ?").param(workspace.id())
			.query(UUID.class).single();
		// The openings below are made up for the seed's conversation: nothing may measure it anew while a test runs
		// (work the seed set off in the background would replace them by its one real opening).
		openings.live(false);
		channels = jdbc.sql("select id from channels where workspace_id = ? order by key").param(workspace.id())
			.query(UUID.class).list().subList(0, 3);
		// Durations from seconds to weeks, so that the histograms' exact and approximate ranges both count.
		jdbc.sql("""
				insert into insight_openings(workspace_id, conversation_id, seq, channel_id, contact_id, opened_at,
				  needs_answer, waiting_since, answered_at, answered_by, first_response_seconds,
				  first_response_business_seconds, resolved_at, resolution_seconds, resolution_business_seconds,
				  inbound, replies, turns)
				select ?, ?, 100 + g, (?::uuid[])[1 + g % 3], null, t, g % 10 <> 0, t,
				  case when g % 7 <> 0 then t + make_interval(secs => d) end,
				  case when g % 7 <> 0 and g % 2 = 0 then ?::uuid end,
				  case when g % 7 <> 0 then d end,
				  case when g % 7 <> 0 then (d * 0.3)::bigint end,
				  case when g % 5 = 0 then t + make_interval(secs => d * 3) end,
				  case when g % 5 = 0 then d * 3 end,
				  case when g % 5 = 0 then d end,
				  1 + g % 3, case when g % 7 <> 0 then 1 else 0 end, 1 + g % 4
				from (select g, now() - interval '1 day' - make_interval(secs => g::float8 / ? * 90 * 86400) as t,
				             (1 + (g::bigint * 7919) % 1000) * (1 + g % 600) as d
				      from generate_series(1, ?) g) s""")
			.params(workspace.id(), conversation, channels.toArray(UUID[]::new), owner.userId(), OPENINGS, OPENINGS)
			.update();
	}

	@AfterEach
	void exactAgain() {
		openings.live(true);
		summaries.exactUpTo(DaySummaries.EXACT_UP_TO);
		summaries.useMonths(true);
		summaries.useWeeks(true);
	}

	private Metrics.Report report(String channel, String member, String groupBy, boolean exact) {
		summaries.exactUpTo(exact ? Long.MAX_VALUE : 0);
		LocalDate today = LocalDate.now(workspaces.get(workspace.id()).timeZone());
		Metrics.Query q = metrics.query(workspace.id(), today.minusDays(99).toString(), today.toString(), channel, member,
				null, groupBy);
		Metrics.Report report = metrics.report(workspace.id(), q);
		assertThat(report.exact()).isEqualTo(exact);
		return report;
	}

	@Test
	void summariesAgreeWithTheOpeningsBeforeAndAfterTheSummariserRan() {
		Metrics.Report exact = report(null, null, "week", true);
		assertThat(exact.totals().conversations()).as("and the seed").isEqualTo(OPENINGS + 1);
		assertAgree(report(null, null, "week", false), exact);

		assertThat(summaries.summarise()).as("days summarised").isGreaterThanOrEqualTo(90);
		assertAgree(report(null, null, "week", false), exact);
		assertAgree(report(null, null, "month", false), report(null, null, "month", true));
		String channel = channels.get(1).toString();
		assertAgree(report(channel, null, "day", false), report(channel, null, "day", true));
		String member = owner.userId().toString();
		assertAgree(report(null, member, "week", false), report(null, member, "week", true));

		summaries.exactUpTo(Long.MAX_VALUE);
		LocalDate today = LocalDate.now(workspaces.get(workspace.id()).timeZone());
		Metrics.Query q = metrics.query(workspace.id(), today.minusDays(99).toString(), today.toString(), null, null, null,
				null);
		Map<UUID, Figures> exactByChannel = metrics.byChannel(workspace.id(), q);
		summaries.exactUpTo(0);
		Map<UUID, Figures> summedByChannel = metrics.byChannel(workspace.id(), q);
		assertThat(summedByChannel.keySet()).containsExactlyElementsOf(exactByChannel.keySet());
		exactByChannel.forEach((id, f) -> assertAgree(summedByChannel.get(id), f));
	}

	@Test
	void aRebuildSummarisesAnewAndAnotherTimeZoneMakesOtherDays() {
		openings.rebuild(workspace.id());
		Metrics.Report afterRebuild = report(null, null, "day", false);
		assertThat(afterRebuild.totals().conversations()).as("the rebuild measured the one real conversation").isEqualTo(1);

		jdbc.sql("update workspaces set time_zone = 'America/New_York' where id = ?").param(workspace.id()).update();
		summaries.exactUpTo(0);
		LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
		Metrics.Query q = metrics.query(workspace.id(), today.minusDays(99).toString(), today.toString(), null, null,
				null, "day");
		assertThat(metrics.report(workspace.id(), q).exact()).as("summaries made in another zone are not used").isTrue();
		summaries.summarise();
		Metrics.Report inNewYork = metrics.report(workspace.id(), q);
		assertThat(inNewYork.exact()).as("made anew in the workspace's zone").isFalse();
		assertThat(inNewYork.totals().conversations()).isEqualTo(1);
	}

	/** Rows of a summary table ({@code period}: its date column) that are not the sum of the days they cover. */
	private long rowsNotTheSumOfTheirDays(String table, String period, String startOfPeriod) {
		return jdbc.sql("select count(*) from (select * from " + table + " where workspace_id = ?) p"
				+ " full join (select (" + startOfPeriod + ") as " + period + ", dimension, key,"
				+ " sum(conversations) as conversations, sum(needing) as needing, sum(answered) as answered,"
				+ " sum(two_way) as two_way, sum(turns) as turns, sum(frt_n) as frt_n, sum(frt_sum) as frt_sum,"
				+ " sum(resb_n) as resb_n, sum(resb_sum) as resb_sum"
				+ " from insight_days where workspace_id = ? group by 1, 2, 3) d using (" + period + ", dimension, key)"
				+ " where p.workspace_id is null or d.conversations is null or p.conversations <> d.conversations"
				+ " or p.needing <> d.needing or p.answered <> d.answered or p.two_way <> d.two_way or p.turns <> d.turns"
				+ " or p.frt_n <> d.frt_n or p.frt_sum <> d.frt_sum or p.resb_n <> d.resb_n or p.resb_sum <> d.resb_sum")
			.params(workspace.id(), workspace.id()).query(Long.class).single();
	}

	@Test
	void wholeMonthsAreReadFromMonthlySummariesThatEqualTheirDays() {
		summaries.summarise();
		ZoneId zone = workspaces.get(workspace.id()).timeZone();
		LocalDate today = LocalDate.now(zone);
		LocalDate wholeMonth = today.minusDays(99).withDayOfMonth(1).plusMonths(1);
		assertThat(jdbc.sql("select count(*) from insight_months where workspace_id = ? and month = ?")
			.params(workspace.id(), wholeMonth).query(Long.class).single()).as("everything, 3 channels, 1 member")
			.isEqualTo(5);
		long differing = rowsNotTheSumOfTheirDays("insight_months", "month", "day - extract(day from day)::int + 1");
		assertThat(differing).as("monthly rows that are not the sum of their days").isZero();

		String channel = channels.get(2).toString();
		String member = owner.userId().toString();
		for (String[] filter : new String[][] { { null, null }, { channel, null }, { null, member } }) {
			summaries.useMonths(false);
			Metrics.Report fromDays = report(filter[0], filter[1], "month", false);
			summaries.useMonths(true);
			Metrics.Report fromMonths = report(filter[0], filter[1], "month", false);
			assertThat(fromMonths).as("by month from the monthly rows: identical to the days'").isEqualTo(fromDays);
			assertAgree(fromMonths, report(filter[0], filter[1], "month", true));
		}

		// The monthly rows are read indeed: a month's row altered by hand shows in the figures.
		jdbc.sql("update insight_months set conversations = conversations + 1000 where workspace_id = ? and month = ? and dimension = 'all'")
			.params(workspace.id(), wholeMonth).update();
		Metrics.Report altered = report(null, null, "month", false);
		summaries.useMonths(false);
		assertThat(altered.totals().conversations()).isEqualTo(report(null, null, "month", false).totals().conversations() + 1000);
		summaries.useMonths(true);

		// An opening added in a whole month after the summariser ran: that month is read from its days and openings.
		java.sql.Timestamp at = java.sql.Timestamp.from(wholeMonth.plusDays(14).atTime(12, 0).atZone(zone).toInstant());
		jdbc.sql("""
				insert into insight_openings(workspace_id, conversation_id, seq, channel_id, contact_id, opened_at,
				  needs_answer, waiting_since, answered_at, answered_by, first_response_seconds,
				  first_response_business_seconds, resolved_at, resolution_seconds, resolution_business_seconds,
				  inbound, replies, turns)
				select workspace_id, conversation_id, 99999, channel_id, null, ?, true, ?, null, null, null, null, null,
				  null, null, 1, 0, 1
				from insight_openings where workspace_id = ? and seq = 101""")
			.params(at, at, workspace.id())
			.update();
		Metrics.Report current = report(null, null, "month", false);
		assertThat(current.totals().conversations()).isEqualTo(OPENINGS + 2);
		assertAgree(current, report(null, null, "month", true));
		summaries.summarise();
		assertThat(report(null, null, "month", false)).as("once summarised, from the monthly rows again").isEqualTo(current);
	}

	@Test
	void wholeWeeksAreReadFromWeeklySummariesThatEqualTheirDays() {
		summaries.summarise();
		ZoneId zone = workspaces.get(workspace.id()).timeZone();
		LocalDate today = LocalDate.now(zone);
		LocalDate wholeWeek = DaySummaries.monday(today.minusDays(99)).plusWeeks(1);
		assertThat(jdbc.sql("select count(*) from insight_weeks where workspace_id = ? and week = ?")
			.params(workspace.id(), wholeWeek).query(Long.class).single()).as("everything, 3 channels, 1 member")
			.isEqualTo(5);
		long differing = rowsNotTheSumOfTheirDays("insight_weeks", "week", "day - extract(isodow from day)::int + 1");
		assertThat(differing).as("weekly rows that are not the sum of their days").isZero();

		String channel = channels.get(2).toString();
		String member = owner.userId().toString();
		for (String[] filter : new String[][] { { null, null }, { channel, null }, { null, member } }) {
			summaries.useWeeks(false);
			Metrics.Report fromDays = report(filter[0], filter[1], "week", false);
			summaries.useWeeks(true);
			Metrics.Report fromWeeks = report(filter[0], filter[1], "week", false);
			assertThat(fromWeeks).as("by week from the weekly rows: identical to the days'").isEqualTo(fromDays);
			assertAgree(fromWeeks, report(filter[0], filter[1], "week", true));
		}
		summaries.useMonths(false);
		summaries.useWeeks(false);
		Metrics.Report daysOnly = report(null, null, "day", false);
		summaries.useWeeks(true);
		assertThat(report(null, null, "day", false)).as("by day: no week is one bucket").isEqualTo(daysOnly);
		summaries.useMonths(true);

		// The weekly rows are read indeed: a week's row altered by hand shows in its bucket of the series.
		jdbc.sql("update insight_weeks set conversations = conversations + 1000 where workspace_id = ? and week = ? and dimension = 'all'")
			.params(workspace.id(), wholeWeek).update();
		Metrics.Report altered = report(null, null, "week", false);
		summaries.useWeeks(false);
		Metrics.Report unaltered = report(null, null, "week", false);
		summaries.useWeeks(true);
		Figures alteredWeek = altered.series().stream().filter(f -> f.start().equals(wholeWeek)).findFirst().orElseThrow();
		Figures unalteredWeek = unaltered.series().stream().filter(f -> f.start().equals(wholeWeek)).findFirst().orElseThrow();
		assertThat(alteredWeek.conversations()).isEqualTo(unalteredWeek.conversations() + 1000);

		// An opening added in a whole week after the summariser ran: that week is read from its days and openings.
		LocalDate laterWeek = wholeWeek.plusWeeks(2);
		java.sql.Timestamp at = java.sql.Timestamp.from(laterWeek.plusDays(2).atTime(12, 0).atZone(zone).toInstant());
		jdbc.sql("""
				insert into insight_openings(workspace_id, conversation_id, seq, channel_id, contact_id, opened_at,
				  needs_answer, waiting_since, answered_at, answered_by, first_response_seconds,
				  first_response_business_seconds, resolved_at, resolution_seconds, resolution_business_seconds,
				  inbound, replies, turns)
				select workspace_id, conversation_id, 99999, channel_id, null, ?, true, ?, null, null, null, null, null,
				  null, null, 1, 0, 1
				from insight_openings where workspace_id = ? and seq = 101""")
			.params(at, at, workspace.id())
			.update();
		jdbc.sql("update insight_weeks set conversations = conversations - 1000 where workspace_id = ? and week = ? and dimension = 'all'")
			.params(workspace.id(), wholeWeek).update();
		Metrics.Report current = report(null, null, "week", false);
		assertThat(current.totals().conversations()).isEqualTo(OPENINGS + 2);
		assertAgree(current, report(null, null, "week", true));
		summaries.summarise();
		assertThat(report(null, null, "week", false)).as("once summarised, from the weekly rows again").isEqualTo(current);
	}

	private static void assertAgree(Metrics.Report summed, Metrics.Report exact) {
		assertAgree(summed.totals(), exact.totals());
		assertAgree(summed.previous(), exact.previous());
		assertThat(summed.series()).hasSameSizeAs(exact.series());
		for (int i = 0; i < exact.series().size(); i++) {
			assertThat(summed.series().get(i).start()).isEqualTo(exact.series().get(i).start());
			assertAgree(summed.series().get(i), exact.series().get(i));
		}
	}

	private static void assertAgree(Figures summed, Figures exact) {
		assertThat(summed.conversations()).isEqualTo(exact.conversations());
		assertThat(summed.needingAnswer()).isEqualTo(exact.needingAnswer());
		assertThat(summed.answered()).isEqualTo(exact.answered());
		assertClose(summed.responseRate(), exact.responseRate(), 1e-9);
		assertClose(summed.twoWayShare(), exact.twoWayShare(), 1e-9);
		assertClose(summed.depth(), exact.depth(), 1e-9);
		for (var pair : List.of(List.of(summed.firstResponseSeconds(), exact.firstResponseSeconds()),
				List.of(summed.firstResponseBusinessSeconds(), exact.firstResponseBusinessSeconds()),
				List.of(summed.resolutionSeconds(), exact.resolutionSeconds()),
				List.of(summed.resolutionBusinessSeconds(), exact.resolutionBusinessSeconds()))) {
			assertClose(pair.get(0).mean(), pair.get(1).mean(), 1e-9);
			assertClose(pair.get(0).median(), pair.get(1).median(), 1e-3);
			assertClose(pair.get(0).p90(), pair.get(1).p90(), 1e-3);
		}
	}

	/** Equal within a share of the exact value (and half a second, for values the histogram keeps exactly). */
	private static void assertClose(Double summed, Double exact, double share) {
		if (exact == null) {
			assertThat(summed).isNull();
			return;
		}
		assertThat(summed).isNotNull();
		assertThat(summed).isCloseTo(exact, within(Math.max(Math.abs(exact) * share, share < 1e-6 ? 1e-9 : 0.5)));
	}
}

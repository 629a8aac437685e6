package org.rapport.insights;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.rapport.platform.NotFoundException;
import org.rapport.platform.RecurringWork;
import org.rapport.platform.Workspaces;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Daily summaries of the openings ({@code insight_days}), so that the figures of a long period are added up from a
 * few hundred rows instead of counted from every opening.
 * <p>
 * Triggers on {@code insight_openings} note the quarter hour of every opening written or removed in
 * {@code insight_day_changes}; {@link #summarise()} (in the background, every 30 seconds) takes those notes and
 * counts the days they fall on anew from the openings. A day with a note not yet taken is read from its openings, so
 * the figures are always current. Small periods (at most {@link #EXACT_UP_TO} openings) and filters the summaries do
 * not keep (a segment; a channel and a member together) are counted exactly from the openings by {@link Metrics}.
 */
@Component
public class DaySummaries {

	/** Periods with at most this many openings are counted from the openings themselves, exactly (by default). */
	static final long EXACT_UP_TO = 20_000;

	/** The dimension of a summary and its key: everything ({@code all}), one channel, one member. */
	record Dimension(String name, UUID key) {

		static final UUID NONE = new UUID(0, 0);

		static final Dimension ALL = new Dimension("all", NONE);

		static Dimension of(Metrics.Query q) {
			return q.channelId() != null ? new Dimension("channel", q.channelId())
					: q.memberId() != null ? new Dimension("member", q.memberId()) : ALL;
		}

		/** The column of {@code insight_openings} the dimension's key is, or {@code null} for everything. */
		String column() {
			return switch (name) {
				case "channel" -> "channel_id";
				case "member" -> "answered_by";
				default -> null;
			};
		}
	}

	private final NamedParameterJdbcTemplate jdbc;
	private final Workspaces workspaces;
	private volatile long exactUpTo = EXACT_UP_TO;
	private volatile boolean useMonths = true;
	private volatile boolean useWeeks = true;

	DaySummaries(NamedParameterJdbcTemplate jdbc, Workspaces workspaces) {
		this.jdbc = jdbc;
		this.workspaces = workspaces;
	}

	@Bean
	RecurringWork insightDaysRecurring(@Value("${rapport.insights.summarise-interval:30s}") Duration interval) {
		return RecurringWork.every("insight-days", interval, this::summarise);
	}

	/** Counts anew every day an opening changed on since the last run; answers how many days. */
	@Transactional
	public int summarise() {
		restartChangedZones();
		Map<UUID, Set<Instant>> changes = new LinkedHashMap<>();
		jdbc.query("delete from insight_day_changes returning workspace_id, at", Map.of(),
				rs -> {
					changes.computeIfAbsent(rs.getObject("workspace_id", UUID.class), w -> new TreeSet<>())
						.add(rs.getTimestamp("at").toInstant());
				});
		int days = 0;
		for (Map.Entry<UUID, Set<Instant>> workspace : changes.entrySet()) {
			Optional<ZoneId> known = zone(workspace.getKey());
			if (known.isEmpty()) {
				continue;
			}
			ZoneId zone = known.get();
			jdbc.update("""
					insert into insight_day_zones(workspace_id, zone) values (:ws, :zone)
					on conflict (workspace_id) do update set zone = excluded.zone""",
					Map.of("ws", workspace.getKey(), "zone", zone.getId()));
			Set<LocalDate> touched = new TreeSet<>();
			workspace.getValue().forEach(at -> touched.add(LocalDate.ofInstant(at, zone)));
			for (LocalDate day : touched) {
				summarise(workspace.getKey(), day, zone);
				days++;
			}
			touched.stream().map(day -> day.withDayOfMonth(1)).distinct()
				.forEach(month -> summariseMonth(workspace.getKey(), month));
			touched.stream().map(DaySummaries::monday).distinct()
				.forEach(week -> summariseWeek(workspace.getKey(), week));
		}
		return days;
	}

	/** A workspace whose time zone changed has other days: its summaries are made anew. */
	private void restartChangedZones() {
		List<UUID> changed = new ArrayList<>();
		jdbc.query("select workspace_id, zone from insight_day_zones", Map.of(), rs -> {
			UUID ws = rs.getObject("workspace_id", UUID.class);
			String made = rs.getString("zone");
			if (zone(ws).map(z -> !z.getId().equals(made)).orElse(false)) {
				changed.add(ws);
			}
		});
		for (UUID ws : changed) {
			Map<String, Object> params = Map.of("ws", ws);
			jdbc.update("delete from insight_days where workspace_id = :ws", params);
			jdbc.update("delete from insight_months where workspace_id = :ws", params);
			jdbc.update("delete from insight_weeks where workspace_id = :ws", params);
			jdbc.update("""
					insert into insight_day_changes(workspace_id, at)
					select distinct workspace_id, date_bin('15 minutes', opened_at, timestamptz '2000-01-01 00:00:00+00')
					from insight_openings where workspace_id = :ws""", params);
		}
	}

	/** Counts one local day of a workspace anew from its openings. */
	private void summarise(UUID ws, LocalDate day, ZoneId zone) {
		MapSqlParameterSource params = range(ws, day, day, zone).addValue("day", day);
		Map<Dimension, Tally> tallies = new LinkedHashMap<>();
		jdbc.query("select * from insight_openings where workspace_id = :ws and opened_at >= :from and opened_at < :to",
				params, rs -> {
					tallies.computeIfAbsent(Dimension.ALL, d -> new Tally()).addOpening(rs);
					tallies.computeIfAbsent(new Dimension("channel", rs.getObject("channel_id", UUID.class)),
							d -> new Tally()).addOpening(rs);
					UUID member = rs.getObject("answered_by", UUID.class);
					if (member != null) {
						tallies.computeIfAbsent(new Dimension("member", member), d -> new Tally()).addOpening(rs);
					}
				});
		jdbc.update("delete from insight_days where workspace_id = :ws and day = :day", params);
		write("insight_days", "day", ws, day, tallies);
	}

	/**
	 * Adds up one month's daily summaries into its monthly ones ({@code insight_months}), after its days were
	 * counted anew. Adding the days' histograms keeps their buckets, so a month's figures are identical to the sum
	 * of its days.
	 */
	private void summariseMonth(UUID ws, LocalDate month) {
		summariseDays(ws, "insight_months", "month", month, month.plusMonths(1).minusDays(1));
	}

	/**
	 * Adds up one week's (Monday to Sunday) daily summaries into its weekly ones ({@code insight_weeks}), as
	 * {@link #summariseMonth} does for a month.
	 */
	private void summariseWeek(UUID ws, LocalDate monday) {
		summariseDays(ws, "insight_weeks", "week", monday, monday.plusDays(6));
	}

	/** Writes the sum of the daily summaries {@code first} through {@code last} into {@code table} as of {@code first}. */
	private void summariseDays(UUID ws, String table, String column, LocalDate first, LocalDate last) {
		MapSqlParameterSource params = new MapSqlParameterSource("ws", ws).addValue("first", first)
			.addValue("last", last);
		Map<Dimension, Tally> tallies = new LinkedHashMap<>();
		jdbc.query("select * from insight_days where workspace_id = :ws and day between :first and :last", params,
				rs -> {
					tallies.computeIfAbsent(new Dimension(rs.getString("dimension"), rs.getObject("key", UUID.class)),
							d -> new Tally()).addSummary(rs);
				});
		jdbc.update("delete from %1$s where workspace_id = :ws and %2$s = :first".formatted(table, column), params);
		write(table, column, ws, first, tallies);
	}

	/** The Monday of the week (Monday to Sunday) the day lies in. */
	static LocalDate monday(LocalDate day) {
		return day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
	}

	/** Writes summaries into {@code table} (days, weeks or months), whose date column is {@code column}. */
	private void write(String table, String column, UUID ws, LocalDate date, Map<Dimension, Tally> tallies) {
		List<MapSqlParameterSource> rows = new ArrayList<>();
		tallies.forEach((dimension, t) -> rows.add(new MapSqlParameterSource().addValue("ws", ws).addValue("date", date)
			.addValue("dimension", dimension.name()).addValue("key", dimension.key())
			.addValue("conversations", t.conversations).addValue("needing", t.needing).addValue("answered", t.answered)
			.addValue("twoWay", t.twoWay).addValue("turns", t.turns)
			.addValue("frtN", t.firstResponse.count).addValue("frtSum", t.firstResponse.sum)
			.addValue("frt", t.firstResponse.encoded())
			.addValue("frtbN", t.firstResponseBusiness.count).addValue("frtbSum", t.firstResponseBusiness.sum)
			.addValue("frtb", t.firstResponseBusiness.encoded())
			.addValue("resN", t.resolution.count).addValue("resSum", t.resolution.sum)
			.addValue("res", t.resolution.encoded())
			.addValue("resbN", t.resolutionBusiness.count).addValue("resbSum", t.resolutionBusiness.sum)
			.addValue("resb", t.resolutionBusiness.encoded())));
		jdbc.batchUpdate("""
				insert into %1$s(workspace_id, %2$s, dimension, key, conversations, needing, answered, two_way, turns,
				  frt_n, frt_sum, frt, frtb_n, frtb_sum, frtb, res_n, res_sum, res, resb_n, resb_sum, resb)
				values (:ws, :date, :dimension, :key, :conversations, :needing, :answered, :twoWay, :turns,
				  :frtN, :frtSum, :frt, :frtbN, :frtbSum, :frtb, :resN, :resSum, :res, :resbN, :resbSum, :resb)
				on conflict (workspace_id, dimension, key, %2$s) do update set conversations = excluded.conversations,
				  needing = excluded.needing, answered = excluded.answered, two_way = excluded.two_way,
				  turns = excluded.turns, frt_n = excluded.frt_n, frt_sum = excluded.frt_sum, frt = excluded.frt,
				  frtb_n = excluded.frtb_n, frtb_sum = excluded.frtb_sum, frtb = excluded.frtb,
				  res_n = excluded.res_n, res_sum = excluded.res_sum, res = excluded.res,
				  resb_n = excluded.resb_n, resb_sum = excluded.resb_sum, resb = excluded.resb""".formatted(table, column),
				rows.toArray(MapSqlParameterSource[]::new));
	}

	/**
	 * The tallies of the days {@code from} through {@code to} per key of the query's dimension (one entry for
	 * everything, a channel or a member; every channel when {@code perChannel}), added up per bucket — the day a
	 * day's bucket starts on, as {@code bucket} says — or empty when the period is small enough to count exactly, or
	 * the summaries cannot answer it (a segment or a label; a channel and a member together; the summaries were made
	 * in another time zone).
	 * <p>
	 * A whole month of the period that lies in one bucket (grouped by month, or the period's totals) and has no day
	 * changed since it was summarised is read from its monthly summary: one row instead of up to 31. Of the days
	 * left, a whole week (Monday to Sunday) of the period that lies in one bucket (grouped by week, or the period's
	 * totals) and has no day changed is read from its weekly summary: one row instead of seven.
	 */
	Optional<Map<UUID, Map<LocalDate, Tally>>> tallies(UUID ws, Metrics.Query q, LocalDate from, LocalDate to,
			ZoneId zone, boolean perChannel, UnaryOperator<LocalDate> bucket) {
		if (q.segmentId() != null || q.label() != null || q.channelId() != null && q.memberId() != null
				|| perChannel && (q.channelId() != null || q.memberId() != null)) {
			return Optional.empty();
		}
		MapSqlParameterSource params = range(ws, from, to, zone);
		List<String> zones = jdbc.queryForList("select zone from insight_day_zones where workspace_id = :ws", params,
				String.class);
		if (!zones.isEmpty() && !zones.equals(List.of(zone.getId()))) {
			return Optional.empty();
		}
		Dimension dimension = perChannel ? new Dimension("channel", null) : Dimension.of(q);
		Set<LocalDate> unsummarised = new TreeSet<>();
		jdbc.query("select distinct at from insight_day_changes where workspace_id = :ws and at >= :from and at < :to",
				params, rs -> {
					unsummarised.add(LocalDate.ofInstant(rs.getTimestamp("at").toInstant(), zone));
				});
		List<String> months = new ArrayList<>();
		for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
			LocalDate first = month;
			LocalDate last = month.plusMonths(1).minusDays(1);
			if (useMonths && !first.isBefore(from) && !last.isAfter(to) && bucket.apply(first).equals(bucket.apply(last))
					&& unsummarised.stream().noneMatch(day -> !day.isBefore(first) && !day.isAfter(last))) {
				months.add(month.toString());
			}
		}
		List<String> weeks = new ArrayList<>();
		for (LocalDate week = monday(from); !week.isAfter(to); week = week.plusWeeks(1)) {
			LocalDate first = week;
			LocalDate last = week.plusDays(6);
			if (useWeeks && !first.isBefore(from) && !last.isAfter(to)
					&& bucket.apply(first).equals(bucket.apply(last))
					&& !months.contains(first.withDayOfMonth(1).toString())
					&& !months.contains(last.withDayOfMonth(1).toString())
					&& unsummarised.stream().noneMatch(day -> !day.isBefore(first) && !day.isAfter(last))) {
				weeks.add(week.toString());
			}
		}
		params.addValue("dimension", dimension.name()).addValue("key", dimension.key())
			.addValue("fromDay", from).addValue("toDay", to).addValue("months", "{" + String.join(",", months) + "}")
			.addValue("weeks", "{" + String.join(",", weeks) + "}");
		String ofDimension = " where workspace_id = :ws and dimension = :dimension"
				+ (dimension.key() == null ? "" : " and key = :key");
		String monthSummaries = " from insight_months" + ofDimension + " and month = any(cast(:months as date[]))";
		String weekSummaries = " from insight_weeks" + ofDimension + " and week = any(cast(:weeks as date[]))";
		String daySummaries = " from insight_days" + ofDimension + " and day between :fromDay and :toDay"
				+ " and not (day - extract(day from day)::int + 1) = any(cast(:months as date[]))"
				+ " and not (day - extract(isodow from day)::int + 1) = any(cast(:weeks as date[]))";
		String column = dimension.column();
		String openingsOfDay = " from insight_openings where workspace_id = :ws and opened_at >= :from and opened_at < :to"
				+ (column == null || dimension.key() == null ? "" : " and " + column + " = :key");
		// Count first: a small period is counted exactly by Metrics, so its rows need not be read here.
		long[] openings = {0};
		if (!months.isEmpty()) {
			openings[0] += jdbc.queryForObject("select coalesce(sum(conversations), 0)" + monthSummaries, params,
					Long.class);
		}
		if (!weeks.isEmpty()) {
			openings[0] += jdbc.queryForObject("select coalesce(sum(conversations), 0)" + weekSummaries, params,
					Long.class);
		}
		jdbc.query("select day, sum(conversations) as n" + daySummaries + " group by day", params, rs -> {
			if (!unsummarised.contains(rs.getObject("day", LocalDate.class))) {
				openings[0] += rs.getLong("n");
			}
		});
		for (LocalDate day : unsummarised) {
			openings[0] += jdbc.queryForObject("select count(*)" + openingsOfDay,
					range(ws, day, day, zone).addValue("key", dimension.key()), Long.class);
		}
		if (openings[0] <= exactUpTo) {
			return Optional.empty();
		}
		// Straight into the buckets' tallies: no histogram is made per day.
		Map<UUID, Map<LocalDate, Tally>> result = new HashMap<>();
		if (!months.isEmpty()) {
			jdbc.query("select *" + monthSummaries, params, rs -> {
				result.computeIfAbsent(rs.getObject("key", UUID.class), k -> new HashMap<>())
					.computeIfAbsent(bucket.apply(rs.getObject("month", LocalDate.class)), b -> new Tally())
					.addSummary(rs);
			});
		}
		if (!weeks.isEmpty()) {
			jdbc.query("select *" + weekSummaries, params, rs -> {
				result.computeIfAbsent(rs.getObject("key", UUID.class), k -> new HashMap<>())
					.computeIfAbsent(bucket.apply(rs.getObject("week", LocalDate.class)), b -> new Tally())
					.addSummary(rs);
			});
		}
		jdbc.query("select *" + daySummaries, params, rs -> {
			LocalDate day = rs.getObject("day", LocalDate.class);
			if (!unsummarised.contains(day)) {
				result.computeIfAbsent(rs.getObject("key", UUID.class), k -> new HashMap<>())
					.computeIfAbsent(bucket.apply(day), b -> new Tally()).addSummary(rs);
			}
		});
		for (LocalDate day : unsummarised) {
			jdbc.query("select *" + openingsOfDay, range(ws, day, day, zone).addValue("key", dimension.key()), rs -> {
				UUID key = column == null ? Dimension.NONE : rs.getObject(column, UUID.class);
				result.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(bucket.apply(day), b -> new Tally())
					.addOpening(rs);
			});
		}
		return Optional.of(result);
	}

	/** Whether whole months are read from their monthly summaries; for tests that compare with the days. */
	void useMonths(boolean use) {
		this.useMonths = use;
	}

	/** Whether whole weeks are read from their weekly summaries; for tests that compare with the days. */
	void useWeeks(boolean use) {
		this.useWeeks = use;
	}

	/** Up to how many openings a period is counted exactly; for tests that compare both ways. */
	void exactUpTo(long openings) {
		this.exactUpTo = openings;
	}

	/** Throws away a workspace's summaries and counts every day of it anew (after a rebuild of the openings). */
	@Transactional
	public void resummarise(UUID ws) {
		Map<String, Object> params = Map.of("ws", ws);
		jdbc.update("delete from insight_days where workspace_id = :ws", params);
		jdbc.update("delete from insight_months where workspace_id = :ws", params);
		jdbc.update("delete from insight_weeks where workspace_id = :ws", params);
		jdbc.update("delete from insight_day_changes where workspace_id = :ws", params);
		ZoneId zone = workspaces.get(ws).timeZone();
		jdbc.update("""
				insert into insight_day_zones(workspace_id, zone) values (:ws, :zone)
				on conflict (workspace_id) do update set zone = excluded.zone""", Map.of("ws", ws, "zone", zone.getId()));
		Set<LocalDate> days = new TreeSet<>();
		jdbc.query("""
				select distinct date_bin('15 minutes', opened_at, timestamptz '2000-01-01 00:00:00+00') as at
				from insight_openings where workspace_id = :ws""", params,
				rs -> {
					days.add(LocalDate.ofInstant(rs.getTimestamp("at").toInstant(), zone));
				});
		days.forEach(day -> summarise(ws, day, zone));
		days.stream().map(day -> day.withDayOfMonth(1)).distinct().forEach(month -> summariseMonth(ws, month));
		days.stream().map(DaySummaries::monday).distinct().forEach(week -> summariseWeek(ws, week));
	}

	/** The workspace's time zone; empty when the workspace is gone. */
	private Optional<ZoneId> zone(UUID ws) {
		try {
			return Optional.of(workspaces.get(ws).timeZone());
		}
		catch (NotFoundException e) {
			return Optional.empty();
		}
	}

	private static MapSqlParameterSource range(UUID ws, LocalDate from, LocalDate to, ZoneId zone) {
		return new MapSqlParameterSource().addValue("ws", ws)
			.addValue("from", Timestamp.from(from.atStartOfDay(zone).toInstant()))
			.addValue("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
	}
}

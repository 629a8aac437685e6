package org.rapport.insights;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Channel goals: what a channel is for, the measure that fits and the target a month should reach, with the
 * progress of the last twelve months — a readership takes time, so a goal is judged month by month, not by a day.
 */
@Component
public class Goals {

	public static final List<String> PURPOSES = List.of("readership", "feedback", "support", "recruiting", "donations",
			"partnerships");

	public static final List<String> MEASURES = List.of("responseRate", "answeredWithin", "medianFirstResponseHours",
			"conversations", "outcomes");

	/** What a manager sets. {@code channel}: a channel's id or key, or empty for the whole workspace. */
	public record NewGoal(String channel, String purpose, String measure, Double target, Integer hours,
			String outcomeKind) {
	}

	/** One month of a goal: the value reached ({@code null} without data) and whether it met the target. */
	public record Month(String month, Double value, Boolean met) {
	}

	public record Goal(UUID id, UUID channelId, String purpose, String measure, double target, Integer hours,
			String outcomeKind, boolean higherIsBetter, List<Month> months) {
	}

	private final NamedParameterJdbcTemplate jdbc;
	private final Metrics metrics;
	private final Workspaces workspaces;

	Goals(NamedParameterJdbcTemplate jdbc, Metrics metrics, Workspaces workspaces) {
		this.jdbc = jdbc;
		this.metrics = metrics;
		this.workspaces = workspaces;
	}

	public Goal create(CurrentUser user, NewGoal in) {
		user.requireManager();
		Channel channel = metrics.channel(user.workspaceId(), in.channel());
		UUID channelId = channel == null ? null : channel.id();
		if (in.purpose() == null || !PURPOSES.contains(in.purpose())) {
			throw new InvalidFieldException("purpose", "purpose must be one of " + String.join(", ", PURPOSES) + ", not '" + in.purpose() + "'.");
		}
		if (in.measure() == null || !MEASURES.contains(in.measure())) {
			throw new InvalidFieldException("measure", "measure must be one of " + String.join(", ", MEASURES) + ", not '" + in.measure() + "'.");
		}
		if (in.target() == null || in.target() < 0 || in.target() > 1_000_000_000d || in.target().isNaN()) {
			throw new InvalidFieldException("target", "target must be a number of at least 0.");
		}
		boolean share = in.measure().equals("responseRate") || in.measure().equals("answeredWithin");
		if (share && in.target() > 1) {
			throw new InvalidFieldException("target", "A share is a number from 0 to 1 (0.8 for 80 %).");
		}
		Integer hours = null;
		if (in.measure().equals("answeredWithin")) {
			if (in.hours() == null || in.hours() < 1 || in.hours() > 720) {
				throw new InvalidFieldException("hours", "Say within how many business hours, from 1 to 720.");
			}
			hours = in.hours();
		}
		String kind = null;
		if (in.measure().equals("outcomes")) {
			kind = in.outcomeKind() == null ? "" : in.outcomeKind().strip().toLowerCase(Locale.ROOT);
			if (!kind.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*") || kind.length() > 40) {
				throw new InvalidFieldException("outcomeKind", "Say which kind of outcome counts, such as donation.");
			}
		}
		UUID id = UUID.randomUUID();
		jdbc.update("""
				insert into insight_goals(id, workspace_id, channel_id, purpose, measure, target, hours, outcome_kind)
				values (:id, :ws, :channel, :purpose, :measure, :target, :hours, :kind)""",
				new MapSqlParameterSource().addValue("id", id).addValue("ws", user.workspaceId())
					.addValue("channel", channelId).addValue("purpose", in.purpose()).addValue("measure", in.measure())
					.addValue("target", BigDecimal.valueOf(in.target())).addValue("hours", hours).addValue("kind", kind));
		return list(user.workspaceId()).stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
	}

	public void delete(CurrentUser user, UUID id) {
		user.requireManager();
		if (jdbc.update("delete from insight_goals where workspace_id = :ws and id = :id",
				Map.of("ws", user.workspaceId(), "id", id)) == 0) {
			throw new NotFoundException("No goal " + id + " in this workspace.");
		}
	}

	/** The workspace's goals with the last twelve months each, this month last. */
	public List<Goal> list(UUID workspaceId) {
		ZoneId zone = workspaces.get(workspaceId).timeZone();
		YearMonth now = YearMonth.now(zone);
		YearMonth first = now.minusMonths(11);
		List<Goal> goals = new ArrayList<>();
		jdbc.query("select * from insight_goals where workspace_id = :ws order by created_at, id", Map.of("ws", workspaceId),
				rs -> {
					UUID channel = rs.getObject("channel_id", UUID.class);
					String measure = rs.getString("measure");
					double target = rs.getBigDecimal("target").doubleValue();
					Integer hours = (Integer) rs.getObject("hours");
					String kind = rs.getString("outcome_kind");
					boolean higherIsBetter = !measure.equals("medianFirstResponseHours");
					Map<YearMonth, Double> values = values(workspaceId, zone, first, channel, measure, hours, kind);
					List<Month> months = new ArrayList<>();
					for (YearMonth m = first; !m.isAfter(now); m = m.plusMonths(1)) {
						Double value = values.get(m);
						if (value == null && (measure.equals("conversations") || measure.equals("outcomes"))) {
							value = 0d;
						}
						Boolean met = value == null ? null : higherIsBetter ? value >= target : value <= target;
						months.add(new Month(m.toString(), value, met));
					}
					goals.add(new Goal(rs.getObject("id", UUID.class), channel, rs.getString("purpose"), measure, target,
							hours, kind, higherIsBetter, months));
				});
		return goals;
	}

	private Map<YearMonth, Double> values(UUID workspaceId, ZoneId zone, YearMonth first, UUID channel, String measure,
			Integer hours, String kind) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("ws", workspaceId)
			.addValue("zone", zone.getId())
			.addValue("from", Timestamp.from(first.atDay(1).atStartOfDay(zone).toInstant()))
			.addValue("channel", channel)
			.addValue("seconds", hours == null ? 0 : hours * 3600L)
			.addValue("kind", kind);
		String month = "date_trunc('month', %s at time zone :zone)::date";
		String sql = switch (measure) {
			case "outcomes" -> "select " + month.formatted("occurred_at") + " as m, count(*)::float8 as v from outcomes"
					+ " where workspace_id = :ws and occurred_at >= :from and kind = :kind"
					+ (channel == null ? "" : " and contact_id in (select contact_id from insight_openings"
							+ " where workspace_id = :ws and channel_id = :channel)")
					+ " group by 1";
			default -> "select " + month.formatted("opened_at") + " as m, " + switch (measure) {
				case "responseRate" -> "(count(*) filter (where needs_answer and answered_at is not null))::float8"
						+ " / nullif(count(*) filter (where needs_answer), 0)";
				case "answeredWithin" -> "(count(*) filter (where needs_answer and first_response_business_seconds <= :seconds))::float8"
						+ " / nullif(count(*) filter (where needs_answer), 0)";
				case "medianFirstResponseHours" -> "percentile_cont(0.5) within group (order by first_response_business_seconds) / 3600.0";
				default -> "count(*)::float8";
			} + " as v from insight_openings where workspace_id = :ws and opened_at >= :from"
					+ (channel == null ? "" : " and channel_id = :channel") + " group by 1";
		};
		Map<YearMonth, Double> values = new HashMap<>();
		jdbc.query(sql, params, rs -> {
			double v = rs.getDouble("v");
			if (!rs.wasNull()) {
				values.put(YearMonth.from(rs.getObject("m", LocalDate.class)), v);
			}
		});
		return values;
	}
}

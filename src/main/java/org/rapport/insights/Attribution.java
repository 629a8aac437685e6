package org.rapport.insights;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which dialogue led to the outcomes of a period: each outcome is credited to the channels of the contact's
 * conversations that began within the window before it — all to the first (first touch), all to the last (last
 * touch), or in equal parts to each (linear). Outcomes without such a conversation are counted apart.
 */
@Component
public class Attribution {

	public enum Model {
		FIRST, LAST, LINEAR;

		static Model of(String text) {
			if (text == null || text.isBlank()) {
				return LAST;
			}
			try {
				return valueOf(text.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidFieldException("model", "model must be first, last or linear, not '" + text + "'.");
			}
		}
	}

	/** Outcomes of one kind credited to one channel ({@code null}: no conversation before). */
	public record Credit(UUID channelId, String kind, double outcomes, Map<String, BigDecimal> values) {
	}

	public record Report(String model, int windowDays, long outcomes, Map<String, Long> byKind,
			Map<String, Map<String, BigDecimal>> valuesByKind, List<Credit> credits) {
	}

	private final NamedParameterJdbcTemplate jdbc;
	private final Workspaces workspaces;

	Attribution(NamedParameterJdbcTemplate jdbc, Workspaces workspaces) {
		this.jdbc = jdbc;
		this.workspaces = workspaces;
	}

	/** Parses the model and the window (1 to 365 days, default 90). */
	public static int window(String text) {
		if (text == null || text.isBlank()) {
			return 90;
		}
		try {
			int days = Integer.parseInt(text.strip());
			if (days >= 1 && days <= 365) {
				return days;
			}
		}
		catch (NumberFormatException e) {
			// refused below
		}
		throw new InvalidFieldException("window", "window must be a number of days from 1 to 365, not '" + text + "'.");
	}

	public Report report(UUID workspaceId, Metrics.Query q, String model, int windowDays) {
		Model m = Model.of(model);
		ZoneId zone = workspaces.get(workspaceId).timeZone();
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("ws", workspaceId)
			.addValue("from", Timestamp.from(q.from().atStartOfDay(zone).toInstant()))
			.addValue("to", Timestamp.from(q.to().plusDays(1).atStartOfDay(zone).toInstant()))
			.addValue("window", windowDays + " days")
			.addValue("channel", q.channelId());
		String weight = switch (m) {
			case FIRST -> "case when t.first_rank = 1 then 1.0 else 0 end";
			case LAST -> "case when t.last_rank = 1 then 1.0 else 0 end";
			case LINEAR -> "1.0 / t.n";
		};
		String sql = """
				with o as (
				  select id, kind, value, currency, contact_id, occurred_at from outcomes
				  where workspace_id = :ws and occurred_at >= :from and occurred_at < :to
				),
				t as (
				  select o.id, p.channel_id,
				    row_number() over (partition by o.id order by p.opened_at, p.conversation_id, p.seq) as first_rank,
				    row_number() over (partition by o.id order by p.opened_at desc, p.conversation_id desc, p.seq desc) as last_rank,
				    count(*) over (partition by o.id) as n
				  from o join insight_openings p on p.workspace_id = :ws and p.contact_id = o.contact_id
				    and p.opened_at <= o.occurred_at and p.opened_at > o.occurred_at - cast(:window as interval)
				),
				credited as (
				  select o.kind, o.value, o.currency, t.channel_id, case when t.id is null then 1.0 else %s end as weight
				  from o left join t on t.id = o.id
				)
				select channel_id, kind, currency, sum(weight) as outcomes, sum(weight * value) as value
				from credited where weight > 0 group by channel_id, kind, currency
				order by sum(weight) desc, kind""".formatted(weight);
		Map<String, Credit> credits = new LinkedHashMap<>();
		jdbc.query(sql, params, rs -> {
			UUID channel = rs.getObject("channel_id", UUID.class);
			if (q.channelId() != null && !q.channelId().equals(channel)) {
				return;
			}
			String kind = rs.getString("kind");
			String key = channel + "/" + kind;
			Credit before = credits.get(key);
			Map<String, BigDecimal> values = new TreeMap<>(before == null ? Map.of() : before.values());
			String currency = rs.getString("currency");
			BigDecimal value = rs.getBigDecimal("value");
			if (currency != null && value != null) {
				values.merge(currency, value.setScale(2, java.math.RoundingMode.HALF_UP), BigDecimal::add);
			}
			credits.put(key, new Credit(channel, kind, (before == null ? 0 : before.outcomes()) + rs.getDouble("outcomes"),
					values));
		});
		Map<String, Long> byKind = new TreeMap<>();
		Map<String, Map<String, BigDecimal>> valuesByKind = new TreeMap<>();
		long[] total = { 0 };
		jdbc.query("""
				select kind, currency, count(*) as n, sum(value) as value from outcomes
				where workspace_id = :ws and occurred_at >= :from and occurred_at < :to group by kind, currency""", params,
				rs -> {
					byKind.merge(rs.getString("kind"), rs.getLong("n"), Long::sum);
					total[0] += rs.getLong("n");
					if (rs.getString("currency") != null) {
						valuesByKind.computeIfAbsent(rs.getString("kind"), k -> new TreeMap<>())
							.put(rs.getString("currency"), rs.getBigDecimal("value"));
					}
				});
		return new Report(m.name().toLowerCase(Locale.ROOT), windowDays, total[0], byKind, valuesByKind,
				new ArrayList<>(credits.values()));
	}
}

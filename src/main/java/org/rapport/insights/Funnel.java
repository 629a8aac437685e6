package org.rapport.insights;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.StageChanged;
import org.rapport.contacts.Stages;
import org.rapport.contacts.Segments;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The relationship funnel: per stage of the ladder, how many contacts are on it now, and how many moved up into it
 * during a period. Kept from {@link StageChanged}, rebuilt from the contacts' history.
 */
@Component
public class Funnel {

	/**
	 * One stage.
	 *
	 * @param reached contacts that moved up into this stage, or past it, from a lower one during the period, each
	 * counted once
	 * @param now contacts on the stage today; {@code null} when a segment is asked for
	 */
	public record Step(String key, String label, long reached, Long now) {
	}

	public record Report(java.time.LocalDate from, java.time.LocalDate to, long advanced, List<Step> stages) {
	}

	private final NamedParameterJdbcTemplate jdbc;
	private final Stages stages;
	private final Segments segments;
	private final Metrics metrics;

	Funnel(NamedParameterJdbcTemplate jdbc, Stages stages, Segments segments, Metrics metrics) {
		this.jdbc = jdbc;
		this.stages = stages;
		this.segments = segments;
		this.metrics = metrics;
	}

	@EventListener
	void on(StageChanged changed) {
		insert(changed);
	}

	private void insert(StageChanged c) {
		jdbc.update("""
				insert into insight_stage_moves(workspace_id, contact_id, from_stage, to_stage, at)
				values (:ws, :contact, :from, :to, :at)""", new MapSqlParameterSource().addValue("ws", c.workspaceId())
			.addValue("contact", c.contactId()).addValue("from", c.from()).addValue("to", c.to())
			.addValue("at", Timestamp.from(c.at())));
	}

	/** Throws away the workspace's stage moves and reads them again from the contacts' history. */
	@Transactional
	public int rebuild(UUID workspaceId) {
		jdbc.update("delete from insight_stage_moves where workspace_id = :ws", Map.of("ws", workspaceId));
		int[] n = { 0 };
		stages.forEachChange(workspaceId, c -> {
			insert(c);
			n[0]++;
		});
		return n[0];
	}

	public Report report(UUID workspaceId, Metrics.Query q) {
		Stages.Ladder ladder = stages.ladder(workspaceId);
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < ladder.stages().size(); i++) {
			index.put(ladder.stages().get(i).key(), i);
		}
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("ws", workspaceId)
			.addValue("from", Timestamp.from(metrics.start(workspaceId, q)))
			.addValue("to", Timestamp.from(metrics.end(workspaceId, q)));
		String segment = "";
		if (q.segmentId() != null) {
			Segments.Selection selection = segments.selection(workspaceId, q.segmentId());
			selection.params().forEach(params::addValue);
			segment = " and m.contact_id in (" + selection.sql() + ")";
		}
		// for each contact, the lowest stage it moved up from and the highest it moved up to in the period
		Map<UUID, Integer> lowest = new HashMap<>();
		Map<UUID, Integer> highest = new HashMap<>();
		jdbc.query("select m.contact_id, m.from_stage, m.to_stage from insight_stage_moves m"
				+ " where m.workspace_id = :ws and m.at >= :from and m.at < :to" + segment, params, rs -> {
			Integer from = index.get(rs.getString(2));
			Integer to = index.get(rs.getString(3));
			if (from != null && to != null && to > from) {
				lowest.merge(rs.getObject(1, UUID.class), from, Math::min);
				highest.merge(rs.getObject(1, UUID.class), to, Math::max);
			}
		});
		long[] reached = new long[ladder.stages().size()];
		highest.forEach((contact, top) -> {
			for (int i = lowest.get(contact) + 1; i <= top; i++) {
				reached[i]++;
			}
		});
		Map<String, Long> now = q.segmentId() == null ? stages.counts(workspaceId) : null;
		List<Step> steps = new ArrayList<>();
		for (int i = 0; i < ladder.stages().size(); i++) {
			Stages.Stage stage = ladder.stages().get(i);
			steps.add(new Step(stage.key(), stage.label(), reached[i], now == null ? null : now.getOrDefault(stage.key(), 0L)));
		}
		return new Report(q.from(), q.to(), highest.size(), steps);
	}
}

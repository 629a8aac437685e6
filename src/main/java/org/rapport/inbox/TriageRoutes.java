package org.rapport.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Members;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routing by triage: a workspace's rules "assign complaints to …" and "assign data requests to …" (for instance the
 * privacy officer). The inbox applies them as conversations arrive: a conversation a batch begins, unassigned, whose
 * triage is a routed kind goes to that member ({@link InboxWriter}). Managers and owners set the rules.
 */
@Component
public class TriageRoutes {

	/** The kinds a rule may route. */
	public static final List<String> KINDS = List.of("complaint", "data-request");

	private final JdbcClient jdbc;
	private final Members members;

	TriageRoutes(JdbcClient jdbc, Members members) {
		this.jdbc = jdbc;
		this.members = members;
	}

	/** The workspace's rules: kind → member, only the kinds that have one. */
	public Map<String, UUID> of(UUID workspaceId) {
		Map<String, UUID> routes = new LinkedHashMap<>();
		jdbc.sql("select kind, assignee_id from inbox_triage_routes where workspace_id = ? order by kind").param(workspaceId)
			.query(rs -> {
				routes.put(rs.getString(1), rs.getObject(2, UUID.class));
			});
		return routes;
	}

	/**
	 * Sets the rule for a kind: new conversations of that kind go to {@code assignee}, or to nobody with {@code null}.
	 * The member must work conversations (not a viewer).
	 */
	@Transactional
	public Map<String, UUID> set(CurrentUser user, String kind, UUID assignee) {
		user.requireManager();
		if (!KINDS.contains(kind)) {
			throw new InvalidFieldException(kind == null ? "kind" : kind, "Only complaints and data requests can be routed, not '"
					+ kind + "'.");
		}
		if (assignee == null) {
			jdbc.sql("delete from inbox_triage_routes where workspace_id = ? and kind = ?").params(user.workspaceId(), kind)
				.update();
			return of(user.workspaceId());
		}
		var member = members.of(user.workspaceId(), assignee).orElseThrow(() -> new InvalidFieldException(kind,
				"User " + assignee + " is not a member of this workspace."));
		if (!member.role().canWork()) {
			throw new InvalidFieldException(kind, "A member who may only read cannot be given conversations.");
		}
		jdbc.sql("""
				insert into inbox_triage_routes (workspace_id, kind, assignee_id) values (?, ?, ?)
				on conflict (workspace_id, kind) do update set assignee_id = excluded.assignee_id""")
			.params(user.workspaceId(), kind, assignee).update();
		return of(user.workspaceId());
	}
}

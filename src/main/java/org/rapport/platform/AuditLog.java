package org.rapport.platform;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records security-relevant actions: logins, failed logins, tokens, members, channel credentials, erasures.
 */
@Component
public class AuditLog {

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(UUID workspaceId, UUID userId, String action, String detail, String ip) {
		jdbc.sql("insert into audit_log(workspace_id, user_id, action, detail, ip) values (?, ?, ?, ?, ?)")
			.params(workspaceId, userId, action, detail, IpAddresses.mask(ip))
			.update();
	}

	public List<Entry> recent(UUID workspaceId, int limit) {
		return jdbc.sql("""
				select a.at, a.action, a.detail, a.ip, coalesce(u.display_name, '') as who
				from audit_log a left join users u on u.id = a.user_id
				where a.workspace_id = ? order by a.at desc limit ?""")
			.params(workspaceId, limit)
			.query((rs, n) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("action"),
					rs.getString("detail"), rs.getString("ip"), rs.getString("who")))
			.list();
	}

	public record Entry(java.time.Instant at, String action, String detail, String ip, String who) {
	}
}

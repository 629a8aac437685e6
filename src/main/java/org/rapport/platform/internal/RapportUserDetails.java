package org.rapport.platform.internal;

import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads a user by email, acting in the workspace they last chose to work in, or else the one they joined first
 * (never one that somebody else's naming could put first). The person switches workspace in the session.
 */
@Component
class RapportUserDetails implements UserDetailsService {

	private final JdbcClient jdbc;

	RapportUserDetails(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public CurrentUser loadUserByUsername(String email) {
		return jdbc.sql("""
				select u.id, u.email, u.display_name, u.password_hash, m.workspace_id, m.role, m.epoch
				from users u join memberships m on m.user_id = u.id
				where u.email = ?
				order by (m.workspace_id = u.last_workspace_id) desc nulls last, m.joined_at, m.workspace_id
				limit 1""")
			.param(email)
			.query((rs, n) -> new CurrentUser(rs.getObject("id", UUID.class), rs.getString("email"),
					rs.getString("display_name"), rs.getObject("workspace_id", UUID.class), Role.of(rs.getString("role")),
					rs.getInt("epoch"), rs.getString("password_hash")))
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}
}

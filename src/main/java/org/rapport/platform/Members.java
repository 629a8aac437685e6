package org.rapport.platform;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Users and their roles per workspace. */
@Component
public class Members {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final JdbcClient jdbc;
	private final PasswordEncoder passwords;

	Members(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	private static final org.springframework.jdbc.core.RowMapper<Member> MEMBER = (rs, n) -> new Member(
			rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"), Role.of(rs.getString("role")));

	public boolean anyUser() {
		return jdbc.sql("select exists(select 1 from users)").query(Boolean.class).single();
	}

	/** Adds a member; a user that does not exist yet is created with the given password. */
	@Transactional
	public Member add(UUID workspaceId, String email, String displayName, String password, Role role) {
		if (email == null || !EMAIL.matcher(email.strip()).matches()) {
			throw new IllegalArgumentException("'" + email + "' is not an email address.");
		}
		UUID userId = userIdByEmail(email.strip()).orElseGet(() -> {
			if (password == null || password.length() < 10) {
				throw new IllegalArgumentException("A password needs at least 10 characters.");
			}
			UUID id = UUID.randomUUID();
			String name = displayName == null || displayName.isBlank() ? email.strip() : displayName.strip();
			jdbc.sql("insert into users(id, email, display_name, password_hash) values (?, ?, ?, ?)")
				.params(id, email.strip(), name, passwords.encode(password))
				.update();
			return id;
		});
		jdbc.sql("""
				insert into memberships(workspace_id, user_id, role) values (?, ?, ?)
				on conflict (workspace_id, user_id) do update set role = excluded.role""")
			.params(workspaceId, userId, role.key())
			.update();
		return of(workspaceId, userId).orElseThrow();
	}

	public void remove(UUID workspaceId, UUID userId) {
		jdbc.sql("delete from memberships where workspace_id = ? and user_id = ? and role <> 'owner'")
			.params(workspaceId, userId)
			.update();
	}

	public Optional<UUID> userIdByEmail(String email) {
		return jdbc.sql("select id from users where email = ?").param(email).query(UUID.class).optional();
	}

	public Optional<Member> of(UUID workspaceId, UUID userId) {
		return jdbc.sql("""
				select u.id, u.email, u.display_name, m.role from memberships m join users u on u.id = m.user_id
				where m.workspace_id = ? and m.user_id = ?""")
			.params(workspaceId, userId)
			.query(MEMBER)
			.optional();
	}

	public List<Member> of(UUID workspaceId) {
		return jdbc.sql("""
				select u.id, u.email, u.display_name, m.role from memberships m join users u on u.id = m.user_id
				where m.workspace_id = ? order by u.display_name""")
			.param(workspaceId)
			.query(MEMBER)
			.list();
	}

	/** The workspaces a user belongs to, with the role in each, by workspace name. */
	public List<Membership> workspacesOf(UUID userId) {
		return jdbc.sql("""
				select w.id, w.name, m.role from memberships m join workspaces w on w.id = m.workspace_id
				where m.user_id = ? order by w.name""")
			.param(userId)
			.query((rs, n) -> new Membership(rs.getObject("id", UUID.class), rs.getString("name"),
					Role.of(rs.getString("role"))))
			.list();
	}

	public record Membership(UUID workspaceId, String workspaceName, Role role) {
	}
}

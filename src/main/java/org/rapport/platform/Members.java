package org.rapport.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and their roles per workspace. The guarded changes ({@link #addBy}, {@link #changeRole}, {@link #remove})
 * enforce who may change whom: only owners change owners, the last owner stays, and a person who already has an
 * account is invited rather than put into a workspace. Every change raises the membership's epoch, which ends the
 * member's open sessions, and revokes their tokens in that workspace.
 */
@Component
public class Members {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s\\[\\]]+\\.[^@\\s\\[\\]]+");

	/** How long a node may act on a membership it read; changes made on this node are seen at once. */
	static final Duration STANDING_CACHE = Duration.ofSeconds(2);

	private final JdbcClient jdbc;
	private final PasswordEncoder passwords;
	private final ApiTokens tokens;
	private final Cache<Key, Optional<Standing>> standings = Caffeine.newBuilder()
		.expireAfterWrite(STANDING_CACHE)
		.maximumSize(50_000)
		.build();

	Members(JdbcClient jdbc, PasswordEncoder passwords, ApiTokens tokens) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.tokens = tokens;
	}

	private record Key(UUID workspaceId, UUID userId) {
	}

	/** A member's current role and epoch in one workspace. */
	public record Standing(Role role, int epoch) {
	}

	/** The workspaces a user belongs to, with the role in each. */
	public record Membership(UUID workspaceId, String workspaceName, Role role, int epoch) {
	}

	/** An invitation a person has not answered yet. */
	public record Invitation(UUID id, UUID workspaceId, String workspaceName, UUID userId, String email, Role role,
			String invitedBy, Instant createdAt) {
	}

	/** What adding someone did: they joined at once (a new account), or they were invited (an existing account). */
	public sealed interface Addition permits Joined, Invited {
	}

	/** @param choosesPassword no password was given: the person chooses their own through an invitation mail */
	public record Joined(Member member, boolean choosesPassword) implements Addition {
	}

	public record Invited(Invitation invitation) implements Addition {
	}

	private static final RowMapper<Member> MEMBER = (rs, n) -> new Member(rs.getObject("id", UUID.class),
			rs.getString("email"), rs.getString("display_name"), Role.of(rs.getString("role")));

	private static final RowMapper<Invitation> INVITATION = (rs, n) -> new Invitation(rs.getObject("id", UUID.class),
			rs.getObject("workspace_id", UUID.class), rs.getString("workspace_name"), rs.getObject("user_id", UUID.class),
			rs.getString("email"), Role.of(rs.getString("role")), rs.getString("invited_by"),
			rs.getTimestamp("created_at").toInstant());

	public boolean anyUser() {
		return jdbc.sql("select exists(select 1 from users)").query(Boolean.class).single();
	}

	/**
	 * Puts a person into a workspace without asking anyone: for the installation's first owner, the demo and
	 * tests. A user that does not exist yet is created with the given password. People act through {@link #addBy}.
	 */
	@Transactional
	public Member add(UUID workspaceId, String email, String displayName, String password, Role role) {
		String address = checkedEmail(email);
		UUID userId = userIdByEmail(address).orElseGet(() -> createUser(address, displayName, password));
		join(workspaceId, userId, role);
		return of(workspaceId, userId).orElseThrow();
	}

	/**
	 * Adds a person on behalf of a manager. A new address gets an account with the given password and joins at
	 * once; without a password the account has none anybody knows ({@link Joined#choosesPassword()}): the person
	 * chooses their own through the link of an invitation mail ({@link PasswordResets#invite}). An address that
	 * already has an account is invited and joins only when that person accepts.
	 *
	 * @throws ForbiddenException when the actor may not grant the role
	 * @throws IllegalArgumentException when the address or password is not acceptable
	 * @throws IllegalStateException when the person is already a member
	 */
	@Transactional
	public Addition addBy(CurrentUser actor, String email, String displayName, String password, Role role) {
		actor.requireManager();
		if (role == Role.OWNER && actor.role() != Role.OWNER) {
			throw new ForbiddenException("Only an owner can add owners.");
		}
		String address = checkedEmail(email);
		Optional<UUID> existing = userIdByEmail(address);
		if (existing.isEmpty()) {
			boolean choosesPassword = password == null || password.isEmpty();
			UUID userId = createUser(address, displayName, choosesPassword ? PasswordResets.newToken() : password);
			join(actor.workspaceId(), userId, role);
			return new Joined(of(actor.workspaceId(), userId).orElseThrow(), choosesPassword);
		}
		UUID userId = existing.get();
		if (of(actor.workspaceId(), userId).isPresent()) {
			throw new IllegalStateException(address + " is already a member; change their role in the list of members.");
		}
		UUID id = jdbc.sql("""
				insert into invitations(id, workspace_id, user_id, role, invited_by) values (?, ?, ?, ?, ?)
				on conflict (workspace_id, user_id) where answered_at is null
				do update set role = excluded.role, invited_by = excluded.invited_by, created_at = now()
				returning id""")
			.params(UUID.randomUUID(), actor.workspaceId(), userId, role.key(), actor.userId())
			.query(UUID.class)
			.single();
		return new Invited(invitation(id).orElseThrow());
	}

	/**
	 * Gives a member another role, ends their sessions and revokes their tokens in this workspace.
	 *
	 * @throws ForbiddenException when a non-owner touches an owner, or the last owner would be demoted
	 * @throws NotFoundException when the person is not a member
	 */
	@Transactional
	public Member changeRole(CurrentUser actor, UUID userId, Role role) {
		actor.requireManager();
		Member target = of(actor.workspaceId(), userId)
			.orElseThrow(() -> new NotFoundException("No member " + userId + " in this workspace."));
		if (target.role() == role) {
			return target;
		}
		guardOwners(actor, target, role == Role.OWNER);
		if (target.role() == Role.OWNER) {
			requireAnotherOwner(actor.workspaceId(), userId, "demoted");
		}
		jdbc.sql("update memberships set role = ?, epoch = epoch + 1 where workspace_id = ? and user_id = ?")
			.params(role.key(), actor.workspaceId(), userId)
			.update();
		ended(actor.workspaceId(), userId);
		return of(actor.workspaceId(), userId).orElseThrow();
	}

	/**
	 * Removes a member, ends their sessions and revokes their tokens in this workspace.
	 *
	 * @throws ForbiddenException when a non-owner removes an owner, or the last owner would go
	 * @throws NotFoundException when the person is not a member
	 */
	@Transactional
	public Member remove(CurrentUser actor, UUID userId) {
		actor.requireManager();
		Member target = of(actor.workspaceId(), userId)
			.orElseThrow(() -> new NotFoundException("No member " + userId + " in this workspace."));
		guardOwners(actor, target, false);
		if (target.role() == Role.OWNER) {
			requireAnotherOwner(actor.workspaceId(), userId, "removed");
		}
		jdbc.sql("delete from memberships where workspace_id = ? and user_id = ?")
			.params(actor.workspaceId(), userId)
			.update();
		ended(actor.workspaceId(), userId);
		return target;
	}

	/** The invitations a person has not answered, newest first. */
	public List<Invitation> invitationsFor(UUID userId) {
		return jdbc.sql(INVITATIONS + " where i.user_id = ? and i.answered_at is null order by i.created_at desc")
			.param(userId)
			.query(INVITATION)
			.list();
	}

	/** The invitations of a workspace not answered yet. */
	public List<Invitation> invitationsOf(UUID workspaceId) {
		return jdbc.sql(INVITATIONS + " where i.workspace_id = ? and i.answered_at is null order by i.created_at desc")
			.param(workspaceId)
			.query(INVITATION)
			.list();
	}

	/** Withdraws an open invitation of the actor's workspace. */
	@Transactional
	public void withdraw(CurrentUser actor, UUID invitationId) {
		actor.requireManager();
		int changed = jdbc.sql("""
				update invitations set answered_at = now(), accepted = false
				where id = ? and workspace_id = ? and answered_at is null""")
			.params(invitationId, actor.workspaceId())
			.update();
		if (changed == 0) {
			throw new NotFoundException("No open invitation " + invitationId + " in this workspace.");
		}
	}

	/**
	 * Answers one of the person's own open invitations; accepting makes them a member with the invited role.
	 *
	 * @return the membership when accepted
	 * @throws NotFoundException when the invitation is not theirs or no longer open
	 */
	@Transactional
	public Optional<Membership> answer(UUID userId, UUID invitationId, boolean accept) {
		Invitation invitation = jdbc.sql(INVITATIONS + " where i.id = ? and i.user_id = ? and i.answered_at is null for update of i")
			.params(invitationId, userId)
			.query(INVITATION)
			.optional()
			.orElseThrow(() -> new NotFoundException("No open invitation " + invitationId + " for you."));
		jdbc.sql("update invitations set answered_at = now(), accepted = ? where id = ?")
			.params(accept, invitationId)
			.update();
		if (!accept) {
			return Optional.empty();
		}
		join(invitation.workspaceId(), userId, invitation.role());
		return workspacesOf(userId).stream().filter(m -> m.workspaceId().equals(invitation.workspaceId())).findFirst();
	}

	/**
	 * The member's role and epoch as they are now; read at most {@link #STANDING_CACHE} ago on this node. Empty when
	 * the person is no longer a member.
	 */
	public Optional<Standing> standing(UUID workspaceId, UUID userId) {
		return standings.get(new Key(workspaceId, userId), k -> jdbc.sql("""
				select role, epoch from memberships where workspace_id = ? and user_id = ?""")
			.params(workspaceId, userId)
			.query((rs, n) -> new Standing(Role.of(rs.getString(1)), rs.getInt(2)))
			.optional());
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

	/**
	 * The display names of users, members now or once (a former member's name stays on what they wrote), for modules
	 * that show who wrote, was assigned or met someone. Unknown ids are left out.
	 */
	public Map<UUID, String> displayNames(Collection<UUID> userIds) {
		if (userIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, String> names = new HashMap<>();
		jdbc.sql("select id, display_name from users where id = any(?)")
			.param(userIds.stream().distinct().toArray(UUID[]::new))
			.query((rs, n) -> names.put(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		return names;
	}

	/** The workspaces a user belongs to, with the role in each, by workspace name. */
	public List<Membership> workspacesOf(UUID userId) {
		return jdbc.sql("""
				select w.id, w.name, m.role, m.epoch from memberships m join workspaces w on w.id = m.workspace_id
				where m.user_id = ? order by w.name""")
			.param(userId)
			.query((rs, n) -> new Membership(rs.getObject("id", UUID.class), rs.getString("name"),
					Role.of(rs.getString("role")), rs.getInt("epoch")))
			.list();
	}

	/** Remembers where the person chose to work, so that the next login starts there. */
	public void rememberWorkspace(UUID userId, UUID workspaceId) {
		jdbc.sql("update users set last_workspace_id = ? where id = ?").params(workspaceId, userId).update();
	}

	private static final String INVITATIONS = """
			select i.id, i.workspace_id, w.name as workspace_name, i.user_id, u.email, i.role,
			       b.display_name as invited_by, i.created_at
			from invitations i join workspaces w on w.id = i.workspace_id join users u on u.id = i.user_id
			left join users b on b.id = i.invited_by""";

	private Optional<Invitation> invitation(UUID id) {
		return jdbc.sql(INVITATIONS + " where i.id = ?").param(id).query(INVITATION).optional();
	}

	private static String checkedEmail(String email) {
		String address = email == null ? "" : email.strip();
		if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
			throw new IllegalArgumentException("'" + email + "' is not an email address.");
		}
		return address;
	}

	private UUID createUser(String email, String displayName, String password) {
		if (password == null || password.length() < 10) {
			throw new IllegalArgumentException("A password needs at least 10 characters.");
		}
		if (password.length() > 1000) {
			throw new IllegalArgumentException("A password has at most 1000 characters.");
		}
		UUID id = UUID.randomUUID();
		String name = displayName == null || displayName.isBlank() ? email : displayName.strip();
		if (name.length() > 200) {
			throw new IllegalArgumentException("A name has at most 200 characters.");
		}
		jdbc.sql("insert into users(id, email, display_name, password_hash) values (?, ?, ?, ?)")
			.params(id, email, name, passwords.encode(password))
			.update();
		return id;
	}

	private void join(UUID workspaceId, UUID userId, Role role) {
		jdbc.sql("""
				insert into memberships(workspace_id, user_id, role) values (?, ?, ?)
				on conflict (workspace_id, user_id) do update set role = excluded.role,
				  epoch = memberships.epoch + case when memberships.role = excluded.role then 0 else 1 end""")
			.params(workspaceId, userId, role.key())
			.update();
		standings.invalidate(new Key(workspaceId, userId));
	}

	private static void guardOwners(CurrentUser actor, Member target, boolean makingOwner) {
		if ((target.role() == Role.OWNER || makingOwner) && actor.role() != Role.OWNER) {
			throw new ForbiddenException("Only an owner can change or remove owners.");
		}
	}

	private void requireAnotherOwner(UUID workspaceId, UUID leaving, String what) {
		List<UUID> owners = jdbc.sql("select user_id from memberships where workspace_id = ? and role = 'owner' for update")
			.param(workspaceId)
			.query(UUID.class)
			.list();
		if (owners.stream().noneMatch(o -> !o.equals(leaving))) {
			throw new ForbiddenException("The last owner cannot be " + what + "; make another member owner first.");
		}
	}

	/**
	 * Ends every open session of a person in all their workspaces (a new password): raises the epoch of each of
	 * their memberships. Their API tokens stay; they are revoked one by one in Settings.
	 */
	void endSessionsOf(UUID userId) {
		List<UUID> workspaceIds = jdbc.sql("update memberships set epoch = epoch + 1 where user_id = ? returning workspace_id")
			.param(userId)
			.query(UUID.class)
			.list();
		workspaceIds.forEach(w -> standings.invalidate(new Key(w, userId)));
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			// a request of the person's between the update and the commit may have read the old epoch again
			org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
					new org.springframework.transaction.support.TransactionSynchronization() {
						@Override
						public void afterCommit() {
							workspaceIds.forEach(w -> standings.invalidate(new Key(w, userId)));
						}
					});
		}
	}

	private void ended(UUID workspaceId, UUID userId) {
		tokens.revokeAllOf(workspaceId, userId);
		standings.invalidate(new Key(workspaceId, userId));
	}
}

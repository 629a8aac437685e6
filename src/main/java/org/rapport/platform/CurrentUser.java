package org.rapport.platform;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person acting in one workspace, whether through the UI or an API token. Every query a request
 * makes is scoped to {@link #workspaceId()}. {@link #epoch()} is the membership's epoch when this session began: a
 * role change or removal raises it, which ends the session.
 */
public final class CurrentUser implements UserDetails, CredentialsContainer {

	private final UUID userId;
	private final String email;
	private final String displayName;
	private final UUID workspaceId;
	private final Role role;
	private final int epoch;
	private String passwordHash;

	public CurrentUser(UUID userId, String email, String displayName, UUID workspaceId, Role role, String passwordHash) {
		this(userId, email, displayName, workspaceId, role, 0, passwordHash);
	}

	public CurrentUser(UUID userId, String email, String displayName, UUID workspaceId, Role role, int epoch,
			String passwordHash) {
		this.userId = userId;
		this.email = email;
		this.displayName = displayName;
		this.workspaceId = workspaceId;
		this.role = role;
		this.epoch = epoch;
		this.passwordHash = passwordHash;
	}

	public UUID userId() {
		return userId;
	}

	public String email() {
		return email;
	}

	public String displayName() {
		return displayName;
	}

	public UUID workspaceId() {
		return workspaceId;
	}

	public Role role() {
		return role;
	}

	public int epoch() {
		return epoch;
	}

	/** Throws {@link ForbiddenException} unless this member may work on conversations and contacts. */
	public CurrentUser requireWorker() {
		if (!role.canWork()) {
			throw new ForbiddenException("Your role '" + role.key() + "' may only read in this workspace.");
		}
		return this;
	}

	/** Throws {@link ForbiddenException} unless this member may manage the workspace. */
	public CurrentUser requireManager() {
		if (!role.canManage()) {
			throw new ForbiddenException("Your role '" + role.key() + "' may not change workspace settings.");
		}
		return this;
	}

	/** The same person acting in another of their workspaces. */
	public CurrentUser inWorkspace(Members.Membership membership) {
		return new CurrentUser(userId, email, displayName, membership.workspaceId(), membership.role(),
				membership.epoch(), null);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return email;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}
}

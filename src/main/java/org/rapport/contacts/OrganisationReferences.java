package org.rapport.contacts;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Roles in organisations when contacts are merged: the survivor takes the absorbed contact's roles; where both had
 * a role in the same organisation, the survivor's counts and the other is held until an undo gives it back.
 */
@Component
class OrganisationReferences implements ContactReferences {

	private final HeldRows rows;

	OrganisationReferences(JdbcClient jdbc) {
		this.rows = new HeldRows(jdbc, "organisation_members", "organisation_id");
	}

	@Override
	public String key() {
		return "organisation_roles";
	}

	@Override
	public Set<String> tables() {
		return Set.of("organisation_members");
	}

	@Override
	public List<UUID> move(UUID workspaceId, UUID from, UUID to) {
		return rows.move(workspaceId, from, to);
	}

	@Override
	public int restore(UUID workspaceId, UUID from, UUID to, List<UUID> moved) {
		return rows.restore(workspaceId, from, to, moved);
	}
}

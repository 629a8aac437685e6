package org.rapport.contacts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Roles in organisations when contacts are merged: the survivor takes the absorbed contact's roles; where both had
 * a role in the same organisation, the survivor's counts and the other is held until an undo gives it back.
 */
@Component
class OrganisationReferences extends HeldRows {

	OrganisationReferences(JdbcClient jdbc) {
		super(jdbc, "organisation_roles", "organisation_members", "organisation_id");
	}
}

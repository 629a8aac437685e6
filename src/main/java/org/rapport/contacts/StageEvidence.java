package org.rapport.contacts;

import java.util.List;
import java.util.UUID;

import org.rapport.platform.ContactId;

/**
 * Evidence other modules hold for a contact's next stage (a meeting logged at an event, say), so that
 * {@link StageProposals} can propose it without knowing those modules. Proposals for stages not above the contact's
 * current one, or whose evidence a member dismissed, are dropped by {@link StageProposals}.
 */
public interface StageEvidence {

	/**
	 * Proposals for the contact from this module's records.
	 *
	 * @param ladder the workspace's ladder
	 * @param current the contact's current stage key
	 * @return proposals, each with an {@code evidence} string unique to its record (used to remember dismissals)
	 */
	List<StageProposal> proposals(UUID workspaceId, ContactId contactId, Stages.Ladder ladder, String current);
}

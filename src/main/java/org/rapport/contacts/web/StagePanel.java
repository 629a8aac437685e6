package org.rapport.contacts.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.StageChange;
import org.rapport.contacts.StageProposal;
import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.rapport.platform.ContactId;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** What the contact page shows about the contact's relationship stage. */
@Component
public class StagePanel {

	/**
	 * @param labels every ladder key with its label in the reader's language (default stages are translated,
	 *        configured ones shown as configured)
	 */
	public record View(String current, Map<String, String> labels, List<StageProposal> proposals, List<StageChange> history) {

		public String label(String key) {
			return labels.getOrDefault(key, key);
		}
	}

	private final Stages stages;
	private final StageProposals proposals;
	private final MessageSource messages;

	StagePanel(Stages stages, StageProposals proposals, MessageSource messages) {
		this.stages = stages;
		this.proposals = proposals;
		this.messages = messages;
	}

	View of(UUID workspaceId, UUID contactId, Locale locale) {
		Stages.Ladder ladder = stages.ladder(workspaceId);
		Map<String, String> labels = new LinkedHashMap<>();
		for (Stages.Stage s : ladder.stages()) {
			labels.put(s.key(), ladder.configured() ? s.label() : messages.getMessage("stage." + s.key(), null, s.label(), locale));
		}
		return new View(stages.current(workspaceId, ContactId.of(contactId)), labels, proposals.of(workspaceId, contactId),
				stages.history(workspaceId, contactId, 5));
	}
}

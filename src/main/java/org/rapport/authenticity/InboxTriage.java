package org.rapport.authenticity;

import java.util.List;
import java.util.UUID;

import org.rapport.inbox.Triage;
import org.rapport.inbox.TriageCorrected;
import org.rapport.inbox.TriageScreen;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The triage at the inbox's door: kind, sentiment and language of every message a person sends into the inbox
 * ({@link TriageScreen}), and learning at once from a member's correction ({@link TriageCorrected}: the corrected
 * message becomes a judgement with key {@code message:<id>}, in the same transaction).
 */
@Component
class InboxTriage implements TriageScreen {

	private final MessageTriage triage;

	InboxTriage(MessageTriage triage) {
		this.triage = triage;
	}

	@Override
	public List<Triage> triage(UUID workspaceId, List<String> texts) {
		return triage.triage(workspaceId, texts);
	}

	@EventListener
	void on(TriageCorrected corrected) {
		triage.learn(corrected.workspaceId(), corrected.memberId(), InboxSpam.KEY_PREFIX + corrected.messageId(),
				corrected.text(), corrected.corrected(), corrected.contactId());
	}
}

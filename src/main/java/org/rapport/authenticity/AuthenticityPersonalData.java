package org.rapport.authenticity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.contacts.PersonalData;
import org.springframework.stereotype.Component;

/**
 * What the team's judgements keep of a person: the text of each message of theirs that a member marked spam or not
 * spam, or whose triage a member corrected, kept so that the workspace's filter and triage can learn from it again. An access export lists them; an erasure removes
 * them and retrains the filter and the triage from the judgements that are left, so that nothing the person wrote stays in it.
 */
@Component
class AuthenticityPersonalData implements PersonalData {

	private final Judgements judgements;
	private final CommentSpam spam;
	private final MessageTriage triage;

	AuthenticityPersonalData(Judgements judgements, CommentSpam spam, MessageTriage triage) {
		this.judgements = judgements;
		this.spam = spam;
		this.triage = triage;
	}

	@Override
	public String key() {
		return "authenticity";
	}

	@Override
	public Object export(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		return Map.of("judgements", judgements.ofContact(workspaceId, contactId));
	}

	@Override
	public void erase(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		List<String> kinds = judgements.eraseContact(workspaceId, contactId);
		if (kinds.contains(Judgements.COMMENTS)) {
			spam.learn(workspaceId, null, List.of());
		}
		if (kinds.stream().anyMatch(k -> k.startsWith(Judgements.TRIAGE))) {
			triage.relearn(workspaceId);
		}
	}
}

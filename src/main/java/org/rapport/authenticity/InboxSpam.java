package org.rapport.authenticity;

import java.util.List;
import java.util.UUID;

import org.rapport.inbox.ConversationJudged;
import org.rapport.inbox.SpamScreen;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The comment spam filter at the inbox's door: scores every message a person sends into the inbox, whatever the
 * channel ({@link SpamScreen}), and learns at once from the team's "Spam" and "Not spam" in the inbox
 * ({@link ConversationJudged}): each judged message becomes a judgement of the workspace's comments (key
 * {@code message:<id>}, so judging it again replaces the earlier one) and the filter is trained anew in the same
 * transaction, so the next similar message is caught.
 */
@Component
class InboxSpam implements SpamScreen {

	static final String KEY_PREFIX = "message:";

	private final CommentSpam spam;

	InboxSpam(CommentSpam spam) {
		this.spam = spam;
	}

	@Override
	public double[] spamProbabilities(UUID workspaceId, List<String> texts) {
		return spam.probabilities(workspaceId, texts);
	}

	@EventListener
	void on(ConversationJudged judged) {
		List<Judgements.Judged> items = judged.messages().stream()
			.filter(m -> !m.text().isBlank())
			.map(m -> new Judgements.Judged(KEY_PREFIX + m.messageId(), m.text(),
					judged.spam() ? CommentSpam.SPAM : CommentSpam.HAM, judged.contactId()))
			.toList();
		if (!items.isEmpty()) {
			spam.learn(judged.workspaceId(), judged.memberId(), items);
		}
	}
}

package org.rapport.blog;

import org.rapport.channels.Channels;
import org.rapport.inbox.ReplyWritten;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A reply written in the inbox on a blog-comment conversation appears under the comment on the blog. The
 * {@code blogcomment} connector, which delivers the same reply, tells the commenter by email.
 */
@Component
class TeamReplies {

	static final String KIND = "blogcomment";

	private final Channels channels;
	private final Comments comments;

	TeamReplies(Channels channels, Comments comments) {
		this.channels = channels;
		this.comments = comments;
	}

	@ApplicationModuleListener
	void on(ReplyWritten event) {
		if (KIND.equals(channels.get(event.workspaceId(), event.channelId()).kind())) {
			comments.answer(event.workspaceId(), event.conversationId(), event.messageId());
		}
	}
}

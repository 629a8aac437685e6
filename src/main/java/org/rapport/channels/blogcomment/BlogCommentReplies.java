package org.rapport.channels.blogcomment;

import java.util.UUID;

import org.rapport.channels.OutgoingReply;

/**
 * What the blog does when the team answers a comment, implemented by the blog (the channels module may not depend
 * on it): it shows the answer under the comment and gives the closing lines of the mail to the commenter.
 */
public interface BlogCommentReplies {

	/**
	 * Puts the answer under the comment of the conversation; doing it again for the same reply changes nothing.
	 *
	 * @return whether the conversation belongs to a comment on the blog
	 */
	boolean publish(UUID workspaceId, UUID conversationId, UUID replyMessageId);

	/**
	 * The closing lines of the mail telling the commenter (their link to delete the comment and to get no more
	 * mails), {@code ""} when there is nothing to add, or {@code null} when the commenter asked for no more mails.
	 */
	String mailFooter(OutgoingReply reply);

	/** The newest comment of the conversation that waits for approval, if one does. */
	java.util.Optional<UUID> waitingComment(UUID workspaceId, UUID conversationId);
}

/**
 * Blog comments as a channel: comments and linkbacks on the workspace's blog reach the inbox on the
 * {@value org.rapport.channels.blogcomment.BlogCommentChannel#KEY} channel, and the team's answers appear under the
 * comment and reach the commenter by mail. The blog implements {@link org.rapport.channels.blogcomment.BlogCommentReplies}.
 */
@org.springframework.modulith.NamedInterface("blogcomment")
package org.rapport.channels.blogcomment;

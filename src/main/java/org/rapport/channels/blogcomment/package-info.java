/**
 * Comments on the organisation's blog as a channel: each comment is a message of an inbox conversation (one per
 * post and commenter), and the team's replies go back to the blog and, where the workspace has a mailbox, to the
 * commenter by email.
 */
package org.rapport.channels.blogcomment;

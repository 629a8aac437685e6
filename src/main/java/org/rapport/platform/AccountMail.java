package org.rapport.platform;

import java.util.UUID;

/**
 * Sends mail about a person's account (a password reset link) through a workspace's mailbox. The platform defines
 * this port; the channels module, which owns the mailboxes, implements it.
 */
public interface AccountMail {

	/**
	 * Sends a plain-text mail through the workspace's mailbox.
	 *
	 * @return empty when it was sent, else why the workspace cannot send (no mailbox, not set up, refused)
	 */
	java.util.Optional<String> send(UUID workspaceId, String to, String subject, String text);
}

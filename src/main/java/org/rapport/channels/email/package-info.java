/** The email channel: mailboxes read over IMAP (polling and IDLE) and replies sent over SMTP. */
package org.rapport.channels.email;

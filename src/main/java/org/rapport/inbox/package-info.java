/**
 * Conversations and their messages from every channel: statuses, assignment, snooze, labels, notes, canned
 * replies, response timers and full-text search.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inbox")
package org.rapport.inbox;

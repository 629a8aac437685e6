/**
 * Telegram: a bot connected with its token; private messages to it and group messages that address it read with a
 * cursor or pushed to the channel's hook with a secret, the team's answers sent to the chat as replies.
 */
package org.rapport.channels.telegram;

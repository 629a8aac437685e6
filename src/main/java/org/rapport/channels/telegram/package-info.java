/**
 * Telegram: a bot connected with its token; private messages to it and group messages that address it read with a
 * cursor or pushed to the channel's hook with a secret, the team's answers sent to the chat as replies in plain text.
 * Comments under the organisation's channel posts (in the channel's discussion group) name the post, which is kept as
 * the bot sees it, so that the inbox shows it above them.
 */
package org.rapport.channels.telegram;

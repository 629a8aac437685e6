/**
 * Mastodon, on any instance: an account connected with its instance address and an access token; mentions and
 * direct messages read from its notifications with a cursor, the team's answers posted as replies.
 */
package org.rapport.channels.mastodon;

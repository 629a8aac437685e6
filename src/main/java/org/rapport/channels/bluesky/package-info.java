/**
 * Bluesky (the AT Protocol): an account connected with its handle and an app password, or by signing in with Bluesky
 * (atproto OAuth with DPoP-bound tokens), one stored session refreshed as it expires; replies, mentions and quotes read from its notifications with a cursor, the team's answers posted as
 * replies in the thread.
 */
package org.rapport.channels.bluesky;

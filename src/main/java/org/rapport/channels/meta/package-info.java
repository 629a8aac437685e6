/**
 * Facebook pages and Instagram professional accounts through Meta's Graph API: comments on posts and direct
 * messages pushed to the channel's hook with a signature made with the app secret (and read again by a catch-up),
 * the team's answers sent under the comment or back as a direct message; the page token's expiry watched for the
 * expiry notices.
 */
package org.rapport.channels.meta;

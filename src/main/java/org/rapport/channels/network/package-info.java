/**
 * What the connectors of social networks share: JSON calls over HTTP through the SSRF guard ({@link JsonHttp}), the
 * failure every call answers with ({@link NetworkFailure}), the pause a network asks for ({@link RetryAfter}), and the
 * state Rapport keeps per connected account ({@link AccountState}). Nothing here names a network.
 */
package org.rapport.channels.network;

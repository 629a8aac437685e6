/**
 * What the connectors of social networks share: JSON calls over HTTP through the SSRF guard ({@link JsonHttp}), the
 * failure every call answers with ({@link NetworkFailure}), the pause a network asks for ({@link RetryAfter}) or its
 * answers say is due ({@link RateLimitHeaders}), the state Rapport keeps per connected account ({@link AccountState},
 * {@link AccountStates}) and what the connectors of such accounts say alike ({@link AccountConnector}). Nothing here
 * names a network.
 */
package org.rapport.channels.network;

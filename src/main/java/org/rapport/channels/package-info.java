/**
 * The connector contract every channel implements, the registry of a workspace's channels, and the ingestion
 * pipeline that turns what connectors receive into the conversations of the inbox: dedup, identity, contact, threading,
 * sanitising, persisting, indexing, announcing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channels")
package org.rapport.channels;

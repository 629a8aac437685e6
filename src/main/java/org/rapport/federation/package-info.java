/**
 * ActivityPub federation of each workspace's blog: actors, WebFinger and NodeInfo, signed inbound activities,
 * deliveries through the job queue, and Fediverse replies in the inbox and as blog comments.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Federation")
package org.rapport.federation;

/**
 * The Fediverse as a channel: replies to the workspace's blog and its actor arrive through ActivityPub on the
 * workspace's {@value org.rapport.channels.activitypub.ActivityPubChannel#KEY} channel, made with the first of them,
 * and the team's answers leave as notes. The federation module speaks the protocol and implements
 * {@link org.rapport.channels.activitypub.FediverseReplies}.
 */
@org.springframework.modulith.NamedInterface("activitypub")
package org.rapport.channels.activitypub;

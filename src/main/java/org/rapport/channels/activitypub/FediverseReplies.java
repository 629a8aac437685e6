package org.rapport.channels.activitypub;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector.Delivered;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;

/** Sends the team's answer to the Fediverse; implemented by the federation module, which speaks ActivityPub. */
public interface FediverseReplies {

	/**
	 * Answers the newest Fediverse note of the conversation with a note addressed like it.
	 *
	 * @return the note's id
	 * @throws DeliveryException when the conversation has no note to answer or its author's server is unreachable
	 */
	Delivered answer(Channel channel, OutgoingReply reply) throws DeliveryException;
}

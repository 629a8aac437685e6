package org.rapport.channels.api;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.OutgoingReply;
import org.springframework.stereotype.Component;

/**
 * Channels fed through the API have no network to send to: a reply is stored as sent and integrators read it with
 * {@code GET /api/v1/conversations/{id}/messages}.
 */
@Component
class ApiConnector implements ChannelConnector {

	@Override
	public String kind() {
		return "api";
	}

	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) {
		return Delivered.sent("api:" + reply.messageId());
	}
}

package org.rapport.channels.manual;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.OutgoingReply;
import org.springframework.stereotype.Component;

/** An answer to an offline contact happened off-line too: it is logged as outgoing, nothing is sent. */
@Component
class OfflineConnector implements ChannelConnector {

	@Override
	public String kind() {
		return "offline";
	}

	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) {
		return Delivered.logged();
	}
}

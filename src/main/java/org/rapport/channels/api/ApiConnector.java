package org.rapport.channels.api;

import java.util.Optional;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Text;
import org.springframework.stereotype.Component;

/**
 * Channels fed through the API ({@link MessagesApi}) have no network to send to: a reply is stored as sent and
 * integrators read it with {@code GET /api/v1/conversations/{id}/messages}.
 */
@Component
class ApiConnector implements ChannelConnector {

	@Override
	public String kind() {
		return "api";
	}

	@Override
	public Text name() {
		return Text.of("API", "API");
	}

	@Override
	public String icon() {
		return "M8 7l-5 5 5 5 M16 7l5 5-5 5";
	}

	@Override
	public Optional<DefaultChannel> defaultChannel() {
		return Optional.of(new DefaultChannel(kind(), name(), true));
	}

	@Override
	public Replies replies() {
		return Replies.STORED;
	}

	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) {
		return Delivered.sent("api:" + reply.messageId());
	}
}

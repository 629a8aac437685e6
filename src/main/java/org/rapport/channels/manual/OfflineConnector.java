package org.rapport.channels.manual;

import java.util.Optional;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Text;
import org.springframework.stereotype.Component;

/**
 * Contacts that happen off-line — calls, visits, letters, events — logged by hand ({@link Activities}). An answer
 * to them happened off-line too: it is logged as outgoing, nothing is sent.
 */
@Component
class OfflineConnector implements ChannelConnector {

	@Override
	public String kind() {
		return "offline";
	}

	@Override
	public Text name() {
		return Text.of("Offline", "Offline");
	}

	@Override
	public String icon() {
		return "M5 4h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2";
	}

	@Override
	public Optional<DefaultChannel> defaultChannel() {
		return Optional.of(new DefaultChannel(kind(), name(), true));
	}

	@Override
	public Replies replies() {
		return Replies.LOGGED;
	}

	@Override
	public boolean takesLoggedActivities() {
		return true;
	}

	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) {
		return Delivered.logged();
	}
}

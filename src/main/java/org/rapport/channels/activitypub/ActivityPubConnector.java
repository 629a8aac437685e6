package org.rapport.channels.activitypub;

import java.util.Optional;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Text;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The Fediverse channel. What arrives comes from the federation module's inbox; answers leave as notes through
 * {@link FediverseReplies}, queued for every inbox, so "sent" means queued (failed deliveries show under
 * Settings → Fediverse).
 */
@Component
class ActivityPubConnector implements ChannelConnector {

	static final String KIND = "activitypub";

	private final FediverseReplies fediverse;

	ActivityPubConnector(@Lazy FediverseReplies fediverse) {
		this.fediverse = fediverse;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Text name() {
		return Text.of("Fediverse", "Fediverse");
	}

	@Override
	public String icon() {
		return "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18";
	}

	@Override
	public Optional<DefaultChannel> defaultChannel() {
		return Optional.of(new DefaultChannel(ActivityPubChannel.KEY, name(), false));
	}

	@Override
	public Replies replies() {
		return Replies.OWN;
	}

	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		return fediverse.answer(channel, reply);
	}
}

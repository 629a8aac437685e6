package org.rapport.channels.network;

import java.util.function.Consumer;

import org.rapport.channels.Channel;
import org.slf4j.Logger;

/**
 * One round of a connector's recurring work (reading, catching up, checking tokens) over its channels: each channel
 * in turn; a channel whose work fails is logged and the next one still has its turn.
 */
public final class EachChannel {

	private EachChannel() {
	}

	/**
	 * @param log the logger of the connector's class, so the failure is logged where the work lives
	 * @param failure the warning, with {@code {}} for the channel's id
	 */
	public static void run(Iterable<Channel> channels, Consumer<Channel> work, Logger log, String failure) {
		for (Channel channel : channels) {
			try {
				work.accept(channel);
			}
			catch (RuntimeException e) {
				log.warn(failure, channel.id(), e);
			}
		}
	}
}

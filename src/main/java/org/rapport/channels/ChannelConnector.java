package org.rapport.channels;

import java.util.Map;

/**
 * Connects one kind of channel to Rapport. A connector receives on its own (polling, push, a public endpoint) and
 * hands what it receives to {@link Ingestion#ingest}; it sends replies when asked through {@link #deliver}.
 * Implementations are Spring beans, found by {@link #kind()}; nothing outside a connector names its network.
 */
public interface ChannelConnector {

	/** The channel kind this connector serves, e.g. {@code "email"}. */
	String kind();

	/**
	 * Sends a reply through the channel.
	 *
	 * @return the channel's id for the sent message (a Message-ID, a post id), or {@code null} if it has none
	 * @throws DeliveryException when the message did not leave; {@link DeliveryException#retryable()} says whether
	 * trying again later may help. A connector for a network that cannot deduplicate must not retry by itself.
	 */
	Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException;

	/** Checks settings before a channel is saved; throws {@link IllegalArgumentException} with a readable reason. */
	default Map<String, String> validate(Map<String, String> config) {
		return config;
	}

	/** The outcome of a delivery: the channel's id for the message and how it left ({@code sent} or {@code logged}). */
	record Delivered(String externalId, String delivery) {

		public static Delivered sent(String externalId) {
			return new Delivered(externalId, "sent");
		}

		public static Delivered logged() {
			return new Delivered(null, "logged");
		}
	}
}

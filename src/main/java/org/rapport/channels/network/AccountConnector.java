package org.rapport.channels.network;

import java.util.Optional;
import java.util.function.Consumer;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector.Health;
import org.rapport.channels.ChannelConnector.Readiness;
import org.rapport.channels.ChannelConnector.Replies;
import org.rapport.channels.Text;

/**
 * What a connector of an account on a social network shares with the others, for a connector that extends it and
 * implements {@link org.rapport.channels.ChannelConnector}: the channel counts as a social network, answers on its
 * own network, fetches by polling (also when asked to sync now), and can send as long as its network takes the
 * account's token or session; otherwise it needs a reconnect.
 */
public abstract class AccountConnector {

	private final String kind;
	private final Consumer<Channel> poll;
	private final Text rejected;

	/**
	 * @param kind the channel kind the connector serves
	 * @param poll fetches what is new on a channel now
	 * @param rejected the problem in words when the network no longer takes the account's credentials
	 */
	protected AccountConnector(String kind, Consumer<Channel> poll, Text rejected) {
		this.kind = kind;
		this.poll = poll;
		this.rejected = rejected;
	}

	/** The account's state as its network's table keeps it, empty before the channel was first read. */
	protected abstract Optional<AccountState> state(Channel channel);

	/** Whether the network no longer takes the account's credentials, so that the channel needs a reconnect. */
	protected boolean rejected(Channel channel) {
		return state(channel).map(s -> !s.connected()).orElse(false);
	}

	public String kind() {
		return kind;
	}

	public boolean socialNetwork() {
		return true;
	}

	public Replies replies() {
		return Replies.OWN;
	}

	public boolean fetches() {
		return true;
	}

	public boolean sync(Channel channel) {
		poll.accept(channel);
		return true;
	}

	/** Ready, or "reconnect" when the network no longer takes the account's credentials. */
	public Readiness readiness(Channel channel) {
		return AccountState.readiness(rejected(channel), rejected, channel.id());
	}

	/** The account's standing as its table keeps it, without a known expiry of its credentials. */
	public Health health(Channel channel) {
		return state(channel).map(s -> s.health(null)).orElse(Health.UNKNOWN);
	}
}

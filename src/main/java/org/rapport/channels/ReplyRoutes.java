package org.rapport.channels;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.ChannelConnector.Delivered;
import org.rapport.channels.ChannelConnector.Readiness;
import org.rapport.channels.ChannelConnector.Replies;
import org.rapport.contacts.IdentityKind;
import org.rapport.inbox.ReplyCheck;
import org.rapport.platform.ChannelId;
import org.rapport.platform.ConversationId;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Picks the way back for a reply, from what each connector declares: through the channel's own connector, or by
 * mail through the workspace's mailbox for kinds without a way back of their own, plus the mail some kinds send
 * after their own delivery. Connectors never call each other; this is the one place that combines them.
 */
@Component
public class ReplyRoutes implements ReplyCheck {

	static final String SETTINGS = "/settings/channels";

	private final Channels channels;

	ReplyRoutes(@Lazy Channels channels) {
		this.channels = channels;
	}

	/** The channel that carries the workspace's mail: the first switched-on channel whose kind carries mail. */
	public Optional<Channel> mailbox(UUID workspaceId) {
		return channels.of(workspaceId).stream()
			.filter(c -> c.enabled() && channels.connector(c.kind()).carriesMail())
			.findFirst();
	}

	/**
	 * Whether a reply on the channel can leave now and, if not, what is missing: settings the connector needs, the
	 * channel switched off, or no mailbox for a kind whose replies go by mail.
	 */
	public Readiness readiness(Channel channel) {
		ChannelConnector connector = channels.connector(channel.kind());
		if (connector.replies() == Replies.BY_MAIL) {
			return mailbox(channel.workspaceId()).map(this::ownReadiness).orElseGet(this::noMailbox);
		}
		return ownReadiness(channel);
	}

	@Override
	public boolean sends(UUID workspaceId, ChannelId channelId) {
		return channels.connector(channels.get(workspaceId, channelId.value()).kind()).replies() != Replies.LOGGED;
	}

	@Override
	public Optional<ReplyCheck.Notice> notice(UUID workspaceId, ChannelId channelId, ConversationId conversationId,
			Locale locale) {
		Channel channel = channels.get(workspaceId, channelId.value());
		return channels.connector(channel.kind()).noticeFor(channel, conversationId.value())
			.map(n -> new ReplyCheck.Notice(n.text().in(locale), n.actions().stream()
				.map(a -> new ReplyCheck.Action(a.label().in(locale), a.path())).toList()));
	}

	/**
	 * What the channel's own connector lets a reply in the conversation carry, or for a kind whose replies go by mail
	 * what the mailbox's kind carries.
	 */
	@Override
	public Files files(UUID workspaceId, ChannelId channelId, ConversationId conversationId) {
		Channel channel = channels.get(workspaceId, channelId.value());
		ChannelConnector connector = channels.connector(channel.kind());
		return switch (connector.replies()) {
			case OWN -> connector.replyFiles(channel, conversationId.value());
			case BY_MAIL -> mailbox(workspaceId).map(m -> channels.connector(m.kind()).replyFiles()).orElse(Files.NONE);
			case LOGGED, STORED -> Files.NONE;
		};
	}

	@Override
	public Optional<String> signature(UUID workspaceId, ChannelId channelId) {
		return channels.signature(workspaceId, channelId.value());
	}

	@Override
	public Optional<Warning> before(UUID workspaceId, ChannelId channelId, Locale locale) {
		Readiness readiness = readiness(channels.get(workspaceId, channelId.value()));
		return readiness.ready() ? Optional.empty() : Optional.of(new Warning(readiness.problem().in(locale),
				readiness.fix().in(locale), readiness.fixPath()));
	}

	private Readiness ownReadiness(Channel channel) {
		Readiness own = channels.connector(channel.kind()).readiness(channel);
		if (!own.ready() || channel.enabled()) {
			return own;
		}
		return Readiness.missing(Text.of("The channel is switched off, so nothing leaves through it.",
				"Der Kanal ist ausgeschaltet, darüber geht nichts hinaus."),
				Text.of("Switch it on", "Einschalten"), SETTINGS);
	}

	private Readiness noMailbox() {
		String connect = channels.connectors().stream().filter(ChannelConnector::carriesMail).findFirst()
			.map(c -> SETTINGS + "#connect-" + c.kind()).orElse(SETTINGS);
		return Readiness.missing(Text.of("Connect a mailbox (Settings → Channels): replies on this channel leave by email.",
				"Verbinden Sie ein Postfach (Einstellungen → Kanäle): Antworten auf diesem Kanal gehen per E-Mail hinaus."),
				Text.of("Connect a mailbox", "Postfach verbinden"), connect);
	}

	/**
	 * Sends a reply the way its channel's kind says.
	 *
	 * @throws DeliveryException when it did not leave; a channel that is not ready fails retryably, so a reply
	 * written before the mailbox was connected leaves once it is
	 */
	public Delivered send(Channel channel, OutgoingReply reply) throws DeliveryException {
		Readiness readiness = readiness(channel);
		if (!readiness.ready()) {
			throw new DeliveryException(readiness.problem().en(), true, null);
		}
		ChannelConnector connector = channels.connector(channel.kind());
		if (connector.replies() == Replies.BY_MAIL) {
			Channel mailbox = mailbox(channel.workspaceId()).orElseThrow();
			return channels.connector(mailbox.kind()).deliver(mailbox, reply);
		}
		Delivered delivered = connector.deliver(channel, reply);
		OutgoingReply mail = delivered.alsoByMail();
		Optional<Channel> mailbox = mail == null ? Optional.empty() : mailbox(channel.workspaceId());
		if (mailbox.isEmpty() || mail.first(IdentityKind.EMAIL).isEmpty()) {
			return new Delivered(delivered.externalId(), delivered.delivery(), null);
		}
		try {
			Delivered mailed = channels.connector(mailbox.get().kind()).deliver(mailbox.get(), mail);
			return new Delivered(delivered.externalId() == null ? mailed.externalId() : delivered.externalId(),
					delivered.delivery(), null);
		}
		catch (DeliveryException e) {
			throw new DeliveryException("The answer is on the channel, but the mail telling the person did not leave: "
					+ e.getMessage(), e.retryable(), e);
		}
	}
}

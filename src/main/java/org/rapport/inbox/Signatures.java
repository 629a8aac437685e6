package org.rapport.inbox;

import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.Accounts;
import org.rapport.platform.ChannelId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspaces;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which signature goes under a reply: the channel's, if a manager set one (with {@code {name}} and
 * {@code {workspace}} filled in), else the replying member's own, else none. Notes never get one. The signature is
 * part of the stored body, so what was sent is what the conversation shows.
 */
@Component
public class Signatures {

	private final ReplyCheck replyCheck;
	private final Accounts accounts;
	private final Workspaces workspaces;
	private final Conversations conversations;

	Signatures(@Lazy ReplyCheck replyCheck, Accounts accounts, Workspaces workspaces, Conversations conversations) {
		this.replyCheck = replyCheck;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.conversations = conversations;
	}

	/** The signature a reply by the member on the channel gets; empty when none applies. */
	public Optional<String> forReply(CurrentUser user, UUID channelId) {
		Optional<String> channel = replyCheck.signature(user.workspaceId(), ChannelId.of(channelId)).filter(s -> !s.isBlank());
		if (channel.isPresent()) {
			return channel.map(template -> fill(template, user.displayName(), workspaces.get(user.workspaceId()).name()));
		}
		return accounts.signature(user.userId());
	}

	/**
	 * The body as it is written: with a blank line and the signature under it when {@code sign} is asked for, the
	 * message is a reply and a signature applies; otherwise as it came. A body that already ends with the signature
	 * (a planned reply taken back into the composer) gets it only once.
	 */
	public String sign(CurrentUser user, UUID conversationId, String body, String kind, boolean sign) {
		if (!sign || !"reply".equals(kind) || body == null || body.isBlank()) {
			return body;
		}
		UUID channelId = conversations.get(user.workspaceId(), conversationId).summary().channel().id();
		String text = body.stripTrailing();
		return forReply(user, channelId)
			.map(signature -> text.replace("\r\n", "\n").endsWith("\n\n" + signature) ? body : text + "\n\n" + signature)
			.orElse(body);
	}

	/** The channel's signature with {@code {name}} and {@code {workspace}} replaced. */
	static String fill(String template, String memberName, String workspaceName) {
		return template.replace("{name}", memberName == null ? "" : memberName)
			.replace("{workspace}", workspaceName == null ? "" : workspaceName);
	}
}

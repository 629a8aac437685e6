package org.rapport.blog;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.blogcomment.BlogCommentChannel;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.Workspaces;
import org.springframework.stereotype.Component;

/**
 * Brings verified linkbacks into the inbox through the workspace's blog-comments channel: one conversation per post
 * and linking site, whose contact is the site ({@code handle:web}, its host). A changed title or excerpt arrives as a
 * new message; the same again is recognised and dropped by ingestion. Without an enabled channel nothing arrives.
 */
@Component
class LinkbackInbox {

	private final Channels channels;
	private final Ingestion ingestion;
	private final Posts posts;
	private final BlogSettings settings;
	private final Workspaces workspaces;

	LinkbackInbox(Channels channels, Ingestion ingestion, Posts posts, BlogSettings settings, Workspaces workspaces) {
		this.channels = channels;
		this.ingestion = ingestion;
		this.posts = posts;
		this.settings = settings;
		this.workspaces = workspaces;
	}

	/** Delivers a verified linkback; answers the conversation when a new message was stored. */
	Optional<UUID> deliver(Linkbacks.Linkback linkback, String title, String excerpt, String author) {
		Optional<Channel> channel = channels.byKey(linkback.workspaceId(), BlogCommentChannel.KEY).filter(Channel::enabled);
		if (channel.isEmpty()) {
			return Optional.empty();
		}
		Post post = posts.get(linkback.workspaceId(), linkback.postId());
		boolean english = "en".equals(settings.of(workspaces.get(linkback.workspaceId())).language());
		String label = switch (linkback.kind()) {
			case "pingback" -> "Pingback";
			case "trackback" -> "Trackback";
			default -> "Webmention";
		};
		String subject = english ? label + " on “" + post.title() + "”" : label + " zu „" + post.title() + "“";
		String host = URI.create(linkback.source()).getHost().toLowerCase(Locale.ROOT);
		String body = (title.isEmpty() ? "" : title + "\n\n") + (excerpt.isEmpty() ? "" : excerpt + "\n\n") + linkback.source();
		String externalId = "linkback:" + linkback.id() + ":" + Integer.toHexString(Objects.hash(title, excerpt));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("post", linkback.target());
		headers.put("source", linkback.source());
		headers.put("linkback", linkback.kind());
		InboundMessage message = new InboundMessage(externalId, "linkback:" + post.id() + ":" + host, List.of(),
				new IdentityClaim(IdentityKind.handle("web"), host, author.isEmpty() ? host : author), null, subject, body,
				false, null, "in", "message", null, List.of(), headers);
		return Optional.ofNullable(ingestion.ingest(channel.get(), List.of(message)).conversationIds().get(externalId));
	}
}

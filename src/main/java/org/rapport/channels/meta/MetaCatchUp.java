package org.rapport.channels.meta;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.network.EachChannel;
import org.rapport.contacts.IdentityClaim;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Reads, every quarter of an hour ({@code rapport.meta.catch-up-interval}) and at
 * {@code POST /api/v1/channels/{id}/sync}, what a page's or Instagram account's webhook may have missed while Rapport
 * could not be reached: the comments of its latest posts and its latest direct messages, with the same ids as their
 * webhook deliveries, so that nothing is stored twice. It is recurring work of the one background engine, one node
 * at a time.
 */
@Component
class MetaCatchUp {

	private static final Logger log = LoggerFactory.getLogger(MetaCatchUp.class);

	/** How many of the latest posts, and of the latest comments of each, are read. */
	static final int POSTS = 10;
	static final int COMMENTS = 25;

	/** How many of the latest conversations, and of the latest messages of each, are read. */
	static final int CONVERSATIONS = 10;
	static final int MESSAGES = 10;

	/** Graph's way of writing a time in fields it is asked for: {@code 2026-12-01T09:13:20+0000}. */
	private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

	private final Channels channels;
	private final List<MetaConnector> connectors;

	MetaCatchUp(Channels channels, List<MetaConnector> connectors) {
		this.channels = channels;
		this.connectors = connectors;
	}

	@Bean
	RecurringWork metaCatchUpRecurring(@Value("${rapport.meta.catch-up-interval:15m}") Duration interval) {
		return RecurringWork.every("meta-catch-up", interval, this::catchUpAll);
	}

	void catchUpAll() {
		for (MetaConnector connector : connectors) {
			EachChannel.run(channels.enabledOfKind(connector.kind()), connector::catchUp, log,
					connector.network() + " channel {} could not be read");
		}
	}

	/** A time as Graph writes it in fields (ISO 8601, the offset with or without a colon); now when unreadable. */
	static Instant time(String value) {
		try {
			return OffsetDateTime.parse(value, GRAPH_TIME).toInstant();
		}
		catch (DateTimeParseException e) {
			try {
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException again) {
				return Instant.now();
			}
		}
	}

	/**
	 * The messages people wrote in the page's conversations ({@code GET /{page-id}/conversations} with
	 * {@code messages{id,message,from,created_time}}); the page's and the account's own are passed over.
	 */
	static List<MetaWebhooks.Event> messages(JsonNode conversations, String accountId, String pageId, String identity,
			String network) {
		List<MetaWebhooks.Event> events = new ArrayList<>();
		for (JsonNode conversation : conversations.path("data")) {
			for (JsonNode message : conversation.path("messages").path("data")) {
				String id = message.path("id").asString("");
				JsonNode from = message.path("from");
				String sender = from.path("id").asString("");
				if (id.isEmpty() || sender.isEmpty() || sender.equals(accountId) || sender.equals(pageId)) {
					continue;
				}
				String body = message.path("message").asString("");
				if (body.isBlank()) {
					body = "[Nachricht ohne Text · message without text]";
				}
				String name = from.path("name").asString(from.path("username").asString(""));
				String firstLine = body.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
				firstLine = firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine;
				Map<String, String> headers = new LinkedHashMap<>();
				headers.put("senderId", sender);
				headers.put("via", network.equals("Instagram") ? "Instagram Direct" : "Messenger");
				events.add(new MetaWebhooks.Event(new InboundMessage(id, MetaWebhooks.DM_THREAD + sender, List.of(),
						new IdentityClaim(identity, sender, name), null, firstLine, body, false,
						time(message.path("created_time").asString("")), "in", "message", null, List.of(), headers), null));
			}
		}
		return events;
	}

	/**
	 * A comment read from Graph as its webhook delivery has it.
	 *
	 * @param parent the comment it answers, or {@code ""}
	 */
	static MetaWebhooks.Event comment(String id, String postId, String parent, String senderId, JsonNode from,
			String text, Instant at, String identity) {
		String name = from.path("name").asString(from.path("username").asString(""));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("postId", postId);
		headers.put("senderId", senderId);
		if (!parent.isEmpty()) {
			headers.put("parentId", parent);
		}
		return new MetaWebhooks.Event(new InboundMessage(id, MetaWebhooks.POST_THREAD + postId,
				parent.isEmpty() ? List.of() : List.of(parent),
				new IdentityClaim(identity, senderId, name).withProfile(MetaWebhooks.profile(from)), null, "",
				text.isBlank() ? "[Kommentar ohne Text · comment without text]" : text, false, at, "in", "message", null,
				List.of(), headers), postId);
	}
}

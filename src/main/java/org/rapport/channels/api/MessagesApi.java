package org.rapport.channels.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.SaneDates;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/messages}: one message, or {@code {"messages": [...]}} with up to 1000. A batch is stored
 * whole or not at all; a 2xx answer means every accepted message is durably stored. Posting the same
 * (channel, externalId) again is harmless and counted as a duplicate.
 */
@RestController
@Tag(name = "Messages", description = "Inbound messages from your own systems")
class MessagesApi {

	/** The longest message body, in characters. */
	static final int MAX_BODY = 200_000;

	private final Channels channels;
	private final Ingestion ingestion;

	MessagesApi(Channels channels, Ingestion ingestion) {
		this.channels = channels;
		this.ingestion = ingestion;
	}

	record Accepted(int accepted, int duplicates) {
	}

	@PostMapping(path = "/api/v1/messages", consumes = "application/json")
	@Operation(summary = "Post messages into the inbox",
			description = "A message is {\"channel\": \"api\", \"externalId\", \"threadKey\"?, \"from\": {\"handle\", \"name\"?}, "
					+ "\"subject\"?, \"body\", \"sentAt\"?, \"html\"?}. Messages with the same threadKey on a channel form one conversation.")
	ResponseEntity<Accepted> post(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
		user.requireWorker();
		List<JsonNode> items = new ArrayList<>();
		if (body.has("messages")) {
			JsonNode array = body.get("messages");
			if (!array.isArray()) {
				throw new IllegalArgumentException("'messages' must be an array.");
			}
			array.forEach(items::add);
		}
		else if (body.isObject()) {
			items.add(body);
		}
		else {
			throw new IllegalArgumentException("Send one message object or {\"messages\": [...]}.");
		}
		if (items.isEmpty()) {
			throw new IllegalArgumentException("'messages' is empty.");
		}
		if (items.size() > Ingestion.MAX_BATCH) {
			throw new IllegalArgumentException("At most " + Ingestion.MAX_BATCH + " messages per call, not " + items.size() + ".");
		}
		Map<Channel, List<InboundMessage>> byChannel = new java.util.LinkedHashMap<>();
		Map<String, Channel> known = new java.util.HashMap<>();
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			String where = items.size() == 1 ? "" : "messages[" + i + "]";
			try {
				String key = text(item, "channel", true);
				Channel channel = known.computeIfAbsent(key, k -> channels.byKey(user.workspaceId(), k)
					.filter(c -> c.kind().equals("api") && c.enabled())
					.orElseThrow(() -> new InvalidFieldException("channel", "unknown channel '" + k
							+ "'; the workspace's API channels are " + apiChannels(user) + ".")));
				byChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(parse(item, channel));
			}
			catch (InvalidFieldException e) {
				throw where.isEmpty() ? e : new InvalidFieldException(where + "." + e.field(), where + ": " + e.getMessage());
			}
			catch (IllegalArgumentException e) {
				throw where.isEmpty() ? e : new InvalidFieldException(where, where + ": " + e.getMessage());
			}
		}
		// All channels' messages in one transaction: a failure stores none of them.
		Ingestion.Result result = ingestion.ingestAll(byChannel);
		return ResponseEntity.status(result.accepted() > 0 ? 201 : 200)
			.body(new Accepted(result.accepted(), result.duplicates()));
	}

	private List<String> apiChannels(CurrentUser user) {
		return channels.of(user.workspaceId()).stream().filter(c -> c.kind().equals("api")).map(Channel::key).toList();
	}

	private static InboundMessage parse(JsonNode item, Channel channel) {
		String externalId = text(item, "externalId", true);
		if (externalId.length() > 500) {
			throw new InvalidFieldException("externalId", "externalId may have at most 500 characters.");
		}
		JsonNode from = item.get("from");
		if (from == null || !from.isObject()) {
			throw new InvalidFieldException("from", "'from' must be an object with a 'handle'.");
		}
		String handle = text(from, "from.handle", "handle", true);
		String name = text(from, "from.name", "name", false);
		String kind = Identities.isEmail(handle) ? IdentityKind.EMAIL
				: Identities.looksLikePhone(handle) ? IdentityKind.PHONE : IdentityKind.handle(channel.key());
		IdentityClaim claim = new IdentityClaim(kind, handle, name);
		try {
			claim.normalised();
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException("from.handle", e.getMessage());
		}
		String body = text(item, "body", true);
		if (body.length() > MAX_BODY) {
			throw new InvalidFieldException("body", "body has " + body.length() + " characters; at most " + MAX_BODY + " are allowed.");
		}
		String threadKey = text(item, "threadKey", false);
		if (threadKey != null && threadKey.length() > 500) {
			throw new InvalidFieldException("threadKey", "threadKey may have at most 500 characters.");
		}
		String subject = text(item, "subject", false);
		Instant sentAt = null;
		String sent = text(item, "sentAt", false);
		if (sent != null) {
			try {
				sentAt = Instant.parse(sent);
			}
			catch (DateTimeParseException e) {
				throw new InvalidFieldException("sentAt", "sentAt '" + sent + "' is not an ISO-8601 instant like 2026-05-04T10:15:00Z.");
			}
			SaneDates.require("sentAt", sentAt);
		}
		JsonNode html = item.get("html");
		if (html != null && !html.isNull() && !html.isBoolean()) {
			throw new InvalidFieldException("html", "'html' must be true or false.");
		}
		return InboundMessage.message(externalId, threadKey, claim, subject, body, html != null && html.asBoolean(), sentAt);
	}

	private static String text(JsonNode node, String field, boolean required) {
		return text(node, field, field, required);
	}

	private static String text(JsonNode node, String path, String field, boolean required) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidFieldException(path, "'" + field + "' is required.");
			}
			return null;
		}
		if (!value.isString() && !value.isIntegralNumber()) {
			throw new InvalidFieldException(path, "'" + field + "' must be a string.");
		}
		String text = value.asString();
		if (required && text.isBlank()) {
			throw new InvalidFieldException(path, "'" + field + "' must not be empty.");
		}
		return text;
	}
}

package org.rapport.channels.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.contacts.PublicProfile;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.SaneDates;
import org.rapport.platform.ValidInput;
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
	private final ValidInput valid;

	MessagesApi(Channels channels, Ingestion ingestion, ValidInput valid) {
		this.channels = channels;
		this.ingestion = ingestion;
		this.valid = valid;
	}

	record Accepted(int accepted, int duplicates) {
	}

	@PostMapping(path = "/api/v1/messages", consumes = "application/json")
	@Operation(summary = "Post messages into the inbox",
			description = "A message is {\"channel\": \"api\", \"externalId\", \"threadKey\"?, \"from\": {\"handle\", \"name\"?}, "
					+ "\"subject\"?, \"body\", \"sentAt\"?, \"html\"?, \"automated\"?, \"direction\"?}. Messages with the same threadKey on a "
					+ "channel form one conversation. \"automated\": true marks a message a machine sent (an auto-reply, a bot): it does not "
					+ "wait for an answer. \"direction\": \"out\" records an answer your own systems already sent to the person named in "
					+ "\"to\" (then \"from\" may be left out); it counts as an answer in the response figures.")
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
			String where = items.size() == 1 ? "" : "messages[" + i + "]";
			try {
				MessageInput input = valid.read(items.get(i), MessageInput.class, where);
				Channel channel = known.computeIfAbsent(input.channel(), k -> channels.byKey(user.workspaceId(), k)
					.filter(c -> c.kind().equals("api") && c.enabled())
					.orElseThrow(() -> new InvalidFieldException("channel", "unknown channel '" + k
							+ "'; the workspace's API channels are " + apiChannels(user) + ".")));
				byChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(input.toMessage(channel));
			}
			catch (InvalidFieldException e) {
				throw where.isEmpty() || e.field().startsWith(where) ? e
						: new InvalidFieldException(where + "." + e.field(), where + ": " + e.getMessage());
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

	/** One message as the API takes it; checked with Bean Validation before anything is stored. */
	record MessageInput(@NotBlank String channel, @NotBlank @Size(max = 500) String externalId,
			@Size(max = 500) String threadKey, @Valid Sender from, @Valid Sender to, String subject,
			@NotBlank @Size(max = MAX_BODY) String body, String sentAt, Boolean html, Boolean automated,
			@Pattern(regexp = "in|out", message = "must be 'in' or 'out'") String direction) {

		InboundMessage toMessage(Channel channel) {
			boolean out = "out".equals(direction);
			Sender contact = out ? to : from;
			if (contact == null) {
				throw new InvalidFieldException(out ? "to" : "from", out ? "A message going out needs 'to': whom it went to."
						: "A message needs 'from': who sent it.");
			}
			InboundMessage message = message(channel, contact, out);
			return message.automated(Boolean.TRUE.equals(automated));
		}

		private InboundMessage message(Channel channel, Sender from, boolean out) {
			String field = out ? "to.handle" : "from.handle";
			String kind = Identities.isEmail(from.handle()) ? IdentityKind.EMAIL
					: Identities.looksLikePhone(from.handle()) ? IdentityKind.PHONE : IdentityKind.handle(channel.key());
			IdentityClaim claim = new IdentityClaim(kind, from.handle(), from.name())
				.withProfile(from.profile() == null ? null : from.profile().toProfile(out ? "to.profile" : "from.profile"));
			try {
				claim.normalised();
			}
			catch (IllegalArgumentException e) {
				throw new InvalidFieldException(field, e.getMessage());
			}
			Instant sent = null;
			if (sentAt != null) {
				try {
					sent = Instant.parse(sentAt);
				}
				catch (DateTimeParseException e) {
					throw new InvalidFieldException("sentAt", "sentAt '" + sentAt + "' is not an ISO-8601 instant like 2026-05-04T10:15:00Z.");
				}
				SaneDates.require("sentAt", sent);
			}
			InboundMessage in = InboundMessage.message(externalId, threadKey, claim, subject, body, Boolean.TRUE.equals(html), sent);
			return !out ? in : new InboundMessage(in.externalId(), in.threadKey(), in.references(), in.from(), null,
					in.subject(), in.body(), in.html(), in.sentAt(), "out", "reply", null, List.of(), Map.of());
		}
	}

	/**
	 * Who sent a message (or, going out, whom it went to): an email address, a phone number or a handle on the channel. A long name is shortened,
	 * not refused, as text that arrives with messages is.
	 */
	record Sender(@NotBlank String handle, String name, @Valid ProfileInput profile) {
	}

	/**
	 * What the sender's network shows publicly of the account, when the integration read it: stored with the
	 * identity and shown on the contact's page; parts left out keep what was known.
	 */
	record ProfileInput(@Size(max = PublicProfile.MAX_TEXT) String handle, @Size(max = PublicProfile.MAX_TEXT) String name,
			@Size(max = PublicProfile.MAX_TEXT) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) address") String avatarUrl,
			@Size(max = PublicProfile.MAX_BIO) String bio,
			@Size(max = PublicProfile.MAX_TEXT) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) address") String url,
			@PositiveOrZero Long followers, @PositiveOrZero Long following, @PositiveOrZero Long posts, String createdAt,
			Boolean bot) {

		PublicProfile toProfile(String field) {
			Instant created = null;
			if (createdAt != null) {
				try {
					created = Instant.parse(createdAt);
				}
				catch (DateTimeParseException e) {
					throw new InvalidFieldException(field + ".createdAt", "createdAt '" + createdAt
							+ "' is not an ISO-8601 instant like 2019-05-04T10:15:00Z.");
				}
				SaneDates.require(field + ".createdAt", created);
			}
			return new PublicProfile(handle, name, avatarUrl, bio, url, followers, following, posts, created, bot);
		}
	}
}

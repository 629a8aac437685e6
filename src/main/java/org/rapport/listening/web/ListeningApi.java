package org.rapport.listening.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.listening.Heard;
import org.rapport.listening.Hit;
import org.rapport.listening.Listening;
import org.rapport.listening.Monitor;
import org.rapport.listening.Monitors;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Listening as JSON: the workspace's monitors, its hits page by page, and what the team does with a hit (share,
 * dismiss, answer). Managers and owners keep the monitors; everyone who works conversations acts on hits.
 */
@RestController
@Tag(name = "Listening")
class ListeningApi {

	private final Monitors monitors;
	private final Heard heard;
	private final Listening listening;
	private final AuditLog audit;

	ListeningApi(Monitors monitors, Heard heard, Listening listening, AuditLog audit) {
		this.monitors = monitors;
		this.heard = heard;
		this.listening = listening;
		this.audit = audit;
	}

	record MonitorList(List<Monitor> items) {
	}

	@GetMapping("/api/v1/listening/monitors")
	@Operation(summary = "The workspace's monitors: what it listens for")
	MonitorList monitors(@AuthenticationPrincipal CurrentUser me) {
		return new MonitorList(monitors.of(me.workspaceId()));
	}

	@PostMapping("/api/v1/listening/monitors")
	@Operation(summary = "Adds a monitor: words, #hashtags, prefixes* and phrases (any, all, phrases, exclude), languages, channels, an hourly alert")
	ResponseEntity<Monitor> create(@AuthenticationPrincipal CurrentUser me, @RequestBody Monitors.Draft body,
			HttpServletRequest request) {
		Monitor created = monitors.create(me, body);
		audit.record(me.workspaceId(), me.userId(), "listening.monitor.created", created.name(), request.getRemoteAddr());
		return ResponseEntity.created(URI.create("/api/v1/listening/monitors/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/listening/monitors/{id}")
	@Operation(summary = "One monitor")
	Monitor monitor(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		return monitors.get(me.workspaceId(), id);
	}

	@PutMapping("/api/v1/listening/monitors/{id}")
	@Operation(summary = "Changes a monitor; its hits so far stay")
	Monitor update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody Monitors.Draft body,
			HttpServletRequest request) {
		Monitor changed = monitors.update(me, id, body);
		audit.record(me.workspaceId(), me.userId(), "listening.monitor.changed", changed.name(), request.getRemoteAddr());
		return changed;
	}

	@DeleteMapping("/api/v1/listening/monitors/{id}")
	@Operation(summary = "Deletes a monitor and its hits")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request) {
		String name = monitors.delete(me, id).name();
		audit.record(me.workspaceId(), me.userId(), "listening.monitor.deleted", name, request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/listening/hits")
	@Operation(summary = "Hits, newest first: of one monitor, or everything heard; status new (default), dismissed, shared, answered or all; next page by cursor")
	Heard.Page hits(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String monitor,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String status,
			@RequestParam(required = false) String channel, @RequestParam(defaultValue = "50") String limit) {
		UUID monitorId = id("monitor", monitor);
		if (monitorId != null) {
			monitors.get(me.workspaceId(), monitorId);
		}
		return heard.list(me.workspaceId(), monitorId, status, id("channel", channel), cursor, number("limit", limit));
	}

	@GetMapping("/api/v1/listening/hits/{id}")
	@Operation(summary = "One hit")
	Hit hit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		return heard.get(me.workspaceId(), id);
	}

	@PostMapping("/api/v1/listening/hits/{id}/dismiss")
	@Operation(summary = "Dismisses a hit: it leaves the new hits, nothing is sent")
	Hit dismiss(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request) {
		Hit dismissed = heard.dismiss(me, id);
		audit.record(me.workspaceId(), me.userId(), "listening.hit.dismissed", id.toString(), request.getRemoteAddr());
		return dismissed;
	}

	@PostMapping("/api/v1/listening/hits/{id}/restore")
	@Operation(summary = "Brings a dismissed hit back to the new ones")
	Hit restore(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request) {
		Hit restored = heard.restore(me, id);
		audit.record(me.workspaceId(), me.userId(), "listening.hit.restored", id.toString(), request.getRemoteAddr());
		return restored;
	}

	@PostMapping("/api/v1/listening/hits/{id}/share")
	@Operation(summary = "Recommends a hit (boost, repost) as the channel's account, and records it as giving first to its author")
	ResponseEntity<?> share(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request) {
		try {
			Hit shared = heard.share(me, id);
			audit.record(me.workspaceId(), me.userId(), "listening.hit.shared", shared.url() == null ? id.toString() : shared.url(),
					request.getRemoteAddr());
			return ResponseEntity.ok(shared);
		}
		catch (Heard.ShareFailed e) {
			return networkFailed(e);
		}
	}

	record Quote(String text) {
	}

	@PostMapping("/api/v1/listening/hits/{id}/quote")
	@Operation(summary = "Recommends a hit in the team's own words: posts {\"text\"} as the channel's account, quoting the hit "
			+ "(Bluesky: a quote post of at most 300 characters; Mastodon: a quote post on servers that have them, else the "
			+ "text with the post's address), and records it as giving first to its author; a hit is recommended once")
	ResponseEntity<?> quote(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody Quote quote,
			HttpServletRequest request) {
		try {
			Hit quoted = heard.quote(me, id, quote == null ? null : quote.text());
			audit.record(me.workspaceId(), me.userId(), "listening.hit.quoted", quoted.url() == null ? id.toString() : quoted.url(),
					request.getRemoteAddr());
			return ResponseEntity.ok(quoted);
		}
		catch (Heard.ShareFailed e) {
			return networkFailed(e);
		}
	}

	record Answered(UUID conversationId, Hit hit) {
	}

	@PostMapping("/api/v1/listening/hits/{id}/answer")
	@Operation(summary = "Opens a conversation in the inbox with the hit as its first message, to answer it on its network")
	ResponseEntity<?> answer(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request) {
		try {
			UUID conversationId = heard.answer(me, id);
			audit.record(me.workspaceId(), me.userId(), "listening.hit.answered", conversationId.toString(),
					request.getRemoteAddr());
			return ResponseEntity.ok(new Answered(conversationId, heard.get(me.workspaceId(), id)));
		}
		catch (Heard.ShareFailed e) {
			return networkFailed(e);
		}
	}

	record Read(int heard) {
	}

	@PostMapping("/api/v1/listening/read")
	@Operation(summary = "Reads every listening channel now (pauses a network asked for are kept)")
	Read read(@AuthenticationPrincipal CurrentUser me) {
		me.requireWorker();
		return new Read(listening.readNow(me.workspaceId()));
	}

	@GetMapping("/api/v1/listening/sources")
	@Operation(summary = "The channels that listen, and how their last read went")
	Map<String, List<Listening.Source>> sources(@AuthenticationPrincipal CurrentUser me) {
		return Map.of("items", listening.sources(me.workspaceId()));
	}

	private static ResponseEntity<ProblemDetail> networkFailed(Heard.ShareFailed e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
		problem.setProperty("retryable", e.retryable());
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
	}

	static UUID id(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException(field, "'" + value + "' is not an id.");
		}
	}

	static int number(String field, String value) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidFieldException(field, "'" + value + "' is not a number.");
		}
	}
}

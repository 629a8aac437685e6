package org.rapport.inbox.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.inbox.Notifications;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notifications", description = "What the caller is told about: assignments, mentions, new messages, deadlines")
class NotificationsApi {

	private final Notifications notifications;

	NotificationsApi(Notifications notifications) {
		this.notifications = notifications;
	}

	record Listing(List<Notifications.Notification> items, int unread) {
	}

	@GetMapping("/api/v1/notifications")
	@Operation(summary = "The caller's notifications, newest first",
			description = "kind: assigned (a conversation was given to the caller; actorId null for a routing rule), "
					+ "mentioned (a note names the caller with @), message (new messages in a conversation the caller has; "
					+ "count says how many since it was last read), deadline (an answer is due soon by the channel's goal "
					+ "\"answered within N business hours\"; waitingSince says since when). unread=true: only unread ones. "
					+ "'unread' counts the unread ones, at most 100. Opening the conversation marks its notifications read.")
	Listing list(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(defaultValue = "50") int limit) {
		return new Listing(notifications.of(me, unread, limit), notifications.unreadCount(me.workspaceId(), me.userId()));
	}

	record ReadRequest(List<UUID> ids, Boolean all) {
	}

	record Marked(int marked) {
	}

	@PostMapping("/api/v1/notifications/read")
	@Operation(summary = "Mark notifications read", description = "{\"ids\": [...]} or {\"all\": true}; answers how many changed.")
	Marked read(@AuthenticationPrincipal CurrentUser me, @RequestBody ReadRequest body) {
		if (Boolean.TRUE.equals(body.all())) {
			return new Marked(notifications.markRead(me, null));
		}
		if (body.ids() == null || body.ids().isEmpty()) {
			throw new InvalidFieldException("ids", "Name the notifications to mark read, or send \"all\": true.");
		}
		if (body.ids().contains(null)) {
			throw new InvalidFieldException("ids", "Every id is a notification's id.");
		}
		return new Marked(notifications.markRead(me, body.ids()));
	}

	@GetMapping("/api/v1/notifications/settings")
	@Operation(summary = "The caller's notification settings", description = "digest: a daily mail; digestHour: from which hour of the workspace's day (0–23, 7 unless chosen).")
	Notifications.Settings settings(@AuthenticationPrincipal CurrentUser me) {
		return notifications.settings(me);
	}

	record SettingsChange(Boolean digest, Integer digestHour) {
	}

	@PutMapping("/api/v1/notifications/settings")
	@Operation(summary = "Change the caller's notification settings", description = "{\"digest\": true|false, \"digestHour\": 0–23 (optional; kept when left out)}")
	Notifications.Settings change(@AuthenticationPrincipal CurrentUser me, @RequestBody SettingsChange body) {
		if (body.digest() == null) {
			throw new InvalidFieldException("digest", "Say whether you want the daily digest: true or false.");
		}
		int hour = body.digestHour() != null ? body.digestHour() : notifications.settings(me).digestHour();
		return notifications.change(me, new Notifications.Settings(body.digest(), hour));
	}
}

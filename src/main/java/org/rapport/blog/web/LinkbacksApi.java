package org.rapport.blog.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.blog.Linkbacks;
import org.rapport.blog.OutgoingLinkbacks;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/blog/linkbacks}: received linkbacks (hide, show, delete) and the blog's sent notifications. */
@RestController
@Tag(name = "Blog linkbacks", description = "Webmentions, Pingbacks and Trackbacks received and sent by the blog")
class LinkbacksApi {

	private final Linkbacks linkbacks;
	private final OutgoingLinkbacks outgoing;

	LinkbacksApi(Linkbacks linkbacks, OutgoingLinkbacks outgoing) {
		this.linkbacks = linkbacks;
		this.outgoing = outgoing;
	}

	record Items<T>(List<T> items) {
	}

	@GetMapping("/api/v1/blog/linkbacks")
	@Operation(summary = "Received linkbacks, newest first",
			description = "Each with kind (webmention, pingback, trackback), source, title, excerpt, status (pending, "
					+ "verified, rejected), reason, hidden and the inbox conversation.")
	Items<Linkbacks.Linkback> received(@AuthenticationPrincipal CurrentUser user) {
		return new Items<>(linkbacks.of(user.workspaceId(), LinkbackAdminController.LIMIT));
	}

	@PostMapping("/api/v1/blog/linkbacks/{id}/hide")
	@Operation(summary = "Take a linkback off its post; it stays in the inbox")
	Linkbacks.Linkback hide(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return linkbacks.hide(user, id, true);
	}

	@PostMapping("/api/v1/blog/linkbacks/{id}/show")
	@Operation(summary = "Show a hidden linkback again")
	Linkbacks.Linkback show(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return linkbacks.hide(user, id, false);
	}

	@DeleteMapping("/api/v1/blog/linkbacks/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a linkback")
	void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		linkbacks.delete(user, id);
	}

	@GetMapping("/api/v1/blog/linkbacks/sent")
	@Operation(summary = "Notifications the blog sent to pages its posts link to",
			description = "status pending, sent, no_endpoint or failed; protocol, endpoint, attempts, lastError, nextAttemptAt.")
	Items<OutgoingLinkbacks.Send> sent(@AuthenticationPrincipal CurrentUser user) {
		return new Items<>(outgoing.of(user.workspaceId(), LinkbackAdminController.LIMIT));
	}

	@PostMapping("/api/v1/blog/linkbacks/sent/{id}/retry")
	@Operation(summary = "Send a notification again now")
	OutgoingLinkbacks.Send retry(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return outgoing.retry(user, id);
	}
}

package org.rapport.insights.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.insights.TrackedLinks;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Links", description = "Tracked links: a short address that counts clicks without cookies and adds UTM parameters")
class LinksApi {

	private final TrackedLinks links;

	LinksApi(TrackedLinks links) {
		this.links = links;
	}

	record LinkList(List<TrackedLinks.Link> items) {
	}

	@PostMapping("/api/v1/links")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Makes a tracked link: {\"url\", \"channel\"? (id or key, becomes utm_medium), \"campaign\"?}; publish trackedUrl")
	TrackedLinks.Link create(@AuthenticationPrincipal CurrentUser me, @RequestBody TrackedLinks.NewLink body) {
		return links.create(me, body);
	}

	@GetMapping("/api/v1/links")
	@Operation(summary = "The workspace's tracked links with their clicks, newest first")
	LinkList list(@AuthenticationPrincipal CurrentUser me) {
		return new LinkList(links.list(me.workspaceId()));
	}

	/** The public short address: counts the click (nothing about who clicked) and forwards. */
	@GetMapping("/r/{code}")
	ResponseEntity<Void> follow(@PathVariable String code) {
		return links.follow(code)
			.map(target -> ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target))
				.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").<Void>build())
			.orElseGet(() -> ResponseEntity.notFound().build());
	}
}

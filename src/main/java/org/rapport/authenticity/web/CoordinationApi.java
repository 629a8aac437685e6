package org.rapport.authenticity.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.authenticity.Comment;
import org.rapport.authenticity.Coordination;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coordinated comments as JSON: the workspace's groups of near-duplicate messages by different people, and the
 * groups among comments a user supplies.
 */
@RestController
@Tag(name = "Authenticity")
class CoordinationApi {

	private final Coordination coordination;

	CoordinationApi(Coordination coordination) {
		this.coordination = coordination;
	}

	record Groups(List<Coordination.Group> groups) {
	}

	record Comments(List<Comment> comments) {
	}

	@GetMapping("/api/v1/authenticity/coordinated")
	@Operation(summary = "Groups of near-duplicate messages that different people sent in the last days (1–90, 30 if left out)")
	Groups groups(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "30") String days) {
		return new Groups(coordination.groups(me.workspaceId(), CoordinationController.parse(days)));
	}

	@PostMapping("/api/v1/authenticity/comments/coordinated")
	@Operation(summary = "Groups of near-duplicates among up to 5,000 comments written by different authors")
	Groups groupsOf(@AuthenticationPrincipal CurrentUser me, @RequestBody Comments body) {
		return new Groups(coordination.groupsOf(body == null ? null : body.comments()));
	}

}

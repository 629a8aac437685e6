package org.rapport.inbox.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.inbox.SavedViews;
import org.rapport.inbox.SavedViews.SavedView;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Saved views", description = "Each member's own saved filters of the inbox list")
class SavedViewsApi {

	private final SavedViews views;

	SavedViewsApi(SavedViews views) {
		this.views = views;
	}

	record Items<T>(List<T> items) {
	}

	@GetMapping("/api/v1/views")
	@Operation(summary = "The caller's saved views, by name", description = "Only the caller's own; every member, viewers too.")
	Items<SavedView> list(@AuthenticationPrincipal CurrentUser user) {
		return new Items<>(views.of(user));
	}

	record NewView(String name, Map<String, Object> filter) {
	}

	@PostMapping("/api/v1/views")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Save a filter of the inbox list under a name",
			description = "{\"name\": \"…\", \"filter\": {\"status\"?, \"assignee\"? (me, none or a member's id), \"channel\"?, "
					+ "\"label\"?, \"q\"?, \"segment\"?, \"unread\"?, \"kind\"?, \"sentiment\"?, \"sort\"? (newest, oldest, "
					+ "priority), \"view\"? (spam)}} — the parameters of GET /api/v1/conversations. Names are unique per "
					+ "member (400 naming name); an unknown parameter or value answers 400 naming filter.<key>.")
	SavedView create(@AuthenticationPrincipal CurrentUser user, @RequestBody NewView body) {
		return views.create(user, body.name(), body.filter());
	}

	record Rename(String name) {
	}

	@PatchMapping("/api/v1/views/{id}")
	@Operation(summary = "Rename one of the caller's saved views")
	SavedView rename(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody Rename body) {
		return views.rename(user, id, body.name());
	}

	@DeleteMapping("/api/v1/views/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete one of the caller's saved views")
	void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		views.delete(user, id);
	}
}

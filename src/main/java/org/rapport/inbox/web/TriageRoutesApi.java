package org.rapport.inbox.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.inbox.TriageRoutes;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Routing by triage for programs: complaints and data requests to a member as they arrive. */
@RestController
@Tag(name = "Conversations")
class TriageRoutesApi {

	private final TriageRoutes routes;

	TriageRoutesApi(TriageRoutes routes) {
		this.routes = routes;
	}

	@GetMapping("/api/v1/inbox/triage-routes")
	@Operation(summary = "The workspace's routing rules: kind (complaint, data-request) → the member new conversations of that kind go to")
	Map<String, UUID> get(@AuthenticationPrincipal CurrentUser me) {
		return routes.of(me.workspaceId());
	}

	@PutMapping("/api/v1/inbox/triage-routes")
	@Operation(summary = "Set routing rules: {\"complaint\": \"<user id>\", \"data-request\": \"<user id>\" or null to route no more}; "
			+ "applied to new unassigned conversations as they arrive. Managers and owners.")
	Map<String, UUID> put(@AuthenticationPrincipal CurrentUser me, @RequestBody Map<String, String> body) {
		Map<String, UUID> wanted = new LinkedHashMap<>();
		body.forEach((kind, value) -> {
			if (!TriageRoutes.KINDS.contains(kind)) {
				throw new InvalidFieldException(kind, "Only complaints and data requests can be routed, not '" + kind + "'.");
			}
			wanted.put(kind, TriageRoutesController.userId(kind, value));
		});
		Map<String, UUID> result = routes.of(me.workspaceId());
		for (var e : wanted.entrySet()) {
			result = routes.set(me, e.getKey(), e.getValue());
		}
		return result;
	}
}

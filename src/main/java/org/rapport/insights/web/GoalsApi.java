package org.rapport.insights.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.insights.Goals;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Goals", description = "What each channel is for, its measure and target, and the last twelve months against it")
class GoalsApi {

	private final Goals goals;

	GoalsApi(Goals goals) {
		this.goals = goals;
	}

	record GoalList(List<Goals.Goal> items) {
	}

	@GetMapping("/api/v1/goals")
	@Operation(summary = "The workspace's goals, each with the value and whether the target was met in each of the last twelve months")
	GoalList list(@AuthenticationPrincipal CurrentUser me) {
		return new GoalList(goals.list(me.workspaceId()));
	}

	@PostMapping("/api/v1/goals")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Sets a goal (managers)",
			description = "{\"channel\": id or key, or empty for the workspace, \"purpose\": readership|feedback|support|recruiting|donations|partnerships, "
					+ "\"measure\": responseRate|answeredWithin|medianFirstResponseHours|conversations|outcomes, \"target\": a share 0..1, hours or a count per month, "
					+ "\"hours\": for answeredWithin, \"outcomeKind\": for outcomes}. Example: {\"channel\": \"instagram\", \"purpose\": \"feedback\", "
					+ "\"measure\": \"answeredWithin\", \"hours\": 4, \"target\": 0.8} — 80 % answered within 4 business hours.")
	Goals.Goal create(@AuthenticationPrincipal CurrentUser me, @RequestBody Goals.NewGoal body) {
		return goals.create(me, body);
	}

	@DeleteMapping("/api/v1/goals/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Removes a goal (managers)")
	void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		goals.delete(me, id);
	}
}

package org.rapport.platform.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Job;
import org.rapport.platform.Jobs;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The workspace's background tasks for integrators: the ones that gave up, and trying them again. */
@RestController
@Tag(name = "Background tasks", description = "Tasks that gave up, and trying them again")
class TasksApi {

	private final Jobs jobs;

	TasksApi(Jobs jobs) {
		this.jobs = jobs;
	}

	record Items(List<Job> items) {
	}

	@GetMapping("/api/v1/tasks")
	@Operation(summary = "The workspace's background tasks in a status: failed (default), queued, running or done")
	Items list(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "failed") String status) {
		me.requireManager();
		if (!List.of("failed", "queued", "running", "done").contains(status)) {
			throw new InvalidFieldException("status",
					"A task's status is failed, queued, running or done, not '" + status + "'.");
		}
		return new Items(jobs.list(me.workspaceId(), status, 500));
	}

	@PostMapping("/api/v1/tasks/{id}/retry")
	@Operation(summary = "Puts a failed task back in the queue to run now, with a fresh series of attempts")
	Job retryApi(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		me.requireManager();
		return jobs.retry(me.workspaceId(), id);
	}
}

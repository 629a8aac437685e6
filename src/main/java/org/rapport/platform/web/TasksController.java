package org.rapport.platform.web;

import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.Jobs;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Background tasks: the workspace's tasks that gave up (a Fediverse delivery after its last attempt),
 * each with its error and a button to try again, and the installation's recurring work whose latest runs failed.
 * The same for integrators: {@link TasksApi}.
 */
@Controller
class TasksController {

	private final Jobs jobs;
	private final Workspaces workspaces;

	TasksController(Jobs jobs, Workspaces workspaces) {
		this.jobs = jobs;
		this.workspaces = workspaces;
	}

	@GetMapping("/settings/tasks")
	String page(@AuthenticationPrincipal CurrentUser me, Model model) {
		me.requireManager();
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		model.addAttribute("failed", jobs.list(me.workspaceId(), "failed", 200));
		model.addAttribute("recurring", jobs.failingRecurring());
		return "tasks";
	}

	@PostMapping("/settings/tasks/{id}/retry")
	String retry(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash) {
		me.requireManager();
		try {
			jobs.retry(me.workspaceId(), id);
			flash.addFlashAttribute("notice", "tasks.retried");
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/tasks";
	}
}

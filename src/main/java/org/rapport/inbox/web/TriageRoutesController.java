package org.rapport.inbox.web;

import java.util.Map;
import java.util.UUID;

import org.rapport.inbox.TriageRoutes;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Members;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Routing by triage: the settings page ({@link TriageRoutesApi} for programs). */
@Controller
class TriageRoutesController {

	private final TriageRoutes routes;
	private final Members members;

	TriageRoutesController(TriageRoutes routes, Members members) {
		this.routes = routes;
		this.members = members;
	}

	@GetMapping("/settings/routing")
	String page(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("routes", routes.of(me.workspaceId()));
		model.addAttribute("kinds", TriageRoutes.KINDS);
		model.addAttribute("workers", members.of(me.workspaceId()).stream().filter(m -> m.role().canWork()).toList());
		return "routing";
	}

	@PostMapping("/settings/routing")
	String save(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> form, RedirectAttributes flash) {
		try {
			for (String kind : TriageRoutes.KINDS) {
				if (form.containsKey(kind)) {
					routes.set(me, kind, userId(kind, form.get(kind)));
				}
			}
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/routing";
	}

	static UUID userId(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException(field, "'" + value + "' is not a user id.");
		}
	}
}

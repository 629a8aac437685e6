package org.rapport.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.platform.AuditLog;
import org.rapport.platform.Members;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page, and the one-time setup page that creates the first workspace and its owner. */
@Controller
class LoginController {

	private final Members members;
	private final Workspaces workspaces;
	private final AuditLog audit;
	private final TransactionTemplate tx;
	private final RapportProperties properties;

	LoginController(Members members, Workspaces workspaces, AuditLog audit, TransactionTemplate tx,
			RapportProperties properties) {
		this.members = members;
		this.workspaces = workspaces;
		this.audit = audit;
		this.tx = tx;
		this.properties = properties;
	}

	/**
	 * The setup page is offered only while there is no user and no configured admin: with RAPPORT_ADMIN_EMAIL set,
	 * the first owner comes from the configuration, and nobody can claim the installation in the seconds before.
	 */
	private boolean setupOpen() {
		return (properties.adminEmail() == null || properties.adminEmail().isBlank()) && !members.anyUser();
	}

	@GetMapping("/")
	String home() {
		return "redirect:/inbox";
	}

	@GetMapping("/login")
	String login() {
		return setupOpen() ? "redirect:/setup" : "login";
	}

	@GetMapping("/setup")
	String setup() {
		return setupOpen() ? "setup" : "redirect:/login";
	}

	@PostMapping("/setup")
	synchronized String create(@RequestParam String organisation, @RequestParam String slug, @RequestParam String name,
			@RequestParam String email, @RequestParam String password, Model model, HttpServletRequest request) {
		if (!setupOpen()) {
			return "redirect:/login";
		}
		try {
			Workspace workspace = tx.execute(s -> {
				Workspace created = workspaces.create(organisation, slug.strip().toLowerCase());
				members.add(created.id(), email, name, password, Role.OWNER);
				return created;
			});
			audit.record(workspace.id(), null, "setup", email, request.getRemoteAddr());
			return "redirect:/login?created";
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("organisation", organisation);
			model.addAttribute("slug", slug);
			model.addAttribute("name", name);
			model.addAttribute("email", email);
			return "setup";
		}
	}
}

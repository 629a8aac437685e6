package org.rapport.federation.web;

import java.util.UUID;

import org.rapport.federation.Deliveries;
import org.rapport.federation.Followers;
import org.rapport.federation.Following;
import org.rapport.federation.PublicAddress;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Fediverse: the handle to share so people can follow the blog, the follower count, remote actors the
 * blog follows, and deliveries that failed after all retries, each with its error and a button to try again.
 */
@Controller
class FederationSettingsController {

	private final Workspaces workspaces;
	private final PublicAddress address;
	private final Followers followers;
	private final Following following;
	private final Deliveries deliveries;
	private final AuditLog audit;

	FederationSettingsController(Workspaces workspaces, PublicAddress address, Followers followers, Following following,
			Deliveries deliveries, AuditLog audit) {
		this.workspaces = workspaces;
		this.address = address;
		this.followers = followers;
		this.following = following;
		this.deliveries = deliveries;
		this.audit = audit;
	}

	@GetMapping("/settings/federation")
	String page(@AuthenticationPrincipal CurrentUser me, Model model) {
		Workspace workspace = workspaces.get(me.workspaceId());
		model.addAttribute("problem", address.problem());
		if (address.usable()) {
			model.addAttribute("handle", "@" + workspace.slug() + "@" + address.host());
			model.addAttribute("actor", address.link("/ap/" + workspace.slug()));
		}
		model.addAttribute("followers", followers.count(workspace.id()));
		model.addAttribute("following", following.of(workspace.id()));
		model.addAttribute("queued", deliveries.count(workspace.id(), "queued"));
		model.addAttribute("failed", deliveries.list(workspace.id(), "failed"));
		return "federation";
	}

	@PostMapping("/settings/federation/deliveries/{id}/retry")
	String retry(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash) {
		me.requireManager();
		try {
			deliveries.retry(me.workspaceId(), id);
			flash.addFlashAttribute("notice", "federation.retried");
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/federation";
	}

	@PostMapping("/settings/federation/follow")
	String follow(@AuthenticationPrincipal CurrentUser me, @RequestParam String handle, RedirectAttributes flash) {
		me.requireManager();
		try {
			var followed = following.follow(workspaces.get(me.workspaceId()), handle);
			audit.record(me.workspaceId(), me.userId(), "federation.follow", followed.actorUri(), null);
			flash.addFlashAttribute("notice", "federation.followSent");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/federation";
	}
}

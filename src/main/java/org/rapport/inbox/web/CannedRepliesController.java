package org.rapport.inbox.web;

import java.util.UUID;

import org.rapport.inbox.CannedReplies;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Canned replies. */
@Controller
class CannedRepliesController {

	private final CannedReplies canned;

	CannedRepliesController(CannedReplies canned) {
		this.canned = canned;
	}

	@GetMapping("/settings/replies")
	String list(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("replies", canned.of(me.workspaceId()));
		return "replies";
	}

	@PostMapping("/settings/replies")
	String save(@AuthenticationPrincipal CurrentUser me, @RequestParam String shortcut, @RequestParam String title,
			@RequestParam String body, RedirectAttributes flash) {
		try {
			canned.save(me, shortcut, title, body);
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/replies";
	}

	@PostMapping("/settings/replies/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		canned.delete(me, id);
		return "redirect:/settings/replies";
	}
}

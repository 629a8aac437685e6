package org.rapport.contacts.web;

import java.util.UUID;

import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The stage block on the contact page: change the stage, accept or dismiss a proposal. */
@Controller
class StagesController {

	private final Stages stages;
	private final StageProposals proposals;

	StagesController(Stages stages, StageProposals proposals) {
		this.stages = stages;
		this.proposals = proposals;
	}

	@PostMapping("/contacts/{id}/stage")
	String change(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String stage,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
		me.requireWorker();
		try {
			stages.change(me, id, stage, reason);
			flash.addFlashAttribute("notice", "stage.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/stage/accept")
	String accept(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String to,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			proposals.accept(me, id, to);
			flash.addFlashAttribute("notice", "stage.saved");
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/stage/dismiss")
	String dismiss(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String to,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			proposals.dismiss(me, id, to);
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}
}

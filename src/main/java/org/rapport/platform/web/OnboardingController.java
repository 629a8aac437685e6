package org.rapport.platform.web;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.LocalRedirects;
import org.rapport.platform.Onboarding;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → First steps: every step of the first-run checklist with where it is done, and the buttons that skip a
 * step and hide or show the checklist on the start page (the inbox's panel posts to the same paths). The same for
 * integrators: {@link OnboardingApi}.
 */
@Controller
class OnboardingController {

	private static final String PAGE = "/settings/onboarding";

	private final Onboarding onboarding;

	OnboardingController(Onboarding onboarding) {
		this.onboarding = onboarding;
	}

	@GetMapping(PAGE)
	String page(@AuthenticationPrincipal CurrentUser me, Model model) {
		me.requireManager();
		model.addAttribute("checklist", onboarding.of(me.workspaceId()));
		return "onboarding";
	}

	@PostMapping(PAGE + "/steps/{key}/skip")
	String skip(@AuthenticationPrincipal CurrentUser me, @PathVariable String key,
			@RequestParam(required = false) String back, RedirectAttributes flash) {
		me.requireManager();
		try {
			onboarding.skip(me.workspaceId(), key);
			flash.addFlashAttribute("notice", "onboarding.skipped");
		}
		catch (InvalidFieldException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:" + LocalRedirects.path(back, PAGE);
	}

	@PostMapping(PAGE + "/hide")
	String hide(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String back,
			RedirectAttributes flash) {
		me.requireManager();
		onboarding.hide(me.workspaceId());
		flash.addFlashAttribute("notice", "onboarding.hiddenNotice");
		return "redirect:" + LocalRedirects.path(back, PAGE);
	}

	@PostMapping(PAGE + "/show")
	String show(@AuthenticationPrincipal CurrentUser me, RedirectAttributes flash) {
		me.requireManager();
		onboarding.show(me.workspaceId());
		flash.addFlashAttribute("notice", "onboarding.shownNotice");
		return "redirect:" + PAGE;
	}
}

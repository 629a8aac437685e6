package org.rapport.platform.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Onboarding;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The first-run checklist for integrators: its steps, skipping one, hiding and showing it. Owners and managers. */
@RestController
@Tag(name = "Onboarding", description = "The first-run checklist of a new workspace")
class OnboardingApi {

	private final Onboarding onboarding;

	OnboardingApi(Onboarding onboarding) {
		this.onboarding = onboarding;
	}

	/**
	 * @param done whether the workspace has done it, as the owning module's data tell now
	 * @param skipped whether an owner or manager skipped it
	 * @param href the page where it is done
	 */
	record Step(String key, boolean done, boolean skipped, String href) {
	}

	/**
	 * @param hidden whether an owner or manager hid the checklist
	 * @param visible whether the start page shows it: not hidden, and some step neither done nor skipped
	 */
	record Checklist(List<Step> steps, boolean hidden, boolean visible) {

		static Checklist of(Onboarding.Checklist list) {
			return new Checklist(list.steps().stream().map(s -> new Step(s.key(), s.done(), s.skipped(), s.href())).toList(),
					list.hidden(), list.visible());
		}
	}

	@GetMapping("/api/v1/onboarding")
	@Operation(summary = "The workspace's first-run checklist: every step, whether it is done or skipped, and whether the checklist is hidden")
	Checklist get(@AuthenticationPrincipal CurrentUser me) {
		me.requireManager();
		return Checklist.of(onboarding.of(me.workspaceId()));
	}

	@PostMapping("/api/v1/onboarding/steps/{key}/skip")
	@Operation(summary = "Skips a step: it no longer keeps the checklist open (400 naming key for an unknown step)")
	Checklist skip(@AuthenticationPrincipal CurrentUser me, @PathVariable String key) {
		me.requireManager();
		onboarding.skip(me.workspaceId(), key);
		return Checklist.of(onboarding.of(me.workspaceId()));
	}

	@PostMapping("/api/v1/onboarding/hide")
	@Operation(summary = "Hides the checklist from the start page")
	Checklist hide(@AuthenticationPrincipal CurrentUser me) {
		me.requireManager();
		onboarding.hide(me.workspaceId());
		return Checklist.of(onboarding.of(me.workspaceId()));
	}

	@PostMapping("/api/v1/onboarding/show")
	@Operation(summary = "Shows the checklist again, with skipped steps open again")
	Checklist show(@AuthenticationPrincipal CurrentUser me) {
		me.requireManager();
		onboarding.show(me.workspaceId());
		return Checklist.of(onboarding.of(me.workspaceId()));
	}
}

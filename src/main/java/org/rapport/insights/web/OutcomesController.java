package org.rapport.insights.web;

import java.util.UUID;

import org.rapport.insights.Outcome;
import org.rapport.insights.Outcomes;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Recording an outcome on the contact page, and deleting one. */
@Controller
class OutcomesController {

	private final Outcomes outcomes;

	OutcomesController(Outcomes outcomes) {
		this.outcomes = outcomes;
	}

	@PostMapping("/contacts/{id}/outcomes")
	String record(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam(defaultValue = "") String kind,
			@RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String currency,
			@RequestParam(defaultValue = "") String occurredAt, @RequestParam(defaultValue = "") String note,
			RedirectAttributes flash) {
		try {
			outcomes.record(me, new Outcomes.NewOutcome(kind, value, value.isBlank() ? "" : currency, occurredAt, id, null,
					note), Outcome.Source.MANUAL);
			flash.addFlashAttribute("notice", "outcome.recorded");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id + "#outcomes";
	}

	@PostMapping("/outcomes/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash) {
		Outcome deleted = outcomes.delete(me, id);
		flash.addFlashAttribute("notice", "outcome.deleted");
		return "redirect:/contacts/" + deleted.contactId() + "#outcomes";
	}
}

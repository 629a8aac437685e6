package org.rapport.channels.webform;

import java.util.UUID;

import org.rapport.platform.OnboardingStep;
import org.springframework.stereotype.Component;

/**
 * "Embed the contact form": Rapport cannot see the sites that embed or link the form, so the step counts as done
 * once the form has taken its first submission — the checklist says so.
 */
@Component
class FormStep implements OnboardingStep {

	private final WebForms forms;

	FormStep(WebForms forms) {
		this.forms = forms;
	}

	@Override
	public String key() {
		return "form";
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public String href() {
		return "/settings/channels#contact-form";
	}

	@Override
	public boolean done(UUID workspaceId) {
		return forms.received(workspaceId);
	}
}

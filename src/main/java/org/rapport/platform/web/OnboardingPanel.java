package org.rapport.platform.web;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.Onboarding;
import org.springframework.stereotype.Component;

/**
 * The first-run checklist as the start page shows it ({@code onboarding-panel.html}): to owners and managers only,
 * and only while it is neither hidden nor settled.
 */
@Component("onboardingPanel")
public class OnboardingPanel {

	private final Onboarding onboarding;

	OnboardingPanel(Onboarding onboarding) {
		this.onboarding = onboarding;
	}

	/** The checklist to show this person, or {@code null} when there is none to show. */
	public Onboarding.Checklist of(CurrentUser me) {
		if (me == null || !me.role().canManage() || onboarding.hidden(me.workspaceId())) {
			return null;
		}
		Onboarding.Checklist checklist = onboarding.of(me.workspaceId());
		return checklist.visible() ? checklist : null;
	}
}

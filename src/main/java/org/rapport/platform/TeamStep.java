package org.rapport.platform;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** "Invite your team": done once the workspace has a second member or has invited someone who has not answered yet. */
@Component
class TeamStep implements OnboardingStep {

	private final Members members;

	TeamStep(Members members) {
		this.members = members;
	}

	@Override
	public String key() {
		return "team";
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public String href() {
		return "/settings#members";
	}

	@Override
	public boolean done(UUID workspaceId) {
		return members.of(workspaceId).size() > 1 || !members.invitationsOf(workspaceId).isEmpty();
	}
}

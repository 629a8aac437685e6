package org.rapport.blog.web;

import org.rapport.blog.Comments;
import org.rapport.blog.OrganisationProfiles;
import org.rapport.platform.Workspace;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the theme shows beside every page: the newest comments and the organisation's profiles elsewhere. */
@Component
class Sidebar {

	static final int RECENT_COMMENTS = 5;

	private final Comments comments;
	private final OrganisationProfiles profiles;

	Sidebar(Comments comments, OrganisationProfiles profiles) {
		this.comments = comments;
		this.profiles = profiles;
	}

	void addTo(Model model, Workspace workspace) {
		model.addAttribute("recentComments", comments.recent(workspace.id(), workspace.slug(), workspace.timeZone(), RECENT_COMMENTS));
		model.addAttribute("profiles", profiles.of(workspace.id()));
	}
}

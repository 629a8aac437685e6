package org.rapport.blog.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.blog.Linkbacks;
import org.rapport.blog.OutgoingLinkbacks;
import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /blog/admin/linkbacks}: the Webmentions, Pingbacks and Trackbacks other sites sent, which the team can
 * hide from a post or delete; and the notifications the blog sent, with why one did not arrive.
 */
@Controller
class LinkbackAdminController {

	static final int LIMIT = 200;

	private final Linkbacks linkbacks;
	private final OutgoingLinkbacks outgoing;
	private final Posts posts;
	private final Workspaces workspaces;

	LinkbackAdminController(Linkbacks linkbacks, OutgoingLinkbacks outgoing, Posts posts, Workspaces workspaces) {
		this.linkbacks = linkbacks;
		this.outgoing = outgoing;
		this.posts = posts;
		this.workspaces = workspaces;
	}

	/** A post as the lists name it. */
	record PostRef(String title, String path) {
	}

	@GetMapping("/blog/admin/linkbacks")
	String page(@AuthenticationPrincipal CurrentUser me, Model model) {
		Workspace workspace = workspaces.get(me.workspaceId());
		List<Linkbacks.Linkback> received = linkbacks.of(workspace.id(), LIMIT);
		List<OutgoingLinkbacks.Send> sent = outgoing.of(workspace.id(), LIMIT);
		Map<UUID, PostRef> postRefs = new HashMap<>();
		for (Post p : posts.all(workspace.id())) {
			postRefs.put(p.id(), new PostRef(p.title(), p.published() ? p.path(workspace.slug(), workspace.timeZone()) : null));
		}
		model.addAttribute("received", received);
		model.addAttribute("sent", sent);
		model.addAttribute("postRefs", postRefs);
		model.addAttribute("zone", workspace.timeZone());
		return "blog/linkbacks-admin";
	}

	@PostMapping("/blog/admin/linkbacks/{id}/hide")
	String hide(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
		linkbacks.hide(me, id, true);
		redirect.addFlashAttribute("notice", "linkbacks.hiddenNotice");
		return "redirect:/blog/admin/linkbacks";
	}

	@PostMapping("/blog/admin/linkbacks/{id}/show")
	String show(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
		linkbacks.hide(me, id, false);
		redirect.addFlashAttribute("notice", "linkbacks.shownNotice");
		return "redirect:/blog/admin/linkbacks";
	}

	@PostMapping("/blog/admin/linkbacks/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
		linkbacks.delete(me, id);
		redirect.addFlashAttribute("notice", "linkbacks.deletedNotice");
		return "redirect:/blog/admin/linkbacks";
	}

	@PostMapping("/blog/admin/linkbacks/sent/{id}/retry")
	String retry(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
		outgoing.retry(me, id);
		redirect.addFlashAttribute("notice", "linkbacks.retriedNotice");
		return "redirect:/blog/admin/linkbacks#sent";
	}
}

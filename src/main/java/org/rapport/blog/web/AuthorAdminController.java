package org.rapport.blog.web;

import java.util.UUID;

import org.rapport.blog.Author;
import org.rapport.blog.Authors;
import org.rapport.blog.Media;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.ForbiddenException;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Editing an author profile in the blog's back office: each member their own, managers everyone's. A photo chosen
 * in the form is uploaded as a blog image and becomes the profile's photo.
 */
@Controller
class AuthorAdminController {

	private final Authors authors;
	private final Members members;
	private final Media media;

	AuthorAdminController(Authors authors, Members members, Media media) {
		this.authors = authors;
		this.members = members;
		this.media = media;
	}

	@GetMapping("/blog/admin/authors/{userId}")
	String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, Model model) {
		var member = members.of(me.workspaceId(), userId).orElseThrow(() -> new NotFoundException("No member " + userId + "."));
		model.addAttribute("profile", authors.of(me.workspaceId(), userId, member.displayName()));
		model.addAttribute("mayEdit", me.role().canWork() && (me.userId().equals(userId) || me.role().canManage()));
		return "blog/author-editor";
	}

	@PostMapping("/blog/admin/authors/{userId}")
	String save(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, Authors.Input input,
			@RequestParam(name = "photo", required = false) MultipartFile photo,
			@RequestParam(name = "removePhoto", defaultValue = "false") boolean removePhoto, Model model,
			RedirectAttributes redirect) {
		try {
			String photoUrl = removePhoto ? "" : input.photoUrl();
			if (photo != null && !photo.isEmpty()) {
				if (!me.userId().equals(userId) && !me.role().canManage()) {
					throw new ForbiddenException("Only managers edit other members' profiles.");
				}
				photoUrl = media.store(me, photo.getOriginalFilename(), MediaController.bytes(photo)).url();
			}
			Author saved = authors.save(me, userId, new Authors.Input(input.displayName(), input.bio(), photoUrl,
					input.website(), input.mastodon()));
			redirect.addFlashAttribute("notice", "blog.authors.saved");
			return "redirect:/blog/admin/authors/" + saved.userId();
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("profile", new Author(userId, "", input.displayName() == null ? "" : input.displayName(),
					input.bio() == null ? "" : input.bio(), input.photoUrl() == null ? "" : input.photoUrl(),
					input.website() == null ? "" : input.website(), input.mastodon() == null ? "" : input.mastodon(), false));
			model.addAttribute("mayEdit", true);
			model.addAttribute("error", e.getMessage());
			return "blog/author-editor";
		}
	}
}

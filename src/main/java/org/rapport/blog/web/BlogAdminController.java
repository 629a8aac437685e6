package org.rapport.blog.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.blog.BlogPaths;
import org.rapport.blog.BlogSettings;
import org.rapport.blog.Comments;
import org.rapport.blog.Post;
import org.rapport.blog.PostInput;
import org.rapport.blog.Posts;
import org.rapport.blog.RenderedMarkdown;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.LocalRedirects;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The blog's back office at {@code /blog/admin}: the posts with their state, comments waiting for approval, the
 * blog's settings, and an editor with a Markdown text area and a preview rendered on the server.
 */
@Controller
class BlogAdminController {

	private final Posts posts;
	private final Comments comments;
	private final BlogSettings settings;
	private final Workspaces workspaces;

	private final org.rapport.blog.Pages staticPages;
	private final org.rapport.blog.Authors authors;
	private final org.rapport.blog.OrganisationProfiles profiles;

	BlogAdminController(Posts posts, Comments comments, BlogSettings settings, Workspaces workspaces,
			org.rapport.blog.Pages staticPages, org.rapport.blog.Authors authors,
			org.rapport.blog.OrganisationProfiles profiles) {
		this.staticPages = staticPages;
		this.authors = authors;
		this.profiles = profiles;
		this.posts = posts;
		this.comments = comments;
		this.settings = settings;
		this.workspaces = workspaces;
	}

	/** A post in the list, with where it is or will be. */
	record Row(Post post, String path, String date) {
	}

	/** The editor's fields as typed. */
	record Form(String title, String markdown, String status, String publishAt, String categories, String tags) {

		static Form of(Post post, ZoneId zone) {
			Instant at = post.published() ? post.publishedAt() : post.publishAt();
			return new Form(post.title(), post.markdown(), post.status(),
					at == null ? "" : LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.MINUTES).toString(),
					String.join(", ", post.categories().stream().map(Post.Term::name).toList()),
					String.join(", ", post.tags().stream().map(Post.Term::name).toList()));
		}

		PostInput input(ZoneId zone) {
			Instant at = null;
			if (publishAt != null && !publishAt.isBlank()) {
				try {
					at = LocalDateTime.parse(publishAt.strip()).atZone(zone).toInstant();
				}
				catch (DateTimeParseException e) {
					throw new IllegalArgumentException("'" + publishAt + "' is not a date and time.");
				}
			}
			return new PostInput(title, markdown, status, at, split(categories), split(tags));
		}

		private static List<String> split(String names) {
			return names == null ? List.of()
					: Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		}
	}

	@GetMapping("/blog/admin")
	String admin(@AuthenticationPrincipal CurrentUser me, Model model) {
		Workspace workspace = workspaces.get(me.workspaceId());
		model.addAttribute("rows", posts.all(workspace.id()).stream()
			.map(p -> new Row(p, p.path(workspace.slug(), workspace.timeZone()), BlogPages.date(p.date(), workspace.timeZone())))
			.toList());
		model.addAttribute("pending", comments.pending(workspace.id()));
		List<Comments.Pending> shown = comments.latestShown(workspace.id(), 30);
		model.addAttribute("shownComments", shown);
		Map<UUID, String> paths = pendingPaths(workspace);
		for (Comments.Pending p : shown) {
			paths.computeIfAbsent(p.postId(), id -> posts.get(workspace.id(), id).path(workspace.slug(), workspace.timeZone()));
		}
		model.addAttribute("pendingPaths", paths);
		model.addAttribute("settings", settings.of(workspace));
		model.addAttribute("blogHome", BlogPaths.home(workspace.slug()));
		model.addAttribute("staticPages", staticPages.all(workspace.id()));
		model.addAttribute("authors", authors.all(workspace.id()));
		model.addAttribute("profileLinks", profiles.text(workspace.id()));
		return "blog/admin";
	}

	private Map<UUID, String> pendingPaths(Workspace workspace) {
		Map<UUID, String> paths = new LinkedHashMap<>();
		for (Comments.Pending p : comments.pending(workspace.id())) {
			paths.computeIfAbsent(p.postId(), id -> posts.get(workspace.id(), id).path(workspace.slug(), workspace.timeZone()));
		}
		return paths;
	}

	@GetMapping("/blog/admin/new")
	String create(@AuthenticationPrincipal CurrentUser me, Model model) {
		return editor(model, null, new Form("", "", "draft", "", "", ""), null, null);
	}

	@GetMapping("/blog/admin/posts/{id}")
	String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		Workspace workspace = workspaces.get(me.workspaceId());
		Post post = posts.get(workspace.id(), id);
		return editor(model, post, Form.of(post, workspace.timeZone()), null, null);
	}

	@PostMapping("/blog/admin/posts")
	String save(@AuthenticationPrincipal CurrentUser me, Form form, @RequestParam(defaultValue = "save") String action,
			Model model, RedirectAttributes redirect) {
		return saveOrPreview(me, null, form, action, model, redirect);
	}

	@PostMapping("/blog/admin/posts/{id}")
	String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Form form,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
		return saveOrPreview(me, id, form, action, model, redirect);
	}

	private String saveOrPreview(CurrentUser me, UUID id, Form form, String action, Model model,
			RedirectAttributes redirect) {
		Workspace workspace = workspaces.get(me.workspaceId());
		Post existing = id == null ? null : posts.get(workspace.id(), id);
		if ("preview".equals(action)) {
			return editor(model, existing, form, RenderedMarkdown.of(form.markdown()), null);
		}
		try {
			PostInput input = form.input(workspace.timeZone());
			Post saved = id == null ? posts.create(me, input) : posts.update(me, id, input);
			redirect.addFlashAttribute("notice", "blog.admin.saved");
			return "redirect:/blog/admin/posts/" + saved.id();
		}
		catch (IllegalArgumentException e) {
			return editor(model, existing, form, null, e.getMessage());
		}
	}

	private String editor(Model model, Post post, Form form, RenderedMarkdown preview, String error) {
		model.addAttribute("post", post);
		model.addAttribute("form", form);
		model.addAttribute("preview", preview);
		model.addAttribute("error", error);
		model.addAttribute("action", post == null ? "/blog/admin/posts" : "/blog/admin/posts/" + post.id());
		if (post != null && post.published()) {
			Workspace workspace = workspaces.get(post.workspaceId());
			model.addAttribute("publicPath", post.path(workspace.slug(), workspace.timeZone()));
		}
		return "blog/editor";
	}

	@PostMapping("/blog/admin/posts/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
		posts.delete(me, id);
		redirect.addFlashAttribute("notice", "linkbacks.postDeleted");
		return "redirect:/blog/admin#posts";
	}

	@PostMapping("/blog/admin/comments/{id}/approve")
	String approve(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String back, RedirectAttributes redirect) {
		comments.approve(me, id);
		redirect.addFlashAttribute("notice", "blog.admin.approved");
		return "redirect:" + LocalRedirects.path(back, "/blog/admin#pending");
	}

	@PostMapping("/blog/admin/comments/{id}/reject")
	String reject(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
		comments.reject(me, id);
		redirect.addFlashAttribute("notice", "blog.admin.rejected");
		return "redirect:/blog/admin#pending";
	}

	@PostMapping("/blog/admin/comments/{id}/spam")
	String spam(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String back, RedirectAttributes redirect) {
		comments.spam(me, id);
		redirect.addFlashAttribute("notice", "blog.admin.markedSpam");
		return "redirect:" + LocalRedirects.path(back, "/blog/admin#pending");
	}

	@PostMapping("/blog/admin/comments/{id}/delete")
	String deleteComment(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
		comments.deleteByTeam(me, id);
		redirect.addFlashAttribute("notice", "blog.admin.commentDeleted");
		return "redirect:/blog/admin#pending";
	}

	@PostMapping("/blog/admin/settings")
	String settings(@AuthenticationPrincipal CurrentUser me, @RequestParam String title,
			@RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "de") String language,
			@RequestParam String consentText, RedirectAttributes redirect) {
		me.requireManager();
		try {
			settings.save(workspaces.get(me.workspaceId()), title, description, language, consentText);
			redirect.addFlashAttribute("notice", "blog.admin.settingsSaved");
		}
		catch (IllegalArgumentException e) {
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/blog/admin#settings";
	}

	@PostMapping("/blog/admin/profiles")
	String profiles(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String profileLinks,
			RedirectAttributes redirect) {
		try {
			profiles.save(me, profileLinks);
			redirect.addFlashAttribute("notice", "blog.profiles.saved");
		}
		catch (IllegalArgumentException e) {
			redirect.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/blog/admin#profiles";
	}
}

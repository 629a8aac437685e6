package org.rapport.blog.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.blog.BlogPaths;
import org.rapport.blog.Newsletter;
import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Newsletter sign-up with double opt-in, confirmation and unsubscribing on the public blog; sending from the back office and the API. */
@Controller
class NewsletterController {

	private final Newsletter newsletter;
	private final BlogPages pages;
	private final Posts posts;
	private final Workspaces workspaces;
	private final MessageSource messages;

	NewsletterController(Newsletter newsletter, BlogPages pages, Posts posts, Workspaces workspaces, MessageSource messages) {
		this.newsletter = newsletter;
		this.pages = pages;
		this.posts = posts;
		this.workspaces = workspaces;
		this.messages = messages;
	}

	@PostMapping("/blog/{ws}/newsletter")
	String signUp(@PathVariable String ws, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "false") boolean consent, @RequestParam(defaultValue = "") String website,
			HttpServletRequest request, Model model) {
		Workspace workspace = pages.workspace(ws);
		Newsletter.SignUp outcome = website.isBlank()
				? newsletter.signUp(workspace, email.strip(), consent, request.getRemoteAddr(), pages.settings(workspace).title())
				: Newsletter.SignUp.CONFIRMATION_SENT;
		int status = switch (outcome) {
			case CONFIRMATION_SENT -> 200;
			case INVALID_ADDRESS, CONSENT_MISSING -> 400;
			case TOO_MANY -> 429;
			case MAIL_FAILED -> 503;
		};
		return message(model, workspace, status, "blog.newsletter." + outcome.name().toLowerCase());
	}

	@GetMapping("/blog/{ws}/newsletter/confirm")
	String confirm(@PathVariable String ws, @RequestParam(defaultValue = "") String t, HttpServletRequest request, Model model) {
		Workspace workspace = pages.workspace(ws);
		return newsletter.confirm(workspace, t, request.getRemoteAddr()).isPresent()
				? message(model, workspace, 200, "blog.newsletter.confirmed")
				: message(model, workspace, 400, "blog.newsletter.unknownLink");
	}

	@GetMapping("/blog/{ws}/newsletter/unsubscribe")
	String unsubscribePage(@PathVariable String ws, @RequestParam(defaultValue = "") String t, Model model) {
		pages.workspace(ws);
		model.addAttribute("token", t);
		model.addAttribute("action", "/blog/" + ws + "/newsletter/unsubscribe");
		return "blog/unsubscribe";
	}

	/** Also the one-click unsubscribe of RFC 8058, which mail programs post with {@code List-Unsubscribe=One-Click}. */
	@PostMapping("/blog/{ws}/newsletter/unsubscribe")
	String unsubscribe(@PathVariable String ws, @RequestParam(defaultValue = "") String t, Model model) {
		Workspace workspace = pages.workspace(ws);
		return newsletter.unsubscribe(workspace, t).isPresent()
				? message(model, workspace, 200, "blog.newsletter.unsubscribed")
				: message(model, workspace, 400, "blog.newsletter.unknownLink");
	}

	@PostMapping("/blog/admin/posts/{id}/newsletter")
	String sendFromAdmin(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash) {
		Newsletter.Sent sent = send(me, id);
		flash.addFlashAttribute("notice", "blog.newsletter.sent");
		flash.addFlashAttribute("sentCount", sent.recipients());
		return "redirect:/blog/admin";
	}

	@PostMapping("/api/v1/blog/posts/{id}/newsletter")
	@ResponseBody
	@ResponseStatus(HttpStatus.CREATED)
	Newsletter.Sent sendFromApi(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		return send(me, id);
	}

	@GetMapping("/api/v1/blog/newsletter/subscribers")
	@ResponseBody
	Map<String, List<Newsletter.Subscriber>> subscribers(@AuthenticationPrincipal CurrentUser me) {
		me.requireManager();
		return Map.of("items", newsletter.subscribers(me.workspaceId()));
	}

	/** What a manager writes as an issue. */
	record IssueInput(String subject, String markdown) {
	}

	record IssueSent(UUID id, int recipients) {
	}

	@PostMapping("/api/v1/blog/newsletter/issues")
	@ResponseBody
	@ResponseStatus(HttpStatus.CREATED)
	IssueSent sendIssue(@AuthenticationPrincipal CurrentUser me, @org.springframework.web.bind.annotation.RequestBody IssueInput input) {
		Newsletter.Issue issue = newsletter.sendIssue(me, workspaces.get(me.workspaceId()), input.subject(), input.markdown());
		return new IssueSent(issue.id(), issue.recipients());
	}

	@GetMapping("/api/v1/blog/newsletter/issues")
	@ResponseBody
	Map<String, List<Newsletter.Issue>> issues(@AuthenticationPrincipal CurrentUser me) {
		me.requireManager();
		return Map.of("items", newsletter.issues(me.workspaceId()));
	}

	@GetMapping("/blog/admin/newsletter")
	String composePage(@AuthenticationPrincipal CurrentUser me, Model model) {
		me.requireManager();
		return compose(me, model, new IssueInput("", ""), null, null);
	}

	/** Previews or sends what was written; a refused issue comes back with the text as typed and the reason. */
	@PostMapping("/blog/admin/newsletter")
	String composeAction(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String subject,
			@RequestParam(defaultValue = "") String markdown, @RequestParam(defaultValue = "preview") String action,
			Model model, RedirectAttributes flash) {
		me.requireManager();
		IssueInput input = new IssueInput(subject, markdown);
		if (!"send".equals(action)) {
			return compose(me, model, input, markdown.isBlank() ? null : org.rapport.blog.RenderedMarkdown.of(markdown).html(), null);
		}
		try {
			Newsletter.Issue issue = newsletter.sendIssue(me, workspaces.get(me.workspaceId()), subject, markdown);
			flash.addFlashAttribute("notice", "blog.newsletter.sent");
			flash.addFlashAttribute("sentCount", issue.recipients());
			return "redirect:/blog/admin/newsletter";
		}
		catch (IllegalArgumentException e) {
			return compose(me, model, input, null, e.getMessage());
		}
	}

	private String compose(CurrentUser me, Model model, IssueInput input, String previewHtml, String error) {
		model.addAttribute("form", input);
		model.addAttribute("previewHtml", previewHtml);
		model.addAttribute("error", error);
		model.addAttribute("issues", newsletter.issues(me.workspaceId()));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		model.addAttribute("activeSubscribers",
				newsletter.subscribers(me.workspaceId()).stream().filter(s -> "active".equals(s.status())).count());
		return "blog/newsletter-admin";
	}

	private Newsletter.Sent send(CurrentUser me, UUID postId) {
		me.requireManager();
		Post post = posts.get(me.workspaceId(), postId);
		if (!"published".equals(post.status())) {
			throw new IllegalStateException("Only a published post can go out as a newsletter.");
		}
		Workspace workspace = workspaces.get(me.workspaceId());
		String text = post.title() + "\n\n" + post.excerpt() + "\n\n" + posts.url(post);
		return newsletter.send(workspace, post.id(), post.title(), text);
	}

	/**
	 * A page in the visitor's language that says what happened and leads back to the blog. The status goes to the
	 * browser only: a number means nothing to a reader.
	 */
	private String message(Model model, Workspace workspace, int status, String key) {
		var attributes = (org.springframework.web.context.request.ServletRequestAttributes)
			org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes();
		if (attributes.getResponse() != null) {
			attributes.getResponse().setStatus(status);
		}
		model.addAttribute("status", "");
		model.addAttribute("heading", messages.getMessage("blog.newsletter.title", null, BlogPages.locale()));
		model.addAttribute("message", messages.getMessage(key, null, BlogPages.locale()));
		model.addAttribute("home", BlogPaths.home(workspace.slug()));
		model.addAttribute("blogTitle", pages.settings(workspace).title());
		return "blog/message";
	}
}

package org.rapport.blog.web;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.blog.BlogPaths;
import org.rapport.blog.BlogSettings;
import org.rapport.blog.Comment;
import org.rapport.blog.CommentLinks;
import org.rapport.blog.Comments;
import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The public blog of a workspace: the newest posts page by page, a post with its comments and the comment form,
 * archives by month, category and tag pages.
 */
@Controller
class BlogController {

	static final int PAGE_SIZE = 10;

	/** The highest page number a list is shown for: a million posts; beyond it the offset would overflow. */
	static final int MAX_PAGE = 100_000;

	private final BlogPages pages;
	private final Posts posts;
	private final Comments comments;
	private final MessageSource messages;

	private final CommentLinks commentLinks;

	BlogController(BlogPages pages, Posts posts, Comments comments, MessageSource messages,
			LinkbackPage linkbackPage, CommentLinks commentLinks) {
		this.linkbackPage = linkbackPage;
		this.commentLinks = commentLinks;
		this.pages = pages;
		this.posts = posts;
		this.comments = comments;
		this.messages = messages;
	}

	@GetMapping("/blog/{ws}")
	String index(@PathVariable String ws, @RequestParam(defaultValue = "1") int page, Model model) {
		Workspace workspace = pages.workspace(ws);
		BlogSettings.Settings blog = pages.settings(workspace);
		int total = posts.countPublished(workspace.id());
		int current = page(page);
		String home = BlogPaths.home(ws);
		String canonical = pages.absolute(current == 1 ? home : home + "?page=" + current);
		pages.common(model, workspace, BlogPages.Meta.page(current == 1 ? blog.title() : blog.title() + " – " + text("blog.page", current),
				blog.description(), canonical), null, null);
		model.addAttribute("heading", null);
		model.addAttribute("posts", pages.cards(workspace, posts.published(workspace.id(), (current - 1) * PAGE_SIZE, PAGE_SIZE)));
		pager(model, home, current, total);
		model.addAttribute("categories", posts.terms(workspace.id(), "category"));
		return "blog/list";
	}

	@GetMapping("/blog/{ws}/{year:\\d{4}}/{month:\\d{2}}")
	String month(@PathVariable String ws, @PathVariable int year, @PathVariable int month, Model model) {
		Workspace workspace = pages.workspace(ws);
		if (month < 1 || month > 12) {
			throw new NotFoundException("There is no month " + month + ".");
		}
		BlogSettings.Settings blog = pages.settings(workspace);
		String name = Month.of(month).getDisplayName(TextStyle.FULL_STANDALONE, BlogPages.locale()) + " " + year;
		String heading = text("blog.monthHeading", name);
		pages.common(model, workspace, BlogPages.Meta.page(heading + " – " + blog.title(), blog.description(),
				pages.absolute(BlogPaths.month(ws, year, month))), null, null);
		model.addAttribute("heading", heading);
		model.addAttribute("posts", pages.cards(workspace, posts.ofMonth(workspace.id(), workspace.timeZone(), year, month)));
		model.addAttribute("categories", posts.terms(workspace.id(), "category"));
		return "blog/list";
	}

	@GetMapping("/blog/{ws}/archive")
	String archive(@PathVariable String ws, Model model) {
		Workspace workspace = pages.workspace(ws);
		BlogSettings.Settings blog = pages.settings(workspace);
		String heading = text("blog.archive");
		pages.common(model, workspace, BlogPages.Meta.page(heading + " – " + blog.title(), blog.description(),
				pages.absolute(BlogPaths.archive(ws))), null, null);
		model.addAttribute("months", posts.months(workspace.id(), workspace.timeZone()).stream()
			.map(m -> new MonthLink(Month.of(m.month()).getDisplayName(TextStyle.FULL_STANDALONE, BlogPages.locale()) + " " + m.year(),
					BlogPaths.month(ws, m.year(), m.month()), m.posts()))
			.toList());
		model.addAttribute("categories", posts.terms(workspace.id(), "category"));
		model.addAttribute("tags", posts.terms(workspace.id(), "tag"));
		return "blog/archive";
	}

	record MonthLink(String name, String path, int posts) {
	}

	@GetMapping("/blog/{ws}/{kind:category|tag}/{term}")
	String term(@PathVariable String ws, @PathVariable String kind, @PathVariable String term,
			@RequestParam(defaultValue = "1") int page, Model model) {
		Workspace workspace = pages.workspace(ws);
		BlogSettings.Settings blog = pages.settings(workspace);
		String name = posts.termName(workspace.id(), kind, term)
			.orElseThrow(() -> new NotFoundException("No posts with " + kind + " '" + term + "'."));
		int current = page(page);
		String path = BlogPaths.term(ws, kind, term);
		String heading = text("blog." + kind + "Heading", name);
		pages.common(model, workspace, BlogPages.Meta.page(heading + " – " + blog.title(), blog.description(),
				pages.absolute(current == 1 ? path : path + "?page=" + current)), path, name);
		model.addAttribute("heading", heading);
		model.addAttribute("posts", pages.cards(workspace, posts.withTerm(workspace.id(), kind, term, (current - 1) * PAGE_SIZE, PAGE_SIZE)));
		pager(model, path, current, posts.countWithTerm(workspace.id(), kind, term));
		model.addAttribute("categories", posts.terms(workspace.id(), "category"));
		return "blog/list";
	}

	@GetMapping("/blog/{ws}/{year:\\d{4}}/{month:\\d{2}}/{slug}")
	String post(@PathVariable String ws, @PathVariable int year, @PathVariable int month, @PathVariable String slug,
			@RequestParam(required = false) String comment, @RequestParam(required = false) String replyTo,
			@RequestParam(required = false) String mine, @RequestParam(required = false) String t, Model model,
			HttpServletRequest request) {
		Workspace workspace = pages.workspace(ws);
		Post post = posts.publishedBySlug(workspace.id(), slug)
			.orElseThrow(() -> posts.withdrawn(workspace.id(), slug) ? new PostGone(slug)
					: new NotFoundException("There is no post '" + slug + "'."));
		String path = post.path(ws, workspace.timeZone());
		if (!path.equals(BlogPaths.month(ws, year, month) + "/" + slug)) {
			request.setAttribute(org.springframework.web.servlet.View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.MOVED_PERMANENTLY);
			return "redirect:" + path;
		}
		postModel(model, workspace, post);
		model.addAttribute("values", Map.of());
		model.addAttribute("errors", Map.of());
		model.addAttribute("commentState", "pending".equals(comment) || "shown".equals(comment) ? comment : null);
		model.addAttribute("replyTo", replyTarget(model, replyTo));
		model.addAttribute("manageLink", commentLinks.verify(workspace.id(), mine, t).flatMap(commentLinks::path).orElse(null));
		return "blog/post";
	}

	@PostMapping(path = "/blog/{ws}/{year:\\d{4}}/{month:\\d{2}}/{slug}/comments",
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	String comment(@PathVariable String ws, @PathVariable String slug, @RequestParam Map<String, String> values,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Workspace workspace = pages.workspace(ws);
		Post post = posts.publishedBySlug(workspace.id(), slug)
			.orElseThrow(() -> new NotFoundException("There is no post '" + slug + "'."));
		String consent = values.get("consent");
		UUID parentId = uuid(values.get("parentId"));
		Comments.Outcome outcome = comments.submit(workspace, post,
				new Comments.Submission(values.get("name"), values.get("email"), values.get("website"), values.get("text"),
						"true".equals(consent) || "on".equals(consent), values.get("homepage"), parentId),
				request.getRemoteAddr());
		String path = post.path(ws, workspace.timeZone());
		if (!outcome.errors().isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			postModel(model, workspace, post);
			model.addAttribute("values", values);
			model.addAttribute("errors", outcome.errors());
			model.addAttribute("commentState", null);
			model.addAttribute("replyTo", outcome.errors().containsKey("parent") ? null
					: replyTarget(model, values.get("parentId")));
			return "blog/post";
		}
		if (!outcome.accepted()) {
			return "redirect:" + path + "?comment=pending#comment-form";
		}
		// The commenter's own link to delete the comment, shown once on the page they land on.
		String mine = commentLinks.path(outcome.comment().id())
			.map(link -> "&mine=" + outcome.comment().id() + "&t=" + link.substring(link.indexOf("?t=") + 3))
			.orElse("");
		if (outcome.comment().approved()) {
			return "redirect:" + path + "?comment=shown" + mine + "#c-" + outcome.comment().id();
		}
		return "redirect:" + path + "?comment=pending" + mine + "#comment-form";
	}

	/** The shown comment a reader answers, from the page's comments; null when it is not (or no longer) shown. */
	@SuppressWarnings("unchecked")
	private static Comment replyTarget(Model model, String id) {
		UUID wanted = uuid(id);
		if (wanted == null) {
			return null;
		}
		java.util.Deque<Comment> open = new java.util.ArrayDeque<>((List<Comment>) model.getAttribute("comments"));
		while (!open.isEmpty()) {
			Comment c = open.pop();
			if (c.id().equals(wanted)) {
				return c.deleted() ? null : c;
			}
			open.addAll(c.replies());
		}
		return null;
	}

	private static UUID uuid(String value) {
		if (value == null || value.isBlank() || value.length() > 36) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private final LinkbackPage linkbackPage;

	private void postModel(Model model, Workspace workspace, Post post) {
		var attributes = (org.springframework.web.context.request.ServletRequestAttributes)
			org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes();
		org.rapport.blog.Author author = pages.author(workspace, post);
		BlogPages.Card card = pages.card(workspace, post, author);
		linkbackPage.addTo(model, attributes.getResponse(), workspace, post, card.url());
		String authorUrl = pages.absolute(card.authorPath());
		BlogSettings.Settings blog = pages.settings(workspace);
		pages.common(model, workspace, blog, new BlogPages.Meta(post.title() + " – " + blog.title(),
				post.excerpt(), card.url(), "article", card.isoDate(),
				post.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), authorUrl,
				post.tags().stream().map(Post.Term::name).toList()), null, null);
		model.addAttribute("post", card);
		model.addAttribute("author", author);
		model.addAttribute("jsonLd", JsonLd.posting(post, card.url(), blog.title(), author, authorUrl,
				pages.absolute(author.photoUrl())));
		model.addAttribute("related", pages.cards(workspace, posts.related(post, 3)));
		List<Comment> shown = comments.shown(post.id());
		Map<UUID, String> dates = new HashMap<>();
		Map<UUID, Comment> byId = new HashMap<>();
		Map<UUID, String> replyTargets = new HashMap<>();
		java.util.Deque<Comment> open = new java.util.ArrayDeque<>(shown);
		int count = 0;
		while (!open.isEmpty()) {
			Comment c = open.pop();
			dates.put(c.id(), BlogPages.date(c.createdAt(), workspace.timeZone()));
			byId.put(c.id(), c);
			count += c.deleted() ? 0 : 1;
			open.addAll(c.replies());
		}
		// An answer shown on another level than right below the comment it answers says whom it answers.
		for (Comment c : byId.values()) {
			for (Comment r : c.replies()) {
				Comment answered = r.parentId() == null ? null : byId.get(r.parentId());
				if (answered != null && !answered.id().equals(c.id()) && !answered.deleted()) {
					replyTargets.put(r.id(), answered.authorName());
				}
			}
		}
		model.addAttribute("comments", shown);
		model.addAttribute("commentCount", count);
		model.addAttribute("commentDates", dates);
		model.addAttribute("replyTargets", replyTargets);
		model.addAttribute("commentsOpen", comments.open(workspace));
		model.addAttribute("share", BlogPages.share(post.title(), card.url()));
		model.addAttribute("commentAction", card.path() + "/comments");
		model.addAttribute("categories", posts.terms(workspace.id(), "category"));
	}

	private void pager(Model model, String base, int current, int total) {
		int pagesTotal = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		model.addAttribute("newer", current > 1 ? (current == 2 ? base : base + "?page=" + (current - 1)) : null);
		model.addAttribute("older", current < pagesTotal ? base + "?page=" + (current + 1) : null);
		model.addAttribute("pageNumber", current);
		model.addAttribute("pageCount", pagesTotal);
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, BlogPages.locale());
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException e, Model model) {
		model.addAttribute("status", 404);
		model.addAttribute("message", text("blog.notFound"));
		return "blog/message";
	}

	@ExceptionHandler(PostGone.class)
	@ResponseStatus(HttpStatus.GONE)
	String gone(PostGone e, Model model) {
		model.addAttribute("status", 410);
		model.addAttribute("message", text("linkbacks.gone"));
		return "blog/message";
	}

	@ExceptionHandler(Comments.RateLimitedException.class)
	String tooMany(Comments.RateLimitedException e, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", "600");
		model.addAttribute("status", 429);
		model.addAttribute("message", text("blog.tooMany"));
		return "blog/message";
	}

	/** The page asked for, from 1; a number beyond {@link #MAX_PAGE} names no page. */
	private static int page(int page) {
		if (page > MAX_PAGE) {
			throw new NotFoundException("There is no page " + page + ".");
		}
		return Math.max(1, page);
	}
}

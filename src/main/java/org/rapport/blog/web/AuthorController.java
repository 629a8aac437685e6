package org.rapport.blog.web;

import org.rapport.blog.Author;
import org.rapport.blog.Authors;
import org.rapport.blog.BlogSettings;
import org.rapport.blog.Posts;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An author's page on the public blog: their profile and their posts, newest first. */
@Controller
class AuthorController {

	static final int POSTS = 50;

	private final BlogPages pages;
	private final Authors authors;
	private final Posts posts;
	private final MessageSource messages;

	AuthorController(BlogPages pages, Authors authors, Posts posts, MessageSource messages) {
		this.pages = pages;
		this.authors = authors;
		this.posts = posts;
		this.messages = messages;
	}

	@GetMapping("/blog/{ws}/author/{slug}")
	String author(@PathVariable String ws, @PathVariable String slug, Model model) {
		Workspace workspace = pages.workspace(ws);
		Author author = authors.bySlug(workspace.id(), slug)
			.orElseThrow(() -> new NotFoundException("There is no author '" + slug + "'."));
		var written = posts.byAuthor(workspace.id(), author, 0, POSTS);
		if (written.isEmpty()) {
			throw new NotFoundException("'" + slug + "' has not published anything.");
		}
		BlogSettings.Settings blog = pages.settings(workspace);
		String canonical = pages.absolute(author.path(ws));
		pages.common(model, workspace, new BlogPages.Meta(author.displayName() + " – " + blog.title(),
				author.bio().isBlank() ? messages.getMessage("blog.authorPosts", new Object[] { author.displayName() }, BlogPages.locale())
						: author.bio(),
				canonical, "profile", null, null, null, java.util.List.of()), null, null);
		model.addAttribute("author", author);
		model.addAttribute("posts", pages.cards(workspace, written));
		model.addAttribute("categories", posts.terms(workspace.id(), "category"));
		model.addAttribute("jsonLd", JsonLd.person(author, canonical, pages.absolute(author.photoUrl())));
		return "blog/author";
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException e, Model model) {
		model.addAttribute("status", 404);
		model.addAttribute("message", messages.getMessage("blog.notFound", null, BlogPages.locale()));
		return "blog/message";
	}
}

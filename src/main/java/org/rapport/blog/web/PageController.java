package org.rapport.blog.web;

import org.rapport.blog.BlogSettings;
import org.rapport.blog.Page;
import org.rapport.blog.Pages;
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

/** A published static page of the blog, at {@code /blog/{workspace}/page/{slug}}. */
@Controller
class PageController {

	private final BlogPages blogPages;
	private final Pages pages;
	private final Posts posts;
	private final MessageSource messages;

	PageController(BlogPages blogPages, Pages pages, Posts posts, MessageSource messages) {
		this.blogPages = blogPages;
		this.pages = pages;
		this.posts = posts;
		this.messages = messages;
	}

	@GetMapping("/blog/{ws}/page/{slug}")
	String page(@PathVariable String ws, @PathVariable String slug, Model model) {
		Workspace workspace = blogPages.workspace(ws);
		Page page = pages.publishedBySlug(workspace.id(), slug)
			.orElseThrow(() -> new NotFoundException("There is no page '" + slug + "'."));
		BlogSettings.Settings blog = blogPages.settings(workspace);
		blogPages.common(model, workspace, BlogPages.Meta.page(page.title() + " – " + blog.title(), page.excerpt(),
				blogPages.absolute(page.path(ws))), null, null);
		model.addAttribute("page", page);
		model.addAttribute("categories", posts.terms(workspace.id(), "category"));
		return "blog/page";
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException e, Model model) {
		model.addAttribute("status", 404);
		model.addAttribute("message", messages.getMessage("blog.notFound", null, BlogPages.locale()));
		return "blog/message";
	}
}

package org.rapport.blog.web;

import org.rapport.blog.BlogPaths;
import org.rapport.blog.BlogSearch;
import org.rapport.blog.BlogSettings;
import org.rapport.blog.Posts;
import org.rapport.platform.Workspace;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The blog's search page, {@code /blog/{workspace}/search?q=}; the theme's search box sends readers here. */
@Controller
class SearchController {

	private final BlogPages pages;
	private final BlogSearch search;
	private final Posts posts;
	private final MessageSource messages;

	SearchController(BlogPages pages, BlogSearch search, Posts posts, MessageSource messages) {
		this.pages = pages;
		this.search = search;
		this.posts = posts;
		this.messages = messages;
	}

	/** A result with its date written for the reader. */
	record Result(BlogSearch.Hit hit, String date) {
	}

	@GetMapping("/blog/{ws}/search")
	String search(@PathVariable String ws, @RequestParam(defaultValue = "") String q, Model model) {
		Workspace workspace = pages.workspace(ws);
		BlogSettings.Settings blog = pages.settings(workspace);
		String heading = q.isBlank() ? messages.getMessage("blog.search.label", null, BlogPages.locale())
				: messages.getMessage("blog.search.heading", new Object[] { q.strip() }, BlogPages.locale());
		pages.common(model, workspace, BlogPages.Meta.page(heading + " – " + blog.title(), blog.description(),
				pages.absolute(BlogPaths.search(ws))), null, null);
		model.addAttribute("heading", heading);
		model.addAttribute("searchQuery", q);
		model.addAttribute("results", search.search(workspace.id(), ws, workspace.timeZone(), q).stream()
			.map(h -> new Result(h, h.date() == null ? null : BlogPages.date(h.date(), workspace.timeZone())))
			.toList());
		model.addAttribute("categories", posts.terms(workspace.id(), "category"));
		return "blog/search";
	}
}

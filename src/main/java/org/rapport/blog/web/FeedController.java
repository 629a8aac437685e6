package org.rapport.blog.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.blog.BlogPaths;
import org.rapport.blog.BlogSettings;
import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A blog's feeds (RSS 2.0 {@code feed.xml}, Atom {@code atom.xml}, JSON Feed 1.1 {@code feed.json}) with its 20
 * newest posts, the same per category and tag, and its {@code sitemap.xml}.
 */
@RestController
class FeedController {

	static final int ENTRIES = 20;

	private static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");
	private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
	private static final MediaType JSON_FEED = MediaType.parseMediaType("application/feed+json;charset=UTF-8");
	private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

	private final BlogPages pages;
	private final Posts posts;

	private final org.rapport.blog.Pages staticPages;

	FeedController(BlogPages pages, Posts posts, org.rapport.blog.Pages staticPages) {
		this.staticPages = staticPages;
		this.pages = pages;
		this.posts = posts;
	}

	@GetMapping("/blog/{ws}/feed.xml")
	ResponseEntity<String> rss(@PathVariable String ws) {
		return ResponseEntity.ok().contentType(RSS).body(FeedWriter.rss(feed(ws, null, null, "/feed.xml")));
	}

	@GetMapping("/blog/{ws}/atom.xml")
	ResponseEntity<String> atom(@PathVariable String ws) {
		return ResponseEntity.ok().contentType(ATOM).body(FeedWriter.atom(feed(ws, null, null, "/atom.xml")));
	}

	@GetMapping("/blog/{ws}/feed.json")
	ResponseEntity<String> json(@PathVariable String ws) {
		return ResponseEntity.ok().contentType(JSON_FEED).body(FeedWriter.json(feed(ws, null, null, "/feed.json")));
	}

	@GetMapping("/blog/{ws}/{kind:category|tag}/{term}/feed.xml")
	ResponseEntity<String> termRss(@PathVariable String ws, @PathVariable String kind, @PathVariable String term) {
		return ResponseEntity.ok().contentType(RSS).body(FeedWriter.rss(feed(ws, kind, term, "/feed.xml")));
	}

	@GetMapping("/blog/{ws}/{kind:category|tag}/{term}/atom.xml")
	ResponseEntity<String> termAtom(@PathVariable String ws, @PathVariable String kind, @PathVariable String term) {
		return ResponseEntity.ok().contentType(ATOM).body(FeedWriter.atom(feed(ws, kind, term, "/atom.xml")));
	}

	@GetMapping("/blog/{ws}/{kind:category|tag}/{term}/feed.json")
	ResponseEntity<String> termJson(@PathVariable String ws, @PathVariable String kind, @PathVariable String term) {
		return ResponseEntity.ok().contentType(JSON_FEED).body(FeedWriter.json(feed(ws, kind, term, "/feed.json")));
	}

	@GetMapping("/blog/{ws}/sitemap.xml")
	ResponseEntity<String> sitemap(@PathVariable String ws) {
		Workspace workspace = pages.workspace(ws);
		Map<String, Instant> urls = new LinkedHashMap<>();
		List<Post> all = posts.published(workspace.id(), 0, 50_000);
		urls.put(pages.absolute(BlogPaths.home(ws)), all.isEmpty() ? null : all.getFirst().updatedAt());
		for (Post post : all) {
			urls.put(pages.absolute(post.path(ws, workspace.timeZone())), post.updatedAt());
		}
		for (org.rapport.blog.Page page : staticPages.published(workspace.id())) {
			urls.put(pages.absolute(page.path(ws)), page.updatedAt());
		}
		Map<String, Post> byAuthor = new LinkedHashMap<>();
		all.forEach(p -> byAuthor.putIfAbsent(p.authorId() + "|" + p.authorName(), p));
		for (Post post : byAuthor.values()) {
			urls.putIfAbsent(pages.absolute(pages.author(workspace, post).path(ws)), null);
		}
		for (String kind : List.of("category", "tag")) {
			posts.terms(workspace.id(), kind).keySet()
				.forEach(t -> urls.put(pages.absolute(BlogPaths.term(ws, kind, t.slug())), null));
		}
		return ResponseEntity.ok().contentType(XML).body(FeedWriter.sitemap(urls));
	}

	private FeedWriter.Feed feed(String ws, String kind, String term, String file) {
		Workspace workspace = pages.workspace(ws);
		BlogSettings.Settings blog = pages.settings(workspace);
		List<Post> entries;
		String home;
		String title = blog.title();
		if (kind == null) {
			entries = posts.published(workspace.id(), 0, ENTRIES);
			home = BlogPaths.home(ws);
		}
		else {
			String name = posts.termName(workspace.id(), kind, term)
				.orElseThrow(() -> new NotFoundException("No posts with " + kind + " '" + term + "'."));
			entries = posts.withTerm(workspace.id(), kind, term, 0, ENTRIES);
			home = BlogPaths.term(ws, kind, term);
			title = title + " – " + name;
		}
		return new FeedWriter.Feed(title, blog.description(), blog.language(), pages.absolute(home),
				pages.absolute(home + file), entries.stream()
					.map(p -> entry(workspace, p))
					.toList());
	}

	private FeedWriter.Entry entry(Workspace workspace, Post post) {
		org.rapport.blog.Author author = pages.author(workspace, post);
		return new FeedWriter.Entry(post, pages.absolute(post.path(workspace.slug(), workspace.timeZone())),
				pages.absolute(author.path(workspace.slug())),
				author.photoUrl().isBlank() ? null : pages.absolute(author.photoUrl()));
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
	}
}

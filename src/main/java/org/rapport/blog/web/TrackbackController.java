package org.rapport.blog.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.blog.LinkbackRateLimit;
import org.rapport.blog.Linkbacks;
import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The Trackback address of each post, {@code <post>/trackback}: takes {@code url}, {@code title}, {@code excerpt}
 * and {@code blog_name} form-encoded and answers as the Trackback specification says, {@code <error>0</error>} or
 * {@code <error>1</error>} with a message. Whether the page at {@code url} links to the post is checked afterwards,
 * as for Webmentions.
 */
@Controller
class TrackbackController {

	private final BlogPages pages;
	private final Posts posts;
	private final Linkbacks linkbacks;
	private final LinkbackRateLimit rateLimit;

	TrackbackController(BlogPages pages, Posts posts, Linkbacks linkbacks, LinkbackRateLimit rateLimit) {
		this.rateLimit = rateLimit;
		this.pages = pages;
		this.posts = posts;
		this.linkbacks = linkbacks;
	}

	@PostMapping(path = "/blog/{ws}/{year:\\d{4}}/{month:\\d{2}}/{slug}/trackback")
	@ResponseBody
	ResponseEntity<String> ping(@PathVariable String ws, @PathVariable String slug,
			@RequestParam(defaultValue = "") String url, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String excerpt, @RequestParam(name = "blog_name", defaultValue = "") String blogName,
			HttpServletRequest request) {
		Optional<Workspace> workspace;
		try {
			workspace = Optional.of(pages.workspace(ws));
		}
		catch (NotFoundException e) {
			workspace = Optional.empty();
		}
		Optional<Post> post = workspace.flatMap(w -> posts.publishedBySlug(w.id(), slug));
		if (post.isEmpty()) {
			return answer(1, "There is no post at this address.");
		}
		if (!rateLimit.allow(workspace.get().id(), request.getRemoteAddr())) {
			return answer(1, "Too many trackbacks from your address; please try again in ten minutes.");
		}
		if (url.isBlank()) {
			return answer(1, "The url of the linking page is missing.");
		}
		try {
			UUID id = linkbacks.receiveTrackback(workspace.get(), post.get(), url, title, excerpt, blogName);
			linkbacks.verifyLater(id);
			return answer(0, null);
		}
		catch (IllegalArgumentException e) {
			return answer(1, e.getMessage());
		}
	}

	private static ResponseEntity<String> answer(int error, String message) {
		String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response>\n<error>" + error + "</error>\n"
				+ (message == null ? "" : "<message>" + HtmlUtils.htmlEscape(message, "UTF-8") + "</message>\n") + "</response>\n";
		return ResponseEntity.ok().contentType(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8)).body(body);
	}
}

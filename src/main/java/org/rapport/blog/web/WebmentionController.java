package org.rapport.blog.web;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.blog.LinkbackRateLimit;
import org.rapport.blog.Linkbacks;
import org.rapport.platform.Workspace;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The Webmention endpoint of a workspace's blog, advertised on every post page: accepts {@code source} and
 * {@code target} with 202 and verifies them in the background.
 */
@Controller
class WebmentionController {

	private final Linkbacks linkbacks;
	private final BlogPages pages;
	private final LinkbackRateLimit rateLimit;

	WebmentionController(Linkbacks linkbacks, BlogPages pages, LinkbackRateLimit rateLimit) {
		this.linkbacks = linkbacks;
		this.rateLimit = rateLimit;
		this.pages = pages;
	}

	@PostMapping(path = "/blog/{ws}/webmention", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> receive(@PathVariable String ws, @RequestParam(defaultValue = "") String source,
			@RequestParam(defaultValue = "") String target, HttpServletRequest request) {
		Workspace workspace = pages.workspace(ws);
		if (!rateLimit.allow(workspace.id(), request.getRemoteAddr())) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "600")
				.body(Map.of("title", "Too many linkbacks", "status", 429));
		}
		UUID id = linkbacks.receive(workspace, "webmention", source, target);
		linkbacks.verifyLater(id);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "status", "pending"));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> refused(IllegalArgumentException e) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
	}
}

package org.rapport.blog.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.blog.LinkbackRateLimit;
import org.rapport.blog.Pingbacks;
import org.rapport.platform.Workspace;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The XML-RPC server of a workspace's blog, advertised on post pages by {@code X-Pingback} and
 * {@code <link rel="pingback">}. It answers {@code pingback.ping} only; XML-RPC answers with HTTP 200 even for
 * faults, and so does this. Calls larger than 64 kB are not read.
 */
@Controller
class PingbackController {

	static final int MAX_BYTES = 64 * 1024;

	private final Pingbacks pingbacks;
	private final BlogPages pages;
	private final LinkbackRateLimit rateLimit;

	PingbackController(Pingbacks pingbacks, BlogPages pages, LinkbackRateLimit rateLimit) {
		this.rateLimit = rateLimit;
		this.pingbacks = pingbacks;
		this.pages = pages;
	}

	@PostMapping("/blog/{ws}/xmlrpc")
	@ResponseBody
	ResponseEntity<String> call(@PathVariable String ws, HttpServletRequest request) throws IOException {
		Workspace workspace = pages.workspace(ws);
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BYTES + 1);
		}
		String answer = !rateLimit.allow(workspace.id(), request.getRemoteAddr()) ? Pingbacks.tooMany()
				: body.length > MAX_BYTES ? Pingbacks.tooLarge(MAX_BYTES) : pingbacks.answer(workspace, body);
		return ResponseEntity.ok().contentType(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8)).body(answer);
	}
}

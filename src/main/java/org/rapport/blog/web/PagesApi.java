package org.rapport.blog.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.blog.Page;
import org.rapport.blog.PageInput;
import org.rapport.blog.Pages;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/blog/pages}: the blog's static pages (about, privacy, imprint). */
@RestController
@Tag(name = "Blog", description = "Posts in Markdown for the workspace's public blog, and their comments")
class PagesApi {

	private final Pages pages;

	PagesApi(Pages pages) {
		this.pages = pages;
	}

	record PageJson(UUID id, String title, String slug, String status, String url, int position, boolean privacy,
			String markdown, String html, Instant createdAt, Instant updatedAt) {
	}

	@PostMapping("/api/v1/blog/pages")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Write a page", description = "{\"title\", \"markdown\", \"status\": \"draft|published\", \"slug\"?, "
			+ "\"position\"?, \"privacy\"?}. The address is /blog/{workspace}/page/{slug}; the slug comes from the title "
			+ "unless given. privacy=true makes it the privacy policy the consent texts link to.")
	PostsApi.Created create(@AuthenticationPrincipal CurrentUser user, @RequestBody PageInput input) {
		Page page = pages.create(user, input);
		return new PostsApi.Created(page.id(), pages.url(page));
	}

	@GetMapping("/api/v1/blog/pages")
	@Operation(summary = "Every page, drafts included, in navigation order")
	PostsApi.Items<PageJson> list(@AuthenticationPrincipal CurrentUser user) {
		List<PageJson> items = pages.all(user.workspaceId()).stream().map(this::json).toList();
		return new PostsApi.Items<>(items);
	}

	@GetMapping("/api/v1/blog/pages/{id}")
	PageJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return json(pages.get(user.workspaceId(), id));
	}

	@PatchMapping("/api/v1/blog/pages/{id}")
	@Operation(summary = "Change a page", description = "Send only what changes; the same fields as when writing.")
	PageJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody PageInput input) {
		return json(pages.update(user, id, input));
	}

	private PageJson json(Page p) {
		return new PageJson(p.id(), p.title(), p.slug(), p.status(), pages.url(p), p.position(), p.privacy(), p.markdown(),
				p.html(), p.createdAt(), p.updatedAt());
	}
}

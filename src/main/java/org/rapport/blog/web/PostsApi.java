package org.rapport.blog.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.blog.Comment;
import org.rapport.blog.Comments;
import org.rapport.blog.Post;
import org.rapport.blog.PostInput;
import org.rapport.blog.Posts;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/blog}: write, change and list posts; see and approve comments. */
@RestController
@Tag(name = "Blog", description = "Posts in Markdown for the workspace's public blog, and their comments")
class PostsApi {

	private final Posts posts;
	private final Comments comments;

	PostsApi(Posts posts, Comments comments) {
		this.posts = posts;
		this.comments = comments;
	}

	record Created(UUID id, String url) {
	}

	/** A post as the API shows it. */
	record PostJson(UUID id, String title, String slug, String status, String url, Instant publishAt,
			Instant publishedAt, String author, List<String> categories, List<String> tags, int readingMinutes,
			String excerpt, String markdown, String html, Instant createdAt, Instant updatedAt) {
	}

	record Items<T>(List<T> items) {
	}

	@PostMapping("/api/v1/blog/posts")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Write a post",
			description = "{\"title\", \"markdown\", \"status\": \"draft|published|scheduled\", \"publishAt\"?, \"categories\"?, "
					+ "\"tags\"?}. A scheduled post needs publishAt and goes public then; a published post with publishAt "
					+ "carries that date. Answers with the post's id and public address.")
	Created create(@AuthenticationPrincipal CurrentUser user, @RequestBody PostInput input) {
		Post post = posts.create(user, input);
		return new Created(post.id(), posts.url(post));
	}

	@GetMapping("/api/v1/blog/posts")
	@Operation(summary = "Every post of the workspace, drafts included, newest first")
	Items<PostJson> list(@AuthenticationPrincipal CurrentUser user) {
		return new Items<>(posts.all(user.workspaceId()).stream().map(this::json).toList());
	}

	@GetMapping("/api/v1/blog/posts/{id}")
	PostJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return json(posts.get(user.workspaceId(), id));
	}

	@PatchMapping("/api/v1/blog/posts/{id}")
	@Operation(summary = "Change a post", description = "Send only what changes; the same fields as when writing.")
	PostJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody PostInput input) {
		return json(posts.update(user, id, input));
	}

	@DeleteMapping("/api/v1/blog/posts/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a post", description = "With its comments. A post that was public answers 410 Gone "
			+ "at its address from now on, and the pages it linked to are told.")
	void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		posts.delete(user, id);
	}

	/** A comment as the API shows it; the commenter's email address is with the contact, not here. */
	record CommentJson(UUID id, UUID postId, UUID parentId, UUID conversationId, boolean fromTeam, String author,
			String website, String text, String status, Instant createdAt) {

		static CommentJson of(Comment c) {
			return new CommentJson(c.id(), c.postId(), c.parentId(), c.conversationId(), c.fromTeam(), c.authorName(),
					c.website(), c.bodyText(), c.status(), c.createdAt());
		}
	}

	@GetMapping("/api/v1/blog/comments")
	@Operation(summary = "Comments, oldest first: by default those waiting for approval",
			description = "status=pending|approved|rejected|spam|deleted|all, postId optional. Each comment names the comment "
					+ "it answers as parentId (null for a comment on the post itself); at most 1000.")
	Items<CommentJson> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "pending") String status, @RequestParam(required = false) UUID postId) {
		return new Items<>(comments.list(user.workspaceId(), "all".equals(status) ? null : status, postId).stream()
			.map(CommentJson::of).toList());
	}

	@PostMapping("/api/v1/blog/comments/{id}/approve")
	@Operation(summary = "Show a comment under its post")
	CommentJson approve(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return CommentJson.of(comments.approve(user, id));
	}

	@PostMapping("/api/v1/blog/comments/{id}/reject")
	@Operation(summary = "Keep a comment off the blog; it stays in the inbox")
	CommentJson reject(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return CommentJson.of(comments.reject(user, id));
	}

	@PostMapping("/api/v1/blog/comments/{id}/spam")
	@Operation(summary = "Mark a comment as spam",
			description = "It leaves the blog, its inbox conversation is set to done, and the author's next comments wait for approval.")
	CommentJson spam(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return CommentJson.of(comments.spam(user, id));
	}

	@DeleteMapping("/api/v1/blog/comments/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a comment from the blog",
			description = "Answers to it stay under an empty placeholder; the inbox keeps the message with a note.")
	void deleteComment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		comments.deleteByTeam(user, id);
	}

	private PostJson json(Post p) {
		return new PostJson(p.id(), p.title(), p.slug(), p.status(), posts.url(p), p.publishAt(), p.publishedAt(),
				p.authorName(), p.categories().stream().map(Post.Term::name).toList(),
				p.tags().stream().map(Post.Term::name).toList(), p.readingMinutes(), p.excerpt(), p.markdown(), p.html(),
				p.createdAt(), p.updatedAt());
	}
}

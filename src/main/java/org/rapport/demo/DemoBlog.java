package org.rapport.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.blog.Authors;
import org.rapport.blog.BlogSettings;
import org.rapport.blog.Comment;
import org.rapport.blog.Comments;
import org.rapport.blog.PageInput;
import org.rapport.blog.Pages;
import org.rapport.blog.Post;
import org.rapport.blog.PostInput;
import org.rapport.blog.Posts;
import org.rapport.inbox.ConversationStatus;
import org.rapport.inbox.Conversations;
import org.rapport.platform.ConversationId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * The demo's public blog: settings, the owner's author profile, back-dated posts, a privacy page and readers'
 * comments. Comments are submitted like a reader's (so each lands in the inbox and is linked to its contact), then
 * approved; their conversations are closed so that the inbox still opens on the demo's real work.
 * <p>
 * Each comment is written in a transaction of its own, after the rest of the demo: a comment's time is its
 * transaction's start, and the blog threads comments in time order, so an answer must be younger than what it answers.
 */
@Component
class DemoBlog {

	private final BlogSettings settings;
	private final Authors authors;
	private final Posts posts;
	private final Pages pages;
	private final Comments comments;
	private final Conversations conversations;
	private final TransactionTemplate tx;

	DemoBlog(BlogSettings settings, Authors authors, Posts posts, Pages pages, Comments comments,
			Conversations conversations, TransactionTemplate tx) {
		this.tx = tx;
		this.settings = settings;
		this.authors = authors;
		this.posts = posts;
		this.pages = pages;
		this.comments = comments;
		this.conversations = conversations;
	}

	/** Settings, author, posts and pages; returns the posts in the order of the file. */
	List<Post> load(JsonNode root, DemoContext demo) {
		JsonNode blog = root.path("blog");
		List<Post> written = new ArrayList<>();
		if (blog.isMissingNode()) {
			return written;
		}
		settings.save(demo.workspace(), blog.path("title").asString(), blog.path("description").asString(""), "de",
				BlogSettings.DEFAULT_CONSENT);
		authors.save(demo.owner(), demo.owner().userId(),
				new Authors.Input(demo.owner().displayName(), blog.path("authorBio").asString(""), null, null, null));
		for (JsonNode p : blog.path("posts")) {
			Post post = posts.create(demo.owner(), new PostInput(p.path("title").asString(), p.path("markdown").asString(),
					"published", demo.now().minus(Duration.ofDays(p.path("daysAgo").asLong())), strings(p.path("categories")),
					strings(p.path("tags"))));
			written.add(post);
		}
		for (JsonNode p : blog.path("pages")) {
			pages.create(demo.owner(), new PageInput(p.path("title").asString(), p.path("markdown").asString(), "published",
					p.path("slug").asString(null), null, p.path("privacy").asBoolean(false)));
		}
		return written;
	}

	/** The readers' comments on the posts {@link #load} wrote, each in its own transaction. */
	void comment(JsonNode root, DemoContext demo, List<Post> written) {
		int i = 0;
		for (JsonNode p : root.path("blog").path("posts")) {
			Post post = written.get(i++);
			Map<String, UUID> byKey = new HashMap<>();
			for (JsonNode c : p.path("comments")) {
				tx.executeWithoutResult(s -> comment(demo, post, c, byKey));
			}
		}
	}

	private void comment(DemoContext demo, Post post, JsonNode c, Map<String, UUID> byKey) {
		UUID parent = c.has("replyTo") ? byKey.get(c.path("replyTo").asString()) : null;
		Comments.Outcome outcome = comments.submit(demo.workspace(), post,
				new Comments.Submission(c.path("name").asString(), c.path("email").asString(), c.path("website").asString(""),
						c.path("text").asString(), true, "", parent),
				c.path("ip").asString());
		if (!outcome.accepted()) {
			throw new IllegalStateException("The demo comment '" + c.path("key").asString() + "' was refused: "
					+ outcome.errors());
		}
		Comment comment = comments.approve(demo.owner(), outcome.comment().id());
		byKey.put(c.path("key").asString(), comment.id());
		conversations.changeStatus(demo.owner(), ConversationId.of(comment.conversationId()), ConversationStatus.of("done"));
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(v -> values.add(v.asString()));
		return values;
	}
}

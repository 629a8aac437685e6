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
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The demo's public blog: settings, the owner's author profile, back-dated posts, a privacy page and readers'
 * comments. Comments are submitted like a reader's (so each lands in the inbox and is linked to its contact), then
 * approved; their conversations are closed so that the inbox still opens on the demo's real work.
 */
@Component
class DemoBlog {

	private final BlogSettings settings;
	private final Authors authors;
	private final Posts posts;
	private final Pages pages;
	private final Comments comments;
	private final Conversations conversations;

	DemoBlog(BlogSettings settings, Authors authors, Posts posts, Pages pages, Comments comments,
			Conversations conversations) {
		this.settings = settings;
		this.authors = authors;
		this.posts = posts;
		this.pages = pages;
		this.comments = comments;
		this.conversations = conversations;
	}

	void load(JsonNode root, DemoContext demo) {
		JsonNode blog = root.path("blog");
		if (blog.isMissingNode()) {
			return;
		}
		settings.save(demo.workspace(), blog.path("title").asString(), blog.path("description").asString(""), "de",
				BlogSettings.DEFAULT_CONSENT);
		authors.save(demo.owner(), demo.owner().userId(),
				new Authors.Input(demo.owner().displayName(), blog.path("authorBio").asString(""), null, null, null));
		for (JsonNode p : blog.path("posts")) {
			Post post = posts.create(demo.owner(), new PostInput(p.path("title").asString(), p.path("markdown").asString(),
					"published", demo.now().minus(Duration.ofDays(p.path("daysAgo").asLong())), strings(p.path("categories")),
					strings(p.path("tags"))));
			comment(demo, post, p.path("comments"));
		}
		for (JsonNode p : blog.path("pages")) {
			pages.create(demo.owner(), new PageInput(p.path("title").asString(), p.path("markdown").asString(), "published",
					p.path("slug").asString(null), null, p.path("privacy").asBoolean(false)));
		}
	}

	private void comment(DemoContext demo, Post post, JsonNode list) {
		Map<String, UUID> byKey = new HashMap<>();
		for (JsonNode c : list) {
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
			conversations.changeStatus(demo.owner(), comment.conversationId(), ConversationStatus.of("done"));
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(v -> values.add(v.asString()));
		return values;
	}
}

package org.rapport.federation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.rapport.blog.BlogPaths;
import org.rapport.blog.BlogSettings;
import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.platform.Workspace;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the ActivityStreams documents of a workspace: its actor (an Organization), its posts as Articles and the
 * activities that carry them. The shapes follow what Mastodon reads: a {@code publicKey} with {@code owner}, a
 * shared inbox under {@code endpoints}, Articles addressed to the public with the followers in {@code cc}.
 */
@Component
public class Documents {

	public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
	public static final String CONTENT_TYPE = "application/activity+json";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final LocalObjects ids;
	private final PublicAddress address;
	private final ActorKeys keys;
	private final BlogSettings blogSettings;
	private final Posts posts;

	Documents(LocalObjects ids, PublicAddress address, ActorKeys keys, BlogSettings blogSettings, Posts posts) {
		this.ids = ids;
		this.address = address;
		this.keys = keys;
		this.blogSettings = blogSettings;
		this.posts = posts;
	}

	static ObjectNode withContext(boolean security) {
		ObjectNode node = JSON.createObjectNode();
		if (security) {
			node.putArray("@context").add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1");
		}
		else {
			node.put("@context", "https://www.w3.org/ns/activitystreams");
		}
		return node;
	}

	/** The workspace's actor: its blog, followable as {@code @slug@host}. */
	public ObjectNode actor(Workspace workspace) {
		String slug = workspace.slug();
		BlogSettings.Settings blog = blogSettings.of(workspace);
		ObjectNode actor = withContext(true);
		actor.put("id", ids.actor(slug));
		actor.put("type", "Organization");
		actor.put("preferredUsername", slug);
		actor.put("name", blog.title() == null || blog.title().isBlank() ? workspace.name() : blog.title());
		actor.put("summary", blog.description() == null ? "" : org.springframework.web.util.HtmlUtils.htmlEscape(blog.description()));
		actor.put("url", address.link(BlogPaths.home(slug)));
		actor.put("inbox", ids.inbox(slug));
		actor.put("outbox", ids.outbox(slug));
		actor.put("followers", ids.followers(slug));
		actor.put("following", ids.following(slug));
		actor.put("manuallyApprovesFollowers", false);
		actor.put("discoverable", true);
		actor.putObject("endpoints").put("sharedInbox", ids.sharedInbox());
		ObjectNode key = actor.putObject("publicKey");
		key.put("id", ids.keyId(slug));
		key.put("owner", ids.actor(slug));
		key.put("publicKeyPem", keys.of(workspace.id()).publicPem());
		return actor;
	}

	/** A published post as an Article, addressed to the public with the followers in copy. */
	public ObjectNode article(Workspace workspace, Post post) {
		String slug = workspace.slug();
		ObjectNode article = withContext(false);
		article.put("id", ids.post(slug, post.id()));
		article.put("type", "Article");
		article.put("attributedTo", ids.actor(slug));
		article.put("name", post.title());
		article.put("summary", org.springframework.web.util.HtmlUtils.htmlEscape(post.excerpt()));
		article.put("content", absolute(post.html()));
		article.put("mediaType", "text/html");
		article.put("url", posts.url(post));
		article.put("published", iso(post.publishedAt()));
		if (post.updatedAt() != null && post.publishedAt() != null && post.updatedAt().isAfter(post.publishedAt().plusSeconds(60))) {
			article.put("updated", iso(post.updatedAt()));
		}
		article.putArray("to").add(PUBLIC);
		article.putArray("cc").add(ids.followers(slug));
		ArrayNode tags = article.putArray("tag");
		for (Post.Term tag : post.tags()) {
			ObjectNode t = tags.addObject();
			t.put("type", "Hashtag");
			t.put("href", address.link(BlogPaths.term(slug, "tag", tag.slug())));
			t.put("name", "#" + tag.name().replace(" ", ""));
		}
		return article;
	}

	/** An activity by the workspace's actor wrapping an object, addressed like the object. */
	public ObjectNode activity(Workspace workspace, String type, String id, ObjectNode object) {
		ObjectNode activity = withContext(false);
		activity.put("id", id);
		activity.put("type", type);
		activity.put("actor", ids.actor(workspace.slug()));
		activity.put("published", iso(Instant.now()));
		if (object.has("to")) {
			activity.set("to", object.get("to").deepCopy());
		}
		if (object.has("cc")) {
			activity.set("cc", object.get("cc").deepCopy());
		}
		object.remove("@context");
		activity.set("object", object);
		return activity;
	}

	/** The Create activity that brought a post, served at its id and listed in the outbox. */
	public ObjectNode create(Workspace workspace, Post post) {
		ObjectNode create = activity(workspace, "Create", ids.postActivity(workspace.slug(), post.id()), article(workspace, post));
		create.put("published", iso(post.publishedAt()));
		return create;
	}

	/** A Delete of a post that is no longer public; the object is a Tombstone at the post's id. */
	public ObjectNode delete(Workspace workspace, java.util.UUID postId) {
		String slug = workspace.slug();
		ObjectNode tombstone = tombstone(ids.post(slug, postId));
		ObjectNode delete = withContext(false);
		delete.put("id", ids.post(slug, postId) + "#delete-" + Instant.now().toEpochMilli());
		delete.put("type", "Delete");
		delete.put("actor", ids.actor(slug));
		delete.putArray("to").add(PUBLIC);
		delete.putArray("cc").add(ids.followers(slug));
		delete.set("object", tombstone);
		return delete;
	}

	/** A collection's first page or the collection itself, as Mastodon pages outboxes. */
	public ObjectNode orderedCollection(String id, int totalItems, String first) {
		ObjectNode collection = withContext(false);
		collection.put("id", id);
		collection.put("type", "OrderedCollection");
		collection.put("totalItems", totalItems);
		if (first != null) {
			collection.put("first", first);
		}
		return collection;
	}

	public ObjectNode orderedPage(String id, String partOf, List<ObjectNode> items, String next, String prev) {
		ObjectNode page = withContext(false);
		page.put("id", id);
		page.put("type", "OrderedCollectionPage");
		page.put("partOf", partOf);
		ArrayNode array = page.putArray("orderedItems");
		items.forEach(array::add);
		if (next != null) {
			page.put("next", next);
		}
		if (prev != null) {
			page.put("prev", prev);
		}
		return page;
	}

	/** The post's HTML with relative links and images made absolute, since other servers show it elsewhere. */
	private String absolute(String html) {
		org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parseBodyFragment(html == null ? "" : html, address.base() + "/");
		for (var element : doc.select("a[href], img[src]")) {
			String attribute = element.hasAttr("href") ? "href" : "src";
			String url = element.absUrl(attribute);
			if (!url.isEmpty()) {
				element.attr(attribute, url);
			}
		}
		doc.outputSettings().prettyPrint(false);
		return doc.body().html();
	}

	public static ObjectNode tombstone(String id) {
		ObjectNode tombstone = JSON.createObjectNode();
		tombstone.put("id", id);
		tombstone.put("type", "Tombstone");
		return tombstone;
	}

	static String iso(Instant instant) {
		return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}
}

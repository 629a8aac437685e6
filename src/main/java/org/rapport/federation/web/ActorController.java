package org.rapport.federation.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.federation.Documents;
import org.rapport.federation.Followers;
import org.rapport.federation.Following;
import org.rapport.federation.InstanceActor;
import org.rapport.federation.LocalObjectStore;
import org.rapport.federation.LocalObjects;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/**
 * The workspace actor's documents, each served at its id: the actor, its outbox of Create{Article} in pages, its
 * followers and following collections (counts only, as Mastodon shows them), its posts as Articles and the notes and
 * activities it sent. A blog post's own address answers with its Article when asked for ActivityPub JSON.
 */
@RestController
class ActorController {

	static final MediaType ACTIVITY_JSON = MediaType.parseMediaType(Documents.CONTENT_TYPE);
	static final int PAGE = 20;

	/**
	 * The highest outbox page served (two million posts at {@value #PAGE} a page); higher pages answer 400, so the
	 * offset {@code (page - 1) * PAGE} can never overflow.
	 */
	static final int MAX_PAGE = 100_000;

	private final Workspaces workspaces;
	private final Posts posts;
	private final Documents documents;
	private final LocalObjects ids;
	private final Followers followers;
	private final Following following;
	private final LocalObjectStore store;
	private final InstanceActor instance;

	ActorController(Workspaces workspaces, Posts posts, Documents documents, LocalObjects ids, Followers followers,
			Following following, LocalObjectStore store, InstanceActor instance) {
		this.workspaces = workspaces;
		this.posts = posts;
		this.documents = documents;
		this.ids = ids;
		this.followers = followers;
		this.following = following;
		this.store = store;
		this.instance = instance;
	}

	@GetMapping(InstanceActor.PATH)
	ResponseEntity<ObjectNode> instanceActor() {
		return json(instance.document());
	}

	@GetMapping(InstanceActor.PATH + "/outbox")
	ResponseEntity<ObjectNode> instanceOutbox() {
		return json(documents.orderedCollection(instance.id() + "/outbox", 0, null));
	}

	@GetMapping("/ap/{ws}")
	ResponseEntity<ObjectNode> actor(@PathVariable String ws) {
		return json(documents.actor(workspace(ws)));
	}

	@GetMapping("/ap/{ws}/outbox")
	ResponseEntity<ObjectNode> outbox(@PathVariable String ws, @RequestParam(required = false) Integer page) {
		Workspace workspace = workspace(ws);
		String outbox = ids.outbox(ws);
		int total = posts.countPublished(workspace.id());
		if (page == null) {
			return json(documents.orderedCollection(outbox, total, outbox + "?page=1"));
		}
		if (page < 1 || page > MAX_PAGE) {
			throw new IllegalArgumentException("Pages count from 1 to " + MAX_PAGE + ".");
		}
		List<ObjectNode> items = new ArrayList<>();
		for (Post post : posts.published(workspace.id(), (page - 1) * PAGE, PAGE)) {
			ObjectNode create = documents.create(workspace, post);
			create.remove("@context");
			items.add(create);
		}
		String next = (long) page * PAGE < total ? outbox + "?page=" + (page + 1) : null;
		String prev = page > 1 ? outbox + "?page=" + (page - 1) : null;
		return json(documents.orderedPage(outbox + "?page=" + page, outbox, items, next, prev));
	}

	@GetMapping("/ap/{ws}/followers")
	ResponseEntity<ObjectNode> followers(@PathVariable String ws) {
		Workspace workspace = workspace(ws);
		return json(documents.orderedCollection(ids.followers(ws), followers.count(workspace.id()), null));
	}

	@GetMapping("/ap/{ws}/following")
	ResponseEntity<ObjectNode> following(@PathVariable String ws) {
		Workspace workspace = workspace(ws);
		return json(documents.orderedCollection(ids.following(ws), following.countAccepted(workspace.id()), null));
	}

	@GetMapping("/ap/{ws}/posts/{id}")
	ResponseEntity<ObjectNode> article(@PathVariable String ws, @PathVariable UUID id) {
		Workspace workspace = workspace(ws);
		Post post = posts.get(workspace.id(), id);
		if (!post.published()) {
			return gone(post, workspace);
		}
		return json(documents.article(workspace, post));
	}

	@GetMapping("/ap/{ws}/posts/{id}/activity")
	ResponseEntity<ObjectNode> create(@PathVariable String ws, @PathVariable UUID id) {
		Workspace workspace = workspace(ws);
		Post post = posts.get(workspace.id(), id);
		if (!post.published()) {
			return gone(post, workspace);
		}
		return json(documents.create(workspace, post));
	}

	@GetMapping("/ap/{ws}/{kind:notes|activities}/{id}")
	ResponseEntity<ObjectNode> sent(@PathVariable String ws, @PathVariable String kind, @PathVariable UUID id) {
		Workspace workspace = workspace(ws);
		return json(store.find(workspace.id(), kind, id)
			.orElseThrow(() -> new NotFoundException("No such object on this server.")));
	}

	/** A blog post's address asked for ActivityPub JSON (Mastodon does this when someone pastes the link). */
	@GetMapping(path = "/blog/{ws}/{year:\\d{4}}/{month:\\d{2}}/{slug}",
			produces = { Documents.CONTENT_TYPE, "application/ld+json" })
	ResponseEntity<ObjectNode> postByAddress(@PathVariable String ws, @PathVariable String slug) {
		Workspace workspace = workspace(ws);
		Post post = posts.publishedBySlug(workspace.id(), slug)
			.orElseThrow(() -> new NotFoundException("No such post."));
		return json(documents.article(workspace, post));
	}

	/** A post that was public and no longer is answers 410 with a Tombstone; one never public stays unknown. */
	private ResponseEntity<ObjectNode> gone(Post post, Workspace workspace) {
		if (post.publishedAt() == null) {
			throw new NotFoundException("No such post.");
		}
		ObjectNode tombstone = Documents.tombstone(ids.post(workspace.slug(), post.id()));
		tombstone.put("@context", "https://www.w3.org/ns/activitystreams");
		return ResponseEntity.status(HttpStatus.GONE).contentType(ACTIVITY_JSON).body(tombstone);
	}

	private Workspace workspace(String slug) {
		return workspaces.bySlug(slug).orElseThrow(() -> new NotFoundException("No actor '" + slug + "' on this server."));
	}

	static ResponseEntity<ObjectNode> json(ObjectNode body) {
		return ResponseEntity.ok().contentType(ACTIVITY_JSON).body(body);
	}
}

package org.rapport.federation;

import java.time.Instant;

import org.rapport.blog.Post;
import org.rapport.blog.PostPublished;
import org.rapport.blog.PostUpdated;
import org.rapport.blog.PostDeleted;
import org.rapport.blog.PostWithdrawn;
import org.rapport.blog.Posts;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the blog's followers about its posts: a published post goes out as Create{Article}, an edit as
 * Update{Article}, a post taken back as Delete. The events stay in the publication registry until the deliveries
 * are queued, so a crash in between queues them on restart.
 */
@Component
class PostFederation {

	private static final Logger log = LoggerFactory.getLogger(PostFederation.class);

	private final PublicAddress address;
	private final Workspaces workspaces;
	private final Posts posts;
	private final Documents documents;
	private final Deliveries deliveries;
	private final LocalObjects ids;

	PostFederation(PublicAddress address, Workspaces workspaces, Posts posts, Documents documents, Deliveries deliveries,
			LocalObjects ids) {
		this.address = address;
		this.workspaces = workspaces;
		this.posts = posts;
		this.documents = documents;
		this.deliveries = deliveries;
		this.ids = ids;
	}

	@ApplicationModuleListener
	void on(PostPublished event) {
		if (!federating()) {
			return;
		}
		Workspace workspace = workspaces.get(event.workspaceId());
		Post post = posts.get(event.workspaceId(), event.postId());
		if (post.published()) {
			int queued = deliveries.toFollowers(workspace, documents.create(workspace, post));
			log.debug("Post {} queued for {} inboxes", post.id(), queued);
		}
	}

	@ApplicationModuleListener
	void on(PostUpdated event) {
		if (!federating()) {
			return;
		}
		Workspace workspace = workspaces.get(event.workspaceId());
		Post post = posts.get(event.workspaceId(), event.postId());
		if (post.published()) {
			String id = ids.post(workspace.slug(), post.id()) + "#update-" + Instant.now().toEpochMilli();
			ObjectNode article = documents.article(workspace, post);
			article.put("updated", Documents.iso(post.updatedAt() == null ? Instant.now() : post.updatedAt()));
			ObjectNode update = documents.activity(workspace, "Update", id, article);
			deliveries.toFollowers(workspace, update);
		}
	}

	@ApplicationModuleListener
	void on(PostWithdrawn event) {
		if (!federating()) {
			return;
		}
		Workspace workspace = workspaces.get(event.workspaceId());
		deliveries.toFollowers(workspace, documents.delete(workspace, event.postId()));
	}

	/** A deleted post is gone for followers too, as a withdrawn one is. */
	@ApplicationModuleListener
	void on(PostDeleted event) {
		if (!event.wasPublic() || !federating()) {
			return;
		}
		Workspace workspace = workspaces.get(event.workspaceId());
		deliveries.toFollowers(workspace, documents.delete(workspace, event.postId()));
	}

	private boolean federating() {
		if (!address.usable()) {
			log.debug("Not federating: {}", address.problem());
			return false;
		}
		return true;
	}
}

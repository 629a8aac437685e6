package org.rapport.federation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.blog.Reactions;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a verified activity does. The caller has checked the signature and that {@code actor} signed it; here
 * each activity is handled once (a repeated id changes nothing) and only where it concerns one of our objects or
 * an actor a workspace follows. Everything else is accepted and dropped, as servers expect.
 */
@Component
public class InboundActivities {

	private static final Logger log = LoggerFactory.getLogger(InboundActivities.class);

	private static final Set<String> NOTE_TYPES = Set.of("Note", "Article", "Page", "Question");

	private final JdbcClient jdbc;
	private final LocalObjects ids;
	private final RemoteActors actors;
	private final Followers followers;
	private final Following following;
	private final RemoteNotes notes;
	private final Reactions reactions;
	private final Deliveries deliveries;
	private final LocalObjectStore store;
	private final Workspaces workspaces;
	private final Posts posts;

	InboundActivities(JdbcClient jdbc, LocalObjects ids, RemoteActors actors, Followers followers, Following following,
			RemoteNotes notes, Reactions reactions, Deliveries deliveries, LocalObjectStore store, Workspaces workspaces,
			Posts posts) {
		this.jdbc = jdbc;
		this.ids = ids;
		this.actors = actors;
		this.followers = followers;
		this.following = following;
		this.notes = notes;
		this.reactions = reactions;
		this.deliveries = deliveries;
		this.store = store;
		this.workspaces = workspaces;
		this.posts = posts;
	}

	/**
	 * Handles an activity signed by {@code actorUri}, once per activity id.
	 *
	 * @return false when the activity was seen before
	 */
	@Transactional
	public boolean handle(JsonNode activity, String actorUri) {
		String id = RemoteActors.text(activity, "id");
		if (id.isBlank()) {
			throw new IllegalArgumentException("The activity has no id.");
		}
		if (jdbc.sql("insert into ap_seen_activities(activity_id) values (?) on conflict do nothing").param(id).update() == 0) {
			return false;
		}
		String type = RemoteActors.text(activity, "type");
		JsonNode object = activity.path("object");
		switch (type) {
			case "Follow" -> follow(activity, object, actorUri);
			case "Undo" -> undo(object, actorUri);
			case "Accept" -> following.accepted(idOf(object), actorUri);
			case "Reject" -> following.rejected(idOf(object), actorUri);
			case "Create" -> create(object, actorUri);
			case "Update" -> update(object, actorUri);
			case "Delete" -> delete(object, actorUri);
			case "Like" -> react(id, object, actorUri, Reactions.LIKE);
			case "Announce" -> react(id, object, actorUri, Reactions.BOOST);
			default -> log.debug("Ignoring {} {} from {}", type, id, actorUri);
		}
		return true;
	}

	private void follow(JsonNode activity, JsonNode object, String actorUri) {
		Optional<LocalObjects.Ref> target = ids.resolve(idOf(object)).filter(r -> r.kind().equals("actor"));
		if (target.isEmpty()) {
			return;
		}
		Workspace workspace = target.get().workspace();
		RemoteActors.RemoteActor actor = actors.get(actorUri);
		followers.add(workspace.id(), new Followers.Follower(actor.uri(), actor.inbox(), actor.sharedInbox()),
				RemoteActors.text(activity, "id"));
		UUID acceptId = UUID.randomUUID();
		ObjectNode accepted = activity.deepCopy() instanceof ObjectNode copy ? copy : Documents.JSON.createObjectNode();
		accepted.remove("@context");
		ObjectNode accept = Documents.withContext(false);
		accept.put("id", ids.activity(workspace.slug(), acceptId));
		accept.put("type", "Accept");
		accept.put("actor", ids.actor(workspace.slug()));
		accept.putArray("to").add(actor.uri());
		accept.set("object", accepted);
		store.save(acceptId, workspace.id(), "activities", null, accept);
		deliveries.to(workspace, List.of(actor.inbox()), accept);
	}

	private void undo(JsonNode object, String actorUri) {
		String innerId = idOf(object);
		String innerType = RemoteActors.text(object, "type");
		if (!innerId.isBlank()) {
			reactions.remove(innerId, actorUri);
			jdbc.sql("delete from ap_followers where follow_id = ? and actor_uri = ?").params(innerId, actorUri).update();
		}
		if (innerType.equals("Follow")) {
			ids.resolve(idOf(object.path("object"))).filter(r -> r.kind().equals("actor"))
				.ifPresent(r -> followers.remove(r.workspace().id(), actorUri));
		}
		else if (innerType.equals("Like") || innerType.equals("Announce")) {
			ids.publishedPost(idOf(object.path("object"))).ifPresent(post -> reactions.remove(post.id(),
					innerType.equals("Like") ? Reactions.LIKE : Reactions.BOOST, actorUri));
		}
	}

	private void create(JsonNode note, String actorUri) {
		if (!note.isObject() || !NOTE_TYPES.contains(RemoteActors.text(note, "type"))) {
			return;
		}
		if (!actorUri.equals(idOf(note.path("attributedTo"))) || RemoteActors.text(note, "id").isBlank()) {
			return; // only an author may create their note
		}
		RemoteActors.RemoteActor author = actors.get(actorUri);
		String inReplyTo = idOf(note.path("inReplyTo"));
		Optional<LocalObjects.Ref> target = ids.resolve(inReplyTo);
		if (target.isPresent() && target.get().kind().equals("posts")) {
			Optional<Post> post = ids.publishedPost(inReplyTo);
			post.ifPresent(p -> notes.replyToPost(target.get().workspace(), p, posts.url(p), note, author));
			return;
		}
		if (target.isPresent() && target.get().kind().equals("notes")) {
			notes.replyToNote(target.get().workspace(), inReplyTo, note, author);
			return;
		}
		for (UUID workspaceId : following.workspacesFollowing(actorUri)) {
			notes.fromFollowed(workspaces.get(workspaceId), note, author);
		}
	}

	private void update(JsonNode object, String actorUri) {
		if (idOf(object).equals(actorUri)) {
			actors.refresh(actorUri);
			return;
		}
		if (object.isObject() && NOTE_TYPES.contains(RemoteActors.text(object, "type"))
				&& actorUri.equals(idOf(object.path("attributedTo")))) {
			notes.update(object, actorUri);
		}
	}

	private void delete(JsonNode object, String actorUri) {
		String id = idOf(object);
		if (id.equals(actorUri)) {
			followers.removeEverywhere(actorUri);
			return;
		}
		notes.delete(id, actorUri);
	}

	private void react(String activityId, JsonNode object, String actorUri, String kind) {
		ids.publishedPost(idOf(object))
			.ifPresent(post -> reactions.add(post.workspaceId(), post.id(), kind, actorUri, activityId));
	}

	/** The id of a reference that is either a string or an object with an id. */
	static String idOf(JsonNode node) {
		if (node == null) {
			return "";
		}
		if (node.isString()) {
			return node.asString();
		}
		return RemoteActors.text(node, "id");
	}
}

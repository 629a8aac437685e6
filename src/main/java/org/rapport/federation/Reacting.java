package org.rapport.federation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.Workspace;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workspace likes or boosts a post on the Fediverse: "give first", share and recommend the posts of others.
 * The post is fetched to find its author; a Like goes to the author, a boost (Announce) also to the workspace's
 * followers.
 */
@Component
public class Reacting {

	private final RemoteHttp http;
	private final RemoteActors actors;
	private final LocalObjects ids;
	private final LocalObjectStore store;
	private final Deliveries deliveries;
	private final Followers followers;

	Reacting(RemoteHttp http, RemoteActors actors, LocalObjects ids, LocalObjectStore store, Deliveries deliveries,
			Followers followers) {
		this.http = http;
		this.actors = actors;
		this.ids = ids;
		this.store = store;
		this.deliveries = deliveries;
		this.followers = followers;
	}

	/**
	 * Likes ({@code like}) or boosts ({@code boost}) the object at the address.
	 *
	 * @return the id of the activity sent
	 * @throws IllegalArgumentException with a readable reason when the object cannot be found
	 */
	public String react(Workspace workspace, String objectUri, String kind) {
		if (!"like".equals(kind) && !"boost".equals(kind)) {
			throw new IllegalArgumentException("kind must be like or boost, not '" + kind + "'.");
		}
		if (objectUri == null || objectUri.isBlank()) {
			throw new IllegalArgumentException("Name the post with 'object', its address on the Fediverse.");
		}
		RemoteActors.RemoteActor author;
		String id;
		try {
			JsonNode object = http.getJson(objectUri.strip());
			id = RemoteActors.text(object, "id");
			author = actors.get(InboundActivities.idOf(object.path("attributedTo")));
		}
		catch (RemoteHttp.RemoteFailure e) {
			throw new IllegalArgumentException("Cannot " + kind + " '" + objectUri + "': " + e.getMessage());
		}
		UUID activityId = UUID.randomUUID();
		String slug = workspace.slug();
		ObjectNode activity = Documents.withContext(false);
		activity.put("id", ids.activity(slug, activityId));
		activity.put("type", "like".equals(kind) ? "Like" : "Announce");
		activity.put("actor", ids.actor(slug));
		activity.put("object", id);
		activity.put("published", Documents.iso(java.time.Instant.now()));
		Set<String> inboxes = new LinkedHashSet<>(List.of(author.deliveryInbox()));
		if ("boost".equals(kind)) {
			activity.putArray("to").add(Documents.PUBLIC);
			activity.putArray("cc").add(author.uri()).add(ids.followers(slug));
			inboxes.addAll(followers.deliveryInboxes(workspace.id()));
		}
		else {
			activity.putArray("to").add(author.uri());
		}
		store.save(activityId, workspace.id(), "activities", null, activity);
		deliveries.to(workspace, inboxes, activity);
		return activity.get("id").asString();
	}
}

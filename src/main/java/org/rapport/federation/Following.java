package org.rapport.federation;

import java.net.URI;
import java.util.Locale;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.Workspace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remote actors a workspace follows, so that their posts arrive in its inbox. Following starts with a handle
 * ({@code @name@host}, looked up with WebFinger) or an actor's address, sends a Follow and waits for the Accept.
 */
@Component
public class Following {

	private final JdbcClient jdbc;
	private final RemoteHttp http;
	private final RemoteActors actors;
	private final LocalObjects ids;
	private final Documents documents;
	private final LocalObjectStore store;
	private final Deliveries deliveries;

	Following(JdbcClient jdbc, RemoteHttp http, RemoteActors actors, LocalObjects ids, Documents documents,
			LocalObjectStore store, Deliveries deliveries) {
		this.jdbc = jdbc;
		this.http = http;
		this.actors = actors;
		this.ids = ids;
		this.documents = documents;
		this.store = store;
		this.deliveries = deliveries;
	}

	/** A followed actor and whether they accepted. */
	public record Followed(String actorUri, String handle, String status) {
	}

	/**
	 * Follows an actor: finds it, sends a Follow through the job queue and records it as pending.
	 *
	 * @throws IllegalArgumentException with a readable reason when the handle cannot be resolved
	 */
	public Followed follow(Workspace workspace, String handle) {
		String actorUri;
		try {
			actorUri = resolve(handle == null ? "" : handle.strip());
			actors.refresh(actorUri);
		}
		catch (RemoteHttp.RemoteFailure e) {
			throw new IllegalArgumentException("Cannot follow '" + handle + "': " + e.getMessage());
		}
		RemoteActors.RemoteActor actor = actors.get(actorUri);
		UUID id = UUID.randomUUID();
		ObjectNode follow = Documents.withContext(false);
		follow.put("id", ids.activity(workspace.slug(), id));
		follow.put("type", "Follow");
		follow.put("actor", ids.actor(workspace.slug()));
		follow.put("object", actor.uri());
		store.save(id, workspace.id(), "activities", null, follow);
		jdbc.sql("""
				insert into ap_following(workspace_id, actor_uri, handle, follow_id) values (?, ?, ?, ?)
				on conflict (workspace_id, actor_uri) do update set follow_id = excluded.follow_id, status = 'pending'""")
			.params(workspace.id(), actor.uri(), handle.strip(), follow.get("id").asString())
			.update();
		deliveries.to(workspace, List.of(actor.inbox()), follow);
		return new Followed(actor.uri(), handle.strip(), "pending");
	}

	/**
	 * Stops following an actor named by handle or address: sends Undo{Follow} and forgets it.
	 *
	 * @throws org.rapport.platform.NotFoundException when the workspace does not follow it
	 */
	public Followed unfollow(Workspace workspace, String handle) {
		String value = handle == null ? "" : handle.strip();
		Followed followed = jdbc.sql("""
				select actor_uri, handle, status, follow_id from ap_following where workspace_id = ? and (handle = ? or actor_uri = ?)""")
			.params(workspace.id(), value, value)
			.query((rs, n) -> {
				UUID id = UUID.randomUUID();
				ObjectNode follow = Documents.JSON.createObjectNode();
				follow.put("id", rs.getString(4));
				follow.put("type", "Follow");
				follow.put("actor", ids.actor(workspace.slug()));
				follow.put("object", rs.getString(1));
				ObjectNode undo = Documents.withContext(false);
				undo.put("id", ids.activity(workspace.slug(), id));
				undo.put("type", "Undo");
				undo.put("actor", ids.actor(workspace.slug()));
				undo.set("object", follow);
				store.save(id, workspace.id(), "activities", null, undo);
				deliveries.to(workspace, List.of(actors.get(rs.getString(1)).inbox()), undo);
				return new Followed(rs.getString(1), rs.getString(2), "removed");
			})
			.optional()
			.orElseThrow(() -> new org.rapport.platform.NotFoundException("The blog does not follow '" + value + "'."));
		jdbc.sql("delete from ap_following where workspace_id = ? and actor_uri = ?").params(workspace.id(), followed.actorUri())
			.update();
		return followed;
	}

	/** The actor accepted the Follow with this id; returns whether it was one of ours. */
	boolean accepted(String followId, String actorUri) {
		return jdbc.sql("update ap_following set status = 'accepted' where follow_id = ? and actor_uri = ?")
			.params(followId, actorUri).update() > 0;
	}

	boolean rejected(String followId, String actorUri) {
		return jdbc.sql("delete from ap_following where follow_id = ? and actor_uri = ?").params(followId, actorUri)
			.update() > 0;
	}

	/** The workspaces that follow an actor (and were accepted). */
	List<UUID> workspacesFollowing(String actorUri) {
		return jdbc.sql("select workspace_id from ap_following where actor_uri = ? and status = 'accepted'")
			.param(actorUri).query(UUID.class).list();
	}

	public List<Followed> of(UUID workspaceId) {
		return jdbc.sql("select actor_uri, handle, status from ap_following where workspace_id = ? order by created_at")
			.param(workspaceId)
			.query((rs, n) -> new Followed(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	public int countAccepted(UUID workspaceId) {
		return jdbc.sql("select count(*) from ap_following where workspace_id = ? and status = 'accepted'")
			.param(workspaceId).query(Integer.class).single();
	}

	/** The actor URI for a handle ({@code @name@host} or {@code name@host}) or an actor's address. */
	String resolve(String handle) {
		if (handle.startsWith("https://") || handle.startsWith("http://")) {
			return handle;
		}
		String acct = handle.startsWith("@") ? handle.substring(1) : handle;
		int at = acct.lastIndexOf('@');
		if (at <= 0 || at == acct.length() - 1 || acct.contains("/") || acct.contains(" ")) {
			throw new IllegalArgumentException("'" + handle + "' is not a handle like @name@example.org.");
		}
		String host = acct.substring(at + 1).toLowerCase(Locale.ROOT);
		String scheme = local(host) ? "http" : "https";
		JsonNode jrd = http.getJson(scheme + "://" + host + "/.well-known/webfinger?resource=acct:"
				+ java.net.URLEncoder.encode(acct, java.nio.charset.StandardCharsets.UTF_8));
		for (JsonNode link : jrd.path("links")) {
			String type = RemoteActors.text(link, "type");
			if ("self".equals(RemoteActors.text(link, "rel"))
					&& (type.startsWith("application/activity+json") || type.startsWith("application/ld+json"))) {
				return RemoteActors.text(link, "href");
			}
		}
		throw new IllegalArgumentException(host + " knows no ActivityPub actor for '" + handle + "'.");
	}

	/** Loopback hosts are asked over plain http, the way local trials and tests run; everything else over https. */
	private static boolean local(String hostAndPort) {
		String host = URI.create("http://" + hostAndPort).getHost();
		return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
	}
}

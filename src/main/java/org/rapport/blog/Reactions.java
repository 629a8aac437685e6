package org.rapport.blog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Likes and boosts of posts from elsewhere (the Fediverse), counted per post and shown on the post page and in the
 * blog's back office. One person counts once per kind and post, however often their like arrives.
 */
@Component("blogReactions")
public class Reactions {

	/** A reaction's kind. */
	public static final String LIKE = "like";
	public static final String BOOST = "boost";

	private final JdbcClient jdbc;
	private final BlogVersions versions;

	Reactions(JdbcClient jdbc, BlogVersions versions) {
		this.jdbc = jdbc;
		this.versions = versions;
	}

	/** How often a post was liked and boosted. */
	public record Counts(int likes, int boosts) {

		public static final Counts NONE = new Counts(0, 0);

		public boolean any() {
			return likes > 0 || boosts > 0;
		}
	}

	/** Counts a reaction; a repeat from the same actor changes nothing. */
	public void add(UUID workspaceId, UUID postId, String kind, String actorUri, String activityId) {
		if (!LIKE.equals(kind) && !BOOST.equals(kind)) {
			throw new IllegalArgumentException("A reaction is a like or a boost, not '" + kind + "'.");
		}
		int added = jdbc.sql("""
				insert into blog_reactions(workspace_id, post_id, kind, actor_uri, activity_id)
				select ?, id, ?, ?, ? from blog_posts where id = ? and workspace_id = ? on conflict do nothing""")
			.params(workspaceId, kind, actorUri, activityId, postId, workspaceId)
			.update();
		if (added > 0) {
			versions.changed(workspaceId);
		}
	}

	/** Takes back the reaction made by an activity (an Undo names it), only if the same actor made it. */
	public boolean remove(String activityId, String actorUri) {
		return changed(jdbc.sql("delete from blog_reactions where activity_id = ? and actor_uri = ? returning workspace_id")
			.params(activityId, actorUri).query(UUID.class).list());
	}

	/** Takes back an actor's reaction of a kind on a post (an Undo that names the object instead of the id). */
	public boolean remove(UUID postId, String kind, String actorUri) {
		return changed(jdbc.sql("delete from blog_reactions where post_id = ? and kind = ? and actor_uri = ? returning workspace_id")
			.params(postId, kind, actorUri).query(UUID.class).list());
	}

	private boolean changed(List<UUID> workspaces) {
		workspaces.stream().distinct().forEach(versions::changed);
		return !workspaces.isEmpty();
	}

	public Counts of(UUID postId) {
		return of(List.of(postId)).getOrDefault(postId, Counts.NONE);
	}

	/** Counts for several posts at once; posts without reactions are missing from the map. */
	public Map<UUID, Counts> of(List<UUID> postIds) {
		Map<UUID, Counts> counts = new HashMap<>();
		if (postIds.isEmpty()) {
			return counts;
		}
		jdbc.sql("""
				select post_id, count(*) filter (where kind = 'like'), count(*) filter (where kind = 'boost')
				from blog_reactions where post_id in (:ids) group by post_id""")
			.param("ids", postIds)
			.query(rs -> {
				counts.put(rs.getObject(1, UUID.class), new Counts(rs.getInt(2), rs.getInt(3)));
			});
		return counts;
	}
}

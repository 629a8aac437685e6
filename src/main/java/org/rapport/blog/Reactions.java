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

	Reactions(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		jdbc.sql("""
				insert into blog_reactions(workspace_id, post_id, kind, actor_uri, activity_id)
				select ?, id, ?, ?, ? from blog_posts where id = ? and workspace_id = ? on conflict do nothing""")
			.params(workspaceId, kind, actorUri, activityId, postId, workspaceId)
			.update();
	}

	/** Takes back the reaction made by an activity (an Undo names it), only if the same actor made it. */
	public boolean remove(String activityId, String actorUri) {
		return jdbc.sql("delete from blog_reactions where activity_id = ? and actor_uri = ?").params(activityId, actorUri)
			.update() > 0;
	}

	/** Takes back an actor's reaction of a kind on a post (an Undo that names the object instead of the id). */
	public boolean remove(UUID postId, String kind, String actorUri) {
		return jdbc.sql("delete from blog_reactions where post_id = ? and kind = ? and actor_uri = ?")
			.params(postId, kind, actorUri).update() > 0;
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

package org.rapport.federation;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The remote actors who follow a workspace's blog, and where their servers take deliveries. */
@Component
public class Followers {

	private final JdbcClient jdbc;

	Followers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A follower; {@code sharedInbox} is null when their server has none. */
	public record Follower(String actorUri, String inbox, String sharedInbox) {

		/** Where to deliver: the server's shared inbox when it has one, so one delivery reaches all its users. */
		public String deliveryInbox() {
			return sharedInbox != null && !sharedInbox.isBlank() ? sharedInbox : inbox;
		}
	}

	/** Adds or refreshes a follower. */
	void add(UUID workspaceId, Follower follower, String followId) {
		jdbc.sql("""
				insert into ap_followers(workspace_id, actor_uri, inbox, shared_inbox, follow_id) values (?, ?, ?, ?, ?)
				on conflict (workspace_id, actor_uri) do update set inbox = excluded.inbox, shared_inbox = excluded.shared_inbox,
				  follow_id = excluded.follow_id""")
			.params(workspaceId, follower.actorUri(), follower.inbox(), follower.sharedInbox(), followId)
			.update();
	}

	boolean remove(UUID workspaceId, String actorUri) {
		return jdbc.sql("delete from ap_followers where workspace_id = ? and actor_uri = ?").params(workspaceId, actorUri)
			.update() > 0;
	}

	/** Removes an actor from every workspace's followers (the actor was deleted). */
	int removeEverywhere(String actorUri) {
		return jdbc.sql("delete from ap_followers where actor_uri = ?").param(actorUri).update();
	}

	public int count(UUID workspaceId) {
		return jdbc.sql("select count(*) from ap_followers where workspace_id = ?").param(workspaceId).query(Integer.class)
			.single();
	}

	public List<Follower> of(UUID workspaceId) {
		return jdbc.sql("select actor_uri, inbox, shared_inbox from ap_followers where workspace_id = ? order by followed_at")
			.param(workspaceId)
			.query((rs, n) -> new Follower(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** The distinct inboxes that reach every follower: one per shared inbox, else each follower's own. */
	public List<String> deliveryInboxes(UUID workspaceId) {
		return jdbc.sql("""
				select distinct coalesce(nullif(shared_inbox, ''), inbox) from ap_followers where workspace_id = ? order by 1""")
			.param(workspaceId).query(String.class).list();
	}
}

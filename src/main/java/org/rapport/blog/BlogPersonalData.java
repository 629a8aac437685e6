package org.rapport.blog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A person's blog comments and newsletter subscription, for access requests and erasure. */
@Component
class BlogPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	BlogPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "blog";
	}

	@Override
	public Object export(UUID workspaceId, UUID contactId) {
		List<Map<String, Object>> comments = jdbc.sql("""
				select p.title, c.author_name, c.website, c.body_text, c.status, c.created_at
				from blog_comments c join blog_posts p on p.id = c.post_id
				where c.workspace_id = ? and c.contact_id = ? order by c.created_at""")
			.params(workspaceId, contactId)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("post", rs.getString(1));
				row.put("name", rs.getString(2));
				row.put("website", rs.getString(3));
				row.put("text", rs.getString(4));
				row.put("status", rs.getString(5));
				row.put("createdAt", rs.getTimestamp(6).toInstant());
				return row;
			})
			.list();
		List<Map<String, Object>> newsletter = jdbc.sql("""
				select email, status, created_at, confirmed_at, unsubscribed_at from newsletter_subscribers
				where workspace_id = ? and contact_id = ?""")
			.params(workspaceId, contactId)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("email", rs.getString(1));
				row.put("status", rs.getString(2));
				row.put("signedUpAt", rs.getTimestamp(3).toInstant());
				row.put("confirmedAt", rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant());
				row.put("unsubscribedAt", rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant());
				return row;
			})
			.list();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("comments", comments);
		data.put("newsletter", newsletter);
		return data;
	}

	@Override
	public void erase(UUID workspaceId, UUID contactId) {
		jdbc.sql("delete from blog_comments where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
		jdbc.sql("delete from newsletter_subscribers where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
	}
}

package org.rapport.blog;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Full-text search over a blog's published posts and pages, in German and English at once as in the inbox: the
 * query is read with both stemmers ({@code websearch_to_tsquery}, so quotes and {@code -word} work) and matched
 * against both indexes; titles weigh more than text.
 */
@Component
public class BlogSearch {

	static final int MAX_QUERY = 200;

	static final int LIMIT = 30;

	private final JdbcClient jdbc;

	BlogSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A result: a post (with its date) or a page.
	 *
	 * @param path the address below the site
	 */
	public record Hit(String kind, String title, String path, String excerpt, Instant date) {
	}

	/** The best {@value #LIMIT} results, best first; none for an empty query. */
	public List<Hit> search(UUID workspaceId, String workspaceSlug, ZoneId zone, String query) {
		String q = query == null ? "" : query.strip();
		if (q.isEmpty()) {
			return List.of();
		}
		if (q.length() > MAX_QUERY) {
			q = q.substring(0, MAX_QUERY);
		}
		return jdbc.sql("""
				with query as (select websearch_to_tsquery('german', :q) || websearch_to_tsquery('english', :q) as tsq)
				select kind, title, slug, excerpt, published_at, rank from (
				  select 'post' as kind, p.title, p.slug, p.excerpt, p.published_at, ts_rank(blog_search_vector(p.title, p.markdown), query.tsq) as rank
				  from blog_posts p, query where p.workspace_id = :ws and p.status = 'published' and blog_search_vector(p.title, p.markdown) @@ query.tsq
				  union all
				  select 'page', g.title, g.slug, g.excerpt, null, ts_rank(blog_search_vector(g.title, g.markdown), query.tsq)
				  from blog_pages g, query where g.workspace_id = :ws and g.status = 'published' and blog_search_vector(g.title, g.markdown) @@ query.tsq
				) hits order by rank desc, published_at desc nulls last limit :limit""")
			.param("q", q).param("ws", workspaceId).param("limit", LIMIT)
			.query((rs, n) -> {
				Instant at = rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant();
				String path;
				if ("post".equals(rs.getString(1))) {
					var local = at.atZone(zone);
					path = BlogPaths.month(workspaceSlug, local.getYear(), local.getMonthValue()) + "/" + rs.getString(3);
				}
				else {
					path = BlogPaths.page(workspaceSlug, rs.getString(3));
				}
				return new Hit(rs.getString(1), rs.getString(2), path, rs.getString(4), at);
			})
			.list();
	}
}

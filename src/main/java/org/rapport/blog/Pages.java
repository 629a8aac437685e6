package org.rapport.blog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The static pages of each workspace's blog. A page's slug comes from its title when it is written and then stays,
 * so links to an imprint do not break when its title is reworded; it changes only when asked to. The privacy
 * policy is the page marked so, or else a published page whose slug says it is one ({@value #PRIVACY_SLUGS_DOC}).
 */
@Component
public class Pages {

	static final String PRIVACY_SLUGS_DOC = "datenschutz, datenschutzerklaerung, privacy, privacy-policy";

	private static final List<String> PRIVACY_SLUGS = List.of("datenschutz", "datenschutzerklaerung", "privacy", "privacy-policy");

	private static final Set<String> STATUSES = Set.of("draft", "published");

	private final JdbcClient jdbc;
	private final Workspaces workspaces;
	private final RapportProperties properties;
	private final BlogVersions versions;

	Pages(JdbcClient jdbc, Workspaces workspaces, RapportProperties properties, BlogVersions versions) {
		this.jdbc = jdbc;
		this.versions = versions;
		this.workspaces = workspaces;
		this.properties = properties;
	}

	@Transactional
	public Page create(CurrentUser member, PageInput input) {
		member.requireWorker();
		String title = title(input.title());
		String markdown = markdown(input.markdown());
		RenderedMarkdown rendered = RenderedMarkdown.of(markdown);
		String wanted = input.slug() == null || input.slug().isBlank() ? Slugs.of(title) : slug(input.slug());
		UUID id = UUID.randomUUID();
		boolean privacy = Boolean.TRUE.equals(input.privacy());
		if (privacy) {
			unmarkPrivacy(member.workspaceId());
		}
		jdbc.sql("""
				insert into blog_pages(id, workspace_id, title, slug, markdown, html, excerpt, status, position, privacy)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, member.workspaceId(), title, freeSlug(member.workspaceId(), wanted, null), markdown,
					rendered.html(), rendered.excerpt(), status(input.status(), "draft"),
					input.position() == null ? nextPosition(member.workspaceId()) : input.position(), privacy)
			.update();
		versions.changed(member.workspaceId());
		return get(member.workspaceId(), id);
	}

	@Transactional
	public Page update(CurrentUser member, UUID id, PageInput input) {
		member.requireWorker();
		Page before = get(member.workspaceId(), id);
		String title = input.title() == null ? before.title() : title(input.title());
		String markdown = input.markdown() == null ? before.markdown() : markdown(input.markdown());
		String slug = input.slug() == null || input.slug().isBlank() || slug(input.slug()).equals(before.slug()) ? before.slug()
				: freeSlug(member.workspaceId(), slug(input.slug()), id);
		boolean privacy = input.privacy() == null ? before.privacy() : input.privacy();
		if (privacy && !before.privacy()) {
			unmarkPrivacy(member.workspaceId());
		}
		RenderedMarkdown rendered = RenderedMarkdown.of(markdown);
		jdbc.sql("""
				update blog_pages set title = ?, slug = ?, markdown = ?, html = ?, excerpt = ?, status = ?, position = ?,
				  privacy = ?, updated_at = now() where id = ? and workspace_id = ?""")
			.params(title, slug, markdown, rendered.html(), rendered.excerpt(), status(input.status(), before.status()),
					input.position() == null ? before.position() : input.position(), privacy, id, member.workspaceId())
			.update();
		versions.changed(member.workspaceId());
		return get(member.workspaceId(), id);
	}

	public Page get(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from blog_pages where id = ? and workspace_id = ?").params(id, workspaceId)
			.query((rs, n) -> map(rs)).optional()
			.orElseThrow(() -> new NotFoundException("No blog page " + id + " in this workspace."));
	}

	/** Every page, drafts included, in navigation order; for members. */
	public List<Page> all(UUID workspaceId) {
		return jdbc.sql("select * from blog_pages where workspace_id = ? order by position, lower(title), id")
			.param(workspaceId).query((rs, n) -> map(rs)).list();
	}

	/** The published pages in navigation order. */
	public List<Page> published(UUID workspaceId) {
		return jdbc.sql("select * from blog_pages where workspace_id = ? and status = 'published' order by position, lower(title), id")
			.param(workspaceId).query((rs, n) -> map(rs)).list();
	}

	public Optional<Page> publishedBySlug(UUID workspaceId, String slug) {
		return jdbc.sql("select * from blog_pages where workspace_id = ? and slug = ? and status = 'published'")
			.params(workspaceId, slug).query((rs, n) -> map(rs)).optional();
	}

	/** The published privacy policy, if the blog has one. */
	public Optional<Page> privacy(UUID workspaceId) {
		return privacyOf(published(workspaceId));
	}

	/** The privacy policy among a blog's published pages, if there is one. */
	public static Optional<Page> privacyOf(List<Page> published) {
		return published.stream()
			.filter(Page::privacy)
			.findFirst()
			.or(() -> published.stream().filter(p -> PRIVACY_SLUGS.contains(p.slug())).findFirst());
	}

	/** The page's public address, from {@code RAPPORT_BASE_URL}. */
	public String url(Page page) {
		return properties.link(page.path(workspaces.get(page.workspaceId()).slug()));
	}

	private void unmarkPrivacy(UUID workspaceId) {
		jdbc.sql("update blog_pages set privacy = false where workspace_id = ? and privacy").param(workspaceId).update();
	}

	private int nextPosition(UUID workspaceId) {
		return jdbc.sql("select coalesce(max(position), 0) + 1 from blog_pages where workspace_id = ?").param(workspaceId)
			.query(Integer.class).single();
	}

	private String freeSlug(UUID workspaceId, String wanted, UUID except) {
		String base = wanted.isEmpty() ? "seite" : wanted;
		List<String> taken = jdbc.sql("select slug from blog_pages where workspace_id = ? and (slug = ? or slug like ?) and id is distinct from ?")
			.params(workspaceId, base, base + "-%", except).query(String.class).list();
		if (!taken.contains(base)) {
			return base;
		}
		for (int i = 2;; i++) {
			if (!taken.contains(base + "-" + i)) {
				return base + "-" + i;
			}
		}
	}

	private static String slug(String wanted) {
		String slug = Slugs.of(wanted);
		if (slug.isEmpty()) {
			throw new IllegalArgumentException("'" + wanted + "' gives no usable address; use letters or digits.");
		}
		return slug;
	}

	private static String title(String title) {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("A page needs a title.");
		}
		String clean = title.strip().replaceAll("[\\p{Cc}]", " ");
		if (clean.length() > Posts.MAX_TITLE) {
			throw new IllegalArgumentException("A title has at most " + Posts.MAX_TITLE + " characters.");
		}
		return clean;
	}

	private static String markdown(String markdown) {
		if (markdown != null && markdown.length() > Posts.MAX_MARKDOWN) {
			throw new IllegalArgumentException("A page has at most " + Posts.MAX_MARKDOWN + " characters of Markdown.");
		}
		return markdown == null ? "" : markdown;
	}

	private static String status(String status, String otherwise) {
		if (status == null || status.isBlank()) {
			return otherwise;
		}
		String value = status.strip().toLowerCase(Locale.ROOT);
		if (!STATUSES.contains(value)) {
			throw new IllegalArgumentException("A page's status is draft or published, not '" + status + "'.");
		}
		return value;
	}

	private static Page map(ResultSet rs) throws SQLException {
		return new Page(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class), rs.getString("title"),
				rs.getString("slug"), rs.getString("markdown"), rs.getString("html"), rs.getString("excerpt"),
				rs.getString("status"), rs.getInt("position"), rs.getBoolean("privacy"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}

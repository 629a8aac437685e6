package org.rapport.blog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspaces;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The posts of each workspace's blog: written and changed by members, read by anyone once published. A post
 * going public is announced with {@link PostPublished}, a public post changed with {@link PostUpdated}, and one
 * taken back from the public with {@link PostWithdrawn}.
 */
@Component
public class Posts {

	static final Set<String> STATUSES = Set.of("draft", "published", "scheduled");

	static final int MAX_TITLE = 300;

	static final int MAX_MARKDOWN = 200_000;

	static final int MAX_TERMS = 20;

	private final JdbcClient jdbc;
	private final Workspaces workspaces;
	private final RapportProperties properties;
	private final ApplicationEventPublisher events;
	private final BlogVersions versions;

	Posts(JdbcClient jdbc, Workspaces workspaces, RapportProperties properties, ApplicationEventPublisher events,
			BlogVersions versions) {
		this.jdbc = jdbc;
		this.versions = versions;
		this.workspaces = workspaces;
		this.properties = properties;
		this.events = events;
	}

	/** Writes a new post by the member; its slug comes from the title. */
	@Transactional
	public Post create(CurrentUser author, PostInput input) {
		author.requireWorker();
		String title = title(input.title());
		String status = status(input.status());
		String markdown = markdown(input.markdown());
		RenderedMarkdown rendered = RenderedMarkdown.of(markdown);
		Instant now = Instant.now();
		Instant publishAt = input.publishAt();
		if ("scheduled".equals(status) && publishAt == null) {
			throw new IllegalArgumentException("A scheduled post needs 'publishAt'.");
		}
		if ("scheduled".equals(status) && !publishAt.isAfter(now)) {
			status = "published";
		}
		Instant publishedAt = "published".equals(status) ? (publishAt != null ? publishAt : now) : null;
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into blog_posts(id, workspace_id, author_id, author_name, title, slug, markdown, html, excerpt,
				  reading_minutes, status, publish_at, published_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, author.workspaceId(), author.userId(), author.displayName(), title,
					freeSlug(author.workspaceId(), Slugs.of(title), null), markdown, rendered.html(),
					rendered.excerpt(), rendered.readingMinutes(), status, ts(publishAt), ts(publishedAt))
			.update();
		saveTerms(author.workspaceId(), id, "category", input.categories());
		saveTerms(author.workspaceId(), id, "tag", input.tags());
		Post post = get(author.workspaceId(), id);
		if (post.published()) {
			versions.changed(post.workspaceId());
			announce(post);
		}
		return post;
	}

	/** Changes a post; fields left null stay. A draft's slug follows its title until it was first published. */
	@Transactional
	public Post update(CurrentUser member, UUID id, PostInput input) {
		member.requireWorker();
		Post before = get(member.workspaceId(), id);
		String title = input.title() == null ? before.title() : title(input.title());
		String markdown = input.markdown() == null ? before.markdown() : markdown(input.markdown());
		String status = input.status() == null ? before.status() : status(input.status());
		Instant publishAt = input.publishAt() != null ? input.publishAt() : before.publishAt();
		Instant now = Instant.now();
		if ("scheduled".equals(status)) {
			if (publishAt == null) {
				throw new IllegalArgumentException("A scheduled post needs 'publishAt'.");
			}
			if (!publishAt.isAfter(now)) {
				status = "published";
			}
		}
		Instant publishedAt = before.publishedAt();
		if ("published".equals(status) && !before.published()) {
			publishedAt = input.publishAt() != null ? input.publishAt() : publishedAt != null ? publishedAt : now;
		}
		else if ("published".equals(status) && input.publishAt() != null) {
			publishedAt = input.publishAt();
		}
		String slug = before.slug();
		if (before.publishedAt() == null && !title.equals(before.title())) {
			slug = freeSlug(member.workspaceId(), Slugs.of(title), id);
		}
		RenderedMarkdown rendered = RenderedMarkdown.of(markdown);
		jdbc.sql("""
				update blog_posts set title = ?, slug = ?, markdown = ?, html = ?, excerpt = ?, reading_minutes = ?,
				  status = ?, publish_at = ?, published_at = ?, updated_at = now() where id = ? and workspace_id = ?""")
			.params(title, slug, markdown, rendered.html(), rendered.excerpt(), rendered.readingMinutes(), status,
					ts(publishAt), ts(publishedAt), id, member.workspaceId())
			.update();
		if (input.categories() != null) {
			saveTerms(member.workspaceId(), id, "category", input.categories());
		}
		if (input.tags() != null) {
			saveTerms(member.workspaceId(), id, "tag", input.tags());
		}
		Post post = get(member.workspaceId(), id);
		if (post.published() || before.published()) {
			versions.changed(post.workspaceId());
		}
		if (post.published() && !before.published()) {
			announce(post);
		}
		else if (post.published()) {
			events.publishEvent(new PostUpdated(post.workspaceId(), post.id(), url(post)));
		}
		else if (before.published()) {
			events.publishEvent(new PostWithdrawn(before.workspaceId(), before.id(), url(before)));
		}
		return post;
	}

	/**
	 * Deletes a post with its comments. A post that was ever public leaves its address behind, answering 410 Gone;
	 * {@link PostDeleted} tells the rest of the application.
	 */
	@Transactional
	public void delete(CurrentUser member, UUID id) {
		member.requireWorker();
		Post post = get(member.workspaceId(), id);
		String url = url(post);
		if (post.publishedAt() != null) {
			var workspace = workspaces.get(post.workspaceId());
			jdbc.sql("""
					insert into blog_deleted_posts(workspace_id, slug, path) values (?, ?, ?)
					on conflict (workspace_id, path) do update set deleted_at = now()""")
				.params(post.workspaceId(), post.slug(), post.path(workspace.slug(), workspace.timeZone()))
				.update();
		}
		jdbc.sql("delete from blog_posts where id = ? and workspace_id = ?").params(id, member.workspaceId()).update();
		if (post.publishedAt() != null) {
			versions.changed(post.workspaceId());
		}
		events.publishEvent(new PostDeleted(post.workspaceId(), id, url, post.published()));
	}

	/** Publishes scheduled posts whose time has come; safe to run on several nodes at once. */
	@Transactional
	public List<PostPublished> publishDue(Instant now) {
		List<UUID[]> due = jdbc.sql("""
				update blog_posts set status = 'published', published_at = publish_at, updated_at = now()
				where status = 'scheduled' and publish_at <= ? returning workspace_id, id""")
			.param(Timestamp.from(now))
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.list();
		List<PostPublished> published = new ArrayList<>();
		for (UUID[] row : due) {
			versions.changed(row[0]);
			published.add(announce(get(row[0], row[1])));
		}
		return published;
	}

	private PostPublished announce(Post post) {
		PostPublished event = new PostPublished(post.workspaceId(), post.id(), post.title(), url(post), post.publishedAt());
		events.publishEvent(event);
		return event;
	}

	/** The post's public address, from {@code RAPPORT_BASE_URL}. */
	public String url(Post post) {
		var workspace = workspaces.get(post.workspaceId());
		return properties.link(post.path(workspace.slug(), workspace.timeZone()));
	}

	public Post get(UUID workspaceId, UUID id) {
		return find("p.id = ? and p.workspace_id = ?", id, workspaceId).stream().findFirst()
			.orElseThrow(() -> new NotFoundException("No blog post " + id + " in this workspace."));
	}

	/** Every post of a workspace, newest first, drafts included; for members. */
	public List<Post> all(UUID workspaceId) {
		return find("p.workspace_id = ? order by coalesce(p.published_at, p.publish_at, p.created_at) desc, p.id", workspaceId);
	}

	/** Published posts, newest first. */
	public List<Post> published(UUID workspaceId, int offset, int limit) {
		return find("p.workspace_id = ? and p.status = 'published' order by p.published_at desc, p.id limit ? offset ?",
				workspaceId, limit, offset);
	}

	/**
	 * The installation's blogs in figures, for NodeInfo: published posts of all workspaces, and how many workspaces
	 * published one in the last 30 and 180 days.
	 */
	public record Activity(int posts, int activeMonth, int activeHalfyear) {
	}

	public Activity activity() {
		return jdbc.sql("""
				select count(*) as posts,
				  count(distinct workspace_id) filter (where published_at > now() - interval '30 days') as month,
				  count(distinct workspace_id) filter (where published_at > now() - interval '180 days') as halfyear
				from blog_posts where status = 'published'""")
			.query((rs, n) -> new Activity(rs.getInt("posts"), rs.getInt("month"), rs.getInt("halfyear")))
			.single();
	}

	public int countPublished(UUID workspaceId) {
		return jdbc.sql("select count(*) from blog_posts where workspace_id = ? and status = 'published'")
			.param(workspaceId).query(Integer.class).single();
	}

	/**
	 * The tags of the workspace's posts published since {@code since}, each both as its name in lower case and as its
	 * slug, for modules that look for people who care about what the blog wrote about lately.
	 */
	public Set<String> tagsPublishedSince(UUID workspaceId, Instant since) {
		Timestamp from = Timestamp.from(since);
		return Set.copyOf(jdbc.sql("""
				select lower(t.name) from blog_terms t join blog_posts p on p.id = t.post_id
				where t.workspace_id = ? and t.kind = 'tag' and p.status = 'published' and p.published_at >= ?
				union
				select t.slug from blog_terms t join blog_posts p on p.id = t.post_id
				where t.workspace_id = ? and t.kind = 'tag' and p.status = 'published' and p.published_at >= ?""")
			.params(workspaceId, from, workspaceId, from)
			.query(String.class)
			.list());
	}

	/**
	 * Posts published in a period, and how many of them started a dialogue: a reader's comment (written here or on
	 * the Fediverse; not the team's, not rejected, spam or deleted) or a verified linkback, whenever it came.
	 */
	public record Dialogue(long published, long started) {
	}

	/** The {@link Dialogue} of posts published from {@code from} (included) to {@code to} (excluded). */
	public Dialogue dialogueBetween(UUID workspaceId, Instant from, Instant to) {
		return jdbc.sql("""
				select count(*) as published, count(*) filter (where exists (
				    select 1 from blog_comments c where c.post_id = p.id and not c.from_team
				      and c.status in ('pending', 'approved'))
				  or exists (select 1 from linkbacks w where w.post_id = p.id and w.status = 'verified')) as started
				from blog_posts p
				where p.workspace_id = ? and p.status = 'published' and p.published_at >= ? and p.published_at < ?""")
			.params(workspaceId, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.query((rs, n) -> new Dialogue(rs.getLong("published"), rs.getLong("started")))
			.single();
	}

	public Optional<Post> publishedBySlug(UUID workspaceId, String slug) {
		return find("p.workspace_id = ? and p.slug = ? and p.status = 'published'", workspaceId, slug).stream().findFirst();
	}

	/** Whether a post with this slug was public once and is not any more, or was deleted (its address answers 410 Gone). */
	public boolean withdrawn(UUID workspaceId, String slug) {
		return jdbc.sql("""
				select exists(select 1 from blog_posts where workspace_id = ? and slug = ? and status <> 'published'
				  and published_at is not null)
				  or exists(select 1 from blog_deleted_posts where workspace_id = ? and slug = ?)""")
			.params(workspaceId, slug, workspaceId, slug).query(Boolean.class).single();
	}

	/** Published posts with a category or tag, newest first. */
	public List<Post> withTerm(UUID workspaceId, String kind, String termSlug, int offset, int limit) {
		return find("""
				p.workspace_id = ? and p.status = 'published'
				  and exists (select 1 from blog_terms t where t.post_id = p.id and t.kind = ? and t.slug = ?)
				order by p.published_at desc, p.id limit ? offset ?""", workspaceId, kind, termSlug, limit, offset);
	}

	public int countWithTerm(UUID workspaceId, String kind, String termSlug) {
		return jdbc.sql("""
				select count(*) from blog_posts p where p.workspace_id = ? and p.status = 'published'
				  and exists (select 1 from blog_terms t where t.post_id = p.id and t.kind = ? and t.slug = ?)""")
			.params(workspaceId, kind, termSlug).query(Integer.class).single();
	}

	/** The name of a category or tag used by a published post, if any is. */
	public Optional<String> termName(UUID workspaceId, String kind, String termSlug) {
		return jdbc.sql("""
				select t.name from blog_terms t join blog_posts p on p.id = t.post_id
				where t.workspace_id = ? and t.kind = ? and t.slug = ? and p.status = 'published'
				order by p.published_at desc limit 1""")
			.params(workspaceId, kind, termSlug).query(String.class).optional();
	}

	/** Categories or tags of published posts with how many posts carry each, by name. */
	public Map<Post.Term, Integer> terms(UUID workspaceId, String kind) {
		Map<Post.Term, Integer> terms = new LinkedHashMap<>();
		jdbc.sql("""
				select t.slug, min(t.name) as name, count(*) from blog_terms t join blog_posts p on p.id = t.post_id
				where t.workspace_id = ? and t.kind = ? and p.status = 'published' group by t.slug order by lower(min(t.name))""")
			.params(workspaceId, kind)
			.query(rs -> {
				terms.put(new Post.Term(rs.getString(1), rs.getString(2)), rs.getInt(3));
			});
		return terms;
	}

	/** Published posts of one month in the workspace's time zone, newest first. */
	public List<Post> ofMonth(UUID workspaceId, ZoneId zone, int year, int month) {
		if (month < 1 || month > 12 || year < 1970 || year > 9999) {
			return List.of();
		}
		LocalDate first = LocalDate.of(year, month, 1);
		Instant from = first.atStartOfDay(zone).toInstant();
		Instant to = first.plusMonths(1).atStartOfDay(zone).toInstant();
		return find("""
				p.workspace_id = ? and p.status = 'published' and p.published_at >= ? and p.published_at < ?
				order by p.published_at desc, p.id""", workspaceId, Timestamp.from(from), Timestamp.from(to));
	}

	/** A month with published posts. */
	public record Month(int year, int month, int posts) {
	}

	/** The months with published posts, newest first. */
	public List<Month> months(UUID workspaceId, ZoneId zone) {
		return jdbc.sql("""
				select extract(year from published_at at time zone ?)::int y, extract(month from published_at at time zone ?)::int m,
				  count(*)::int from blog_posts where workspace_id = ? and status = 'published' group by 1, 2 order by 1 desc, 2 desc""")
			.params(zone.getId(), zone.getId(), workspaceId)
			.query((rs, n) -> new Month(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
			.list();
	}

	/** Published posts sharing most tags with a post, then the newest. */
	public List<Post> related(Post post, int limit) {
		List<UUID> ids = jdbc.sql("""
				select p.id from blog_posts p join blog_terms t on t.post_id = p.id and t.kind = 'tag'
				where p.workspace_id = ? and p.status = 'published' and p.id <> ?
				  and t.slug in (select slug from blog_terms where post_id = ? and kind = 'tag')
				group by p.id order by count(*) desc, max(p.published_at) desc limit ?""")
			.params(post.workspaceId(), post.id(), post.id(), limit)
			.query(UUID.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<UUID, Post> byId = new HashMap<>();
		for (Post p : find("p.id in (:ids)", Map.of("ids", ids))) {
			byId.put(p.id(), p);
		}
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	/** Published posts of an author (a member, or a former one by the name they wrote under), newest first. */
	public List<Post> byAuthor(UUID workspaceId, Author author, int offset, int limit) {
		return author.userId() != null
				? find("p.workspace_id = ? and p.status = 'published' and p.author_id = ? order by p.published_at desc, p.id limit ? offset ?",
						workspaceId, author.userId(), limit, offset)
				: find("""
						p.workspace_id = ? and p.status = 'published' and p.author_id is null and p.author_name = ?
						order by p.published_at desc, p.id limit ? offset ?""", workspaceId, author.displayName(), limit, offset);
	}

	private List<Post> find(String where, Object... params) {
		List<Post> posts = jdbc.sql("select p.* from blog_posts p where " + where).params(params)
			.query((rs, n) -> map(rs)).list();
		return withTerms(posts);
	}

	private List<Post> find(String where, Map<String, ?> params) {
		List<Post> posts = jdbc.sql("select p.* from blog_posts p where " + where).params(params)
			.query((rs, n) -> map(rs)).list();
		return withTerms(posts);
	}

	private List<Post> withTerms(List<Post> posts) {
		if (posts.isEmpty()) {
			return posts;
		}
		Map<UUID, List<Post.Term>> categories = new HashMap<>();
		Map<UUID, List<Post.Term>> tags = new HashMap<>();
		jdbc.sql("select post_id, kind, slug, name from blog_terms where post_id in (:ids) order by lower(name)")
			.param("ids", posts.stream().map(Post::id).toList())
			.query(rs -> {
				var target = "category".equals(rs.getString(2)) ? categories : tags;
				target.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new Post.Term(rs.getString(3), rs.getString(4)));
			});
		return posts.stream().map(p -> new Post(p.id(), p.workspaceId(), p.title(), p.slug(), p.markdown(), p.html(),
				p.excerpt(), p.readingMinutes(), p.status(), p.publishAt(), p.publishedAt(), p.authorId(), p.authorName(),
				categories.getOrDefault(p.id(), List.of()), tags.getOrDefault(p.id(), List.of()), p.createdAt(),
				p.updatedAt())).toList();
	}

	private void saveTerms(UUID workspaceId, UUID postId, String kind, List<String> names) {
		jdbc.sql("delete from blog_terms where post_id = ? and kind = ?").params(postId, kind).update();
		if (names == null) {
			return;
		}
		if (names.size() > MAX_TERMS) {
			throw new IllegalArgumentException("At most " + MAX_TERMS + " " + kind + " names per post.");
		}
		Map<String, String> bySlug = new LinkedHashMap<>();
		for (String name : names) {
			String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
			if (clean.length() > 60) {
				throw new IllegalArgumentException("A " + kind + " name has at most 60 characters: '" + clean + "'.");
			}
			String slug = Slugs.of(clean);
			if (!slug.isEmpty()) {
				bySlug.putIfAbsent(slug, clean);
			}
		}
		bySlug.forEach((slug, name) -> jdbc
			.sql("insert into blog_terms(post_id, workspace_id, kind, slug, name) values (?, ?, ?, ?, ?)")
			.params(postId, workspaceId, kind, slug, name)
			.update());
	}

	/** The slug, or the slug with -2, -3, ... when another post of the workspace has it. */
	private String freeSlug(UUID workspaceId, String wanted, UUID except) {
		String base = wanted.isEmpty() ? "beitrag" : wanted;
		List<String> taken = jdbc.sql("""
				select slug from blog_posts where workspace_id = ? and (slug = ? or slug like ?) and id is distinct from ?""")
			.params(workspaceId, base, base + "-%", except)
			.query(String.class)
			.list();
		if (!taken.contains(base)) {
			return base;
		}
		for (int i = 2;; i++) {
			String candidate = base + "-" + i;
			if (!taken.contains(candidate)) {
				return candidate;
			}
		}
	}

	private static String title(String title) {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("A post needs a title.");
		}
		String clean = title.strip().replaceAll("[\\p{Cc}]", " ");
		if (clean.length() > MAX_TITLE) {
			throw new IllegalArgumentException("A title has at most " + MAX_TITLE + " characters.");
		}
		return clean;
	}

	private static String markdown(String markdown) {
		if (markdown == null) {
			return "";
		}
		if (markdown.length() > MAX_MARKDOWN) {
			throw new IllegalArgumentException("A post has at most " + MAX_MARKDOWN + " characters of Markdown.");
		}
		return markdown;
	}

	private static String status(String status) {
		String value = status == null || status.isBlank() ? "draft" : status.strip().toLowerCase(java.util.Locale.ROOT);
		if (!STATUSES.contains(value)) {
			throw new IllegalArgumentException("status must be draft, published or scheduled, not '" + status + "'.");
		}
		return value;
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

	private static Post map(ResultSet rs) throws SQLException {
		return new Post(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class), rs.getString("title"),
				rs.getString("slug"), rs.getString("markdown"), rs.getString("html"), rs.getString("excerpt"),
				rs.getInt("reading_minutes"), rs.getString("status"), instant(rs, "publish_at"),
				instant(rs, "published_at"), rs.getObject("author_id", UUID.class), rs.getString("author_name"), List.of(),
				List.of(), instant(rs, "created_at"), instant(rs, "updated_at"));
	}
}

package org.rapport.blog;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The author profiles of a workspace's blog. Every member edits their own; managers edit everyone's. The photo must
 * be an image uploaded to this blog ({@link Media}), as the theme loads nothing from other sites. A profile's slug
 * comes from its name; without a saved profile a member's slug is that of their display name.
 */
@Component
public class Authors {

	private final JdbcClient jdbc;
	private final Members members;
	private final Workspaces workspaces;
	private final BlogVersions versions;

	Authors(JdbcClient jdbc, Members members, Workspaces workspaces, BlogVersions versions) {
		this.jdbc = jdbc;
		this.versions = versions;
		this.members = members;
		this.workspaces = workspaces;
	}

	/** What a member fills in. */
	public record Input(String displayName, String bio, String photoUrl, String website, String mastodon) {
	}

	/** The author profile of a user, saved or derived from the display name they wrote under. */
	public Author of(UUID workspaceId, UUID userId, String fallbackName) {
		Optional<Author> stored = userId == null ? Optional.empty() : stored(workspaceId, userId);
		return stored.orElseGet(() -> derived(userId, fallbackName));
	}

	/** The profiles of the authors of several posts, by post id, in one query. */
	public java.util.Map<UUID, Author> ofPosts(UUID workspaceId, List<Post> posts) {
		List<UUID> users = posts.stream().map(Post::authorId).filter(java.util.Objects::nonNull).distinct().toList();
		java.util.Map<UUID, Author> stored = new java.util.HashMap<>();
		if (!users.isEmpty()) {
			jdbc.sql("select * from blog_authors where workspace_id = :ws and user_id in (:users)")
				.param("ws", workspaceId).param("users", users)
				.query((rs, n) -> map(rs)).list()
				.forEach(a -> stored.put(a.userId(), a));
		}
		java.util.Map<UUID, Author> byPost = new java.util.HashMap<>();
		for (Post post : posts) {
			Author author = post.authorId() == null ? null : stored.get(post.authorId());
			byPost.put(post.id(), author != null ? author : derived(post.authorId(), post.authorName()));
		}
		return byPost;
	}

	/** Every member's profile, by name. */
	public List<Author> all(UUID workspaceId) {
		return members.of(workspaceId).stream()
			.map(m -> of(workspaceId, m.userId(), m.displayName()))
			.sorted(java.util.Comparator.comparing(a -> a.displayName().toLowerCase(java.util.Locale.ROOT)))
			.toList();
	}

	/** The author with a slug: a saved profile, or a member (or former writer) whose name gives that slug. */
	public Optional<Author> bySlug(UUID workspaceId, String slug) {
		Optional<Author> stored = jdbc.sql("select * from blog_authors where workspace_id = ? and slug = ?")
			.params(workspaceId, slug).query((rs, n) -> map(rs)).optional();
		if (stored.isPresent()) {
			return stored;
		}
		return jdbc.sql("""
				select distinct author_id, author_name from blog_posts where workspace_id = ? and status = 'published'
				  and (author_id is null or author_id not in (select user_id from blog_authors where workspace_id = ?))""")
			.params(workspaceId, workspaceId)
			.query((rs, n) -> derived(rs.getObject(1, UUID.class), rs.getString(2)))
			.list().stream()
			.filter(a -> a.slug().equals(slug))
			.findFirst();
	}

	@Transactional
	public Author save(CurrentUser me, UUID userId, Input input) {
		me.requireWorker();
		if (!me.userId().equals(userId)) {
			me.requireManager();
		}
		Member member = members.of(me.workspaceId(), userId)
			.orElseThrow(() -> new NotFoundException("Only members of this workspace have author profiles."));
		String name = text(input.displayName(), 100, "name");
		if (name.isEmpty()) {
			name = member.displayName();
		}
		String bio = text(input.bio(), 1000, "biography");
		String photo = photo(me.workspaceId(), input.photoUrl());
		String website = url(input.website(), "website");
		String mastodon = mastodon(input.mastodon());
		String slug = freeSlug(me.workspaceId(), Slugs.of(name), userId);
		jdbc.sql("""
				insert into blog_authors(workspace_id, user_id, slug, display_name, bio, photo_url, website, mastodon)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (workspace_id, user_id) do update set slug = excluded.slug,
				  display_name = excluded.display_name, bio = excluded.bio, photo_url = excluded.photo_url,
				  website = excluded.website, mastodon = excluded.mastodon, updated_at = now()""")
			.params(me.workspaceId(), userId, slug, name, bio, photo, website, mastodon)
			.update();
		versions.changed(me.workspaceId());
		return stored(me.workspaceId(), userId).orElseThrow();
	}

	private Optional<Author> stored(UUID workspaceId, UUID userId) {
		return jdbc.sql("select * from blog_authors where workspace_id = ? and user_id = ?").params(workspaceId, userId)
			.query((rs, n) -> map(rs)).optional();
	}

	private static Author derived(UUID userId, String name) {
		String display = name == null || name.isBlank() ? "Team" : name.strip();
		String slug = Slugs.of(display);
		return new Author(userId, slug.isEmpty() ? "team" : slug, display, "", "", "", "", false);
	}

	private String freeSlug(UUID workspaceId, String wanted, UUID userId) {
		String base = wanted.isEmpty() ? "autor" : wanted;
		List<String> taken = jdbc.sql("select slug from blog_authors where workspace_id = ? and (slug = ? or slug like ?) and user_id <> ?")
			.params(workspaceId, base, base + "-%", userId).query(String.class).list();
		if (!taken.contains(base)) {
			return base;
		}
		for (int i = 2;; i++) {
			if (!taken.contains(base + "-" + i)) {
				return base + "-" + i;
			}
		}
	}

	/** Only an image of this workspace's blog, as an address below the site or the full address of one. */
	private String photo(UUID workspaceId, String value) {
		String photo = value == null ? "" : value.strip();
		if (photo.isEmpty()) {
			return "";
		}
		String prefix = BlogPaths.media(workspaces.get(workspaceId).slug(), "");
		String path = photo;
		try {
			URI uri = new URI(photo);
			path = uri.getRawPath() == null ? "" : uri.getRawPath();
		}
		catch (java.net.URISyntaxException e) {
			path = "";
		}
		if (!path.startsWith(prefix) || !path.substring(prefix.length()).matches("[0-9a-f-]{36}\\.[a-z]{3,4}")) {
			throw new IllegalArgumentException("The photo must be an image uploaded to this blog (an address starting with "
					+ prefix + ").");
		}
		return path;
	}

	private static String mastodon(String value) {
		String handle = value == null ? "" : value.strip();
		if (handle.isEmpty()) {
			return "";
		}
		var matcher = java.util.regex.Pattern.compile("@?([A-Za-z0-9_]{1,30})@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})").matcher(handle);
		if (matcher.matches()) {
			return "https://" + matcher.group(2).toLowerCase(java.util.Locale.ROOT) + "/@" + matcher.group(1);
		}
		return url(handle, "Mastodon profile");
	}

	private static String url(String value, String what) {
		String url = value == null ? "" : value.strip();
		if (url.isEmpty()) {
			return "";
		}
		String website = Comments.website(url);
		if (website.isEmpty() || url.length() > 300) {
			throw new IllegalArgumentException("The " + what + " must be a web address such as https://example.org, not '" + url + "'.");
		}
		return website;
	}

	private static String text(String value, int max, String what) {
		String text = value == null ? "" : value.strip();
		if (text.length() > max) {
			throw new IllegalArgumentException("The " + what + " has at most " + max + " characters.");
		}
		return text;
	}

	private static Author map(ResultSet rs) throws SQLException {
		return new Author(rs.getObject("user_id", UUID.class), rs.getString("slug"), rs.getString("display_name"),
				rs.getString("bio"), rs.getString("photo_url"), rs.getString("website"), rs.getString("mastodon"), true);
	}
}

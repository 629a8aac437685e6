package org.rapport.blog;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jsoup.nodes.Element;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.RecurringWork;
import org.rapport.platform.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Linkbacks received for the blog's posts — Webmentions, Pingbacks and Trackbacks — in one store with one
 * verification: the source page must really link to the target post. Sources are fetched through the
 * {@link OutboundGuard}, so a linkback can never make Rapport reach into a private network. A verified linkback is
 * shown under its post with a plain-text excerpt and arrives in the inbox on the blog-comments channel; a repeated
 * one is verified again and its excerpt updated; a source that answers 410 is forgotten, one that no longer links
 * is taken off the post.
 */
@Component
public class Linkbacks {

	private static final Logger log = LoggerFactory.getLogger(Linkbacks.class);

	public static final Set<String> KINDS = Set.of("webmention", "pingback", "trackback");

	private final JdbcClient jdbc;
	private final Posts posts;
	private final RemotePages pages;
	private final LinkbackInbox inbox;
	private final BlogVersions versions;

	Linkbacks(JdbcClient jdbc, Posts posts, OutboundGuard guard, LinkbackInbox inbox, BlogVersions versions) {
		this.jdbc = jdbc;
		this.versions = versions;
		this.posts = posts;
		this.pages = new RemotePages(guard);
		this.inbox = inbox;
	}

	/**
	 * A received linkback.
	 *
	 * @param status {@code pending} (not verified yet), {@code verified} or {@code rejected} (see {@code reason})
	 * @param hidden whether the team took it off the post
	 */
	public record Linkback(UUID id, UUID workspaceId, UUID postId, String kind, String source, String target,
			String title, String excerpt,
			String authorName, String status, String reason, boolean hidden, Instant receivedAt, Instant verifiedAt,
			UUID conversationId) {

		/** Whether readers see it under the post. */
		public boolean shown() {
			return "verified".equals(status) && !hidden;
		}
	}

	/** How a verification ended. */
	public enum Verdict {
		/** The source links to the target; shown under the post. */
		VERIFIED,
		/** The source answered 410 Gone; the linkback was deleted. */
		GONE,
		/** The source does not (or no longer) link to the target. */
		NO_LINK,
		/** The source does not exist (unknown host, 4xx). */
		MISSING,
		/** The guard refused the source's address. */
		REFUSED,
		/** The source's server failed or could not be reached. */
		UPSTREAM
	}

	/**
	 * Records a Webmention or Pingback for verification and answers its id. Throws {@link IllegalArgumentException}
	 * (answered with 400) when source or target are not http(s) addresses, are the same, or the target is not a
	 * published post of this blog. A repeated linkback from the same source to the same post is the same one, to be
	 * verified again; while that runs, one already shown stays shown as it was.
	 */
	public UUID receive(Workspace workspace, String kind, String source, String target) {
		URI sourceUri = httpUri(source, "source");
		URI targetUri = httpUri(target, "target");
		if (sourceUri.equals(targetUri)) {
			throw new IllegalArgumentException("source and target must differ.");
		}
		Post post = target(workspace, targetUri)
			.orElseThrow(() -> new IllegalArgumentException("The target is not a post of this blog."));
		return store(workspace, post, kind, sourceUri.toString(), targetUri.toString(), "", "", "");
	}

	/** Records a Trackback for a post: its title, excerpt and blog name are kept as plain text. */
	public UUID receiveTrackback(Workspace workspace, Post post, String url, String title, String excerpt, String blogName) {
		URI sourceUri = httpUri(url, "url");
		return store(workspace, post, "trackback", sourceUri.toString(), posts.url(post), plain(title, 200),
				plain(excerpt, 300), plain(blogName, 100));
	}

	private UUID store(Workspace workspace, Post post, String kind, String source, String target, String title,
			String excerpt, String authorName) {
		if (!KINDS.contains(kind)) {
			throw new IllegalArgumentException("Unknown kind of linkback '" + kind + "'.");
		}
		UUID id = jdbc.sql("""
				insert into linkbacks(id, workspace_id, post_id, kind, source, target, status, title, excerpt, author_name)
				values (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
				on conflict (post_id, source) do update set
				  status = case when linkbacks.status = 'verified' then 'verified' else 'pending' end,
				  kind = excluded.kind, target = excluded.target,
				  title = case when excluded.kind = 'trackback' then excluded.title else linkbacks.title end,
				  excerpt = case when excluded.kind = 'trackback' then excluded.excerpt else linkbacks.excerpt end,
				  author_name = case when excluded.kind = 'trackback' then excluded.author_name else linkbacks.author_name end,
				  received_at = now()
				returning id""")
			.params(UUID.randomUUID(), workspace.id(), post.id(), kind, source, target, title, excerpt, authorName)
			.query(UUID.class)
			.single();
		if ("trackback".equals(kind)) {
			// a Trackback repeated to a post where it is shown changes its title and excerpt there at once
			versions.changed(workspace.id());
		}
		return id;
	}

	/** The published post an address of this blog names, if it does. */
	public Optional<Post> target(Workspace workspace, URI target) {
		String given = target.getPath() == null ? "" : target.getPath();
		String path = given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
		String prefix = BlogPaths.home(workspace.slug()) + "/";
		if (!path.startsWith(prefix)) {
			return Optional.empty();
		}
		String slug = path.substring(path.lastIndexOf('/') + 1);
		return posts.publishedBySlug(workspace.id(), slug)
			.filter(p -> p.path(workspace.slug(), workspace.timeZone()).equals(path));
	}

	/**
	 * Fetches the source and decides: verified when it links to the target, deleted when it is gone (410), rejected
	 * otherwise. A linkback that was shown before stays shown when its source is only unreachable for a while.
	 */
	public Verdict verify(UUID linkbackId) {
		Linkback row = find(linkbackId).orElse(null);
		if (row == null) {
			return Verdict.GONE;
		}
		String target = row.target();
		RemotePages.Page page;
		try {
			page = pages.get(URI.create(row.source()));
		}
		catch (RemotePages.Refused e) {
			return reject(row, Verdict.REFUSED, e.getMessage());
		}
		catch (UnknownHostException e) {
			return reject(row, Verdict.MISSING, "The source's host cannot be found.");
		}
		catch (IOException | IllegalArgumentException e) {
			return upstream(row, "The source could not be fetched: " + e.getMessage());
		}
		if (page.status() == 410) {
			jdbc.sql("delete from linkbacks where id = ?").param(linkbackId).update();
			versions.changed(row.workspaceId());
			return Verdict.GONE;
		}
		if (page.status() >= 500) {
			return upstream(row, "The source answered " + page.status() + ".");
		}
		if (!page.ok()) {
			return reject(row, Verdict.MISSING, "The source answered " + page.status() + ".");
		}
		LinkingPage source = new LinkingPage(page.body(), page.url());
		Element link = source.linkTo(target).orElse(null);
		if (link == null) {
			return reject(row, Verdict.NO_LINK, "The source does not link to the target.");
		}
		boolean given = "trackback".equals(row.kind());
		String title = given && !row.title().isEmpty() ? row.title() : source.title();
		String excerpt = given && !row.excerpt().isEmpty() ? row.excerpt() : source.excerpt(link);
		String author = given && !row.authorName().isEmpty() ? row.authorName() : source.siteName();
		jdbc.sql("""
				update linkbacks set status = 'verified', verified_at = now(), title = ?, excerpt = ?, author_name = ?,
				  reason = '' where id = ?""")
			.params(title, excerpt, author, linkbackId)
			.update();
		versions.changed(row.workspaceId());
		try {
			inbox.deliver(row, title, excerpt, author).ifPresent(conversation -> jdbc
				.sql("update linkbacks set conversation_id = ? where id = ?").params(conversation, linkbackId).update());
		}
		catch (RuntimeException e) {
			log.warn("Linkback {} is on the blog but not in the inbox: {}", linkbackId, e.getMessage());
		}
		return Verdict.VERIFIED;
	}

	/** Verifies in the background, so the sender gets its answer at once. */
	public void verifyLater(UUID linkbackId) {
		Thread.ofVirtual().name("linkback-" + linkbackId).start(() -> {
			try {
				verify(linkbackId);
			}
			catch (RuntimeException e) {
				log.warn("Linkback {} not verified: {}", linkbackId, e.getMessage());
			}
		});
	}

	/** Runs {@link #verifyStale} as recurring background work, on one node at a time. */
	@Bean
	RecurringWork verifyStaleRecurring(@Value("${rapport.blog.linkback-interval:60s}") Duration interval) {
		return RecurringWork.every("linkbacks-verify-stale", interval, this::verifyStale);
	}

	/**
	 * Verifies linkbacks still pending after two minutes — their background verification was lost to a restart.
	 * Each is claimed by moving its time on, so several nodes never verify the same one at once.
	 */
	void verifyStale() {
		List<UUID> stale = jdbc.sql("""
				with due as (select id from linkbacks where status = 'pending' and received_at < now() - interval '2 minutes'
				  order by received_at limit 20 for update skip locked)
				update linkbacks l set received_at = now() from due where l.id = due.id returning l.id""")
			.query(UUID.class)
			.list();
		for (UUID id : stale) {
			try {
				verify(id);
			}
			catch (RuntimeException e) {
				log.warn("Linkback {} not verified: {}", id, e.getMessage());
			}
		}
	}

	/** The linkbacks readers see under a post, oldest first. */
	public List<Linkback> shown(UUID postId) {
		return jdbc.sql("select * from linkbacks where post_id = ? and status = 'verified' and not hidden order by verified_at, id")
			.param(postId).query((rs, n) -> map(rs)).list();
	}

	/**
	 * The workspace's verified linkbacks received since {@code since} that the team did not hide and whose source is
	 * an http(s) address (so it can be shown as a link), newest first: for modules that look for who links to the
	 * blog.
	 */
	public List<Linkback> verifiedSince(UUID workspaceId, Instant since) {
		return jdbc.sql("""
				select * from linkbacks where workspace_id = ? and status = 'verified' and not hidden
				  and source ~* '^https?://' and received_at >= ? order by received_at desc, id""")
			.params(workspaceId, Timestamp.from(since)).query((rs, n) -> map(rs)).list();
	}

	/** The workspace's received linkbacks, newest first, for the team. */
	public List<Linkback> of(UUID workspaceId, int limit) {
		return jdbc.sql("select * from linkbacks where workspace_id = ? order by received_at desc, id limit ?")
			.params(workspaceId, limit).query((rs, n) -> map(rs)).list();
	}

	public Optional<Linkback> find(UUID linkbackId) {
		return jdbc.sql("select * from linkbacks where id = ?").param(linkbackId).query((rs, n) -> map(rs)).optional();
	}

	public Linkback get(UUID workspaceId, UUID linkbackId) {
		return find(linkbackId).filter(l -> l.workspaceId().equals(workspaceId))
			.orElseThrow(() -> new NotFoundException("No linkback " + linkbackId + " in this workspace."));
	}

	/** Takes a linkback off its post, or puts it back; it stays in the inbox. */
	public Linkback hide(CurrentUser member, UUID linkbackId, boolean hidden) {
		member.requireWorker();
		get(member.workspaceId(), linkbackId);
		jdbc.sql("update linkbacks set hidden = ? where id = ? and workspace_id = ?")
			.params(hidden, linkbackId, member.workspaceId()).update();
		versions.changed(member.workspaceId());
		return get(member.workspaceId(), linkbackId);
	}

	/** Deletes a linkback; the same source may send it again and it is verified anew. */
	public void delete(CurrentUser member, UUID linkbackId) {
		member.requireWorker();
		get(member.workspaceId(), linkbackId);
		jdbc.sql("delete from linkbacks where id = ? and workspace_id = ?").params(linkbackId, member.workspaceId()).update();
		versions.changed(member.workspaceId());
	}

	private Verdict reject(Linkback row, Verdict verdict, String reason) {
		jdbc.sql("update linkbacks set status = 'rejected', reason = ? where id = ?").params(plain(reason, 300), row.id()).update();
		versions.changed(row.workspaceId());
		return verdict;
	}

	/** A temporary failure: a shown linkback stays, a new one is rejected (its sender may try again). */
	private Verdict upstream(Linkback row, String reason) {
		if (row.verifiedAt() != null) {
			jdbc.sql("update linkbacks set status = 'verified', reason = ? where id = ?").params(plain(reason, 300), row.id()).update();
			return Verdict.UPSTREAM;
		}
		return reject(row, Verdict.UPSTREAM, reason);
	}

	static URI httpUri(String value, String name) {
		try {
			URI uri = new URI(value == null ? "" : value.strip());
			if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
				throw new IllegalArgumentException(name + " must be an http or https address.");
			}
			if (uri.toString().length() > 2000) {
				throw new IllegalArgumentException(name + " is longer than 2000 characters.");
			}
			return uri.normalize();
		}
		catch (java.net.URISyntaxException e) {
			throw new IllegalArgumentException(name + " is not an address.");
		}
	}

	static String plain(String text, int max) {
		return LinkingPage.plain(text, max);
	}

	private static Linkback map(ResultSet rs) throws SQLException {
		return new Linkback(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("post_id", UUID.class), rs.getString("kind"), rs.getString("source"), rs.getString("target"),
				rs.getString("title"), rs.getString("excerpt"), rs.getString("author_name"),
				rs.getString("status"), rs.getString("reason"), rs.getBoolean("hidden"), instant(rs, "received_at"),
				instant(rs, "verified_at"), rs.getObject("conversation_id", UUID.class));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}
}

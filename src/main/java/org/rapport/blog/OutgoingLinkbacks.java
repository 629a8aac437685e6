package org.rapport.blog;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The blog's outgoing linkbacks: when a post goes public, changes or is withdrawn, every page it links to — and
 * every page it linked to before and no longer does — is to be told, by Webmention or else Pingback. The
 * notifications wait in an outbox table and are sent by a poller on any node: each claims due rows with
 * {@code FOR UPDATE SKIP LOCKED}, leasing them for ten minutes, sends them side by side on virtual threads and records
 * the outcome. Failures that may pass (network trouble, 5xx, 429) are tried again after 1 minute, 5 minutes,
 * 30 minutes, 2 hours and 12 hours, then given up as {@code failed}, with the last error kept for the team.
 */
@Component
public class OutgoingLinkbacks {

	private static final Logger log = LoggerFactory.getLogger(OutgoingLinkbacks.class);

	static final int MAX_TARGETS = 100;

	static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
			Duration.ofHours(2), Duration.ofHours(12));

	private final JdbcClient jdbc;
	private final Posts posts;
	private final RapportProperties properties;
	private final LinkbackSender sender;

	OutgoingLinkbacks(JdbcClient jdbc, Posts posts, RapportProperties properties, OutboundGuard guard) {
		this.jdbc = jdbc;
		this.posts = posts;
		this.properties = properties;
		this.sender = new LinkbackSender(guard);
	}

	/** One notification and how it went. */
	public record Send(UUID id, UUID postId, String source, String target, boolean linked, String status,
			String protocol, String endpoint, int attempts, String lastError, Integer responseStatus,
			Instant nextAttemptAt, Instant sentAt) {
	}

	@ApplicationModuleListener
	void on(PostPublished event) {
		schedule(event.workspaceId(), event.postId());
	}

	@ApplicationModuleListener
	void on(PostUpdated event) {
		schedule(event.workspaceId(), event.postId());
	}

	/** A withdrawn post tells every page it linked to again, so they fetch it, see 410 Gone and drop the mention. */
	@ApplicationModuleListener
	void on(PostWithdrawn event) {
		jdbc.sql("""
				update linkback_sends set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = '',
				  updated_at = now() where post_id = ? and linked""")
			.param(event.postId())
			.update();
	}

	/** A deleted public post tells the pages it linked to, which then find 410 Gone at its address. */
	@ApplicationModuleListener
	void on(PostDeleted event) {
		if (!event.wasPublic()) {
			return;
		}
		jdbc.sql("""
				update linkback_sends set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = '',
				  updated_at = now() where workspace_id = ? and source = ? and post_id is null and linked""")
			.params(event.workspaceId(), event.url())
			.update();
	}

	/**
	 * Queues a notification for each page the post links to now, and for each it linked to before and no longer
	 * does. Links to the blog's own site are left out.
	 */
	void schedule(UUID workspaceId, UUID postId) {
		Post post = posts.get(workspaceId, postId);
		if (!post.published()) {
			return;
		}
		String source = posts.url(post);
		Set<String> targets = targets(post.html(), source);
		for (String target : targets) {
			jdbc.sql("""
					insert into linkback_sends(id, workspace_id, post_id, source, target, status) values (?, ?, ?, ?, ?, 'pending')
					on conflict (post_id, target) do update set linked = true, source = excluded.source, status = 'pending',
					  attempts = 0, next_attempt_at = now(), last_error = '', updated_at = now()""")
				.params(UUID.randomUUID(), workspaceId, postId, source, target)
				.update();
		}
		jdbc.sql("""
				update linkback_sends set linked = false, source = ?, status = 'pending', attempts = 0, next_attempt_at = now(),
				  last_error = '', updated_at = now() where post_id = ? and linked and not (target = any (?))""")
			.params(source, postId, targets.toArray(String[]::new))
			.update();
	}

	/** The http(s) addresses a post's HTML links to, in order, without the blog's own site. */
	Set<String> targets(String html, String source) {
		URI own = URI.create(properties.link("/"));
		Set<String> targets = new LinkedHashSet<>();
		for (Element a : Jsoup.parse(html, source).select("a[href]")) {
			String href = a.absUrl("href");
			try {
				URI uri = new URI(href);
				if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
					continue;
				}
				if (uri.getHost().equalsIgnoreCase(own.getHost()) && uri.getPort() == own.getPort()) {
					continue;
				}
				targets.add(href);
			}
			catch (java.net.URISyntaxException e) {
				continue;
			}
			if (targets.size() == MAX_TARGETS) {
				break;
			}
		}
		return targets;
	}

	/** Runs {@link #sendDue} as recurring background work, on one node at a time. */
	@Bean
	RecurringWork sendDueRecurring(@Value("${rapport.blog.linkback-send-interval:20s}") Duration interval) {
		return RecurringWork.every("linkbacks-send-due", interval, this::sendDue);
	}

	/** Sends what is due; answers how many notifications were attempted. Safe to run on several nodes at once. */
	public int sendDue() {
		List<Claimed> due = jdbc.sql("""
				with due as (select id from linkback_sends where status = 'pending' and next_attempt_at <= now()
				  order by next_attempt_at limit 20 for update skip locked)
				update linkback_sends s set attempts = s.attempts + 1, next_attempt_at = now() + interval '10 minutes',
				  updated_at = now() from due where s.id = due.id returning s.id, s.source, s.target, s.attempts""")
			.query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
		// one slow site must not hold up the others, nor outlast the lease of the rest
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Claimed claimed : due) {
				executor.submit(() -> {
					LinkbackSender.Outcome outcome;
					try {
						outcome = sender.send(claimed.source(), claimed.target());
					}
					catch (RuntimeException e) {
						outcome = LinkbackSender.Outcome.failed(true, "", "", null, String.valueOf(e.getMessage()));
					}
					remember(claimed, outcome);
				});
			}
		}
		return due.size();
	}

	private record Claimed(UUID id, String source, String target, int attempts) {
	}

	private void remember(Claimed claimed, LinkbackSender.Outcome outcome) {
		boolean again = "failed".equals(outcome.status()) && outcome.retry() && claimed.attempts() <= BACKOFF.size();
		String status = again ? "pending" : outcome.status();
		Instant next = again ? Instant.now().plus(BACKOFF.get(claimed.attempts() - 1)) : Instant.now();
		// "attempts = ?" keeps the result of a send from overwriting a newer request queued meanwhile
		jdbc.sql("""
				update linkback_sends set status = ?, protocol = ?, endpoint = ?, response_status = ?, last_error = ?,
				  next_attempt_at = ?, updated_at = now(), sent_at = case when ? = 'sent' then now() else sent_at end
				where id = ? and attempts = ?""")
			.params(status, outcome.protocol(), outcome.endpoint(), outcome.responseStatus(),
					outcome.error() == null ? "" : outcome.error(), Timestamp.from(next), status, claimed.id(), claimed.attempts())
			.update();
		if ("failed".equals(status)) {
			log.info("Linkback from {} to {} not delivered: {}", claimed.source(), claimed.target(), outcome.error());
		}
	}

	/** The workspace's notifications, the most recently changed first. */
	public List<Send> of(UUID workspaceId, int limit) {
		return jdbc.sql("select * from linkback_sends where workspace_id = ? order by updated_at desc, id limit ?")
			.params(workspaceId, limit).query((rs, n) -> map(rs)).list();
	}

	/** Queues a notification again at once, e.g. after the other site fixed its endpoint. */
	public Send retry(CurrentUser member, UUID id) {
		member.requireWorker();
		int changed = jdbc.sql("""
				update linkback_sends set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = '', updated_at = now()
				where id = ? and workspace_id = ?""")
			.params(id, member.workspaceId()).update();
		if (changed == 0) {
			throw new NotFoundException("No outgoing linkback " + id + " in this workspace.");
		}
		return jdbc.sql("select * from linkback_sends where id = ?").param(id).query((rs, n) -> map(rs)).single();
	}

	private static Send map(ResultSet rs) throws SQLException {
		Timestamp next = rs.getTimestamp("next_attempt_at");
		Timestamp sent = rs.getTimestamp("sent_at");
		Integer response = rs.getObject("response_status", Integer.class);
		return new Send(rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class), rs.getString("source"),
				rs.getString("target"), rs.getBoolean("linked"), rs.getString("status"), rs.getString("protocol"),
				rs.getString("endpoint"), rs.getInt("attempts"), rs.getString("last_error"),
				response, next == null ? null : next.toInstant(), sent == null ? null : sent.toInstant());
	}
}

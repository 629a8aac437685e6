package org.rapport.blog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rapport.channels.blogcomment.BlogCommentChannel;
import org.rapport.channels.ChannelSwitched;
import org.rapport.platform.WorkspaceSettingsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The version of each workspace's public blog: a number raised by every change that readers see on the blog, in the
 * transaction that makes the change, with the time it was raised. A page cached at a version is valid while that is
 * still the blog's version. The version lives in PostgreSQL, so that a change made through one node reaches the
 * caches of all; each node reads it at most once per {@link BlogCacheProperties#versionCheck()} and blog, and at once
 * after a change it made itself.
 * <p>
 * Every write in this module that changes what a public page shows calls {@link #changed(UUID)}; changes elsewhere
 * that show on the blog (the workspace's name and time zone, the comment channel switched on or off) arrive as
 * events.
 */
@Component
public class BlogVersions {

	/**
	 * A blog's version and when it was raised; {@code changedAt} is null for a blog that has not changed since
	 * versions are kept. Two versions of a blog are at least a second apart, so that dates in whole seconds (HTTP's
	 * {@code Last-Modified}) tell them apart; in a burst of changes the time may therefore run ahead by a few seconds.
	 */
	public record Version(long number, Instant changedAt) {

		static final Version NONE = new Version(0, null);
	}

	private final JdbcClient jdbc;
	private final Cache<UUID, Version> read;

	BlogVersions(JdbcClient jdbc, BlogCacheProperties properties) {
		this.jdbc = jdbc;
		this.read = Caffeine.newBuilder().expireAfterWrite(properties.versionCheck()).maximumSize(100_000).build();
	}

	/** The blog's version as this node knows it: read from the database at most {@code versionCheck} ago. */
	public Version current(UUID workspaceId) {
		return read.get(workspaceId, this::load);
	}

	/**
	 * Records that something readers see on the workspace's blog changes; call it after writing the change. Inside a
	 * transaction the version is raised once per blog just before the transaction commits (so its row stays locked
	 * only for a moment) and this node reads it anew once the transaction has committed; outside one, at once.
	 */
	void changed(UUID workspaceId) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			raise(Set.of(workspaceId));
			forget(Set.of(workspaceId));
			return;
		}
		for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
			if (registered instanceof Raise raise && raise.owner == this) {
				raise.workspaces.add(workspaceId);
				return;
			}
		}
		Raise raise = new Raise(this);
		raise.workspaces.add(workspaceId);
		TransactionSynchronizationManager.registerSynchronization(raise);
	}

	@EventListener
	void on(WorkspaceSettingsChanged event) {
		changed(event.workspaceId());
	}

	@EventListener
	void on(ChannelSwitched event) {
		if (BlogCommentChannel.KEY.equals(event.key())) {
			changed(event.workspaceId());
		}
	}

	/** Raises the versions in a fixed order, so that two transactions never wait for each other's rows. */
	private void raise(Set<UUID> workspaces) {
		for (UUID workspaceId : new TreeSet<>(workspaces)) {
			jdbc.sql("""
					insert into blog_versions(workspace_id) values (?)
					on conflict (workspace_id) do update set version = blog_versions.version + 1,
					  changed_at = greatest(now(), date_trunc('second', blog_versions.changed_at) + interval '1 second')""")
				.param(workspaceId)
				.update();
		}
	}

	private void forget(Set<UUID> workspaces) {
		read.invalidateAll(workspaces);
	}

	private Version load(UUID workspaceId) {
		return jdbc.sql("select version, changed_at from blog_versions where workspace_id = ?")
			.param(workspaceId)
			.query((rs, n) -> new Version(rs.getLong(1), instant(rs.getTimestamp(2))))
			.optional()
			.orElse(Version.NONE);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** The blogs a transaction changed: raised before it commits, read anew after. */
	private static final class Raise implements TransactionSynchronization {

		private final BlogVersions owner;
		private final Set<UUID> workspaces = new TreeSet<>();

		Raise(BlogVersions owner) {
			this.owner = owner;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			owner.raise(workspaces);
		}

		@Override
		public void afterCompletion(int status) {
			if (status == STATUS_COMMITTED) {
				owner.forget(workspaces);
			}
		}
	}
}

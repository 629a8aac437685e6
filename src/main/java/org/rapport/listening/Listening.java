package org.rapport.listening;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.HeardPage;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.platform.Jobs;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads every listening channel as recurring work of the one background engine (one node at a time): each channel is
 * asked for what is new since its cursor with the terms of the monitors that listen on it, what it heard is matched
 * and stored ({@link Heard#take}), and only then the cursor moves — so a crash reads the same posts again, and storing
 * them again changes nothing. A source that failed keeps its cursor and its last error (shown with the channel) and
 * is asked again at its next turn, or after the pause it asked for.
 */
@Component
public class Listening {

	private static final Logger log = LoggerFactory.getLogger(Listening.class);

	static final String ALERT_JOB = "listening-alert-mail";

	private final JdbcClient jdbc;
	private final Channels channels;
	private final Monitors monitors;
	private final Heard heard;
	private final Jobs jobs;

	Listening(JdbcClient jdbc, Channels channels, Monitors monitors, Heard heard, @Lazy Jobs jobs) {
		this.jdbc = jdbc;
		this.channels = channels;
		this.monitors = monitors;
		this.heard = heard;
		this.jobs = jobs;
	}

	@Bean
	RecurringWork listeningReadRecurring(@Value("${rapport.listening.read-interval:5m}") Duration interval) {
		return RecurringWork.every("listening-read", interval, this::readAll);
	}

	void readAll() {
		Map<UUID, List<Channel>> byWorkspace = new HashMap<>();
		for (ChannelConnector connector : channels.connectors()) {
			for (Channel channel : channels.enabledOfKind(connector.kind())) {
				if (connector.listener(channel).isPresent()) {
					byWorkspace.computeIfAbsent(channel.workspaceId(), w -> new ArrayList<>()).add(channel);
				}
			}
		}
		byWorkspace.forEach((workspaceId, listening) -> {
			List<Monitor> all = monitors.of(workspaceId);
			for (Channel channel : listening) {
				try {
					read(channel, all);
				}
				catch (RuntimeException e) {
					log.warn("Listening channel {} could not be read", channel.id(), e);
				}
			}
		});
		heard.forgetOld();
	}

	/** Reads the workspace's listening channels now (pauses a source asked for are kept); answers how many new posts were heard. */
	public int readNow(UUID workspaceId) {
		List<Monitor> all = monitors.of(workspaceId);
		int added = 0;
		for (Channel channel : monitors.listeningChannels(workspaceId)) {
			added += read(channel, all);
		}
		return added;
	}

	/**
	 * A channel that listens and how its last read went.
	 *
	 * @param searches whether it searches for the monitors' terms (a network) or hands over all it has (a feed)
	 * @param lastReadAt when it was last asked, or {@code null} if never
	 * @param lastHeardAt when it last brought something new
	 * @param notBefore until when it asked for a pause
	 * @param lastError what went wrong at the last read, in words, or {@code ""}
	 */
	public record Source(UUID channelId, String channel, String kind, boolean searches, Instant lastReadAt,
			Instant lastHeardAt, Instant notBefore, String lastError) {
	}

	/** The workspace's switched-on channels that listen, with how their last read went. */
	public List<Source> sources(UUID workspaceId) {
		Map<UUID, Source> read = new HashMap<>();
		jdbc.sql("select * from listening_sources where workspace_id = ?").param(workspaceId)
			.query((rs, n) -> read.put(rs.getObject("channel_id", UUID.class), new Source(null, null, null, false,
					instant(rs.getTimestamp("last_read_at")), instant(rs.getTimestamp("last_heard_at")),
					instant(rs.getTimestamp("not_before")), rs.getString("last_error"))))
			.list();
		List<Source> out = new ArrayList<>();
		for (Channel channel : monitors.listeningChannels(workspaceId)) {
			boolean searches = channels.connector(channel.kind()).listener(channel).map(ChannelConnector.Listener::searches)
				.orElse(false);
			Source last = read.get(channel.id());
			out.add(new Source(channel.id(), channel.name(), channel.kind(), searches,
					last == null ? null : last.lastReadAt(), last == null ? null : last.lastHeardAt(),
					last == null ? null : last.notBefore(), last == null ? "" : last.lastError()));
		}
		return out;
	}

	private int read(Channel channel, List<Monitor> all) {
		ChannelConnector.Listener listener = channels.connector(channel.kind()).listener(channel).orElseThrow();
		List<Monitor> listeningHere = all.stream()
			.filter(m -> m.channelIds().isEmpty() || m.channelIds().contains(channel.id()))
			.toList();
		Set<String> terms = new LinkedHashSet<>();
		listeningHere.forEach(m -> terms.addAll(m.searchTerms()));
		if (listener.searches() && terms.isEmpty()) {
			return 0;
		}
		record Where(String cursor, Instant notBefore) {
		}
		Where where = jdbc.sql("""
				insert into listening_sources(channel_id, workspace_id) values (?, ?)
				on conflict (channel_id) do update set workspace_id = excluded.workspace_id
				returning cursor, not_before""")
			.params(channel.id(), channel.workspaceId())
			.query((rs, n) -> new Where(rs.getString("cursor"), instant(rs.getTimestamp("not_before")))).single();
		if (where.notBefore() != null && where.notBefore().isAfter(Instant.now())) {
			return 0;
		}
		HeardPage page;
		try {
			page = listener.read(terms, where.cursor());
		}
		catch (ListeningUnavailable e) {
			jdbc.sql("update listening_sources set last_read_at = now(), not_before = ?, last_error = ? where channel_id = ?")
				.params(e.retryAt() == null ? null : java.sql.Timestamp.from(e.retryAt()), cut(e.getMessage()), channel.id())
				.update();
			channels.state(channel.id(), cut(e.getMessage()));
			log.info("Listening channel {}: {}", channel.id(), e.getMessage());
			return 0;
		}
		Heard.Taken taken = heard.take(channel, listener.searches(), page.posts(), listeningHere);
		jdbc.sql("""
				update listening_sources set cursor = ?, not_before = ?, last_read_at = now(), last_error = '',
				  last_heard_at = case when ? > 0 then now() else last_heard_at end
				where channel_id = ?""")
			.params(page.cursor(), page.notBefore() == null ? null : java.sql.Timestamp.from(page.notBefore()),
					taken.posts(), channel.id())
			.update();
		if (channel.state() != null && !channel.state().isBlank()) {
			channels.state(channel.id(), "");
		}
		alertIfBusy(channel.workspaceId(), listeningHere, taken);
		return taken.posts();
	}

	/** Mails the managers when a monitor with an hourly threshold reached it, at most once an hour. */
	private void alertIfBusy(UUID workspaceId, List<Monitor> listeningHere, Heard.Taken taken) {
		for (Monitor monitor : listeningHere) {
			if (monitor.alertPerHour() == null || !taken.hits().containsKey(monitor.id())) {
				continue;
			}
			int lastHour = heard.hitsInLastHour(monitor.id());
			if (lastHour >= monitor.alertPerHour() && monitors.claimAlert(monitor.id())) {
				jobs.enqueue(ALERT_JOB, workspaceId,
						"{\"monitorId\":\"" + monitor.id() + "\",\"hits\":" + lastHour + "}", null);
			}
		}
	}

	private static String cut(String message) {
		String text = message == null ? "" : message;
		return text.length() > 500 ? text.substring(0, 499) + "…" : text;
	}

	private static Instant instant(java.sql.Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}
}

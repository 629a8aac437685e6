package org.rapport.authenticity.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.authenticity.StormAlert;
import org.rapport.authenticity.StormWatch;
import org.rapport.channels.Channels;
import org.rapport.listening.Monitors;
import org.rapport.platform.CurrentUser;
import org.springframework.stereotype.Component;

/** The open storm alerts, of channels and topics, for the banner every back-office page shows ({@code @stormBanner} in the layout). */
@Component("stormBanner")
public class StormBanner {

	/**
	 * One open alert as the banner names it.
	 *
	 * @param topicName the topic's name for an alert on a topic, else {@code null}
	 */
	public record Notice(UUID id, String channelName, String topicName, int negativeAuthors, long negativePercent) {
	}

	private final StormWatch watch;
	private final Channels channels;
	private final Monitors monitors;

	StormBanner(StormWatch watch, Channels channels, Monitors monitors) {
		this.watch = watch;
		this.channels = channels;
		this.monitors = monitors;
	}

	/** The workspace's alerts nobody acknowledged yet, newest first; none when nobody is signed in. */
	public List<Notice> open(CurrentUser me) {
		if (me == null) {
			return List.of();
		}
		List<StormAlert> open = watch.open(me.workspaceId());
		Map<UUID, String> topics = open.stream().anyMatch(StormAlert::topic) ? topicNames(monitors, me.workspaceId()) : Map.of();
		return open.stream()
			.map(a -> new Notice(a.id(), a.topic() ? null : channels.find(a.channelId()).map(c -> c.name()).orElse("?"),
					a.topic() ? topics.getOrDefault(a.monitorId(), "?") : null, a.negativeAuthors(),
					Math.round(a.negativeShare() * 100)))
			.toList();
	}

	/** The names of the workspace's topics (listening monitors) by id. */
	static Map<UUID, String> topicNames(Monitors monitors, UUID workspaceId) {
		Map<UUID, String> names = new java.util.LinkedHashMap<>();
		monitors.of(workspaceId).forEach(m -> names.put(m.id(), m.name()));
		return names;
	}
}

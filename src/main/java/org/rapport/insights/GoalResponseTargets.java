package org.rapport.insights;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.rapport.inbox.ResponseTargets;
import org.rapport.platform.ChannelId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox's response targets, read from the channel goals of the kind "answered within N business hours": the
 * channel's own goal first, else the workspace's. With two such goals for one channel the stricter one counts.
 */
@Component
class GoalResponseTargets implements ResponseTargets {

	private final JdbcClient jdbc;

	GoalResponseTargets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Duration> of(UUID workspaceId, ChannelId channelId) {
		return jdbc.sql("""
				select hours from insight_goals
				where workspace_id = ? and measure = 'answeredWithin' and hours is not null
				  and (channel_id = ? or channel_id is null)
				order by channel_id nulls last, hours limit 1""")
			.params(workspaceId, channelId.value())
			.query(Integer.class)
			.optional()
			.map(Duration::ofHours);
	}
}

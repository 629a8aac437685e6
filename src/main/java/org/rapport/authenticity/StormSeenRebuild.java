package org.rapport.authenticity;

import java.util.UUID;

import org.rapport.platform.JobHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records every contact who ever wrote on the workspace's channels as seen ({@link StormWatch#rebuildSeen}), queued
 * once when the storm warning first sees a message of the workspace, so that the contacts from before it was installed
 * do not count as new authors. Safe to repeat.
 */
@Component
class StormSeenRebuild implements JobHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StormWatch watch;

	StormSeenRebuild(StormWatch watch) {
		this.watch = watch;
	}

	@Override
	public String kind() {
		return StormWatch.SEEN_JOB;
	}

	@Override
	public void run(String payload) {
		watch.rebuildSeen(UUID.fromString(JSON.readTree(payload).path("workspaceId").asString()));
	}
}

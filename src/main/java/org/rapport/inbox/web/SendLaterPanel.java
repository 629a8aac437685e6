package org.rapport.inbox.web;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.inbox.ScheduledReplies;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspaces;
import org.springframework.stereotype.Component;

/** What the composer shows of "send later", for the template ({@code @sendLater}): planned replies and the presets. */
@Component("sendLater")
public class SendLaterPanel {

	private final ScheduledReplies scheduled;
	private final Workspaces workspaces;

	SendLaterPanel(ScheduledReplies scheduled, Workspaces workspaces) {
		this.scheduled = scheduled;
		this.workspaces = workspaces;
	}

	/** The conversation's planned replies, the next first, with their authors. */
	public List<ScheduledReplies.ScheduledReply> planned(CurrentUser me, UUID conversationId) {
		return scheduled.withAuthors(me.workspaceId(), scheduled.of(me.workspaceId(), conversationId));
	}

	/** later today, tomorrow morning, next Monday morning, in the workspace's time zone. */
	public Map<String, ZonedDateTime> presets(CurrentUser me) {
		return SnoozePresets.from(Instant.now(), workspaces.get(me.workspaceId()).timeZone());
	}
}

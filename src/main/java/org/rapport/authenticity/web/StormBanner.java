package org.rapport.authenticity.web;

import java.util.List;
import java.util.UUID;

import org.rapport.authenticity.StormWatch;
import org.rapport.channels.Channels;
import org.rapport.platform.CurrentUser;
import org.springframework.stereotype.Component;

/** The open storm alerts for the banner every back-office page shows ({@code @stormBanner} in the layout). */
@Component("stormBanner")
public class StormBanner {

	/** One open alert as the banner names it. */
	public record Notice(UUID id, String channelName, int negativeAuthors, long negativePercent) {
	}

	private final StormWatch watch;
	private final Channels channels;

	StormBanner(StormWatch watch, Channels channels) {
		this.watch = watch;
		this.channels = channels;
	}

	/** The workspace's alerts nobody acknowledged yet, newest first; none when nobody is signed in. */
	public List<Notice> open(CurrentUser me) {
		if (me == null) {
			return List.of();
		}
		return watch.open(me.workspaceId()).stream()
			.map(a -> new Notice(a.id(), channels.find(a.channelId()).map(c -> c.name()).orElse("?"), a.negativeAuthors(),
					Math.round(a.negativeShare() * 100)))
			.toList();
	}
}

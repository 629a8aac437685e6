package org.rapport.listening;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post heard while listening, as the team sees it: shown once however many sources and monitors brought it.
 *
 * @param channelId the channel that heard it first
 * @param channel that channel's name
 * @param status {@code new}, {@code dismissed}, {@code shared} or {@code answered}
 * @param monitors the ids of the monitors it matched (empty for a feed's item no monitor picked out)
 * @param conversationId the inbox conversation it became when answered, or {@code null}
 * @param canShare whether its channel can recommend it (boost, repost)
 * @param canAnswer whether its channel can answer it on its network
 * @param canQuote whether its channel can recommend it with a text of the team's own (a quote post)
 */
public record Hit(UUID id, UUID channelId, String channel, String url, String author, String authorName,
		String authorUrl, String title, String text, String language, Instant postedAt, Instant heardAt, String status,
		List<UUID> monitors, UUID conversationId, boolean canShare, boolean canAnswer, boolean canQuote) {
}

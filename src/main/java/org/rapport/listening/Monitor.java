package org.rapport.listening;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a workspace listens for. A post matches when it contains every one of {@code all}, at least one of {@code any}
 * (if any are given), every phrase of {@code phrases} word for word, and nothing of {@code exclude}; when
 * {@code languages} are given, a post in another language does not match, but one too short to tell its language
 * does. Terms are words ({@code rapport}), hashtags ({@code #dialog}, matching only the hashtag), prefixes
 * ({@code dialog*}) or several words (a phrase). Case and accents do not matter, and an umlaut is the same as its
 * spelling with e: Zürich is Zuerich, Straße is Strasse.
 *
 * @param channelIds the listening channels it is limited to; empty for all of the workspace's
 * @param alertPerHour mail the managers when the monitor has this many hits within an hour; {@code null} for never
 */
public record Monitor(UUID id, String name, List<String> any, List<String> all, List<String> phrases,
		List<String> exclude, List<String> languages, List<UUID> channelIds, Integer alertPerHour, Instant createdAt) {

	public Monitor {
		any = List.copyOf(any);
		all = List.copyOf(all);
		phrases = List.copyOf(phrases);
		exclude = List.copyOf(exclude);
		languages = List.copyOf(languages);
		channelIds = List.copyOf(channelIds);
	}

	/** The terms a searching source is asked for: every positive term and phrase. */
	public List<String> searchTerms() {
		return java.util.stream.Stream.of(any, all, phrases).flatMap(List::stream).distinct().toList();
	}
}

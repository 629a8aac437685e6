package org.rapport.inbox;

import java.util.List;

/**
 * The triage of a message or conversation: what kind of message it is, its sentiment and its language. Any part
 * may be null where nothing triaged it (outbound, automated, or before triage existed).
 *
 * @param kind one of {@link #KINDS}
 * @param sentiment one of {@link #SENTIMENTS}
 * @param language one of {@link #LANGUAGES}: an ISO 639-1 code, "other" or "unknown" (too short to tell)
 */
public record Triage(String kind, String sentiment, String language) {

	public static final List<String> KINDS = List.of("question", "complaint", "praise", "data-request", "other");

	public static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");

	public static final List<String> LANGUAGES = List.of("de", "en", "fr", "es", "it", "nl", "pl", "tr", "other",
			"unknown");

	/** Whether nothing was triaged. */
	public boolean isEmpty() {
		return kind == null && sentiment == null && language == null;
	}
}

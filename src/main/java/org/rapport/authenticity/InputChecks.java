package org.rapport.authenticity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the authenticity API accepts. Everything of a call is checked before anything is scored or learned, so a
 * refused call changes nothing.
 */
final class InputChecks {

	/** Profiles or comments per call. */
	static final int MAX_ITEMS = 5_000;

	/** More than there are people online: a count above this is a typing or export error. */
	static final long MAX_COUNT = 5_000_000_000L;

	static final int MAX_TEXT = 20_000;
	static final int MAX_SHORT_TEXT = 2_000;

	/** How far ahead of this server's clock a time may lie (another clock may run a little ahead). */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	static final Set<String> PROFILE_LABELS = Set.of("bought", "genuine");
	static final Set<String> COMMENT_LABELS = Set.of("spam", "ham");

	private InputChecks() {
	}

	static void profiles(List<Profile> profiles, boolean labelled, Instant now) {
		profiles(profiles, labelled, now, MAX_ITEMS);
	}

	/** Checks profiles as {@link #profiles(List, boolean, Instant)} does, up to {@code max} of them. */
	static void profiles(List<Profile> profiles, boolean labelled, Instant now, int max) {
		list("profiles", profiles, max);
		for (int i = 0; i < profiles.size(); i++) {
			String at = "profiles[" + i + "]";
			Profile p = profiles.get(i);
			id(at, p == null ? null : p.id());
			text(at + ".network", p.network(), 100);
			text(at + ".handle", p.handle(), 500);
			text(at + ".name", p.name(), 500);
			text(at + ".bio", p.bio(), MAX_TEXT);
			text(at + ".url", p.url(), MAX_SHORT_TEXT);
			text(at + ".location", p.location(), 500);
			text(at + ".avatarUrl", p.avatarUrl(), MAX_SHORT_TEXT);
			count(at + ".posts", p.posts());
			count(at + ".followers", p.followers());
			count(at + ".following", p.following());
			count(at + ".likes", p.likes());
			count(at + ".listed", p.listed());
			Instant observed = p.observedAt() != null ? p.observedAt() : now;
			notFuture(at + ".observedAt", p.observedAt(), now);
			notFuture(at + ".createdAt", p.createdAt(), now);
			notFuture(at + ".lastPostAt", p.lastPostAt(), now);
			notAfter(at + ".createdAt", p.createdAt(), "observedAt", observed);
			notAfter(at + ".lastPostAt", p.lastPostAt(), "observedAt", observed);
			if (p.createdAt() != null && p.lastPostAt() != null && p.lastPostAt().isBefore(p.createdAt())) {
				throw new RefusedInput(at + ".lastPostAt", "beforeCreated", "The field '" + at + ".lastPostAt' holds "
						+ p.lastPostAt() + ", before the account was created (" + p.createdAt() + ").");
			}
			if (labelled) {
				label(at + ".label", p.label(), PROFILE_LABELS);
			}
		}
	}

	static void comments(List<Comment> comments, boolean labelled, Instant now) {
		list("comments", comments, MAX_ITEMS);
		for (int i = 0; i < comments.size(); i++) {
			String at = "comments[" + i + "]";
			Comment c = comments.get(i);
			id(at, c == null ? null : c.id());
			text(at + ".author", c.author(), 500);
			if (c.text() == null || c.text().isBlank()) {
				throw new RefusedInput(at + ".text", "noText", "The field '" + at + ".text' is empty; there is nothing to judge.");
			}
			text(at + ".text", c.text(), MAX_TEXT);
			notFuture(at + ".postedAt", c.postedAt(), now);
			if (labelled) {
				label(at + ".label", c.label(), COMMENT_LABELS);
			}
		}
	}

	/** Messages to triage: an id and a text each, up to 5,000, texts of up to 20,000 characters. */
	static void triageItems(List<MessageTriage.Item> items) {
		list("messages", items, MAX_ITEMS);
		for (int i = 0; i < items.size(); i++) {
			String at = "messages[" + i + "]";
			MessageTriage.Item item = items.get(i);
			id(at, item == null ? null : item.id());
			if (item.text() == null || item.text().isBlank()) {
				throw new RefusedInput(at + ".text", "noText", "The field '" + at + ".text' is empty; there is nothing to judge.");
			}
			text(at + ".text", item.text(), MAX_TEXT);
		}
	}

	private static void list(String field, List<?> items, int max) {
		if (items == null) {
			throw new RefusedInput(field, "required", "The field '" + field + "' is required: a list of up to "
					+ String.format(java.util.Locale.ROOT, "%,d", max) + " items.");
		}
		if (items.size() > max) {
			throw max == MAX_ITEMS
					? new RefusedInput(field, "tooMany", "The field '" + field + "' holds " + items.size()
							+ " items; at most 5,000 are accepted per call.", items.size())
					: new RefusedInput(field, "tooManyForAudit", "The field '" + field + "' holds " + items.size()
							+ " items; at most " + String.format(java.util.Locale.ROOT, "%,d", max)
							+ " are accepted in one audit.", items.size(), max);
		}
	}

	private static void id(String at, String id) {
		if (id == null || id.isBlank()) {
			throw new RefusedInput(at + ".id", "noId", "The field '" + at + ".id' is empty; every item needs an id.");
		}
		text(at + ".id", id, 200);
	}

	private static void text(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw new RefusedInput(field, "tooLong", "The field '" + field + "' holds " + value.length()
					+ " characters; at most " + max + " are accepted.", value.length(), max);
		}
	}

	private static void count(String field, Long value) {
		if (value == null) {
			return;
		}
		if (value < 0) {
			throw new RefusedInput(field, "negative", "The field '" + field + "' holds " + value
					+ "; counts cannot be negative.", value);
		}
		if (value > MAX_COUNT) {
			throw new RefusedInput(field, "absurd", "The field '" + field + "' holds " + value
					+ "; no account has more than 5,000,000,000.", value);
		}
	}

	private static void notFuture(String field, Instant value, Instant now) {
		if (value != null && value.isAfter(now.plus(CLOCK_SKEW))) {
			throw new RefusedInput(field, "future", "The field '" + field + "' holds " + value + ", which lies in the future.",
					value.toString());
		}
	}

	private static void notAfter(String field, Instant value, String otherName, Instant other) {
		if (value != null && value.isAfter(other)) {
			throw new RefusedInput(field, "afterObserved", "The field '" + field + "' holds " + value + ", after "
					+ otherName + " (" + other + ").", value.toString(), other.toString());
		}
	}

	private static void label(String field, String label, Set<String> allowed) {
		if (label == null || !allowed.contains(label)) {
			String choices = String.join("' or '", allowed.stream().sorted().toList());
			throw new RefusedInput(field, "label", "The field '" + field + "' must be '" + choices + "'"
					+ (label == null ? "." : ", not '" + label + "'."), choices);
		}
	}
}

package org.rapport.inbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.Member;

/**
 * Finds the members a note mentions. A mention is {@code @} at the start of the text or after a character that is
 * not a letter or digit (so that {@code anna@example.org} is an address, not a mention), followed by a member's name
 * as it is shown, their first name when no other member shares it, or the part of their address before the
 * {@code @}, up to a character that is not a letter or digit. The longest name that fits wins: with
 * members Anna and Anna Berg, "@Anna Berg" means Anna Berg.
 */
final class Mentions {

	private Mentions() {
	}

	/** The handles of each member, longest first, in lower case. */
	static List<Map.Entry<String, UUID>> handles(Collection<Member> members) {
		Map<String, Integer> firstNames = new HashMap<>();
		for (Member m : members) {
			firstNames.merge(firstName(m), 1, Integer::sum);
		}
		List<Map.Entry<String, UUID>> handles = new ArrayList<>();
		for (Member m : members) {
			String name = m.displayName() == null ? "" : m.displayName().strip().toLowerCase(Locale.ROOT);
			if (!name.isEmpty()) {
				handles.add(Map.entry(name, m.userId()));
			}
			String first = firstName(m);
			if (!first.isEmpty() && firstNames.get(first) == 1 && !first.equals(name)) {
				handles.add(Map.entry(first, m.userId()));
			}
			String local = m.email() == null ? "" : m.email().toLowerCase(Locale.ROOT).replaceFirst("@.*$", "");
			if (!local.isEmpty()) {
				handles.add(Map.entry(local, m.userId()));
			}
		}
		handles.sort(Comparator.comparingInt((Map.Entry<String, UUID> e) -> e.getKey().length()).reversed());
		return handles;
	}

	private static String firstName(Member m) {
		String name = m.displayName() == null ? "" : m.displayName().strip().toLowerCase(Locale.ROOT);
		int space = name.indexOf(' ');
		return space < 0 ? name : name.substring(0, space);
	}

	/** The members the text mentions, in the order of their first mention. */
	static Set<UUID> in(String text, Collection<Member> members) {
		Set<UUID> found = new LinkedHashSet<>();
		if (text == null || text.indexOf('@') < 0 || members.isEmpty()) {
			return found;
		}
		for (Span span : spans(text, handles(members))) {
			found.add(span.userId());
		}
		return found;
	}

	/** Where a text mentions a member: from its {@code @} to the end of the handle, and whom. */
	record Span(int start, int end, UUID userId) {
	}

	/** Every mention in the text, in order. */
	static List<Span> spans(String text, List<Map.Entry<String, UUID>> handles) {
		List<Span> spans = new ArrayList<>();
		String lower = text.toLowerCase(Locale.ROOT);
		if (lower.length() != text.length()) {
			return spans; // a letter whose lower case changes the length: offsets would not fit the text
		}
		for (int at = lower.indexOf('@'); at >= 0; at = lower.indexOf('@', at + 1)) {
			if (at > 0 && Character.isLetterOrDigit(lower.codePointBefore(at))) {
				continue;
			}
			int start = at + 1;
			for (Map.Entry<String, UUID> handle : handles) {
				String h = handle.getKey();
				int end = start + h.length();
				if (lower.startsWith(h, start) && (end == lower.length() || !Character.isLetterOrDigit(lower.codePointAt(end)))) {
					spans.add(new Span(at, end, handle.getValue()));
					break;
				}
			}
		}
		return spans;
	}
}

package org.rapport.contacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small vCard 3.0/4.0 reader and writer for FN, N, EMAIL, TEL, NOTE and CATEGORIES, with line folding and
 * value escaping as RFC 6350 describes. Other properties are read past and not written.
 */
public final class VCards {

	private VCards() {
	}

	/** A card as read: the line its BEGIN is on, and the line of each email and phone for error reports. */
	public record Card(int line, String name, List<Value> emails, List<Value> phones, List<String> categories,
			String note) {
	}

	public record Value(int line, String value) {
	}

	public record Parsed(List<Card> cards, List<Csv.Problem> problems) {
	}

	/** A card to write. */
	public record Out(String uid, String name, List<String> emails, List<String> phones, List<String> categories,
			String note) {
	}

	private record Logical(int line, String text) {
	}

	public static Parsed parse(String text) {
		String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
		List<Logical> lines = unfold(s);
		List<Card> cards = new ArrayList<>();
		List<Csv.Problem> problems = new ArrayList<>();
		Builder card = null;
		for (Logical l : lines) {
			if (l.text().isBlank()) {
				continue;
			}
			int colon = colon(l.text());
			if (colon < 0) {
				problems.add(new Csv.Problem(l.line(), "Malformed vCard line: no ':' between property and value."));
				continue;
			}
			String head = l.text().substring(0, colon);
			String value = l.text().substring(colon + 1);
			String[] parts = head.split(";", -1);
			String name = parts[0].toUpperCase(Locale.ROOT);
			if (name.contains(".")) {
				name = name.substring(name.lastIndexOf('.') + 1);
			}
			if (name.equals("BEGIN") && value.strip().equalsIgnoreCase("VCARD")) {
				if (card != null) {
					problems.add(new Csv.Problem(card.line, "The vCard is not closed with END:VCARD."));
				}
				card = new Builder(l.line());
				continue;
			}
			if (card == null) {
				problems.add(new Csv.Problem(l.line(), "Content outside BEGIN:VCARD and END:VCARD."));
				continue;
			}
			switch (name) {
				case "END" -> {
					if (card.name == null || card.name.isBlank()) {
						problems.add(new Csv.Problem(card.line, "Missing name: the vCard has neither FN nor N."));
					}
					cards.add(new Card(card.line, card.name == null ? "" : card.name, card.emails, card.phones,
							card.categories, card.note));
					card = null;
				}
				case "FN" -> card.name = unescape(value).strip();
				case "N" -> {
					if (card.name == null || card.name.isBlank()) {
						List<String> n = split(value, ';');
						String family = n.isEmpty() ? "" : n.get(0);
						String given = n.size() > 1 ? n.get(1) : "";
						card.name = (given + " " + family).strip();
					}
				}
				case "EMAIL" -> card.emails.add(new Value(l.line(), unescape(value).strip()));
				case "TEL" -> {
					String v = unescape(value).strip();
					if (v.regionMatches(true, 0, "tel:", 0, 4)) {
						v = v.substring(4);
					}
					card.phones.add(new Value(l.line(), v));
				}
				case "NOTE" -> card.note = card.note.isEmpty() ? unescape(value) : card.note + "\n" + unescape(value);
				case "CATEGORIES" -> card.categories.addAll(split(value, ','));
				default -> {
				}
			}
		}
		if (card != null) {
			problems.add(new Csv.Problem(card.line, "The vCard is not closed with END:VCARD."));
		}
		return new Parsed(cards, problems);
	}

	private static final class Builder {

		final int line;
		String name;
		final List<Value> emails = new ArrayList<>();
		final List<Value> phones = new ArrayList<>();
		final List<String> categories = new ArrayList<>();
		String note = "";

		Builder(int line) {
			this.line = line;
		}
	}

	/** Joins folded lines (a line break followed by a space or tab), remembering where each logical line starts. */
	private static List<Logical> unfold(String s) {
		String[] physical = s.split("\r\n|\n|\r", -1);
		List<Logical> result = new ArrayList<>();
		StringBuilder current = null;
		int start = 0;
		for (int i = 0; i < physical.length; i++) {
			String p = physical[i];
			if (current != null && !p.isEmpty() && (p.charAt(0) == ' ' || p.charAt(0) == '\t')) {
				current.append(p, 1, p.length());
				continue;
			}
			if (current != null) {
				result.add(new Logical(start, current.toString()));
			}
			current = new StringBuilder(p);
			start = i + 1;
		}
		if (current != null) {
			result.add(new Logical(start, current.toString()));
		}
		return result;
	}

	/** The colon that ends the property name and parameters, skipping quoted parameter values. */
	private static int colon(String line) {
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ':' && !quoted) {
				return i;
			}
		}
		return -1;
	}

	/** Splits at unescaped separators and unescapes each part. */
	static List<String> split(String value, char separator) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				part.append(c).append(value.charAt(++i));
			}
			else if (c == separator) {
				parts.add(unescape(part.toString()).strip());
				part.setLength(0);
			}
			else {
				part.append(c);
			}
		}
		parts.add(unescape(part.toString()).strip());
		return parts.stream().filter(p -> !p.isEmpty() || separator == ';').toList();
	}

	static String unescape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				out.append(next == 'n' || next == 'N' ? '\n' : next);
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	static String escape(String value) {
		return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\\n")
			.replace("\n", "\\n").replace("\r", "\\n");
	}

	/** Writes vCard 4.0 with CRLF line ends, folding lines longer than 75 octets. */
	public static String write(List<Out> cards) {
		StringBuilder out = new StringBuilder();
		for (Out c : cards) {
			fold(out, "BEGIN:VCARD");
			fold(out, "VERSION:4.0");
			if (c.uid() != null) {
				fold(out, "UID:urn:uuid:" + c.uid());
			}
			fold(out, "FN:" + escape(c.name()));
			for (String email : c.emails()) {
				fold(out, "EMAIL:" + escape(email));
			}
			for (String phone : c.phones()) {
				fold(out, "TEL;VALUE=uri:tel:" + phone);
			}
			if (!c.categories().isEmpty()) {
				fold(out, "CATEGORIES:" + String.join(",", c.categories().stream().map(VCards::escape).toList()));
			}
			if (c.note() != null && !c.note().isEmpty()) {
				fold(out, "NOTE:" + escape(c.note()));
			}
			fold(out, "END:VCARD");
		}
		return out.toString();
	}

	private static void fold(StringBuilder out, String line) {
		int octets = 0;
		int limit = 75;
		for (int i = 0; i < line.length();) {
			int cp = line.codePointAt(i);
			int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
			if (octets + size > limit) {
				out.append("\r\n ");
				octets = 1;
			}
			out.appendCodePoint(cp);
			octets += size;
			i += Character.charCount(cp);
		}
		out.append("\r\n");
	}
}

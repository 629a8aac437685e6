package org.rapport.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads HTTP {@code Link} headers (RFC 8288): several headers, several comma-separated links per header, and
 * parameters quoted or not. Only what Rapport follows: each link's reference and its {@code rel} values (a blog's
 * webmention endpoint, the next page of a paged answer).
 */
public final class LinkHeaders {

	private LinkHeaders() {
	}

	/** One link: the reference between {@code <} and {@code >}, and its rel values in lower case. */
	public record Link(String reference, List<String> rels) {

		public boolean hasRel(String rel) {
			return rels.contains(rel);
		}
	}

	/** The links of all given header values, in order. */
	public static List<Link> parse(List<String> headerValues) {
		List<Link> links = new ArrayList<>();
		for (String value : headerValues) {
			parse(value, links);
		}
		return links;
	}

	private static void parse(String value, List<Link> links) {
		int i = 0;
		int n = value.length();
		while (i < n) {
			int open = value.indexOf('<', i);
			if (open < 0) {
				return;
			}
			int close = value.indexOf('>', open);
			if (close < 0) {
				return;
			}
			String reference = value.substring(open + 1, close).strip();
			List<String> rels = List.of();
			i = close + 1;
			// parameters up to the next comma outside quotes
			while (i < n && value.charAt(i) != ',') {
				if (value.charAt(i) != ';') {
					i++;
					continue;
				}
				int nameStart = ++i;
				while (i < n && "=;,".indexOf(value.charAt(i)) < 0) {
					i++;
				}
				String name = value.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
				String paramValue = "";
				if (i < n && value.charAt(i) == '=') {
					i++;
					while (i < n && value.charAt(i) == ' ') {
						i++;
					}
					if (i < n && value.charAt(i) == '"') {
						StringBuilder quoted = new StringBuilder();
						i++;
						while (i < n && value.charAt(i) != '"') {
							if (value.charAt(i) == '\\' && i + 1 < n) {
								i++;
							}
							quoted.append(value.charAt(i++));
						}
						i++;
						paramValue = quoted.toString();
					}
					else {
						int start = i;
						while (i < n && value.charAt(i) != ';' && value.charAt(i) != ',') {
							i++;
						}
						paramValue = value.substring(start, i).strip();
					}
				}
				if (name.equals("rel") && rels.isEmpty()) {
					rels = Arrays.stream(paramValue.strip().toLowerCase(Locale.ROOT).split("\\s+"))
						.filter(r -> !r.isEmpty()).toList();
				}
			}
			links.add(new Link(reference, rels));
			i++;
		}
	}
}

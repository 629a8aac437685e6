package org.rapport.contacts;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader and writer. The reader accepts CRLF or LF line ends, a byte order mark, and comma or
 * semicolon as delimiter (whichever the first line uses outside quotes). It reports malformed records with the
 * line number where they start and carries on with the next line where it can.
 */
public final class Csv {

	private Csv() {
	}

	/** A record and the (1-based) line it starts on. */
	public record Row(int line, List<String> fields) {
	}

	public record Problem(int line, String reason) {
	}

	public record Parsed(List<Row> rows, List<Problem> problems) {
	}

	public static Parsed parse(String text) {
		String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
		char delimiter = detectDelimiter(s);
		List<Row> rows = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		int i = 0;
		int line = 1;
		int n = s.length();
		while (i < n) {
			int start = line;
			List<String> fields = new ArrayList<>();
			StringBuilder field = new StringBuilder();
			boolean bad = false;
			boolean endOfRecord = false;
			while (!endOfRecord) {
				if (i >= n) {
					fields.add(field.toString());
					break;
				}
				char c = s.charAt(i);
				if (c == '"' && field.isEmpty()) {
					int quoteLine = line;
					i++;
					boolean closed = false;
					while (i < n) {
						char q = s.charAt(i);
						if (q == '"') {
							if (i + 1 < n && s.charAt(i + 1) == '"') {
								field.append('"');
								i += 2;
								continue;
							}
							i++;
							closed = true;
							break;
						}
						if (q == '\n') {
							line++;
						}
						field.append(q);
						i++;
					}
					if (!closed) {
						problems.add(new Problem(quoteLine, "Unbalanced quote: a quoted field is never closed."));
						return new Parsed(rows, problems);
					}
					if (i < n && s.charAt(i) != delimiter && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
						problems.add(new Problem(line, "Unbalanced quote: text follows a closing quote."));
						bad = true;
						i = skipLine(s, i);
						line++;
						break;
					}
					continue;
				}
				if (c == '"') {
					problems.add(new Problem(line, "Unbalanced quote: a quote inside an unquoted field."));
					bad = true;
					i = skipLine(s, i);
					line++;
					break;
				}
				if (c == delimiter) {
					fields.add(field.toString());
					field.setLength(0);
					i++;
				}
				else if (c == '\r' || c == '\n') {
					fields.add(field.toString());
					i += (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
					line++;
					endOfRecord = true;
				}
				else {
					field.append(c);
					i++;
				}
			}
			if (!bad && !(fields.size() == 1 && fields.getFirst().isEmpty())) {
				rows.add(new Row(start, List.copyOf(fields)));
			}
		}
		return new Parsed(rows, problems);
	}

	private static int skipLine(String s, int i) {
		int next = s.indexOf('\n', i);
		return next < 0 ? s.length() : next + 1;
	}

	private static char detectDelimiter(String s) {
		int commas = 0;
		int semicolons = 0;
		boolean quoted = false;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && (c == '\n' || c == '\r')) {
				break;
			}
			else if (!quoted && c == ',') {
				commas++;
			}
			else if (!quoted && c == ';') {
				semicolons++;
			}
		}
		return semicolons > commas ? ';' : ',';
	}

	/** One record, quoted where needed, ending in CRLF. */
	public static String line(List<String> fields) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			String f = fields.get(i) == null ? "" : fields.get(i);
			if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0
					|| f.indexOf(';') >= 0 || !f.equals(f.strip())) {
				out.append('"').append(f.replace("\"", "\"\"")).append('"');
			}
			else {
				out.append(f);
			}
		}
		return out.append("\r\n").toString();
	}
}

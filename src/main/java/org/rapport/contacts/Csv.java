package org.rapport.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * RFC 4180 records through Apache Commons CSV. The reader accepts CRLF or LF line ends, a byte order mark, and comma
 * or semicolon as delimiter (whichever the first line uses outside quotes). It reports malformed records with the line
 * where they start and carries on with the next one.
 */
public final class Csv {

	private static final CSVFormat READ = CSVFormat.RFC4180.builder().setLenientEof(true).setTrailingData(true).get();

	private static final CSVFormat QUOTED = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

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
		char delimiter = delimiter(s);
		int[] lines = IntStream.concat(IntStream.of(0), IntStream.range(0, s.length())
			.filter(i -> s.charAt(i) == '\n' || s.charAt(i) == '\r' && !s.startsWith("\n", i + 1))
			.map(i -> i + 1)).toArray();
		List<Row> rows = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		try (CSVParser parser = CSVParser.parse(s, READ.builder().setDelimiter(delimiter).get())) {
			for (CSVRecord record : parser) {
				int start = (int) record.getCharacterPosition();
				Problem problem = quotes(s, start, record.toList(), lines);
				if (problem != null) {
					problems.add(problem);
				}
				else if (record.size() > 1 || !record.get(0).isEmpty()) {
					rows.add(new Row(lineAt(lines, start), record.toList()));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new Parsed(rows, problems);
	}

	/**
	 * The delimiter the first line uses more often outside quotes (a comma on a tie): Commons CSV reads with a delimiter
	 * it is given and has no way to guess one.
	 */
	private static char delimiter(String s) {
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
			else if (!quoted) {
				commas += c == ',' ? 1 : 0;
				semicolons += c == ';' ? 1 : 0;
			}
		}
		return semicolons > commas ? ';' : ',';
	}

	/**
	 * Commons CSV reads a quote inside an unquoted field and text after a closing quote as part of the value, and a
	 * quote that is never closed as running to the end; here they make the record malformed, so each field is
	 * compared with the text it was read from.
	 */
	private static Problem quotes(String s, int at, List<String> fields, int[] lines) {
		for (String field : fields) {
			if (s.startsWith("\"", at)) {
				int close = at + 1;
				while ((close = s.indexOf('"', close)) >= 0 && s.startsWith("\"\"", close)) {
					close += 2;
				}
				if (close < 0) {
					return new Problem(lineAt(lines, at), "Unbalanced quote: a quoted field is never closed.");
				}
				if (!s.startsWith('"' + field.replace("\"", "\"\"") + '"', at)) {
					return new Problem(lineAt(lines, close), "Unbalanced quote: text follows a closing quote.");
				}
				at = close + 2;
			}
			else if (field.indexOf('"') >= 0) {
				return new Problem(lineAt(lines, at + field.indexOf('"')),
						"Unbalanced quote: a quote inside an unquoted field.");
			}
			else {
				at += field.length() + 1;
			}
		}
		return null;
	}

	private static int lineAt(int[] lineStarts, int position) {
		int i = Arrays.binarySearch(lineStarts, position);
		return i >= 0 ? i + 1 : -i - 1;
	}

	/**
	 * One record ending in CRLF, quoted where needed, and also wherever it holds a semicolon, for spreadsheets that split
	 * at them.
	 */
	public static String line(List<String> fields) {
		StringBuilder out = new StringBuilder();
		try {
			for (int i = 0; i < fields.size(); i++) {
				String field = Objects.requireNonNullElse(fields.get(i), "");
				(field.indexOf(';') >= 0 ? QUOTED : CSVFormat.RFC4180).print(field, out, i == 0);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.append("\r\n").toString();
	}
}

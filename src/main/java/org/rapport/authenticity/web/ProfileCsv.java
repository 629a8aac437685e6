package org.rapport.authenticity.web;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rapport.authenticity.Profile;

/**
 * Reads profiles from CSV whose first line names the columns, with the names of the profile's fields (in any
 * case and order; unknown columns are ignored). Separated by commas or semicolons, as spreadsheets in German write
 * them. An account without an id takes its handle, else its line number.
 */
final class ProfileCsv {

	/** A line the reader cannot take, as a message key of {@code i18n/authenticity} and its arguments. */
	static final class Unreadable extends RuntimeException {

		final String key;
		final transient Object[] args;

		Unreadable(String key, Object... args) {
			super(key);
			this.key = key;
			this.args = args;
		}
	}

	/**
	 * What a CSV holds: the profiles of the lines that could be read, each with its line number, and the lines that
	 * could not, each as an {@link Unreadable} whose first argument is its line number.
	 */
	record Parsed(List<Profile> profiles, List<Long> lines, List<Unreadable> unreadable) {
	}

	private ProfileCsv() {
	}

	/** The profiles of a CSV; the first line that cannot be read is thrown. At most 5,001 are read. */
	static List<Profile> read(String text) {
		Parsed parsed = parse(text, 5_000);
		if (!parsed.unreadable().isEmpty()) {
			throw parsed.unreadable().getFirst();
		}
		return parsed.profiles();
	}

	/**
	 * Reads every line of a CSV, keeping the lines it cannot read apart; stops after {@code max + 1} lines, enough
	 * for the check to refuse the lot. Throws {@link Unreadable} only when the file as a whole cannot be read.
	 */
	static Parsed parse(String text, int max) {
		String firstLine = text.lines().findFirst().orElse("");
		char delimiter = firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count() ? ';' : ',';
		CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
		List<Profile> profiles = new ArrayList<>();
		List<Long> lines = new ArrayList<>();
		List<Unreadable> unreadable = new ArrayList<>();
		try (CSVParser parser = format.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text))) {
			Map<String, String> columns = new HashMap<>();
			for (String name : parser.getHeaderNames()) {
				columns.put(name.toLowerCase(Locale.ROOT), name);
			}
			for (CSVRecord row : parser) {
				long line = row.getRecordNumber() + 1;
				try {
					profiles.add(profile(new Row(row, columns, line)));
					lines.add(line);
				}
				catch (Unreadable e) {
					unreadable.add(e);
				}
				if (profiles.size() + unreadable.size() > max) {
					break;
				}
			}
		}
		catch (IOException | IllegalStateException | IllegalArgumentException e) {
			throw new Unreadable("authenticity.csv.unreadable", String.valueOf(e.getMessage()));
		}
		catch (UncheckedIOException e) {
			throw new Unreadable("authenticity.csv.unreadable", String.valueOf(e.getCause().getMessage()));
		}
		return new Parsed(profiles, lines, unreadable);
	}

	private static Profile profile(Row r) {
		String id = r.text("id");
		if (id == null || id.isBlank()) {
			id = r.text("handle");
		}
		if (id == null || id.isBlank()) {
			id = "#" + r.line;
		}
		return new Profile(id, r.text("network"), r.text("handle"), r.text("name"), r.text("bio"), r.text("url"),
				r.text("location"), r.date("createdAt"), r.date("observedAt"), r.count("posts"), r.count("followers"),
				r.count("following"), r.count("likes"), r.count("listed"), r.flag("defaultAvatar"), r.text("avatarUrl"),
				r.flag("hasBanner"), r.flag("verified"), r.flag("protected"), r.date("lastPostAt"), null);
	}

	/** One line, read by column name; a column the file does not have reads as unknown (null). */
	private record Row(CSVRecord record, Map<String, String> columns, long line) {

		String text(String name) {
			String column = columns.get(name.toLowerCase(Locale.ROOT));
			return column == null || !record.isSet(column) ? null : record.get(column);
		}

		Long count(String name) {
			String value = text(name);
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				return Long.parseLong(value.replace("_", "").replace(" ", ""));
			}
			catch (NumberFormatException e) {
				throw new Unreadable("authenticity.csv.badNumber", line, name, value);
			}
		}

		Instant date(String name) {
			String value = text(name);
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				if (value.length() == 10) {
					return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
				}
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException e) {
				throw new Unreadable("authenticity.csv.badDate", line, name, value);
			}
		}

		Boolean flag(String name) {
			String value = text(name);
			if (value == null || value.isBlank()) {
				return null;
			}
			return switch (value.toLowerCase(Locale.ROOT)) {
				case "true", "yes", "ja", "1", "y", "x" -> true;
				case "false", "no", "nein", "0", "n" -> false;
				default -> throw new Unreadable("authenticity.csv.badFlag", line, name, value);
			};
		}
	}
}

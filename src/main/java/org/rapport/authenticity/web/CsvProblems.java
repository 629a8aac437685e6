package org.rapport.authenticity.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapport.authenticity.RefusedInput;
import org.springframework.context.MessageSource;

/** Why a line of a CSV of profiles cannot be taken, in the reader's language, naming the line and the column. */
final class CsvProblems {

	private static final Pattern ITEM = Pattern.compile("profiles\\[(\\d+)]\\.?(.*)");

	/**
	 * @param line the line of the file, or {@code null} when the file as a whole is at fault
	 * @param field the column, or what else is at fault ({@code profiles} for too many lines)
	 */
	record LineProblem(Long line, String field, String message) {
	}

	private CsvProblems() {
	}

	/** A refusal of the profile read from {@code line}. */
	static LineProblem refused(RefusedInput e, Long line, MessageSource messages, Locale locale) {
		Object[] args = e.args();
		Matcher item = ITEM.matcher(e.field());
		if (!item.matches() || line == null) {
			return new LineProblem(null, e.field(), messages.getMessage(e.key(), args, locale));
		}
		args[0] = item.group(2);
		String text = messages.getMessage(e.key(), args, locale);
		return new LineProblem(line, item.group(2),
				messages.getMessage("authenticity.line", new Object[] { String.valueOf(line), text }, locale));
	}

	/** A line, or the file, that could not be read. */
	static LineProblem unreadable(ProfileCsv.Unreadable e, MessageSource messages, Locale locale) {
		Long line = e.args.length > 0 && e.args[0] instanceof Long l ? l : null;
		String field = line != null && e.args.length > 1 ? String.valueOf(e.args[1]) : null;
		return new LineProblem(line, field, messages.getMessage(e.key, e.args, locale));
	}
}

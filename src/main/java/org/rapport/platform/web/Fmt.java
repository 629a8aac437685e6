package org.rapport.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates as people read them: relative when recent ("vor 5 Min."), absolute otherwise and on hover, in the
 * workspace's time zone and the reader's language. Used from templates as {@code @fmt}.
 */
@Component("fmt")
public class Fmt {

	private final MessageSource messages;

	Fmt(MessageSource messages) {
		this.messages = messages;
	}

	public String rel(Instant at, ZoneId zone) {
		if (at == null) {
			return "";
		}
		Locale locale = LocaleContextHolder.getLocale();
		Duration ago = Duration.between(at, Instant.now());
		if (ago.isNegative()) {
			return abs(at, zone);
		}
		if (ago.toMinutes() < 1) {
			return messages.getMessage("time.now", null, locale);
		}
		if (ago.toHours() < 1) {
			return messages.getMessage("time.minutes", new Object[] { ago.toMinutes() }, locale);
		}
		if (ago.toDays() < 1) {
			return messages.getMessage("time.hours", new Object[] { ago.toHours() }, locale);
		}
		if (ago.toDays() < 7) {
			return messages.getMessage("time.days", new Object[] { ago.toDays() }, locale);
		}
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(at.atZone(zone));
	}

	public String abs(Instant at, ZoneId zone) {
		if (at == null) {
			return "";
		}
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(LocaleContextHolder.getLocale())
			.format(at.atZone(zone));
	}

	/** A day, in the reader's format ("4 Dec 2026"), for dates where the time does not matter. */
	public String day(Instant at, ZoneId zone) {
		if (at == null) {
			return "";
		}
		return date(java.time.LocalDate.ofInstant(at, zone));
	}

	/** A calendar day in the reader's format ("5 Dec 2026", "05.12.2026"). */
	public String date(java.time.LocalDate day) {
		if (day == null) {
			return "";
		}
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocaleContextHolder.getLocale()).format(day);
	}

	/**
	 * The kinds of file a channel takes as people name them ("images, videos, audio"; "JPEG, PNG"), from the media
	 * types it declares ("image/*", "image/jpeg").
	 */
	public String fileKinds(java.util.List<String> types) {
		Locale locale = LocaleContextHolder.getLocale();
		java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
		for (String type : types) {
			String[] parts = type.toLowerCase(Locale.ROOT).split("/", 2);
			if (parts.length == 2 && parts[1].equals("*")) {
				kinds.add(messages.getMessage("files.kind." + parts[0], null, parts[0], locale));
			}
			else {
				String sub = parts[parts.length - 1];
				kinds.add(sub.startsWith("vnd.") || sub.startsWith("x-") ? type : sub.equals("webp") ? "WebP" : sub.toUpperCase(Locale.ROOT));
			}
		}
		return String.join(", ", kinds);
	}

	/** How long ago, as a plain duration ("22 Min.", "3 Std."), for "waiting 22 min". */
	public String since(Instant at) {
		if (at == null) {
			return "";
		}
		Locale locale = LocaleContextHolder.getLocale();
		Duration ago = Duration.between(at, Instant.now());
		if (ago.toMinutes() < 1) {
			return messages.getMessage("duration.underMinute", null, locale);
		}
		if (ago.toHours() < 1) {
			return messages.getMessage("duration.minutes", new Object[] { ago.toMinutes() }, locale);
		}
		if (ago.toDays() < 2) {
			return messages.getMessage("duration.hours", new Object[] { ago.toHours() }, locale);
		}
		return messages.getMessage("duration.days", new Object[] { ago.toDays() }, locale);
	}

	/** A duration in working time, e.g. "1 h 20 min". */
	public String duration(Long seconds) {
		if (seconds == null) {
			return "–";
		}
		long minutes = seconds / 60;
		if (minutes < 60) {
			return minutes + " min";
		}
		long hours = minutes / 60;
		return hours + " h " + (minutes % 60) + " min";
	}

	/** The value for a datetime-local input. */
	public String input(Instant at, ZoneId zone) {
		return at == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(at.atZone(zone));
	}
}

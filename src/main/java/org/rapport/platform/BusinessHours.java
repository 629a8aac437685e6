package org.rapport.platform;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hours in which a workspace answers, per weekday, as in {@code {"mon":[["09:00","17:00"]], ...}}, and the
 * holidays on which it is closed all day ({@code "holidays":["2026-12-25", ...]}). Response timers count only time
 * inside these hours, so a mail that arrives on Friday evening and is answered on Monday at 9:30 took 30 minutes.
 */
public record BusinessHours(Map<DayOfWeek, List<Span>> days, java.util.SortedSet<LocalDate> holidays) {

	/** The most holidays a workspace may list (about ten years of public holidays). */
	public static final int MAX_HOLIDAYS = 400;

	public BusinessHours {
		holidays = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(holidays));
	}

	public BusinessHours(Map<DayOfWeek, List<Span>> days) {
		this(days, new java.util.TreeSet<>());
	}

	/** The same hours with these holidays instead. */
	public BusinessHours withHolidays(java.util.Collection<LocalDate> days) {
		if (days.size() > MAX_HOLIDAYS) {
			throw new IllegalArgumentException("At most " + MAX_HOLIDAYS + " holidays can be listed.");
		}
		return new BusinessHours(this.days, new java.util.TreeSet<>(days));
	}

	/**
	 * Reads holidays written one per line or separated by commas, as {@code 2026-12-25}; an optional name after the
	 * date ({@code 2026-12-25 Christmas}) is ignored.
	 */
	public static List<LocalDate> parseHolidays(String text) {
		List<LocalDate> days = new ArrayList<>();
		for (String part : (text == null ? "" : text).split("[,\\n]")) {
			String item = part.strip();
			if (item.isEmpty()) {
				continue;
			}
			String date = item.split("\\s+")[0];
			try {
				LocalDate day = LocalDate.parse(date);
				if (!SaneDates.sane(day)) {
					throw new java.time.format.DateTimeParseException("out of range", date, 0);
				}
				days.add(day);
			}
			catch (java.time.format.DateTimeParseException e) {
				throw new IllegalArgumentException("Write holidays as 2026-12-25, one per line, not '" + item + "'.");
			}
		}
		return days;
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public record Span(LocalTime from, LocalTime to) {

		public Span {
			if (!to.isAfter(from)) {
				throw new IllegalArgumentException("Business hours must end after they start: " + from + "-" + to);
			}
		}
	}

	/** Around the clock, every day. */
	public static BusinessHours always() {
		Map<DayOfWeek, List<Span>> days = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			days.put(day, List.of(new Span(LocalTime.MIN, LocalTime.MAX)));
		}
		return new BusinessHours(days);
	}

	public static BusinessHours parse(String json) {
		Map<DayOfWeek, List<Span>> days = new EnumMap<>(DayOfWeek.class);
		JsonNode root = JSON.readTree(json);
		for (DayOfWeek day : DayOfWeek.values()) {
			List<Span> spans = new ArrayList<>();
			for (JsonNode span : root.path(key(day))) {
				spans.add(new Span(LocalTime.parse(span.get(0).asString()), time(span.get(1).asString())));
			}
			days.put(day, List.copyOf(spans));
		}
		java.util.SortedSet<LocalDate> holidays = new java.util.TreeSet<>();
		for (JsonNode holiday : root.path("holidays")) {
			holidays.add(LocalDate.parse(holiday.asString()));
		}
		return new BusinessHours(days, holidays);
	}

	/** Parses one line per weekday such as "09:00-12:00, 13:00-17:00"; an empty line means closed. */
	public static BusinessHours ofLines(Map<DayOfWeek, String> lines) {
		Map<DayOfWeek, List<Span>> days = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			List<Span> spans = new ArrayList<>();
			String line = lines.getOrDefault(day, "");
			for (String part : line.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				String[] fromTo = part.strip().split("-");
				if (fromTo.length != 2) {
					throw new IllegalArgumentException("Write business hours as 09:00-17:00, not '" + part.strip() + "'.");
				}
				try {
					spans.add(new Span(LocalTime.parse(fromTo[0].strip()), time(fromTo[1].strip())));
				}
				catch (java.time.format.DateTimeParseException e) {
					throw new IllegalArgumentException("Write business hours as 09:00-17:00, not '" + part.strip() + "'.");
				}
			}
			days.put(day, List.copyOf(spans));
		}
		return new BusinessHours(days);
	}

	public String line(DayOfWeek day) {
		return String.join(", ", days.getOrDefault(day, List.of()).stream()
			.map(s -> s.from() + "-" + (s.to().equals(LocalTime.MAX) ? "24:00" : s.to().toString()))
			.toList());
	}

	public String toJson() {
		ObjectNode root = JSON.createObjectNode();
		days.forEach((day, spans) -> {
			ArrayNode list = root.putArray(key(day));
			for (Span span : spans) {
				list.addArray().add(span.from().toString())
					.add(span.to().equals(LocalTime.MAX) ? "24:00" : span.to().toString());
			}
		});
		if (!holidays.isEmpty()) {
			ArrayNode list = root.putArray("holidays");
			holidays.forEach(day -> list.add(day.toString()));
		}
		return JSON.writeValueAsString(root);
	}

	/** The working time between two instants, counting only business hours in the given zone, holidays left out. */
	public Duration between(Instant start, Instant end, ZoneId zone) {
		if (!end.isAfter(start)) {
			return Duration.ZERO;
		}
		Duration total = Duration.ZERO;
		LocalDate day = start.atZone(zone).toLocalDate();
		LocalDate last = end.atZone(zone).toLocalDate();
		while (!day.isAfter(last)) {
			if (holidays.contains(day)) {
				day = day.plusDays(1);
				continue;
			}
			for (Span span : days.getOrDefault(day.getDayOfWeek(), List.of())) {
				Instant from = ZonedDateTime.of(day, span.from(), zone).toInstant();
				Instant to = span.to().equals(LocalTime.MAX) ? day.plusDays(1).atStartOfDay(zone).toInstant()
						: ZonedDateTime.of(day, span.to(), zone).toInstant();
				Instant a = from.isBefore(start) ? start : from;
				Instant b = to.isAfter(end) ? end : to;
				if (b.isAfter(a)) {
					total = total.plus(Duration.between(a, b));
				}
			}
			day = day.plusDays(1);
		}
		return total;
	}

	private static LocalTime time(String text) {
		return "24:00".equals(text) ? LocalTime.MAX : LocalTime.parse(text);
	}

	private static String key(DayOfWeek day) {
		return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
	}
}

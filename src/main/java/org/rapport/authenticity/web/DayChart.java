package org.rapport.authenticity.web;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import org.rapport.authenticity.Audit;

/**
 * An audit's followers by the day their accounts were created, laid out for a bar chart drawn as SVG: one unit of
 * width per day from the first to the last day, bar heights in hundredths of the busiest day. The table beside it
 * holds every day when there are few, else the busiest ones (the API gives them all).
 *
 * @param busiest whether the table holds only the busiest days
 */
public record DayChart(int width, int max, LocalDate first, LocalDate last, List<Bar> bars, List<Audit.Day> table,
		boolean busiest) {

	/** Days listed in the table when there are more. */
	static final int TABLE_ROWS = 20;

	/** Days up to which the table lists every one. */
	static final int ALL_DAYS = 31;

	/** One day's bar: its x (the bar's middle) and the heights of all new followers and of those likely bought. */
	public record Bar(double x, double all, double bought, Audit.Day day) {

		/** Where the bar's top lies, from a y axis that points down. */
		public double top() {
			return 100 - all;
		}

		public double boughtTop() {
			return 100 - bought;
		}
	}

	static DayChart of(List<Audit.Day> days) {
		if (days.isEmpty()) {
			return new DayChart(1, 0, null, null, List.of(), List.of(), false);
		}
		LocalDate first = days.getFirst().day();
		LocalDate last = days.getLast().day();
		int max = days.stream().mapToInt(Audit.Day::count).max().orElse(1);
		List<Bar> bars = days.stream().map(d -> new Bar(ChronoUnit.DAYS.between(first, d.day()) + 0.5,
				100.0 * d.count() / max, 100.0 * d.bought() / max, d)).toList();
		boolean busiest = days.size() > ALL_DAYS;
		List<Audit.Day> table = busiest ? days.stream()
			.sorted(Comparator.comparingInt(Audit.Day::count).reversed().thenComparing(Audit.Day::day))
			.limit(TABLE_ROWS).toList() : days;
		return new DayChart((int) ChronoUnit.DAYS.between(first, last) + 1, max, first, last, bars, table, busiest);
	}
}

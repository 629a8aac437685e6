package org.rapport.insights;

import java.time.LocalDate;

/**
 * The dialogue figures of one period (or one bucket of a series), as {@code docs/metrics.md} defines them.
 *
 * @param start the bucket's first day in the workspace's time zone; {@code null} for totals
 * @param conversations openings of conversations in the period
 * @param needingAnswer openings in which a person wrote to us and waited for an answer
 * @param answered of those, the ones we answered
 * @param responseRate {@code answered / needingAnswer}, 0..1; {@code null} when nothing needed an answer
 * @param twoWayShare openings with at least one message each way, 0..1
 * @param depth mean number of turns (the word passing from one side to the other)
 */
public record Figures(LocalDate start, long conversations, long needingAnswer, long answered, Double responseRate,
		Spread firstResponseSeconds, Spread firstResponseBusinessSeconds, Spread resolutionSeconds,
		Spread resolutionBusinessSeconds, Double twoWayShare, Double depth) {

	/** Median, 90th percentile (both interpolated) and mean of durations in seconds; each null without data. */
	public record Spread(Double median, Double p90, Double mean) {
	}
}

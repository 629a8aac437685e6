package org.rapport.insights;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The figures of some openings, added up so that they can be added to others: counts, the sum of turns, and per
 * duration its count, sum and a histogram. A day's tally is what {@link DaySummaries} keeps; a period's is the sum of
 * its days. Percentiles from the histograms are interpolated between neighbouring values as PostgreSQL's
 * {@code percentile_cont} does; values below 2,048 seconds are exact, larger ones within 0.1 %.
 */
final class Tally {

	/** Significant decimal digits the histograms keep. */
	static final int DIGITS = 3;

	long conversations;
	long needing;
	long answered;
	long twoWay;
	long turns;
	final Durations firstResponse = new Durations();
	final Durations firstResponseBusiness = new Durations();
	final Durations resolution = new Durations();
	final Durations resolutionBusiness = new Durations();

	/** Adds one opening, a row of {@code insight_openings}. */
	void addOpening(ResultSet rs) throws SQLException {
		conversations++;
		boolean needs = rs.getBoolean("needs_answer");
		if (needs) {
			needing++;
			if (rs.getTimestamp("answered_at") != null) {
				answered++;
			}
		}
		if (rs.getInt("inbound") > 0 && rs.getInt("replies") > 0) {
			twoWay++;
		}
		turns += rs.getInt("turns");
		firstResponse.record(rs, "first_response_seconds");
		firstResponseBusiness.record(rs, "first_response_business_seconds");
		resolution.record(rs, "resolution_seconds");
		resolutionBusiness.record(rs, "resolution_business_seconds");
	}

	/** Adds a summary, a row of {@code insight_days}. */
	void addSummary(ResultSet rs) throws SQLException {
		conversations += rs.getLong("conversations");
		needing += rs.getLong("needing");
		answered += rs.getLong("answered");
		twoWay += rs.getLong("two_way");
		turns += rs.getLong("turns");
		firstResponse.add(rs, "frt");
		firstResponseBusiness.add(rs, "frtb");
		resolution.add(rs, "res");
		resolutionBusiness.add(rs, "resb");
	}

	void add(Tally other) {
		conversations += other.conversations;
		needing += other.needing;
		answered += other.answered;
		twoWay += other.twoWay;
		turns += other.turns;
		firstResponse.add(other.firstResponse);
		firstResponseBusiness.add(other.firstResponseBusiness);
		resolution.add(other.resolution);
		resolutionBusiness.add(other.resolutionBusiness);
	}

	/** The figures as {@link Metrics} answers them, for the bucket starting on {@code start} (or totals). */
	Figures figures(LocalDate start) {
		return new Figures(start, conversations, needing, answered, needing == 0 ? null : (double) answered / needing,
				firstResponse.spread(), firstResponseBusiness.spread(), resolution.spread(), resolutionBusiness.spread(),
				conversations == 0 ? null : (double) twoWay / conversations,
				conversations == 0 ? null : (double) turns / conversations);
	}

	/** One duration: how many openings have it, their sum (for the mean) and their histogram. */
	static final class Durations {

		long count;
		double sum;
		private Histogram histogram;

		void record(ResultSet rs, String column) throws SQLException {
			long seconds = rs.getLong(column);
			if (!rs.wasNull()) {
				count++;
				sum += seconds;
				histogram().recordValue(Math.max(0, seconds));
			}
		}

		void add(ResultSet rs, String prefix) throws SQLException {
			long n = rs.getLong(prefix + "_n");
			if (n == 0) {
				return;
			}
			count += n;
			sum += rs.getDouble(prefix + "_sum");
			ByteBuffer pairs = ByteBuffer.wrap(rs.getBytes(prefix));
			Histogram into = histogram();
			long value = 0;
			while (pairs.hasRemaining()) {
				value += varint(pairs);
				into.recordValueWithCount(value, varint(pairs));
			}
		}

		void add(Durations other) {
			count += other.count;
			sum += other.sum;
			if (other.histogram != null) {
				histogram().add(other.histogram);
			}
		}

		/**
		 * The histogram as stored, or {@code null} without values: its recorded values in ascending order as
		 * (value − previous value, count) pairs of unsigned LEB128 varints. Adding such pairs into a period's
		 * histogram is several times faster than decoding whole histograms (HdrHistogram's own encoding) and adding
		 * them, because no full-size histogram is made per day.
		 */
		byte[] encoded() {
			if (histogram == null || count == 0) {
				return null;
			}
			int distinct = 0;
			for (HistogramIterationValue ignored : histogram.recordedValues()) {
				distinct++;
			}
			ByteBuffer out = ByteBuffer.allocate(20 * distinct);
			long previous = 0;
			for (HistogramIterationValue v : histogram.recordedValues()) {
				varint(out, v.getValueIteratedTo() - previous);
				varint(out, v.getCountAtValueIteratedTo());
				previous = v.getValueIteratedTo();
			}
			return Arrays.copyOf(out.array(), out.position());
		}

		private static void varint(ByteBuffer out, long value) {
			long rest = value;
			while ((rest & ~0x7FL) != 0) {
				out.put((byte) ((rest & 0x7F) | 0x80));
				rest >>>= 7;
			}
			out.put((byte) rest);
		}

		private static long varint(ByteBuffer in) {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				byte b = in.get();
				value |= (long) (b & 0x7F) << shift;
				if (b >= 0) {
					return value;
				}
			}
			throw new IllegalStateException("A daily summary's histogram cannot be read; rebuild the figures.");
		}

		Figures.Spread spread() {
			if (count == 0) {
				return new Figures.Spread(null, null, null);
			}
			return new Figures.Spread(percentile(0.5), percentile(0.9), sum / count);
		}

		/** As {@code percentile_cont}: the value at rank {@code p × (n − 1)}, interpolated between its neighbours. */
		private double percentile(double p) {
			double rank = p * (histogram.getTotalCount() - 1);
			long below = (long) Math.floor(rank);
			double lower = nth(below);
			double upper = rank == below ? lower : nth(below + 1);
			return lower + (rank - below) * (upper - lower);
		}

		/**
		 * The value of the {@code n}th smallest (from 0) recorded duration. HdrHistogram finds the bucket that holds
		 * the {@code (n + 1)}th recorded value by a plain loop over its counts, several times faster than walking its
		 * recorded values with an iterator; asking for the percentile of {@code n + ½} values makes that count exact
		 * whatever the rounding.
		 */
		private double nth(long n) {
			long total = histogram.getTotalCount();
			if (n >= total) {
				return histogram.getMaxValue();
			}
			return histogram.medianEquivalentValue(histogram.getValueAtPercentile(100.0 * (n + 0.5) / total));
		}

		private Histogram histogram() {
			if (histogram == null) {
				histogram = new Histogram(DIGITS);
			}
			return histogram;
		}
	}
}

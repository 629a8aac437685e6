package org.rapport.authenticity;

/**
 * The share of likely bought accounts in an audience, with its 95 % Wilson score interval: the range in which the
 * true share lies, given how many accounts were judged (narrow for thousands, wide for a dozen).
 */
public record BoughtShare(int bought, int total, double share, double low, double high) {

	private static final double Z = 1.959964;

	public static BoughtShare of(int bought, int total) {
		if (total == 0) {
			return new BoughtShare(0, 0, 0, 0, 1);
		}
		double p = (double) bought / total;
		double z2 = Z * Z;
		double centre = (p + z2 / (2 * total)) / (1 + z2 / total);
		double half = Z * Math.sqrt(p * (1 - p) / total + z2 / (4.0 * total * total)) / (1 + z2 / total);
		return new BoughtShare(bought, total, p, Math.max(0, centre - half), Math.min(1, centre + half));
	}
}

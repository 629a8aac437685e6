package org.rapport.authenticity;

/**
 * Logistic regression on a few dense features, fitted by Newton's method with a Gaussian prior around given
 * weights: with few examples the result stays close to the prior, with many it follows the data. Both classes
 * weigh the same in total, however many examples each has. Deterministic; a few hundred microseconds per thousand
 * examples and feature.
 */
final class LogisticRegression {

	private static final int MAX_ITERATIONS = 50;

	private LogisticRegression() {
	}

	/**
	 * Weights (index 0 the bias, then one per feature) that best separate {@code positive} from the rest.
	 *
	 * @param x one row per example, one column per feature
	 * @param prior the weights to stay near (bias first)
	 * @param lambda how strongly to stay near them, per unit of a feature's scale
	 */
	static double[] fit(double[][] x, boolean[] positive, double[] prior, double lambda) {
		int n = x.length;
		int d = prior.length;
		long positives = 0;
		for (boolean p : positive) {
			positives += p ? 1 : 0;
		}
		double positiveWeight = positives == 0 ? 0 : n / (2.0 * positives);
		double negativeWeight = positives == n ? 0 : n / (2.0 * (n - positives));
		double[] w = prior.clone();
		for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
			double[] gradient = new double[d];
			double[][] hessian = new double[d][d];
			for (int j = 0; j < d; j++) {
				// the bias is held only lightly, so that the base rate follows the data
				double strength = j == 0 ? lambda / 100 : lambda;
				gradient[j] = strength * (w[j] - prior[j]);
				hessian[j][j] = strength;
			}
			for (int i = 0; i < n; i++) {
				double z = w[0];
				for (int j = 1; j < d; j++) {
					z += w[j] * x[i][j - 1];
				}
				double p = sigmoid(z);
				double weight = positive[i] ? positiveWeight : negativeWeight;
				double residual = weight * (p - (positive[i] ? 1 : 0));
				double curvature = weight * p * (1 - p);
				for (int j = 0; j < d; j++) {
					double xj = j == 0 ? 1 : x[i][j - 1];
					gradient[j] += residual * xj;
					for (int k = 0; k <= j; k++) {
						hessian[j][k] += curvature * xj * (k == 0 ? 1 : x[i][k - 1]);
					}
				}
			}
			for (int j = 0; j < d; j++) {
				for (int k = j + 1; k < d; k++) {
					hessian[j][k] = hessian[k][j];
				}
			}
			double[] step = solve(hessian, gradient);
			// Damped: halve the step until the objective falls, since a full Newton step can overshoot from a
			// prior that is far off (a kind of account it gets badly wrong).
			double before = objective(x, positive, positiveWeight, negativeWeight, w, prior, lambda);
			double[] next = new double[d];
			double t = 1;
			for (int halving = 0; halving < 40; halving++, t /= 2) {
				for (int j = 0; j < d; j++) {
					next[j] = w[j] - t * step[j];
				}
				if (objective(x, positive, positiveWeight, negativeWeight, next, prior, lambda) <= before) {
					break;
				}
			}
			double largest = 0;
			for (int j = 0; j < d; j++) {
				largest = Math.max(largest, Math.abs(next[j] - w[j]));
				w[j] = next[j];
			}
			if (largest < 1e-7) {
				break;
			}
		}
		return w;
	}

	/** The weighted log loss plus the prior's penalty, which {@link #fit} minimises. */
	private static double objective(double[][] x, boolean[] positive, double positiveWeight, double negativeWeight,
			double[] w, double[] prior, double lambda) {
		double total = 0;
		for (int j = 0; j < w.length; j++) {
			double strength = j == 0 ? lambda / 100 : lambda;
			total += strength / 2 * (w[j] - prior[j]) * (w[j] - prior[j]);
		}
		for (int i = 0; i < x.length; i++) {
			double z = w[0];
			for (int j = 1; j < w.length; j++) {
				z += w[j] * x[i][j - 1];
			}
			// log(1 + e^-z) for positives, log(1 + e^z) for the rest, computed without overflow
			double m = positive[i] ? -z : z;
			double loss = m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
			total += (positive[i] ? positiveWeight : negativeWeight) * loss;
		}
		return total;
	}

	static double sigmoid(double z) {
		return 1 / (1 + Math.exp(-Math.max(-40, Math.min(40, z))));
	}

	/** Solves {@code a·s = b} by Gaussian elimination with partial pivoting; {@code a} is positive definite here. */
	private static double[] solve(double[][] a, double[] b) {
		int d = b.length;
		double[][] m = new double[d][d + 1];
		for (int i = 0; i < d; i++) {
			System.arraycopy(a[i], 0, m[i], 0, d);
			m[i][d] = b[i];
		}
		for (int col = 0; col < d; col++) {
			int pivot = col;
			for (int row = col + 1; row < d; row++) {
				if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
					pivot = row;
				}
			}
			double[] swap = m[col];
			m[col] = m[pivot];
			m[pivot] = swap;
			for (int row = col + 1; row < d; row++) {
				double factor = m[row][col] / m[col][col];
				for (int k = col; k <= d; k++) {
					m[row][k] -= factor * m[col][k];
				}
			}
		}
		double[] s = new double[d];
		for (int row = d - 1; row >= 0; row--) {
			double sum = m[row][d];
			for (int k = row + 1; k < d; k++) {
				sum -= m[row][k] * s[k];
			}
			s[row] = sum / m[row][row];
		}
		return s;
	}
}

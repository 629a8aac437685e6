package org.rapport.authenticity;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The research data sets beside the project ({@code ../shared/data/}), read by the evaluations only: they are
 * never copied into the product. {@code -Drapport.shared-data=DIR} points elsewhere; otherwise the folders above
 * the working directory are searched for {@code shared/data}.
 * <p>
 * The data is not part of the repository (its licences allow evaluation, not shipping), so a checkout without it
 * skips the evaluations with a message saying how to run them. CI has it beside the checkout and sets
 * {@code RAPPORT_REQUIRE_SHARED_DATA=1} ({@code .ci/run}), which turns a missing file into a failure.
 */
final class SharedData {

	private SharedData() {
	}

	static Path dir() {
		String configured = System.getProperty("rapport.shared-data");
		if (configured != null) {
			return Path.of(configured);
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("shared/data");
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		Path relative = Path.of("../shared/data");
		require(Files.isDirectory(relative),
				"The evaluation data (../shared/data) is not beside this checkout; set -Drapport.shared-data=DIR");
		return relative;
	}

	static Path file(String name) {
		Path file = dir().resolve(name);
		require(Files.isRegularFile(file), "Missing evaluation data: " + file);
		return file;
	}

	/** Skips without the data, fails without it where CI says the data must be there. */
	private static void require(boolean present, String message) {
		if ("1".equals(System.getenv("RAPPORT_REQUIRE_SHARED_DATA"))) {
			Assertions.assertTrue(present, message);
		}
		Assumptions.assumeTrue(present, message);
	}

	/** Matthews correlation coefficient of predictions against truth. */
	static double mcc(boolean[] truth, boolean[] predicted) {
		long tp = 0, tn = 0, fp = 0, fn = 0;
		for (int i = 0; i < truth.length; i++) {
			if (predicted[i]) {
				if (truth[i]) {
					tp++;
				}
				else {
					fp++;
				}
			}
			else if (truth[i]) {
				fn++;
			}
			else {
				tn++;
			}
		}
		double denominator = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
		return denominator == 0 ? 0 : (tp * (double) tn - fp * (double) fn) / denominator;
	}
}

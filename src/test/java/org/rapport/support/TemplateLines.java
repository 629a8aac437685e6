package org.rapport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** The lines of the page templates, for tests that check what every template may or must carry. */
public final class TemplateLines {

	private static final Path ROOT = Path.of("src/main/resources/templates");

	private TemplateLines() {
	}

	/**
	 * Every template line for which {@code finding} answers something, as "file:line finding", in file order;
	 * {@code finding} answers null for a line that is fine.
	 */
	public static List<String> findings(Function<String, String> finding) {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(ROOT)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
				List<String> lines = Files.readAllLines(file);
				for (int i = 0; i < lines.size(); i++) {
					String what = finding.apply(lines.get(i));
					if (what != null) {
						found.add(ROOT.relativize(file) + ":" + (i + 1) + " " + what);
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return found;
	}
}

package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A table too wide for a phone scrolls sideways inside its {@code table-scroll} box; whoever uses a keyboard must be
 * able to reach that box to scroll it, so each one takes the focus (WCAG 2.1.1, axe's scrollable-region-focusable).
 */
class ScrollingRegionsTests {

	@Test
	void everyScrollingTableCanBeReachedByKeyboard() throws IOException {
		List<String> unreachable = new ArrayList<>();
		Path root = Path.of("src/main/resources/templates");
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
				List<String> lines = Files.readAllLines(file);
				for (int i = 0; i < lines.size(); i++) {
					String line = lines.get(i);
					if (line.matches(".*class=\"table-scroll[\" ].*") && !line.contains("tabindex=\"0\"")) {
						unreachable.add(root.relativize(file) + ":" + (i + 1));
					}
				}
			}
		}
		assertThat(unreachable).isEmpty();
	}
}

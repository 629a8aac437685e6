package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.support.TemplateLines;

/**
 * A table too wide for a phone scrolls sideways inside its {@code table-scroll} box; whoever uses a keyboard must be
 * able to reach that box to scroll it, so each one takes the focus (WCAG 2.1.1, axe's scrollable-region-focusable).
 */
class ScrollingRegionsTests {

	@Test
	void everyScrollingTableCanBeReachedByKeyboard() {
		assertThat(TemplateLines.findings(line -> line.matches(".*class=\"table-scroll[\" ].*")
				&& !line.contains("tabindex=\"0\"") ? "a table-scroll box without tabindex=\"0\"" : null)).isEmpty();
	}
}

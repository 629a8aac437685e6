package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The coordinated mark on a phone in English: a burst of praise from six new look-alike accounts marks their
 * conversations in the list, the list filters by the mark, the conversation's notice leads to the group side by side;
 * the pages fit 360 px and axe finds no serious or critical violation on them.
 */
class InboxCoordinatedBrowserTests extends BrowserTest {

	@Test
	void aBurstOfPraiseIsMarkedFilteredAndLeadsToItsGroupOnAPhone() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", "q-1",
				"threadKey", "q-1", "from", Map.of("handle", "frage@example.org", "name", "Fritz Frage"),
				"subject", "Öffnungszeiten", "body", "Wann habt ihr am Samstag geöffnet?"))));
		String[] praise = { "Super, ihr seid großartig! 😍", "Toll gemacht, wirklich super!", "Einfach wunderbar, danke!",
				"Großartige Arbeit, weiter so!", "Wunderbar, ich bin begeistert!", "Klasse, einfach super!" };
		for (int i = 0; i < praise.length; i++) {
			var sent = api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", "b-" + i,
					"threadKey", "b-" + i, "from", Map.of("handle", "sunny_fan" + (11 * (i + 1)) + "@example.org",
							"name", "Sunny Fan " + (11 * (i + 1))),
					"subject", "Lob " + i, "body", praise[i], "sentAt", now.minus(Duration.ofMinutes(30 - 2 * i)).toString()))));
			org.assertj.core.api.Assertions.assertThat(sent.status()).isEqualTo(201);
		}

		Page p = phoneInEnglish();
		try {
			p.navigate(baseUrl() + "/inbox");
			Locator burst = p.locator("#conv-list li", new Page.LocatorOptions().setHasText("Lob 3"));
			assertThat(burst.locator(".chip.coordinated")).hasText("coordinated");
			assertThat(p.locator("#conv-list li", new Page.LocatorOptions().setHasText("Öffnungszeiten")).locator(".chip.coordinated"))
				.hasCount(0);
			org.assertj.core.api.Assertions.assertThat(fitsWidth(p)).as("the list fits 360 px").isTrue();
			List<String> violations = new ArrayList<>();
			axe(p, "inbox", violations);

			if (!p.locator("#coordinated-filter").isVisible()) {
				p.locator("#list-filters > summary").click();
			}
			p.locator("#coordinated-filter").selectOption("true");
			p.waitForURL("**coordinated=true**");
			assertThat(p.locator("#conv-list li")).hasCount(6);
			assertThat(p.locator("#conv-list")).not().containsText("Öffnungszeiten");

			p.locator("#conv-list li", new Page.LocatorOptions().setHasText("Lob 3")).locator("a").first().click();
			assertThat(p.locator("#coordinated-notice")).containsText("Coordinated: a message of this conversation");
			org.assertj.core.api.Assertions.assertThat(fitsWidth(p)).as("the conversation fits 360 px").isTrue();
			axe(p, "conversation", violations);

			p.locator("#coordinated-notice a").click();
			p.waitForURL("**/authenticity/coordinated**");
			Locator group = p.locator("section.coordinated-group[data-kind=praise-burst]");
			assertThat(group).hasCount(1);
			assertThat(group.locator("h2")).hasText("6 people praise within 10 minutes");
			assertThat(group).containsText("Burst of praise from new or look-alike accounts");
			assertThat(group.locator(".coordinated-item")).hasCount(6);
			org.assertj.core.api.Assertions.assertThat((Boolean) p.evaluate("location.hash === '#' + document.querySelector("
					+ "'section.coordinated-group[data-kind=praise-burst]').id")).as("the link lands on the group").isTrue();
			org.assertj.core.api.Assertions.assertThat(fitsWidth(p)).as("the groups fit 360 px").isTrue();
			axe(p, "coordinated comments", violations);
			org.assertj.core.api.Assertions.assertThat(violations).as("serious or critical accessibility violations").isEmpty();
		}
		finally {
			p.context().close();
		}
	}

	private static void axe(Page tab, String where, List<String> violations) {
		for (Rule rule : new AxeBuilder(tab).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
				"best-practice")).analyze().getViolations()) {
			if (!List.of("serious", "critical").contains(rule.getImpact())) {
				continue;
			}
			for (CheckedNode node : rule.getNodes()) {
				violations.add(where + ": " + rule.getId() + " at " + node.getTarget() + " — "
						+ node.getFailureSummary().replace('\n', ' '));
			}
		}
	}
}

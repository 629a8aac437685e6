package org.rapport.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.SampleWorkspace;

/**
 * axe-core's rules (WCAG 2.2 A and AA, contrast included) find no serious or critical violation on the main pages,
 * in German and English, on a desktop and on a 360 px phone. A failure names the page, the rule, the element and
 * what axe says to fix.
 */
class AccessibilityBrowserTests extends BrowserTest {

	private static final List<String> SERIOUS = List.of("serious", "critical");

	@Test
	void theMainPagesHaveNoSeriousOrCriticalViolations() {
		SampleWorkspace sample = SampleWorkspace.fill(api, owner.userId().toString());
		readerComments("Frieda Lorenz", "frieda@example.org", "Schöner Beitrag, wir kommen vorbei!");
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("inbox", "/inbox");
		pages.put("conversation", "/inbox/" + sample.conversation());
		pages.put("contacts", "/contacts");
		pages.put("contact", "/contacts/" + sample.contact());
		pages.put("events", "/events");
		pages.put("event", "/events/" + sample.event());
		pages.put("blog admin", "/blog/admin");
		pages.put("post editor", "/blog/admin/posts/" + sample.post());
		pages.put("blog post", sample.postPath());
		pages.put("organisations", "/organisations");
		pages.put("log contact", "/log?contactId=" + sample.contact());
		pages.put("insights", "/insights");
		pages.put("authenticity", "/authenticity");
		pages.put("coordinated comments", "/authenticity/coordinated");
		pages.put("settings", "/settings");
		pages.put("channels", "/settings/channels");
		pages.put("members", "/settings#members");
		pages.put("account", "/settings/account");
		pages.put("first steps", "/settings/onboarding");
		pages.put("reach-out", "/reach-out");
		pages.put("notifications", "/notifications");
		pages.put("listening", "/listening");
		pages.put("new monitor", "/listening/monitors/new");
		// something to be told of: a colleague gives the owner a conversation
		Member colleague = members.add(workspace.id(), "kollegin-" + UUID.randomUUID() + "@example.org", "Kim Kollegin",
				PASSWORD, Role.AGENT);
		Api asColleague = new Api(baseUrl(), tokens.create(new CurrentUser(colleague.userId(), colleague.email(),
				colleague.displayName(), workspace.id(), colleague.role(), null), "a11y").token());
		for (String assignee : List.of(colleague.userId().toString(), owner.userId().toString())) {
			asColleague.patch("/api/v1/conversations/" + sample.conversation(), Map.of("assigneeId", assignee));
		}

		List<String> violations = new ArrayList<>();
		int checked = 0;
		for (String locale : List.of("de-DE", "en-GB")) {
			for (int width : List.of(1400, 360)) {
				BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
					.setViewportSize(width, width > 400 ? 900 : 740));
				try {
					Page tab = context.newPage();
					tab.setDefaultTimeout(15_000);
					String where = locale + " " + width + "px ";
					tab.navigate(baseUrl() + "/login?error");
					checked += check(tab, where + "login with its error message", violations);
					tab.locator("#username").fill(ownerEmail);
					tab.locator("#password").fill(PASSWORD);
					tab.locator("form button[type=submit]").click();
					tab.waitForURL("**/inbox**");
					for (var entry : pages.entrySet()) {
						tab.navigate(baseUrl() + entry.getValue());
						tab.waitForLoadState();
						checked += check(tab, where + entry.getKey() + " (" + entry.getValue() + ")", violations);
					}
				}
				finally {
					context.close();
				}
			}
		}
		assertThat(checked).isEqualTo(4 * (pages.size() + 1));
		assertThat(violations).as("serious or critical accessibility violations").isEmpty();
	}

	/** Runs axe on the page as it is now and adds every serious or critical finding, one line per element. */
	private static int check(Page tab, String where, List<String> violations) {
		AxeResults results = new AxeBuilder(tab).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
				"best-practice")).analyze();
		for (Rule rule : results.getViolations()) {
			if (!SERIOUS.contains(rule.getImpact())) {
				continue;
			}
			for (CheckedNode node : rule.getNodes()) {
				violations.add(where + ": " + rule.getId() + " (" + rule.getImpact() + ") at " + node.getTarget() + " — "
						+ node.getFailureSummary().replace('\n', ' '));
			}
		}
		return 1;
	}
}

package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The list says what a conversation waits for: a done one waits for nobody, a snoozed one says until when. */
class InboxStatusBrowserTests extends BrowserTest {

	private String conversation(String externalId, String subject) {
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", externalId,
				"from", Map.of("handle", externalId + "@example.org"), "subject", subject, "body", "Hallo"))));
		return api.get("/api/v1/conversations?q=" + java.net.URLEncoder.encode(subject, java.nio.charset.StandardCharsets.UTF_8)).json().get("items").get(0).get("id").asString();
	}

	@Test
	void aDoneConversationNoLongerWaitsAndASnoozedOneSaysUntilWhen() {
		String done = conversation("s-1", "Erledigtes");
		String snoozed = conversation("s-2", "Aufgeschobenes");
		api.patch("/api/v1/conversations/" + done, Map.of("status", "done"));
		Instant until = Instant.now().plus(3, ChronoUnit.DAYS);
		api.patch("/api/v1/conversations/" + snoozed, Map.of("status", "snoozed", "snoozeUntil", until.toString()));
		logIn(ownerEmail, PASSWORD);

		page.navigate(baseUrl() + "/inbox?status=done");
		assertThat(page.locator(".conv-list li", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Erledigtes")))
			.not().containsText("wartet");
		page.navigate(baseUrl() + "/inbox?status=snoozed");
		assertThat(page.locator(".conv-list li")).containsText("zurückgestellt bis");
		page.getByText("Aufgeschobenes").first().click();
		assertThat(page.locator("#snoozed-until")).containsText("zurückgestellt bis");
	}

	@Test
	void onAPhoneTheInboxOpensOnItsListWithViewsChannelsAndLabelsBehindOneMenu() {
		String first = conversation("p-1", "Handyfrage");
		java.util.List<String> labels = new java.util.ArrayList<>();
		for (int i = 1; i <= 27; i++) {
			labels.add("label-" + i);
		}
		api.patch("/api/v1/conversations/" + first, Map.of("labels", labels));
		page.setViewportSize(360, 740);
		logIn(ownerEmail, PASSWORD);
		double listTop = ((Number) page.evaluate("document.querySelector('.pane.list').getBoundingClientRect().top")).doubleValue();
		org.assertj.core.api.Assertions.assertThat(listTop).as("the list starts near the top, not below 27 labels").isLessThan(300);
		org.assertj.core.api.Assertions.assertThat(fitsWidth(page)).as("no sideways scrolling").isTrue();
		assertThat(page.locator(".pane.nav a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("label-27")))
			.not().isVisible();
		screenshot("phone-inbox");
		page.locator(".nav-menu > summary").click();
		assertThat(page.locator(".pane.nav a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("label-27")))
			.isVisible();
	}

	@Test
	void pressingEMarksTheConversationDoneAndOpensTheNextOne() {
		conversation("n-1", "Aeltere Frage");
		conversation("n-2", "Neuere Frage");
		logIn(ownerEmail, PASSWORD);
		page.getByText("Neuere Frage").first().click();
		assertThat(page.locator(".thread h1")).hasText("Neuere Frage");
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
		page.locator("body").press("e");
		assertThat(page.locator(".thread h1")).hasText("Aeltere Frage");
		assertThat(page.locator(".flash")).containsText("erledigt");
		assertThat(page.locator("#conv-list")).not().containsText("Neuere Frage");
	}
}

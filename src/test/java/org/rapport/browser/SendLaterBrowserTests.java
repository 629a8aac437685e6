package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A reply planned for tomorrow morning waits above the composer, not in the conversation; taken back, its text is
 * in the composer again. On a phone in English a reply planned for a chosen time is sent at once from there.
 */
class SendLaterBrowserTests extends BrowserTest {

	private String arrives(String id, String subject) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", id, "threadKey", id,
				"from", Map.of("handle", id + "@example.org", "name", "Kim Frager"), "subject", subject, "body", "Hallo, Frage zu " + id));
		return api.get("/api/v1/conversations?q=" + id).json().get("items").get(0).get("id").asString();
	}

	@Test
	void aReplyPlannedForTomorrowWaitsAboveTheComposerAndCanBeTakenBack() {
		String id = arrives("laterbrowser", "Anmeldung Ferienfreizeit");
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/inbox/" + id);
		page.locator("#composer-body").fill("Gern, wir melden uns morgen früh mit allen Details.");
		page.locator("#send-later > summary").click();
		page.getByLabel("Morgen früh", new Page.GetByLabelOptions().setExact(false)).check();
		page.locator("#send-later-submit").click();
		assertThat(page.locator(".flash")).containsText("Die Antwort ist geplant");
		assertThat(page.locator("#scheduled-replies")).containsText("Gern, wir melden uns morgen früh");
		assertThat(page.locator("#scheduled-replies")).containsText("Geht am");
		assertThat(page.locator(".thread ol")).not().containsText("Gern, wir melden uns morgen früh");
		page.locator("#scheduled-replies").getByText("Zurück ins Eingabefeld").click();
		assertThat(page.locator("#composer-body")).hasValue("Gern, wir melden uns morgen früh mit allen Details.");
		assertThat(page.locator("#scheduled-replies")).hasCount(0);
	}

	@Test
	void onAPhoneInEnglishAReplyPlannedForAChosenTimeIsSentAtOnce() {
		String id = arrives("laterphone", "Holiday camp");
		Page phone = phoneInEnglish();
		try {
			phone.navigate(baseUrl() + "/inbox/" + id);
			phone.locator("#composer-body").fill("We will confirm your place next week.");
			phone.locator("#send-later > summary").click();
			phone.locator("#send-later-at-choice").check();
			phone.locator("#send-later-at").fill(java.time.LocalDate.now().plusDays(3) + "T10:30");
			phone.locator("#send-later-submit").click();
			assertThat(phone.locator(".flash")).containsText("The reply is planned");
			assertThat(phone.locator("#scheduled-replies")).containsText("We will confirm your place next week.");
			assertThat(fitsWidth(phone)).isTrue();
			phone.locator("#scheduled-replies").getByText("Send now").click();
			assertThat(phone.locator("#scheduled-replies")).hasCount(0);
			assertThat(phone.locator(".thread")).containsText("We will confirm your place next week.");
		}
		finally {
			phone.context().close();
		}
	}
}

package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import java.nio.file.Paths;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** The contact page reads from the top: who this is and where we stand, then what happened, the forms behind actions. */
class ContactPageBrowserTests extends BrowserTest {

	/** A contact with something in every panel: two conversations, a call, a stage, tags, an organisation, a consent. */
	private String richContact() {
		String anna = api.post("/api/v1/contacts", Map.of("name", "Anna Schmidt", "identities", List.of(
				Map.of("kind", "email", "value", "anna.schmidt@example.org"),
				Map.of("kind", "phone", "value", "0151 5550 1234")))).json().get("id").asString();
		for (int i = 1; i <= 3; i++) {
			api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "anna-" + i, "threadKey", i == 3 ? "b" : "a",
					"from", Map.of("handle", "anna.schmidt@example.org"), "subject", i == 3 ? "Sommerfest" : "Kooperation",
					"body", "Nachricht " + i + ": Wann können wir uns treffen?",
					"sentAt", Instant.now().minus(4 - i, ChronoUnit.DAYS).toString()));
		}
		api.post("/api/v1/activities", Map.of("contactId", anna, "kind", "call", "direction", "out",
				"summary", "Über den Fachtag gesprochen.", "occurredAt", Instant.now().minus(5, ChronoUnit.DAYS).toString()));
		api.put("/api/v1/contacts/" + anna + "/stage", Map.of("stage", "in_dialogue", "reason", "Schreibt regelmäßig"));
		api.put("/api/v1/contacts/" + anna + "/tags", Map.of("tags", List.of("presse", "vip")));
		String org = api.post("/api/v1/organisations", Map.of("name", "Tageblatt", "kind", "press")).json().get("id").asString();
		api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", anna, "role", "Pressesprecherin"));
		api.post("/api/v1/contacts/" + anna + "/consents", Map.of("purpose", "newsletter", "lawfulBasis", "consent",
				"source", "paper", "text", "Ich möchte den Newsletter erhalten."));
		api.post("/api/v1/contacts/" + anna + "/reminders", Map.of("note", "Zum Sommerfest einladen", "everyWeeks", 4));
		api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "recommendation", "note", "Im Netzwerk empfohlen"));
		return anna;
	}

	/** Signs in and opens {@link #richContact()}'s page in a window of the given size; returns the contact's id. */
	private String openRichContact(int width, int height) {
		String anna = richContact();
		logIn(ownerEmail, PASSWORD);
		page.setViewportSize(width, height);
		page.navigate(baseUrl() + "/contacts/" + anna);
		return anna;
	}

	private int height() {
		return ((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue();
	}

	private int scrollWidth() {
		page.waitForLoadState();
		return ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
	}

	/** The part of the element below the top of the first screen, in CSS pixels. */
	private double top(Locator element) {
		return element.boundingBox().y;
	}

	@Test
	void opensOnASummaryAndTheTimelineWithEveryFormBehindAnAction() {
		String anna = openRichContact(1280, 800);

		Locator summary = page.locator("#contact-summary");
		assertThat(summary.locator("h1")).hasText("Anna Schmidt");
		assertThat(summary.locator(".avatar")).hasText("AS");
		assertThat(summary).containsText("Im Dialog");
		assertThat(summary).containsText("Tageblatt · Pressesprecherin");
		assertThat(summary).containsText("Letzter Kontakt");
		assertThat(summary.locator("time")).hasAttribute("title", java.util.regex.Pattern.compile("\\d"));
		assertThat(summary.locator("#summary-open strong")).hasText("3");
		assertThat(summary.locator("#summary-open")).containsText("Sommerfest, Kooperation");
		assertThat(summary).containsText("presse");
		assertThat(summary.locator("#summary-consent")).hasText("Newsletter: erteilt");
		assertThat(page.locator(".timeline li").first()).isInViewport();
		assertThat(page.locator(".timeline")).containsText("Nachricht 3");

		// No form field shows until its action is chosen; the page is no longer a wall.
		assertThat(page.locator("main").locator("input:visible, select:visible, textarea:visible")).hasCount(0);
		int height = height();
		System.out.println("CONTACT-PAGE-HEIGHT 1280: " + height);
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Paths.get("target/screenshots", "contact-page.png")));
		org.assertj.core.api.Assertions.assertThat(height).isLessThan(1900);
		org.assertj.core.api.Assertions.assertThat(page.locator("main").innerText().split("Zuerst geb", -1)).hasSizeLessThanOrEqualTo(2);

		page.locator("#stage summary", new Page.LocatorOptions().setHasText("Stufe ändern")).click();
		page.getByLabel("Neue Stufe").selectOption("met_in_person");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ändern").setExact(true)).click();
		assertThat(summary.locator(".chip").first()).hasText("Persönlich getroffen");

		// The header's "Edit" opens the form it points to, also after a reload.
		summary.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Bearbeiten")).click();
		assertThat(page.locator("#note")).isVisible();
		page.locator("#note").fill("Kennt alle im Presseverein.");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Speichern").setExact(true)).click();
		assertThat(summary.locator(".summary-note")).hasText("Kennt alle im Presseverein.");
		page.navigate(baseUrl() + "/contacts/" + anna + "#reminder-form");
		assertThat(page.locator("#reminder-note")).isVisible();
	}

	@Test
	void fitsAPhoneWithTheSummaryAndTimelineFirst() {
		openRichContact(360, 740);
		assertThat(page.locator("#contact-summary h1")).isInViewport();
		assertThat(page.locator("#contact-summary")).containsText("Offene Konversationen");
		org.assertj.core.api.Assertions.assertThat(scrollWidth()).as("no sideways scrolling").isLessThanOrEqualTo(360);
		org.assertj.core.api.Assertions.assertThat(top(page.locator(".timeline"))).as("the timeline right after the summary")
			.isLessThan(top(page.locator("#stage")));
		int height = height();
		System.out.println("CONTACT-PAGE-HEIGHT 360: " + height);
		org.assertj.core.api.Assertions.assertThat(height).isLessThan(3000);
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Paths.get("target/screenshots", "contact-page-phone.png")));

		page.locator("#tags summary").click();
		page.getByLabel("Schlagwörter (durch Kommas getrennt)").fill("ehrenamt");
		page.locator("#tags").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Hinzufügen")).click();
		assertThat(page.locator("#contact-summary")).containsText("ehrenamt");
		org.assertj.core.api.Assertions.assertThat(scrollWidth()).isLessThanOrEqualTo(360);
	}

	@Test
	void showsTheSummaryInEnglish() {
		String anna = openRichContact(1280, 800);
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "anna-4", "threadKey", "d",
				"from", Map.of("handle", "anna.schmidt@example.org"), "subject", "Spende", "body", "Noch eine Frage."));
		page.navigate(baseUrl() + "/contacts/" + anna + "?lang=en");
		Locator summary = page.locator("#contact-summary");
		assertThat(summary).containsText("Last contact");
		assertThat(summary).containsText("Open conversations");
		assertThat(summary.locator("#summary-open")).containsText("4: Spende, Sommerfest, Kooperation and 1 more");
		assertThat(summary.locator("#summary-consent")).hasText("Newsletter: given");
		assertThat(page.locator("#stage summary").first()).hasText("Change stage");
		assertThat(page.locator("main")).not().containsText("??");
	}

	@Test
	void showsTheMergeUndoAtTheTopOfTheContactItWasMergedInto() {
		String anna = api.post("/api/v1/contacts", Map.of("name", "Anna Schmidt", "identities",
				List.of(Map.of("kind", "phone", "value", "0151 5550 1234")))).json().get("id").asString();
		api.post("/api/v1/contacts", Map.of("name", "Anni", "identities",
				List.of(Map.of("kind", "handle:whatsapp", "value", "+4915155501234"))));
		logIn(ownerEmail, PASSWORD);
		page.setViewportSize(360, 740);
		page.navigate(baseUrl() + "/contacts/" + anna);
		page.locator("#merge summary").click();
		page.getByLabel("Anderer Kontakt, der dieselbe Person ist").fill("Anni");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suchen")).click();
		page.locator("table").last().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Zusammenführen")).click();
		page.waitForURL("**/contacts/" + anna);

		Locator undo = page.locator("#merge-undo");
		assertThat(undo).containsText("„Anni“ wurde mit „Anna Schmidt“ zusammengeführt.");
		assertThat(undo).isInViewport(new com.microsoft.playwright.assertions.LocatorAssertions.IsInViewportOptions().setRatio(1));
		org.assertj.core.api.Assertions.assertThat(top(undo)).isLessThan(top(page.locator("#contact-summary")));
		undo.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rückgängig")).click();
		assertThat(page.locator(".flash")).containsText("rückgängig gemacht");
		assertThat(page.locator("#merge-undo")).hasCount(0);
	}

	@Test
	void showsTheNetworkProfileOfASenderWithItsPictureAndTheModelsJudgementOnAPhone() {
		pictures.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/frieda.png").willReturn(
				com.github.tomakehurst.wiremock.client.WireMock.aResponse().withHeader("Content-Type", "image/png")
					.withBody(java.util.Base64.getDecoder().decode(
							"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="))));
		Map<String, Object> profile = new java.util.LinkedHashMap<>();
		profile.put("handle", "@Frieda@social.example");
		profile.put("name", "Frieda Lorenz");
		profile.put("avatarUrl", pictures.baseUrl() + "/frieda.png");
		profile.put("bio", "Barrierefreiheit im Netz, Ehrenamt im Stadtteil. <img src=x onerror=alert(1)>");
		profile.put("url", "https://social.example/@Frieda");
		profile.put("followers", 412);
		profile.put("following", 268);
		profile.put("posts", 3190);
		profile.put("createdAt", "2018-04-02T09:00:00Z");
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "frieda-1",
				"from", Map.of("handle", "frieda", "name", "Frieda Lorenz", "profile", profile),
				"subject", "Barrierefreiheit", "body", "Ist die Anmeldung mit dem Screenreader bedienbar?"));
		String frieda = api.get("/api/v1/contacts?q=frieda").json().get("items").get(0).get("id").asString();
		page.onDialog(dialog -> {
			throw new AssertionError("A script ran: " + dialog.message());
		});
		logIn(ownerEmail, PASSWORD);
		page.setViewportSize(360, 740);
		page.navigate(baseUrl() + "/contacts/" + frieda + "#identities");

		Locator shown = page.locator(".public-profile");
		assertThat(shown).containsText("@Frieda@social.example");
		assertThat(shown).containsText("412 Follower");
		assertThat(shown).containsText("3.190 Beiträge");
		assertThat(shown).containsText("Konto seit");
		assertThat(shown.locator(".profile-bio")).containsText("<img src=x onerror=alert(1)>");
		shown.locator("img.profile-picture").scrollIntoViewIfNeeded();
		page.waitForFunction("() => document.querySelector('img.profile-picture').complete");
		org.assertj.core.api.Assertions.assertThat(((Number) shown.locator("img.profile-picture")
			.evaluate("img => img.naturalWidth")).intValue()).as("the picture loads through Rapport").isEqualTo(1);
		shown.locator(".profile-check summary").click();
		assertThat(shown.locator(".profile-check li").first()).isVisible();
		org.assertj.core.api.Assertions.assertThat(scrollWidth()).as("no sideways scrolling").isLessThanOrEqualTo(360);
		shown.scrollIntoViewIfNeeded();
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", "phone-contact-profile.png")));

		shown.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Als echt markieren")).click();
		assertThat(page.locator(".flash")).isVisible();
		org.assertj.core.api.Assertions.assertThat(jdbc.sql(
				"select label from authenticity_judgements where workspace_id = ? and kind = 'profiles'")
			.param(workspace.id()).query(String.class).list()).containsExactly("genuine");
	}

	@org.junit.jupiter.api.extension.RegisterExtension
	static com.github.tomakehurst.wiremock.junit5.WireMockExtension pictures = com.github.tomakehurst.wiremock.junit5.WireMockExtension
		.newInstance().options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort()).build();
}

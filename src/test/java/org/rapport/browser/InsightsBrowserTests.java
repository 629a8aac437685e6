package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.rapport.support.GreenMailboxes;

/** The dashboard: figures with their definitions, charts with their tables, filters, the CSV; German, English, phone. */
class InsightsBrowserTests extends BrowserTest {

	@org.junit.jupiter.api.extension.RegisterExtension
	static com.icegreen.greenmail.junit5.GreenMailExtension greenMail = new com.icegreen.greenmail.junit5.GreenMailExtension(
			com.icegreen.greenmail.util.ServerSetup.dynamicPort(com.icegreen.greenmail.util.ServerSetupTest.SMTP_IMAP))
		.withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
			.withUser("team@verein.test", "team", "geheim"));

	@org.springframework.beans.factory.annotation.Autowired
	org.rapport.channels.Channels channels;

	private void history() {
		String today = LocalDate.now(ZoneId.of("UTC")).toString();
		for (int i = 0; i < 3; i++) {
			assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "q" + i, "threadKey", "t" + i,
					"from", Map.of("handle", "p" + i + "@example.org", "name", "Person " + i), "body", "Frage " + i,
					"sentAt", today + "T00:0" + i + ":00Z")).status()).isEqualTo(201);
		}
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "a0", "threadKey", "t0",
				"direction", "out", "to", Map.of("handle", "p0@example.org"), "body", "Antwort",
				"sentAt", today + "T00:30:00Z")).status()).isEqualTo(201);
	}

	@Test
	void showsTheFiguresChartsAndTablesFiltersAndExports() throws Exception {
		history();
		logIn(ownerEmail, PASSWORD);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Auswertung")).click();
		assertThat(page.locator("h1")).hasText("Auswertung");
		assertThat(page.locator("#figure-responseRate .figure-value")).hasText("33 %");
		assertThat(page.locator("#figure-responseRate")).containsText("1 / 3");
		page.locator("#figure-responseRate details.how summary").click();
		assertThat(page.locator("#figure-responseRate details.how")).containsText("automatische Antworten");
		// the chart is drawn from the WebJar, and its numbers are in a table too
		int width = ((Number) page.evaluate("() => document.querySelector('#chart-volume canvas').width")).intValue();
		assertThat(width).isGreaterThan(100);
		assertThat(page.evaluate("() => typeof Chart")).isEqualTo("function");
		page.evaluate("() => window.scrollTo(0, 0)");
		screenshot("insights");
		page.locator("#chart-channels summary").click();
		assertThat(page.locator("#channel-table")).containsText("33 %");

		String other = jdbc.sql("select id::text from channels where workspace_id = ? and kind <> 'api' limit 1")
			.param(workspace.id()).query(String.class).single();
		page.locator("#f-channel").selectOption(other);
		page.locator("#filters button[type=submit]").click();
		assertThat(page.locator("#figure-responseRate .figure-value")).hasText("–");
		assertThat(page.locator("#empty")).isVisible();

		page.getByLabel("Von", new Page.GetByLabelOptions().setExact(true)).fill("2026-12-10");
		page.getByLabel("Bis", new Page.GetByLabelOptions().setExact(true)).fill("2026-12-01");
		page.locator("#filters button[type=submit]").click();
		assertThat(page.locator(".flash.error")).containsText("Der Zeitraum muss spätestens an seinem Ende beginnen");

		page.navigate(baseUrl() + "/insights");
		Download download = page.waitForDownload(() -> page.locator("#export").click());
		String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\ufeffconversation_id,opening,channel,opened_at");
		assertThat(csv.lines()).hasSize(4);
		assertThat(csv).contains(",1800,");
	}

	@Test
	void filtersByALabelOfConversations() {
		history();
		String t1 = jdbc.sql("select id::text from conversations where workspace_id = ? and thread_key = 't1'")
			.param(workspace.id()).query(String.class).single();
		assertThat(api.patch("/api/v1/conversations/" + t1, Map.of("labels", java.util.List.of("Presse"))).status())
			.isEqualTo(200);
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/insights");
		assertThat(page.locator("label[for=f-label]")).hasText("Label");
		page.locator("#f-label").selectOption("presse");
		page.locator("#filters button[type=submit]").click();
		assertThat(page.locator("#figure-responseRate")).containsText("0 / 1");
		assertThat(page.locator("#f-label")).hasValue("presse");
		assertThat(page.locator("#export")).hasAttribute("href", java.util.regex.Pattern.compile("label=presse"));
		assertThat(page.locator("#report-pdf")).hasAttribute("href", java.util.regex.Pattern.compile("label=presse"));
		Download pdf = page.waitForDownload(() -> page.locator("#report-pdf").click());
		assertThat(pdf.suggestedFilename()).endsWith("-presse.pdf");
		page.locator("#reports summary", new Page.LocatorOptions().setHasText("Bericht per Mail senden")).click();
		assertThat(page.locator("#report-label")).hasValue("presse");
		page.locator("#report-recipients").fill("kunde@example.net");
		page.locator("#report-form button[type=submit]").click();
		assertThat(page.locator("#schedules")).containsText("Label „presse“");
	}

	@Test
	void showsOneChannelsDashboardWithItsGoalAndTwelveMonthsInGermanAndOnAPhone() {
		history();
		String api = jdbc.sql("select id::text from channels where workspace_id = ? and kind = 'api'")
			.param(workspace.id()).query(String.class).single();
		assertThat(this.api.post("/api/v1/goals", Map.of("channel", api, "purpose", "support", "measure", "responseRate",
				"target", 0.5)).status()).isEqualTo(201);
		assertThat(this.api.post("/api/v1/goals", Map.of("purpose", "feedback", "measure", "conversations",
				"target", 10)).status()).isEqualTo(201);
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/insights");
		page.locator("#chart-channels summary").click();
		page.locator("#channel-table a", new Page.LocatorOptions().setHasText("API")).click();
		page.waitForURL("**/insights/channels/" + api);
		assertThat(page.locator("h1")).hasText("Auswertung: API");
		assertThat(page.locator("#figure-responseRate .figure-value")).hasText("33 %");
		assertThat(page.locator("#figure-reachOut")).hasCount(0);
		assertThat(page.locator("#goals .goal")).hasCount(1);
		assertThat(page.locator("#goals .goal h3")).hasText("API · Unterstützung: mindestens 50 % beantwortet");
		assertThat(page.locator("#goals .goal .months li")).hasCount(12);
		assertThat(page.locator("#goals .goal .months li").last()).containsText("Ziel verfehlt");
		assertThat(page.locator("#month-table tbody tr")).hasCount(12);
		assertThat(page.locator("#month-table tbody tr").last()).containsText("33 %");
		screenshot("insights-channel");

		page.navigate(baseUrl() + "/settings/channels");
		page.locator("a[href$='/insights/channels/" + api + "']").click();
		assertThat(page.locator("h1")).hasText("Auswertung: API");

		String other = jdbc.sql("select id::text from channels where workspace_id = ? and kind <> 'api' limit 1")
			.param(workspace.id()).query(String.class).single();
		page.navigate(baseUrl() + "/insights/channels/" + other);
		assertThat(page.locator("#no-goal")).containsText("Für diesen Kanal gibt es noch kein Ziel.");
		assertThat(page.locator("#empty")).isVisible();
		assertThat(page.navigate(baseUrl() + "/insights/channels/nowhere").status()).isEqualTo(404);

		Page small = phoneInEnglish();
		try {
			small.navigate(baseUrl() + "/insights/channels/" + api);
			assertThat(small.locator("h1")).hasText("Insights: API");
			assertThat(small.locator("#by-month h2")).hasText("By month, twelve months back");
			assertThat(fitsWidth(small)).as("no sideways scrolling at 360 px").isTrue();
			small.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(java.nio.file.Paths.get("target/screenshots", "insights-channel-phone.png")));
		}
		finally {
			small.context().close();
		}
	}

	@Test
	void recordsAnOutcomeOnTheContactPageAndShowsWhichDialogueLedThere() {
		history();
		String contact = jdbc.sql("select contact_id::text from identities where workspace_id = ? and value = 'p0@example.org'")
			.param(workspace.id()).query(String.class).single();
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/contacts/" + contact);
		page.locator("#outcomes summary", new Page.LocatorOptions().setHasText("Ergebnis erfassen")).click();
		page.locator("#outcome-kind").fill("donation");
		page.locator("#outcome-value").fill("25,50");
		page.locator("#outcome-form button[type=submit]").click();
		assertThat(page.locator(".flash")).containsText("Ergebnis erfasst.");
		assertThat(page.locator("#outcomes li").first()).containsText("Spende");
		assertThat(page.locator("#outcomes li").first()).containsText("25,50 €");

		page.navigate(baseUrl() + "/insights");
		assertThat(page.locator("#credit-sentences")).containsText("Spende: 1 nach Gesprächen über API");
		page.locator("#outcomes summary", new Page.LocatorOptions().setHasText("Ergebnisse importieren")).click();
		page.locator("#import-csv").fill("kind,value,currency,occurredAt,contact,note\ndonation,5,EURO,2026-11-02,x@example.org,\n");
		page.locator("#outcome-import button[value=check]").click();
		assertThat(page.locator("#import-errors")).containsText("Zeile 2: Die Währung muss ein ISO-4217-Code wie EUR sein, nicht „EURO“.");
		page.locator("#import-csv").fill("kind,value,currency,occurredAt,contact,note\nregistration,,,2026-11-02,x@example.org,\n");
		page.locator("#outcome-import button[value=import]").click();
		assertThat(page.locator("#import-result")).containsText("1 Ergebnisse importiert.");
		screenshot("insights-outcomes");
	}

	@Test
	void setsAGoalAndShowsTwelveMonthsAgainstIt() {
		history();
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/insights");
		assertThat(page.locator("#goals")).containsText("Noch keine Ziele.");
		page.locator("#goals summary", new Page.LocatorOptions().setHasText("Ziel setzen")).click();
		page.locator("#goal-purpose").selectOption("support");
		page.locator("#goal-measure").selectOption("answeredWithin");
		page.locator("#goal-target").fill("80");
		page.locator("#goal-hours").fill("4");
		page.locator("#goal-form button[type=submit]").click();
		assertThat(page.locator(".flash")).containsText("Ziel gesetzt.");
		Locator goal = page.locator("#goals .goal").first();
		assertThat(goal.locator("h3")).hasText("Ganzer Arbeitsbereich · Unterstützung: 80 % beantwortet innerhalb von 4 Geschäftsstunden");
		assertThat(goal.locator(".months li")).hasCount(12);
		assertThat(goal.locator(".months li").last()).containsText("Ziel verfehlt");

		page.locator("#goals summary", new Page.LocatorOptions().setHasText("Ziel setzen")).click();
		page.locator("#goal-measure").selectOption("answeredWithin");
		page.locator("#goal-target").fill("80");
		page.locator("#goal-form button[type=submit]").click();
		assertThat(page.locator(".flash.error")).containsText("Geben Sie an, innerhalb wie vieler Geschäftsstunden");
	}

	@Test
	void downloadsThePdfAndPlansAReportMail() throws Exception {
		history();
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/insights");
		Download pdf = page.waitForDownload(() -> page.locator("#report-pdf").click());
		assertThat(new String(Files.readAllBytes(pdf.path()), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

		page.locator("#reports summary", new Page.LocatorOptions().setHasText("Bericht per Mail senden")).click();
		page.locator("#report-frequency").selectOption("monthly");
		page.locator("#report-recipients").fill(ownerEmail + ", kunde@example.net");
		page.locator("#report-form button[type=submit]").click();
		assertThat(page.locator(".flash")).containsText("Berichtsmail geplant.");
		assertThat(page.locator("#schedules")).containsText("Monatlich");
		assertThat(page.locator("#schedules")).containsText("kunde@example.net");

		// "send now" reports the last whole month: a question from then, and the mail arrives with the PDF
		String lastMonth = LocalDate.now(ZoneId.of("UTC")).withDayOfMonth(1).minusMonths(1).toString();
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "m0", "threadKey", "m0",
				"from", Map.of("handle", "m@example.org"), "body", "Frage", "sentAt", lastMonth + "T09:00:00Z")).status())
			.isEqualTo(201);
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
		page.locator("#schedules button", new Page.LocatorOptions().setHasText("Jetzt senden")).click();
		assertThat(page.locator(".flash")).containsText("Bericht gesendet.");
		org.assertj.core.api.Assertions.assertThat(greenMail.waitForIncomingEmail(15_000, 2)).isTrue();
		jakarta.mail.internet.MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.net")[0];
		org.assertj.core.api.Assertions.assertThat(mail.getSubject()).contains("Dialogbericht");
		jakarta.mail.Part attached = ((jakarta.mail.Multipart) mail.getContent()).getBodyPart(1);
		org.assertj.core.api.Assertions.assertThat(attached.getContentType()).startsWith("application/pdf");
		org.assertj.core.api.Assertions.assertThat(new String(attached.getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
			.isEqualTo("%PDF-");

		page.locator("#reports summary", new Page.LocatorOptions().setHasText("Bericht per Mail senden")).click();
		page.locator("#report-recipients").fill("kein-empfaenger");
		page.locator("#report-form button[type=submit]").click();
		assertThat(page.locator(".flash.error")).containsText("„kein-empfaenger“ ist keine E-Mail-Adresse.");
	}

	@Test
	void makesATrackedLink() {
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/insights");
		page.locator("#links summary", new Page.LocatorOptions().setHasText("Verfolgten Link anlegen")).click();
		page.locator("#link-url").fill("https://verein.example/spenden");
		page.locator("#link-campaign").fill("Winter");
		page.locator("#link-form button[type=submit]").click();
		assertThat(page.locator(".flash")).containsText("Verfolgter Link angelegt:");
		String shortUrl = page.locator("#link-table code").first().innerText();
		assertThat(shortUrl).contains("/r/");
		assertThat(page.locator("#link-table")).containsText("Winter");
		assertThat(page.locator("#link-table")).containsText("https://verein.example/spenden");
	}

	@Test
	void readsInEnglishAndFitsAPhone() {
		history();
		Page small = phoneInEnglish();
		try {
			small.navigate(baseUrl() + "/insights");
			assertThat(small.locator("#figure-responseRate")).containsText("Response rate");
			assertThat(small.locator("#figure-firstResponseCalendar .figure-value")).hasText("30 min");
			small.waitForLoadState();
			int overflow = ((Number) small.evaluate("() => document.querySelector('main').scrollWidth - window.innerWidth")).intValue();
			assertThat(overflow).isLessThanOrEqualTo(0);
			small.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(java.nio.file.Paths.get("target/screenshots", "insights-phone.png")));
		}
		finally {
			small.context().close();
		}
	}
}

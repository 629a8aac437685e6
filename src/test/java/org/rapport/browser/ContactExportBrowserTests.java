package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** The access export a person is handed: readable in the reader's language, and its JSON for a signed-in member. */
class ContactExportBrowserTests extends BrowserTest {

	/** A person with something in every module: a blog comment, a conversation with a reply, a stage, an event. */
	private String everywhere() {
		String post = api.post("/api/v1/blog/posts", Map.of("title", "Tag der offenen Tür", "markdown", "Text",
				"status", "published")).json().get("id").asString();
		String path = api.get("/api/v1/blog/posts/" + post).json().get("url").asString();
		BrowserContext readerContext = browser.newContext();
		try {
			Page reader = readerContext.newPage();
			reader.navigate(baseUrl() + path.replaceFirst("^https?://[^/]+", ""));
			reader.locator("#c-name").fill("Mara Klein");
			reader.locator("#c-email").fill("mara@example.net");
			reader.locator("#c-text").fill("Gibt es auch Kaffee?");
			reader.locator(".comment-form input[name=consent]").check();
			reader.locator(".comment-form button[type=submit]").click();
			assertThat(reader.locator(".notice")).isVisible();
		}
		finally {
			readerContext.close();
		}
		String mara = jdbc.sql("select contact_id from identities where workspace_id = ? and value = 'mara@example.net'")
			.param(workspace.id()).query(String.class).single();
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "mara-1", "from", Map.of("handle", "mara@example.net"),
				"subject", "Kuchenspende", "body", "Ich bringe einen Kuchen mit."));
		String conversation = api.get("/api/v1/conversations?status=open").json().get("items").get(0).get("id").asString();
		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Danke!", "kind", "reply"));
		api.put("/api/v1/contacts/" + mara + "/stage", Map.of("stage", "in_dialogue", "reason", "Schreibt uns"));
		api.put("/api/v1/contacts/" + mara + "/tags", Map.of("tags", List.of("ehrenamt")));
		api.post("/api/v1/contacts/" + mara + "/reminders", Map.of("note", "Zum Fest einladen", "everyWeeks", 4));
		api.post("/api/v1/contacts/" + mara + "/gifts", Map.of("kind", "recommendation", "note", "Empfohlen"));
		String event = api.post("/api/v1/events", Map.of("name", "Sommerfest", "kind", "fair",
				"startsAt", Instant.now().plus(10, ChronoUnit.DAYS).toString(),
				"endsAt", Instant.now().plus(11, ChronoUnit.DAYS).toString())).json().get("id").asString();
		api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", mara));
		api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", mara,
				"at", Instant.now().plus(10, ChronoUnit.DAYS).toString(), "goal", "Kennenlernen"));
		return mara;
	}

	/** Keys of the export's JSON that are no words in any language, which a person must not find in the readable form. */
	private static final List<String> KEYS = List.of("blog_comment", "stageHistory", "in_dialogue", "reachOut", "everyWeeks",
			"eventId", "startsAt", "blogcomment", "event_attendance", "webform");

	/** What is more: coded values that are English words, which a German reader must not find either. */
	private static final List<String> GERMAN_KEYS = List.of("blog_comment", "stageHistory", "in_dialogue", "observed", "none",
			"reachOut", "reminders", "everyWeeks", "attendances", "eventId", "startsAt", "manual", "fair", "pending",
			"recommendation", "reply", "message", "webform", "relationship", "blogcomment", "event_attendance");

	private void assertReadable(String text, List<String> keys) {
		for (String key : keys) {
			org.assertj.core.api.Assertions.assertThat(text).as("the readable export says '%s'", key)
				.doesNotContainPattern("(?<![\\p{L}@.-])" + java.util.regex.Pattern.quote(key) + "(?![\\p{L}@.-])");
		}
		org.assertj.core.api.Assertions.assertThat(text).as("no camelCase or snake_case word")
			.doesNotContainPattern("(?<![\\p{L}./@-])[a-z]+([A-Z][a-z]+|_[a-z]+)+(?![\\p{L}./@-])");
		org.assertj.core.api.Assertions.assertThat(text).doesNotContain("??");
	}

	@Test
	void theReadableExportNamesEveryFieldAndValueInTheReadersLanguage() {
		String mara = everywhere();
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/contacts/" + mara + "/export");
		assertThat(page.locator("h1")).hasText("Gespeicherte Daten zu Mara Klein");
		assertReadable(page.locator("main").innerText(), GERMAN_KEYS);
		assertThat(page.locator("#export-contact")).containsText("E-Mail: mara@example.net");
		assertThat(page.locator("#export-consents h3")).hasText("Blog-Kommentar");
		assertThat(page.locator("#export-consents")).containsText("Kommentarformular im Blog");
		assertThat(page.locator("#export-relationship")).containsText("Beziehungsstufe: Im Dialog");
		assertThat(page.locator("#export-relationship")).containsText("Von: Beobachtet");
		assertThat(page.locator("#export-blog")).containsText("Status: wartet auf Freigabe");
		assertThat(page.locator("#export-events")).containsText("Art: Messe");
		assertThat(page.locator("#export-reachOut")).containsText("Art: Empfehlung");
		assertThat(page.locator("#export-conversations")).containsText("Richtung: eingehend");
		assertThat(page.locator("#export-conversations")).containsText("Art: Antwort");
		assertThat(page.locator("#export-conversations")).containsText("Zustellung: gesendet");
		assertThat(page.locator("#export-timeline")).containsText("Blog-Kommentare · eingehend");
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
			.setPath(java.nio.file.Paths.get("target/screenshots", "contact-export-readable.png")));

		page.navigate(baseUrl() + "/contacts/" + mara + "/export?lang=en");
		assertThat(page.locator("h1")).hasText("Data stored about Mara Klein");
		assertReadable(page.locator("main").innerText(), KEYS);
		assertThat(page.locator("#export-relationship")).containsText("Change of stage");
		assertThat(page.locator("#export-blog")).containsText("Status: awaiting approval");
		assertThat(page.locator("#export-conversations")).containsText("Direction: incoming");
	}

	@Test
	void aSignedInManagerDownloadsTheMachineReadableExport() throws Exception {
		String mara = everywhere();
		members.add(workspace.id(), "manager-" + workspace.slug() + "@example.org", "Mia Manager", PASSWORD,
				org.rapport.platform.Role.MANAGER);
		logIn("manager-" + workspace.slug() + "@example.org", PASSWORD);
		page.navigate(baseUrl() + "/contacts/" + mara + "/export");
		com.microsoft.playwright.Download download = page.waitForDownload(() -> page
			.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Maschinenlesbar (JSON)")).click());
		org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("rapport-export-" + mara + ".json");
		var json = org.rapport.support.Api.JSON.readTree(java.nio.file.Files.readString(download.path()));
		org.assertj.core.api.Assertions.assertThat(json.get("contact").get("name").asString()).isEqualTo("Mara Klein");
		org.assertj.core.api.Assertions.assertThat(json.get("data").get("relationship").get("stageHistory").get(0)
			.get("to").asString()).as("the JSON keeps the keys").isEqualTo("in_dialogue");
		org.assertj.core.api.Assertions.assertThat(json.get("data").get("conversations").size()).isEqualTo(2);

		// The API itself is unchanged: it takes tokens, not the browser's session.
		org.assertj.core.api.Assertions.assertThat(page.request().get(baseUrl() + "/api/v1/contacts/" + mara + "/export")
			.status()).isEqualTo(401);
		org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/contacts/" + mara + "/export").json().get("contact")
			.get("name").asString()).isEqualTo("Mara Klein");
	}
}

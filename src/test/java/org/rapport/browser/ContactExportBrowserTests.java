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
		readerComments("Mara Klein", "mara@example.net", "Gibt es auch Kaffee?");
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
		assertExport(mara, "de", "Gespeicherte Daten zu Mara Klein", GERMAN_KEYS, List.of(
				Map.entry("#export-contact", "E-Mail: mara@example.net"),
				Map.entry("#export-consents h3", "Blog-Kommentar"),
				Map.entry("#export-consents", "Kommentarformular im Blog"),
				Map.entry("#export-relationship", "Beziehungsstufe: Im Dialog"),
				Map.entry("#export-relationship", "Von: Beobachtet"),
				Map.entry("#export-blog", "Status: wartet auf Freigabe"),
				Map.entry("#export-events", "Art: Messe"),
				Map.entry("#export-reachOut", "Art: Empfehlung"),
				Map.entry("#export-conversations", "Richtung: eingehend"),
				Map.entry("#export-conversations", "Art: Antwort"),
				Map.entry("#export-conversations", "Zustellung: gesendet"),
				Map.entry("#export-timeline", "Blog-Kommentare · eingehend")));
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
			.setPath(java.nio.file.Paths.get("target/screenshots", "contact-export-readable.png")));
		assertExport(mara, "en", "Data stored about Mara Klein", KEYS, List.of(
				Map.entry("#export-relationship", "Change of stage"),
				Map.entry("#export-blog", "Status: awaiting approval"),
				Map.entry("#export-conversations", "Direction: incoming")));
	}

	/** Opens the readable export in a language: its title, no key in the text, and what each part says. */
	private void assertExport(String contact, String lang, String title, List<String> keys,
			List<Map.Entry<String, String>> says) {
		page.navigate(baseUrl() + "/contacts/" + contact + "/export?lang=" + lang);
		assertThat(page.locator("h1")).hasText(title);
		assertReadable(page.locator("main").innerText(), keys);
		says.forEach(line -> assertThat(page.locator(line.getKey())).containsText(line.getValue()));
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

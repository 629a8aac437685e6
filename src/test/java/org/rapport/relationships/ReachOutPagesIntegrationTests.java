package org.rapport.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;

/** The reach-out page, the contact page's panel and their forms, in German, as a signed-in member uses them. */
class ReachOutPagesIntegrationTests extends ReachOutFixtures {

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private void signIn(String email, String password) throws Exception {
		String login = get("/login").body();
		String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + csrf(login);
		browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de")
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("a CSRF token on the page").isTrue();
		return m.group(1);
	}

	@Test
	void aMemberRemindsGivesAndDismissesThroughThePages() throws Exception {
		String anna = contact("Anna Seite", "anna@example.org");
		String bert = contact("Bert Seite", "bert@example.org");
		inbound("anna@example.org", "anna", Duration.ofDays(2));
		api.post("/api/v1/contacts/" + bert + "/reminders", Map.of("note", "Bert zum Kaffee einladen", "dueAt",
				Instant.now().minusSeconds(60).toString()));
		signIn(ownerEmail, PASSWORD);

		String page = get("/reach-out").body();
		assertThat(page).contains("Ansprechen", "Fällige Erinnerungen", "Bert zum Kaffee einladen", "Anna Seite",
				"1 Nachricht in den letzten 14 Tagen", "Anruf erfassen", "/log?contactId=" + anna, "Nicht jetzt");
		assertThat(page).doesNotContain("??");
		// The navigation shows one due reminder.
		assertThat(page).containsPattern("Ansprechen</span> <span class=\"chip\">1</span>");

		// Contact page: set a reminder every 3 weeks for me, record an introduction by name.
		String contactPage = get("/contacts/" + anna).body();
		assertThat(contactPage).contains("Erinnern", "Zuerst gegeben", "Erfassen, was wir gegeben haben").doesNotContain("??");
		String token = csrf(contactPage);
		var reminded = post("/contacts/" + anna + "/reminders", "when=every&everyWeeks=3&dueAt=&note=" + enc("Regelmäßig melden")
				+ "&assigneeId=&_csrf=" + token);
		assertThat(reminded.statusCode()).isEqualTo(302);
		assertThat(api.get("/api/v1/contacts/" + anna + "/reminders").json().get("items").get(0).get("everyWeeks").asInt()).isEqualTo(3);
		assertThat(get("/contacts/" + anna).body()).contains("Erinnerung gesetzt.");
		var bad = post("/contacts/" + anna + "/reminders", "when=every&everyWeeks=0&_csrf=" + token);
		assertThat(bad.statusCode()).isEqualTo(302);
		assertThat(get("/contacts/" + anna).body()).contains("everyWeeks must be between 1 and 520");

		var introduced = post("/contacts/" + anna + "/gifts", "kind=introduction&otherName=" + enc("Bert Seite") + "&note=" + enc("Gleiches Projekt")
				+ "&_csrf=" + token);
		assertThat(introduced.statusCode()).isEqualTo(302);
		String after = get("/contacts/" + anna).body();
		assertThat(after).contains("Vorstellung", "→ Bert Seite · Gleiches Projekt", "Regelmäßig melden", "alle 3 Wochen");
		assertThat(get("/contacts/" + bert).body()).contains("→ Anna Seite");

		// Marking Bert's reminder done on the reach-out page clears the badge.
		String bertsReminder = api.get("/api/v1/reminders?due=true").json().get("items").get(0).get("id").asString();
		assertThat(post("/reminders/" + bertsReminder + "/done", "back=%2Freach-out&_csrf=" + token).statusCode()).isEqualTo(302);
		assertThat(get("/reach-out").body()).doesNotContainPattern("Ansprechen</span> <span class=\"chip\">");

		// Not now: Anna leaves the list.
		assertThat(post("/reach-out/" + anna + "/dismiss", "_csrf=" + token).statusCode()).isEqualTo(302);
		assertThat(get("/reach-out").body()).contains("Für 30 Tage aus der Liste genommen.").doesNotContain("Anna Seite");
	}

	@Test
	void aViewerSeesTheListWithoutActions() throws Exception {
		String anna = contact("Anna Nurlesen", "anna@example.org");
		inbound("anna@example.org", "anna", Duration.ofDays(2));
		String viewerEmail = "viewer-" + java.util.UUID.randomUUID() + "@example.org";
		members.add(workspace.id(), viewerEmail, "Vera Viewer", "some long password", Role.VIEWER);
		signIn(viewerEmail, "some long password");
		String page = get("/reach-out").body();
		assertThat(page).contains("Anna Nurlesen").doesNotContain("Nicht jetzt", "Anruf erfassen");
		String contactPage = get("/contacts/" + anna).body();
		assertThat(contactPage).doesNotContain("id=\"reminder-form\"", "id=\"gift-form\"");
		var refused = post("/reach-out/" + anna + "/dismiss", "_csrf=" + csrf(page));
		assertThat(refused.statusCode()).isEqualTo(403);
	}
}

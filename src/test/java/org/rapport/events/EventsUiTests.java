package org.rapport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;

/** The events pages through a signed-in session: bad input ends in a readable message and keeps what was typed. */
class EventsUiTests extends IntegrationTest {

	final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	record Page(int status, String body, String location) {
	}

	Page send(HttpRequest.Builder request) throws Exception {
		var r = browser.send(request.header("Accept-Language", "de-DE").build(), HttpResponse.BodyHandlers.ofString());
		return new Page(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(""));
	}

	Page get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
	}

	Page form(String path, Map<String, String> fields) throws Exception {
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", csrf);
		StringBuilder body = new StringBuilder();
		all.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
			.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	String csrf;

	void login() throws Exception {
		csrf = csrfOf(get("/login").body());
		Page done = form("/login", Map.of("username", ownerEmail, "password", PASSWORD));
		assertThat(done.status()).isEqualTo(302);
		assertThat(done.location()).doesNotContain("error");
		csrf = csrfOf(get("/events").body());
	}

	static String csrfOf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	@Test
	void badInputIsExplainedOnThePageAndNothingTypedIsLost() throws Exception {
		login();
		Page backwards = form("/events", Map.of("name", "Fachtag Inklusion", "kind", "congress", "startsAt", "2026-10-02T09:00",
				"endsAt", "2026-10-01T18:00", "city", "Kassel"));
		assertThat(backwards.status()).isEqualTo(200);
		assertThat(backwards.body()).contains("before it starts").contains("value=\"Fachtag Inklusion\"").contains("value=\"Kassel\"");
		assertThat(api.get("/api/v1/events").json().get("upcoming")).isEmpty();

		Page created = form("/events", Map.of("name", "Fachtag Inklusion", "kind", "congress", "startsAt", "2026-10-01T09:00",
				"endsAt", "2026-10-02T18:00", "city", "Kassel"));
		assertThat(created.status()).isEqualTo(302);
		String eventPath = URI.create(created.location()).getPath();
		Page event = get(eventPath);
		assertThat(event.body()).contains("Fachtag Inklusion").contains("Kongress").contains("Noch niemand aus Ihren Kontakten");
		assertThat(get("/events").body()).contains("Anstehend").contains("Fachtag Inklusion");

		// A malformed attendee list: every bad line is named and nothing is imported.
		Page preview = form(eventPath + "/import/preview", Map.of("content",
				"name,email\nAnna,anna@example.org\nBen,kein-mail\nClara,c@example.org,zu viel\n", "createContacts", "true"));
		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.body()).contains("Zeile 3: Invalid email address").contains("Zeile 4: The line has 3 fields")
			.contains("wird neu angelegt");
		Page refused = form(eventPath + "/import", Map.of("content",
				"name,email\nAnna,anna@example.org\nBen,kein-mail\n", "name", "name", "email", "email", "createContacts", "true"));
		assertThat(refused.body()).contains("Zeile 3");
		assertThat(api.get("/api/v1/events/" + eventPath.substring(8) + "/attendees").json().get("items")).isEmpty();

		Page imported = form(eventPath + "/import", Map.of("content", "name,email\nAnna,anna@example.org\n", "name", "name",
				"email", "email", "createContacts", "true"));
		assertThat(imported.body()).contains("1 Teilnehmende hinzugefügt, 1 Kontakte neu angelegt");

		// A meeting for a time outside the event is refused on the page, with the form kept.
		String anna = api.get("/api/v1/contacts?q=anna").json().get("items").get(0).get("id").asString();
		Page outside = form(eventPath + "/meetings", Map.of("contactId", anna, "at", "2027-03-01T10:00", "place", "Stand 7",
				"memberId", "", "goal", "Kennenlernen"));
		assertThat(outside.status()).isEqualTo(200);
		assertThat(outside.body()).contains("lies outside").contains("value=\"Stand 7\"");

		// Logging with nothing ticked says what to do.
		assertThat(form(eventPath + "/meetings", Map.of("contactId", anna, "at", "2026-10-01T10:00", "place", "Stand 7",
				"memberId", owner.userId().toString(), "goal", "Kennenlernen")).status()).isEqualTo(302);
		Page nothing = form(eventPath + "/log", Map.of());
		assertThat(nothing.body()).contains("Wählen Sie bei mindestens einem Treffen");
		assertThat(get(eventPath + "/log").body()).contains("Treffen erfassen: Fachtag Inklusion").contains("Stand 7");
		assertThat(List.of(get("/events/00000000-0000-0000-0000-000000000000").status())).containsExactly(404);
	}
}

package org.rapport.contacts;

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

/** Organisations, custom fields and segments through a signed-in browser session with CSRF. */
class OrganisationsUiTests extends IntegrationTest {

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

	/** Posts the form with the CSRF token of the page it is on, and follows the redirect. */
	Page post(String onPage, String path, Map<String, String> fields) throws Exception {
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", csrf(get(onPage).body()));
		StringBuilder body = new StringBuilder();
		all.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		Page done = send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
		assertThat(done.status()).as(done.body()).isEqualTo(302);
		return done;
	}

	static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("CSRF field").isTrue();
		return m.group(1);
	}

	void login() throws Exception {
		String token = csrf(get("/login").body());
		Page done = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(ownerEmail, StandardCharsets.UTF_8)
					+ "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token)));
		assertThat(done.location()).doesNotContain("error");
	}

	String path(String location) {
		return location.replace(baseUrl(), "");
	}

	@Test
	void createOrganisationLinkAContactAndEditFieldValues() throws Exception {
		login();
		String anna = api.post("/api/v1/contacts", Map.of("name", "Anna Adler", "identities", List.of())).json().get("id").asString();
		assertThat(get("/organisations").body()).contains("Organisationen", "Noch keine Organisationen");

		String orgPage = path(post("/organisations", "/organisations", Map.of("name", "Tageblatt", "kind", "press",
				"website", "tageblatt.example")).location());
		assertThat(orgPage).startsWith("/organisations/");
		String orgId = orgPage.substring("/organisations/".length());
		assertThat(get(orgPage).body()).contains("Tageblatt", "Presse", "https://tageblatt.example");

		post("/contacts/" + anna, "/contacts/" + anna + "/organisations",
				Map.of("organisationId", orgId, "role", "Pressesprecherin", "since", "2024-02-01", "until", ""));
		String contactPage = get("/contacts/" + anna).body();
		assertThat(contactPage).contains("id=\"organisations\"", "Tageblatt", "Pressesprecherin");
		assertThat(get(orgPage).body()).contains("Anna Adler", "Pressesprecherin", "seit 2024-02-01");

		Page bad = post("/contacts/" + anna, "/contacts/" + anna + "/organisations",
				Map.of("organisationId", orgId, "role", "x", "since", "2024-05-01", "until", "2024-01-01"));
		assertThat(get(path(bad.location())).body()).contains("cannot end");

		post("/settings/fields", "/settings/fields", Map.of("key", "staff", "label", "Mitarbeitende", "type", "number", "options", ""));
		post("/settings/fields", "/settings/fields", Map.of("key", "sector", "label", "Bereich", "type", "choice",
				"options", "Pflege, Bildung"));
		assertThat(get("/settings/fields").body()).contains("Mitarbeitende", "Pflege, Bildung");
		assertThat(get("/contacts/" + anna).body()).contains("name=\"field.staff\"", "type=\"number\"", "<option value=\"Bildung\"");

		Page wrong = post("/contacts/" + anna, "/contacts/" + anna + "/fields", Map.of("field.staff", "viele", "field.sector", "Bildung"));
		assertThat(get(path(wrong.location()).replaceAll("#.*", "")).body()).contains("&#39;staff&#39;");
		assertThat(api.get("/api/v1/contacts/" + anna).json().get("customFields").size()).isZero();
		post("/contacts/" + anna, "/contacts/" + anna + "/fields", Map.of("field.staff", "12", "field.sector", "Bildung"));
		assertThat(api.get("/api/v1/contacts/" + anna).json().get("customFields").toString())
			.isEqualTo("{\"staff\":12,\"sector\":\"Bildung\"}");
		assertThat(get("/contacts/" + anna).body()).contains("value=\"12\"");

		// The readable access export names the section and the fields in German.
		assertThat(get("/contacts/" + anna + "/export").body()).contains("Organisationen und eigene Felder", "Pressesprecherin",
				"Bildung");
	}

	@Test
	void addPeopleOnTheOrganisationPageAndUndoDeletingIt() throws Exception {
		login();
		String bert = api.post("/api/v1/contacts", Map.of("name", "Bert Braun", "identities", List.of())).json().get("id").asString();
		String amt = api.post("/api/v1/organisations", Map.of("name", "Amt für Jugend", "kind", "authority")).json().get("id").asString();
		String found = get("/organisations/" + amt + "?find=braun").body();
		assertThat(found).contains("id=\"org-add-person\"", "Bert Braun", "name=\"contactId\" value=\"" + bert + "\"");
		post("/organisations/" + amt, "/organisations/" + amt + "/members", Map.of("contactId", bert, "role", "Sachbearbeiter"));
		assertThat(get("/organisations/" + amt).body()).contains("Bert Braun", "Sachbearbeiter");

		Page deleted = post("/organisations/" + amt, "/organisations/" + amt + "/delete", Map.of());
		String list = get(path(deleted.location())).body();
		assertThat(list).contains("id=\"org-undo\"", "Organisation „Amt für Jugend“ gelöscht.");
		assertThat(api.get("/api/v1/organisations/" + amt).status()).isEqualTo(404);
		Matcher snapshot = Pattern.compile("name=\"snapshot\" value=\"([^\"]+)\"").matcher(list);
		assertThat(snapshot.find()).isTrue();
		String json = org.springframework.web.util.HtmlUtils.htmlUnescape(snapshot.group(1));
		Page restored = post("/organisations", "/organisations/restore", Map.of("snapshot", json));
		assertThat(path(restored.location())).isEqualTo("/organisations/" + amt);
		var back = api.get("/api/v1/organisations/" + amt).json();
		assertThat(back.get("name").asString()).isEqualTo("Amt für Jugend");
		assertThat(back.get("members").get(0).get("role").asString()).isEqualTo("Sachbearbeiter");
		// Restoring twice is refused with a message, not a second copy.
		Page again = post("/organisations", "/organisations/restore", Map.of("snapshot", json));
		assertThat(get(path(again.location())).body()).contains("exists already");
	}

	@Test
	void filterContactsSaveTheFilterAsSegmentAndFilterTheInboxByIt() throws Exception {
		login();
		for (String name : List.of("Anna", "Bert")) {
			api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "ui-" + name, "from",
					Map.of("handle", name.toLowerCase() + "@example.org", "name", name), "subject", "Anfrage von " + name, "body", "Hallo"));
		}
		String anna = api.get("/api/v1/contacts?q=anna").json().get("items").get(0).get("id").asString();
		var tagged = api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/contacts/" + anna + "/tags"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"tags\":[\"presse\"]}")));
		assertThat(tagged.status()).isEqualTo(200);

		String filtered = get("/contacts?q=&tags=presse&tagMode=all&stage=&open=yes").body();
		assertThat(filtered).contains("id=\"save-segment\"", ">Anna<").doesNotContain(">Bert<");
		// The save form carries the applied filter as hidden fields.
		String saveForm = filtered.substring(filtered.indexOf("id=\"save-segment\""));
		saveForm = saveForm.substring(0, saveForm.indexOf("</form>"));
		Map<String, String> hidden = new LinkedHashMap<>();
		Matcher input = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\"").matcher(saveForm);
		while (input.find()) {
			hidden.put(input.group(1), input.group(2));
		}
		assertThat(hidden).as(saveForm).containsEntry("tags", "presse").containsEntry("open", "yes").doesNotContainKey("stage");
		hidden.put("segmentName", "Presse");

		Page saved = post("/contacts", "/contacts/segments", hidden);
		assertThat(saved.location()).contains("/contacts?segment=");
		String segmentId = saved.location().replaceAll(".*segment=", "");
		String list = get(path(saved.location())).body();
		assertThat(list).contains("Segment gespeichert", "Presse", ">Anna<").doesNotContain(">Bert<");

		String inbox = get("/inbox?status=all&segment=" + segmentId).body();
		assertThat(inbox).contains("id=\"segment-select\"", "selected=\"selected\"", "Anfrage von Anna")
			.doesNotContain("Anfrage von Bert");
		assertThat(get("/inbox?status=all").body()).contains("Anfrage von Anna", "Anfrage von Bert");
		// The segment select keeps the other filters of the list.
		assertThat(get("/inbox?status=all&label=rückruf").body()).contains("<input type=\"hidden\" name=\"label\" value=\"rückruf\"");

		post("/contacts", "/contacts/segments/" + segmentId + "/delete", Map.of());
		assertThat(api.get("/api/v1/segments").json().get("items")).isEmpty();
	}
}

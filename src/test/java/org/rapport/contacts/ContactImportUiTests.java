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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;

/** The contact page's tag block and the import page, through a signed-in browser session with CSRF. */
class ContactImportUiTests extends IntegrationTest {

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
		StringBuilder body = new StringBuilder();
		fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	Page multipart(String path, Map<String, String> fields, String fileName, String file) throws Exception {
		String boundary = "b" + UUID.randomUUID();
		StringBuilder body = new StringBuilder();
		fields.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
			.append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
		if (file != null) {
			body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
				.append(fileName).append("\"\r\nContent-Type: text/csv\r\n\r\n").append(file).append("\r\n");
		}
		body.append("--").append(boundary).append("--\r\n");
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
	}

	static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("CSRF field in " + html).isTrue();
		return m.group(1);
	}

	void login() throws Exception {
		String token = csrf(get("/login").body());
		Page done = form("/login", Map.of("username", ownerEmail, "password", PASSWORD, "_csrf", token));
		assertThat(done.status()).isEqualTo(302);
		assertThat(done.location()).doesNotContain("error");
	}

	@Test
	void tagsOnTheContactPage() throws Exception {
		login();
		String id = api.post("/api/v1/contacts", Map.of("name", "Anna Adler", "identities", List.of())).json().get("id").asString();
		Page page = get("/contacts/" + id);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Schlagwörter", "Noch keine Schlagwörter.");
		Page added = form("/contacts/" + id + "/tags", Map.of("tag", "VIP, Kunde", "_csrf", csrf(page.body())));
		assertThat(added.status()).isEqualTo(302);
		page = get("/contacts/" + id);
		assertThat(page.body()).contains(">vip<", ">kunde<");
		form("/contacts/" + id + "/tags/remove", Map.of("tag", "vip", "_csrf", csrf(page.body())));
		assertThat(api.get("/api/v1/contacts/" + id + "/tags").json().get("tags").toString()).isEqualTo("[\"kunde\"]");
	}

	@Test
	void uploadPreviewMapAndImport() throws Exception {
		login();
		Page page = get("/contacts/import");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Kontakte importieren", "/contacts/export.csv", "/contacts/export.vcf");
		String token = csrf(page.body());

		Page bad = multipart("/contacts/import/preview", Map.of("_csrf", token), "k.csv",
				"Name,Mail\r\nAnna,anna@example.org\r\nBert,nope\r\n");
		assertThat(bad.status()).isEqualTo(200);
		assertThat(bad.body()).contains("Zeile 3: Invalid email address", "disabled");

		String csv = "Wer,Mail,Gruppen\r\nAnna,anna@example.org,vip\r\n";
		Page preview = multipart("/contacts/import/preview", Map.of("_csrf", token), "k.csv", csv);
		assertThat(preview.body()).contains("Zeile 1: Missing name", "<option value=\"Wer\">");
		Map<String, String> mapped = new LinkedHashMap<>(Map.of("_csrf", csrf(preview.body()), "format", "csv",
				"content", csv, "name", "Wer", "email", "Mail", "tags", "Gruppen"));
		Page checked = multipart("/contacts/import/preview", mapped, null, null);
		assertThat(checked.body()).doesNotContain("Zeile 1:").contains("Einen Kontakt importieren");
		Page imported = multipart("/contacts/import", mapped, null, null);
		assertThat(imported.status()).isEqualTo(302);
		assertThat(imported.location()).endsWith("/contacts");
		assertThat(api.get("/api/v1/contacts/tagged/vip").json().get("items").get(0).get("name").asString()).isEqualTo("Anna");

		Page export = get("/contacts/export.csv");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.body()).contains("Anna,anna@example.org,,vip");
	}
}

package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/** The contact page's tag block and the import page, through a signed-in browser session with CSRF. */
class ContactImportUiTests extends IntegrationTest {

	UiSession ui;

	record Page(int status, String body, String location) {
	}

	Page get(String path) throws Exception {
		return page(ui.get(path));
	}

	Page form(String path, Map<String, String> fields) throws Exception {
		return page(ui.form(path, fields));
	}

	Page multipart(String path, Map<String, String> fields, String fileName, String file) throws Exception {
		return page(ui.multipart(path, fields, fileName, file));
	}

	static Page page(UiSession.Page p) {
		return new Page(p.status(), p.body(), p.location());
	}

	static String csrf(String html) {
		return UiSession.csrf(html);
	}

	void login() throws Exception {
		ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
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
		assertThat(bad.body()).contains("Zeile 3: Ungültige E-Mail-Adresse „nope“", "disabled");

		String csv = "Wer,Mail,Gruppen\r\nAnna,anna@example.org,vip\r\n";
		Page preview = multipart("/contacts/import/preview", Map.of("_csrf", token), "k.csv", csv);
		assertThat(preview.body()).contains("Zeile 1: Name fehlt", "<option value=\"Wer\">");
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

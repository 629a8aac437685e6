package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/** Requests that are cut off or bent out of shape get a refusal or a page, never a server error. */
class MalformedRequestIntegrationTests extends IntegrationTest {

	private static String truncatedUpload(String boundary, String csrf) {
		// The file part never ends: no closing boundary, as when a connection drops halfway through an upload.
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kontakte.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\nName,E-Mail\nAnna,anna@example.org\nBe";
	}

	@Test
	void refusesATruncatedUploadOfContactsInTheUiAndTheApi() throws Exception {
		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String csrf = UiSession.csrf(ui.get("/contacts/import").body());
		String boundary = "b" + java.util.UUID.randomUUID();
		UiSession.Page page = ui.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/contacts/import/preview"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(truncatedUpload(boundary, csrf))));
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("Der Upload ließ sich nicht lesen");

		for (String path : new String[] { "/api/v1/contacts/import", "/api/v1/contacts/import/preview" }) {
			Api.Response r = api.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofString(truncatedUpload(boundary, "-"))));
			assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
			assertThat(r.json().get("detail").asString()).contains("incomplete or malformed");
		}
		assertThat(jdbc.sql("select count(*) from contacts where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void ignoresBackLinksThatAreNoPathOfThisSite() throws Exception {
		String contact = api.post("/api/v1/contacts", Map.of("name", "Anna Alt")).json().get("id").asString();
		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String csrf = UiSession.csrf(ui.get("/contacts/" + contact).body());
		for (String back : new String[] { "/reach-out\r\nSet-Cookie: evil=1", "/reach-out\n", "/contacts/{id}",
				"//evil.example/", "/reach-out\u00e4" }) {
			String form = "note=Anrufen&when=once&dueAt=2026-09-01&back=" + URLEncoder.encode(back, StandardCharsets.UTF_8)
					+ "&_csrf=" + csrf;
			UiSession.Page page = ui.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/contacts/" + contact + "/reminders"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
			assertThat(page.status()).as(back).isEqualTo(302);
			assertThat(page.location()).as(back).isEqualTo(baseUrl() + "/contacts/" + contact + "#reach-out")
				.doesNotContain("\n").doesNotContain("evil");
		}
		var list = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "m1",
				"from", Map.of("handle", "a@example.org"), "body", "Hallo"));
		assertThat(list.status()).isEqualTo(201);
		String conversation = api.get("/api/v1/conversations").json().get("items").get(0).get("id").asString();
		for (String back : new String[] { "?status=open\r\nX: y", "?q={x}", "?q=%7Bx%7D&status=open" }) {
			String form = "status=done&back=" + URLEncoder.encode(back, StandardCharsets.UTF_8) + "&_csrf=" + csrf;
			UiSession.Page page = ui.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/inbox/" + conversation + "/status"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
			assertThat(page.status()).as(back).isEqualTo(302);
			assertThat(page.location()).as(back).doesNotContain("\n").doesNotContain("{");
		}
	}

	@Test
	void answersPageNumbersBeyondAnyListWithNotFound() {
		assertThat(api.post("/api/v1/blog/posts", Map.of("title", "Hallo", "markdown", "Text", "status", "published"))
			.status()).isEqualTo(201);
		Api anonymous = new Api(baseUrl(), null);
		assertThat(anonymous.get("/blog/" + workspace.slug() + "?page=2").status()).isEqualTo(200);
		assertThat(anonymous.get("/blog/" + workspace.slug() + "?page=2147483647").status()).isEqualTo(404);
		assertThat(anonymous.get("/blog/" + workspace.slug() + "/tag/x?page=2147483647").status()).isEqualTo(404);
		assertThat(anonymous.get("/blog/" + workspace.slug() + "?page=99999999999").status()).isEqualTo(400);
	}

	@Test
	void answersARequestForTheErrorPageItselfWithNotFound() throws Exception {
		Api anonymous = new Api(baseUrl(), null);
		assertThat(anonymous.get("/error").status()).isEqualTo(404);
		assertThat(api.get("/error").status()).isEqualTo(404);
		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page page = ui.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/error")).header("Accept", "text/html"));
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.body()).contains("<html");
		assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/error"))
			.POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(404);
	}
}

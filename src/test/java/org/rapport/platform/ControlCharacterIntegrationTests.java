package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/**
 * NUL and the other control characters are refused where they come in, naming the field: in JSON bodies, query and
 * form parameters, multipart fields and HTTP Basic credentials. The API answers with a problem detail, people with
 * a page in their language; nothing stored before is touched.
 */
class ControlCharacterIntegrationTests extends IntegrationTest {

	private static final String NUL = "\u0000";

	private Api anonymous() {
		return new Api(baseUrl(), null);
	}

	private static void assertProblem(Api.Response r, String field) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
		assertThat(r.json().get("field").asString()).isEqualTo(field);
		assertThat(r.json().get("detail").asString()).contains("'" + field + "'").contains("U+0000");
	}

	@Test
	void refusesNulInJsonBodiesNamingTheFieldAndStoresNothing() {
		var messages = List.of(
				Map.of("channel", "api", "externalId", "ok", "from", Map.of("handle", "a@example.org"), "body", "Hallo"),
				Map.of("channel", "api", "externalId", "bad", "from", Map.of("handle", "b@example.org"), "body", "Hal" + NUL + "lo"));
		assertProblem(api.post("/api/v1/messages", Map.of("messages", messages)), "messages[1].body");
		assertThat(api.get("/api/v1/conversations").json().get("items")).isEmpty();

		assertProblem(api.post("/api/v1/contacts", Map.of("name", "Anna" + NUL)), "name");
		assertProblem(api.post("/api/v1/contacts", Map.of("name", "Anna",
				"identities", List.of(Map.of("kind", "email", "value", "a@example.org" + NUL)))), "identities[0].value");
		Api.Response esc = api.post("/api/v1/contacts", Map.of("name", "Anna\u001b[31m"));
		assertThat(esc.status()).isEqualTo(400);
		assertThat(esc.json().get("detail").asString()).contains("U+001B");
		assertThat(api.post("/api/v1/contacts", Map.of("name", "Anna\tMaria")).status()).isEqualTo(201);
		assertThat(api.post("/api/v1/contacts", "{\"name\": \"Anna \\ud800\"}").json().get("field").asString()).isEqualTo("name");
	}

	@Test
	void refusesNulInQueryAndFormParameters() {
		assertProblem(api.get("/api/v1/contacts?q=%00"), "q");
		assertProblem(api.get("/api/v1/conversations?label=a%01b".replace("%01", "%00")), "label");
		Api.Response key = api.get("/api/v1/contacts?a%00b=1");
		assertThat(key.status()).isEqualTo(400);
		assertThat(key.json().get("field").asString()).isEqualTo("aU+0000b");
	}

	@Test
	void showsSignedInPeopleARefusalInTheirLanguage() throws Exception {
		String contact = api.post("/api/v1/contacts", Map.of("name", "Anna Alt")).json().get("id").asString();
		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String csrf = UiSession.csrf(ui.get("/contacts/" + contact).body());
		String form = "name=Anna%00&note=&_csrf=" + csrf;
		UiSession.Page page = ui.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/contacts/" + contact))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("Das Feld „name“ enthält das Zeichen U+0000").contains("href=\"/inbox\"");
		assertThat(api.get("/api/v1/contacts/" + contact).json().get("name").asString()).isEqualTo("Anna Alt");

		String boundary = "b" + java.util.UUID.randomUUID();
		String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nName\nAnna" + NUL + "\r\n"
				+ "--" + boundary + "--\r\n";
		UiSession.Page upload = ui.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/contacts/import/preview"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(multipart)));
		assertThat(upload.status()).isEqualTo(400);
		assertThat(upload.body()).contains("Das Feld „content“ enthält das Zeichen U+0000");
	}

	@Test
	void refusesNulInThePublicWebFormWithAReadablePage() {
		Api.Response page = postForm("/f/" + workspace.slug(), Map.of("name", "Mara", "email", "mara@example.net",
				"message", "Hallo" + NUL, "consent", "on"), "de-DE");
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("text/html"));
		assertThat(page.body()).contains("Das Feld „message“ enthält das Zeichen U+0000").doesNotContain("Exception");
		Api.Response english = postForm("/f/" + workspace.slug(), Map.of("name", "Mara" + NUL), "en");
		assertThat(english.body()).contains("The field &#39;name&#39; contains the character U+0000").doesNotContain("/inbox");
		Api.Response json = anonymous().post("/f/" + workspace.slug(), Map.of("name", "Mara", "email", "mara@example.net",
				"message", "Hallo" + NUL, "consent", true));
		assertThat(json.status()).isEqualTo(400);
		assertThat(json.body()).contains("message").contains("U+0000");
		assertThat(api.get("/api/v1/conversations").json().get("items")).isEmpty();
	}

	@Test
	void refusesNulInBlogCommentsWithAReadablePage() {
		var post = api.post("/api/v1/blog/posts", Map.of("title", "Offene Tür", "markdown", "Kommen Sie vorbei.", "status", "published"));
		assertThat(post.status()).isEqualTo(201);
		String path = URI.create(post.json().get("url").asString()).getPath();
		Api.Response page = postForm(path + "/comments", Map.of("name", "Leser", "email", "leser@example.net", "website", "",
				"text", "Schön" + NUL, "consent", "true", "homepage", ""), "de-DE");
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("Das Feld „text“ enthält das Zeichen U+0000");
		assertThat(api.get("/api/v1/blog/comments?status=pending").json().get("items")).isEmpty();
	}

	@Test
	void refusesNulInBasicCredentials() {
		Api.Response r = anonymous().postBasic("/api/v1/tokens", ownerEmail + NUL, PASSWORD, Map.of("name", "x"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo("Authorization");
	}

	private Api.Response postForm(String path, Map<String, String> form, String language) {
		StringBuilder body = new StringBuilder();
		form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return anonymous().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", language)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}
}

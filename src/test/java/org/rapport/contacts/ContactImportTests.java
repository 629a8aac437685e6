package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class ContactImportTests extends IntegrationTest {

	private int count() {
		return jdbc.sql("select count(*) from contacts where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single();
	}

	private static String lines(JsonNode errors) {
		StringBuilder out = new StringBuilder();
		for (JsonNode e : errors) {
			out.append(e.get("line").asInt()).append(':').append(e.get("reason").asString()).append('\n');
		}
		return out.toString();
	}

	@Test
	void malformedCsvIsRefusedWithLineNumbersAndNothingImported() {
		String csv = """
				Full name,E-Mail,Telefon,Kategorien
				Anna Adler,anna@example.org,030 1234567,vip
				Bert Braun,not-an-email,,
				"Carla
				Cöln",carla@example.org,call me,
				,dora@example.org,,
				Emil "E" Ernst,emil@example.org,,
				Fritz Fuchs,fritz@example.org,,"a;b
				""";
		var preview = api.post("/api/v1/contacts/import/preview", Map.of("format", "csv", "content", csv));
		assertThat(preview.status()).isEqualTo(200);
		JsonNode p = preview.json();
		assertThat(p.get("columns").toString()).isEqualTo("[\"Full name\",\"E-Mail\",\"Telefon\",\"Kategorien\"]");
		assertThat(p.get("mapping").get("name").asString()).isEqualTo("Full name");
		assertThat(p.get("mapping").get("tags").asString()).isEqualTo("Kategorien");
		String errors = lines(p.get("errors"));
		assertThat(errors).contains("3:Invalid email address 'not-an-email'.", "4:Unparsable phone number 'call me'.",
				"6:Missing name.", "7:Unbalanced quote", "8:Unbalanced quote");
		assertThat(p.get("errors").size()).isEqualTo(5);
		assertThat(p.get("importable").asBoolean()).isFalse();

		var refused = api.post("/api/v1/contacts/import", Map.of("format", "csv", "content", csv));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
		assertThat(lines(refused.json().get("errors"))).isEqualTo(errors);
		assertThat(count()).isZero();
	}

	@Test
	void malformedVCardIsRefusedWithLineNumbersAndNothingImported() {
		String vcf = String.join("\r\n", "BEGIN:VCARD", "VERSION:3.0", "FN:Anna Adler", "EMAIL;TYPE=work:anna@example.org",
				"END:VCARD", "BEGIN:VCARD", "VERSION:3.0", "FN:Bert Braun", "EMAIL:bert(at)example.org", "TEL:abc",
				"garbage without colon", "END:VCARD", "BEGIN:VCARD", "VERSION:4.0", "EMAIL:nameless@example.org",
				"END:VCARD", "BEGIN:VCARD", "FN:Never Closed", "");
		var refused = api.post("/api/v1/contacts/import", Map.of("format", "vcard", "content", vcf));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(lines(refused.json().get("errors"))).isEqualTo("""
				9:Invalid email address 'bert(at)example.org'.
				10:Unparsable phone number 'abc'.
				11:Malformed vCard line: no ':' between property and value.
				13:Missing name: the vCard has neither FN nor N.
				17:The vCard is not closed with END:VCARD.
				""");
		assertThat(count()).isZero();
	}

	@Test
	void vcard3WithFoldedLinesEscapesAndNIsRead() {
		String vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Adler;Anna;;;\r\nitem1.EMAIL;TYPE=INTERNET:anna@exa\r\n mple.org\r\n"
				+ "TEL;TYPE=CELL:+49 171\r\n\t2345678\r\nCATEGORIES:VIP,Kunde Alt\r\n"
				+ "NOTE:Line one\\nline two\\; with\\, escapes and a backslash \\\\ end\r\nEND:VCARD\r\n";
		var preview = api.post("/api/v1/contacts/import/preview", Map.of("format", "vcard", "content", vcf));
		JsonNode row = preview.json().get("rows").get(0);
		assertThat(preview.json().get("errors").size()).as(preview.body()).isZero();
		assertThat(row.get("line").asInt()).isEqualTo(1);
		assertThat(row.get("name").asString()).isEqualTo("Anna Adler");
		assertThat(row.get("emails").toString()).isEqualTo("[\"anna@example.org\"]");
		assertThat(row.get("phones").toString()).isEqualTo("[\"+491712345678\"]");
		assertThat(row.get("tags").toString()).isEqualTo("[\"vip\",\"kunde alt\"]");
		assertThat(row.get("note").asString()).isEqualTo("Line one\nline two; with, escapes and a backslash \\ end");
	}

	@Test
	void existingIdentityAttachesInsteadOfDuplicating() {
		var created = api.post("/api/v1/contacts", Map.of("name", "Anna Adler",
				"identities", List.of(Map.of("kind", "email", "value", "anna@example.org"))));
		String annaId = created.json().get("id").asString();
		String csv = "name,email,phone,tags,note\r\nA. Adler,ANNA@example.org,030 1234567,vip,from the fair\r\n"
				+ "Bert Braun,bert@example.org,,,\r\nBert B.,bert@example.org,,kunde,\r\n";
		var imported = api.post("/api/v1/contacts/import", Map.of("format", "csv", "content", csv));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("created").asInt()).isEqualTo(1);
		assertThat(imported.json().get("attached").asInt()).isEqualTo(2);
		assertThat(count()).isEqualTo(2);
		JsonNode anna = api.get("/api/v1/contacts/" + annaId).json();
		assertThat(anna.get("name").asString()).isEqualTo("Anna Adler");
		assertThat(anna.get("note").asString()).isEqualTo("from the fair");
		assertThat(anna.get("identities").toString()).contains("anna@example.org", "+49301234567");
		assertThat(api.get("/api/v1/contacts/" + annaId + "/tags").json().get("tags").toString()).isEqualTo("[\"vip\"]");
		assertThat(api.get("/api/v1/contacts/tagged/kunde").json().get("items").get(0).get("name").asString())
			.isEqualTo("Bert Braun");
	}

	@Test
	void identitiesOfTwoContactsInOneRowAreRefused() {
		api.post("/api/v1/contacts", Map.of("name", "Anna", "identities", List.of(Map.of("kind", "email", "value", "a@example.org"))));
		api.post("/api/v1/contacts", Map.of("name", "Bert", "identities", List.of(Map.of("kind", "email", "value", "b@example.org"))));
		String csv = "name,email\nNew Person,new@example.org\nBoth,a@example.org; b@example.org\n";
		var refused = api.post("/api/v1/contacts/import", Map.of("format", "csv", "content", csv));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(lines(refused.json().get("errors"))).startsWith("3:");
		assertThat(count()).isEqualTo(2);
	}

	@Test
	void mappingChoosesColumnsAndMultipartUploadWorks() {
		String csv = "Vorname;Mail;Handy\r\nAnna;anna@example.org;0171 2345678\r\n";
		String boundary = "b" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nVorname\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nMail\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"phone\"\r\n\r\nHandy\r\n--" + boundary + "--\r\n";
		var response = api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/contacts/import"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode found = api.get("/api/v1/contacts?q=anna").json().get("items").get(0);
		assertThat(found.get("identities").toString()).contains("anna@example.org", "+491712345678");

		var unknown = api.post("/api/v1/contacts/import/preview",
				Map.of("format", "csv", "content", csv, "mapping", Map.of("name", "Nope")));
		assertThat(unknown.status()).isEqualTo(400);
	}

	@Test
	void viewersMayNotImportAndImportsStayInTheirWorkspace() {
		var viewer = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "Vera", PASSWORD, Role.VIEWER);
		Api viewerApi = new Api(baseUrl(), tokens.create(new CurrentUser(viewer.userId(), viewer.email(), "Vera",
				workspace.id(), Role.VIEWER, null), "t").token());
		String csv = "name,email\nAnna,anna@example.org\n";
		assertThat(viewerApi.post("/api/v1/contacts/import/preview", Map.of("format", "csv", "content", csv)).status()).isEqualTo(403);
		assertThat(viewerApi.post("/api/v1/contacts/import", Map.of("format", "csv", "content", csv)).status()).isEqualTo(403);
		assertThat(count()).isZero();

		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		var ws = workspaces.create("Other " + slug, slug);
		var m = members.add(ws.id(), "o-" + slug + "@example.org", "O", PASSWORD, Role.OWNER);
		Api other = new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "O", ws.id(), Role.OWNER, null), "t").token());
		// The same address in another workspace is a different person there: it creates, never attaches across.
		api.post("/api/v1/contacts", Map.of("name", "Anna Here", "identities", List.of(Map.of("kind", "email", "value", "anna@example.org"))));
		var imported = other.post("/api/v1/contacts/import", Map.of("format", "csv", "content", csv));
		assertThat(imported.json().get("created").asInt()).isEqualTo(1);
		assertThat(count()).isEqualTo(1);
		assertThat(api.get("/api/v1/contacts?q=anna").json().get("items").get(0).get("name").asString()).isEqualTo("Anna Here");
	}

	@Test
	void csvCodecQuotesAndReadsBack() {
		List<String> fields = List.of("plain", "with,comma", "with \"quote\"", "multi\nline", " padded ", "a; b", "");
		var parsed = Csv.parse("h1,h2,h3,h4,h5,h6,h7\r\n" + Csv.line(fields) + Csv.line(List.of("x", "", "", "", "", "", "")));
		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.rows().get(1).fields()).isEqualTo(fields);
		assertThat(parsed.rows().get(2).line()).isEqualTo(4);
	}
}

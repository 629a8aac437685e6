package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class ContactExportRoundTripTests extends IntegrationTest {

	private String contact(Api client, String name, List<Map<String, String>> identities) {
		var response = client.post("/api/v1/contacts", Map.of("name", name, "identities", identities));
		assertThat(response.status()).isEqualTo(201);
		return response.json().get("id").asString();
	}

	private void tag(String token, String id, String json) {
		var r = api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/contacts/" + id + "/tags"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
		assertThat(r.status()).isEqualTo(200);
	}

	private String otherWorkspaceToken() {
		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		var ws = workspaces.create("Other " + slug, slug);
		var m = members.add(ws.id(), "o-" + slug + "@example.org", "O", PASSWORD, Role.OWNER);
		return tokens.create(new CurrentUser(m.userId(), m.email(), "O", ws.id(), Role.OWNER, null), "t").token();
	}

	private void seed() {
		String anna = contact(api, "Anna Adler, Dr.", List.of(Map.of("kind", "email", "value", "Anna@Example.org"),
				Map.of("kind", "email", "value", "anna.adler@example.com"), Map.of("kind", "phone", "value", "030 1234567")));
		String bert = contact(api, "Bert \"Bär\" Braun; Jr.", List.of(Map.of("kind", "phone", "value", "+49 171 2345678")));
		contact(api, "Carla Cöln", List.of());
		tag(token, anna, "{\"tags\":[\"vip\",\"newsletter\"]}");
		tag(token, bert, "{\"tags\":[\"lieferant\"]}");
		api.patch("/api/v1/contacts/" + anna, Map.of("note", "Met at the fair, booth 7; likes tea,\nnot coffee. "
				+ "This note is long enough that its vCard line must be folded at seventy-five octets: äöü ß €."));
	}

	/** name → emails | phones | tags | note, for comparing workspaces. */
	private Map<String, String> summary(Api client) {
		Map<String, String> result = new TreeMap<>();
		for (JsonNode c : client.get("/api/v1/contacts?limit=200").json().get("items")) {
			List<String> emails = new ArrayList<>();
			List<String> phones = new ArrayList<>();
			for (JsonNode i : c.get("identities")) {
				(i.get("kind").asString().equals("email") ? emails : phones).add(i.get("value").asString());
			}
			emails.sort(null);
			phones.sort(null);
			String id = c.get("id").asString();
			result.put(c.get("name").asString(), emails + " | " + phones + " | "
					+ client.get("/api/v1/contacts/" + id + "/tags").json().get("tags") + " | "
					+ client.get("/api/v1/contacts/" + id).json().get("note").asString());
		}
		return result;
	}

	@Test
	void csvRoundTripIntoAnotherWorkspace() {
		seed();
		var export = api.get("/api/v1/contacts/export.csv");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(export.headers().firstValue("Content-Disposition").orElse("")).contains("contacts.csv");
		assertThat(export.body()).startsWith("id,name,emails,phones,tags,note,created_at\r\n");
		assertThat(export.body()).contains("\"Bert \"\"Bär\"\" Braun; Jr.\"");

		Api other = new Api(baseUrl(), otherWorkspaceToken());
		var imported = other.post("/api/v1/contacts/import", Map.of("format", "csv", "content", export.body()));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("created").asInt()).isEqualTo(3);
		assertThat(summary(other)).isEqualTo(summary(api));
		assertThat(summary(other).get("Anna Adler, Dr.")).contains("anna@example.org", "+49301234567", "\"vip\"");
	}

	@Test
	void vcardRoundTripIntoAnotherWorkspaceWithFoldedLinesAndEscapes() {
		seed();
		var export = api.get("/api/v1/contacts/export.vcf");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/vcard");
		String vcf = export.body();
		assertThat(vcf).contains("VERSION:4.0\r\n", "FN:Anna Adler\\, Dr.\r\n", "FN:Bert \"Bär\" Braun\\; Jr.\r\n",
				"CATEGORIES:newsletter,vip\r\n", "\r\n ");
		for (String line : vcf.split("\r\n")) {
			assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
		}

		Api other = new Api(baseUrl(), otherWorkspaceToken());
		var imported = other.post("/api/v1/contacts/import", Map.of("format", "vcard", "content", vcf));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(summary(other)).isEqualTo(summary(api));
	}

	@Test
	void exportHoldsOnlyTheWorkspacesContactsAndViewersMayNotExport() {
		seed();
		Api other = new Api(baseUrl(), otherWorkspaceToken());
		contact(other, "Stranger Danger", List.of(Map.of("kind", "email", "value", "stranger@example.org")));
		assertThat(api.get("/api/v1/contacts/export.csv").body()).doesNotContain("Stranger");
		assertThat(api.get("/api/v1/contacts/export.vcf").body()).doesNotContain("Stranger");
		assertThat(other.get("/api/v1/contacts/export.csv").body()).doesNotContain("Anna").contains("Stranger");

		var viewer = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "Vera", PASSWORD, Role.VIEWER);
		Api viewerApi = new Api(baseUrl(), tokens.create(new CurrentUser(viewer.userId(), viewer.email(), "Vera",
				workspace.id(), Role.VIEWER, null), "t").token());
		assertThat(viewerApi.get("/api/v1/contacts/export.csv").status()).isEqualTo(403);
		assertThat(viewerApi.get("/api/v1/contacts/export.vcf").status()).isEqualTo(403);
	}
}

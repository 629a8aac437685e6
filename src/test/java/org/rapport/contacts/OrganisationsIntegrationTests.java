package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class OrganisationsIntegrationTests extends IntegrationTest {

	String contact(String name) {
		var created = api.post("/api/v1/contacts", Map.of("name", name, "identities", List.of()));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	String organisation(String name, String kind) {
		var created = api.post("/api/v1/organisations", Map.of("name", name, "kind", kind));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	Api otherWorkspace() {
		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		var ws = workspaces.create("Other " + slug, slug);
		var m = members.add(ws.id(), "o-" + slug + "@example.org", "O", PASSWORD, Role.OWNER);
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "O", ws.id(), Role.OWNER, null), "t").token());
	}

	@Autowired
	Organisations organisations;

	/** The kind of the channel a conversation came through. */
	String channelKind(String conversationId) {
		return jdbc.sql("select ch.kind from conversations cv join channels ch on ch.id = cv.channel_id where cv.id = ?::uuid")
			.param(conversationId).query(String.class).single();
	}

	@Test
	void anOrganisationsPageListsTheNewestConversationsOfItsPeople() {
		String org = organisation("Stadtwerke", "company");
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "o-anna", "subject", "Zählerstand",
				"from", Map.of("handle", "anna@example.org", "name", "Anna Amsel"), "body", "Hallo"));
		JsonNode anna = null;
		for (JsonNode item : api.get("/api/v1/conversations").json().get("items")) {
			if (item.get("subject").asString().equals("Zählerstand")) {
				anna = item;
			}
		}
		assertThat(anna).as("Anna's conversation").isNotNull();
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "o-carl", "subject", "Nicht dabei",
				"from", Map.of("handle", "carl@example.org", "name", "Carl Fremd"), "body", "Hallo"));
		JsonNode bert = api.post("/api/v1/activities", Map.of("from", Map.of("handle", "bert@example.org", "name", "Bert Bauer"),
				"kind", "visit", "direction", "in", "summary", "War da.")).json();
		String annaId = anna.get("contact").get("id").asString();
		String bertId = bert.get("contactId").asString();
		assertThat(organisations.recentConversations(workspace.id(), UUID.fromString(org), 20)).isEmpty();
		api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", annaId, "role", "Kundin"));
		api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", bertId, "role", "Hausmeister"));

		List<Organisations.Conversation> recent = organisations.recentConversations(workspace.id(), UUID.fromString(org), 20);
		assertThat(recent).extracting(c -> c.contactName() + "/" + c.channelKind() + "/" + c.status())
			.containsExactly("Bert Bauer/" + channelKind(bert.get("conversationId").asString()) + "/"
					+ jdbc.sql("select status from conversations where id = ?::uuid").param(bert.get("conversationId").asString())
						.query(String.class).single(),
					"Anna Amsel/" + channelKind(anna.get("id").asString()) + "/open");
		assertThat(recent.get(1).id().toString()).isEqualTo(anna.get("id").asString());
		assertThat(recent.get(1).contactId().toString()).isEqualTo(annaId);
		assertThat(recent.get(1).subject()).isEqualTo("Zählerstand");
		assertThat(recent.get(0).lastMessageAt()).isAfterOrEqualTo(recent.get(1).lastMessageAt());
		assertThat(organisations.recentConversations(workspace.id(), UUID.fromString(org), 1))
			.extracting(Organisations.Conversation::contactName).containsExactly("Bert Bauer");
		// Another workspace sees nothing of them.
		assertThat(organisations.recentConversations(otherWorkspaceId(), UUID.fromString(org), 20)).isEmpty();
	}

	UUID otherWorkspaceId() {
		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		return workspaces.create("Other " + slug, slug).id();
	}

	@Test
	void createsOrganisationsLinksContactsInRolesAndShowsThemOnTheContact() {
		String tageblatt = organisation("Tageblatt", "press");
		String verein = organisation("Sportverein Nord", "association");
		String petra = contact("Petra Presse");
		String karl = contact("Karl Kassenwart");

		var linked = api.post("/api/v1/organisations/" + tageblatt + "/members",
				Map.of("contactId", petra, "role", "press officer", "since", "2023-04-01"));
		assertThat(linked.status()).as(linked.body()).isEqualTo(201);
		assertThat(linked.json().get("role").asString()).isEqualTo("press officer");
		assertThat(api.post("/api/v1/organisations/" + verein + "/members", Map.of("contactId", petra, "role", "Mitglied")).status())
			.isEqualTo(201);
		assertThat(api.post("/api/v1/organisations/" + verein + "/members", Map.of("contactId", karl, "role", "Kassenwart")).status())
			.isEqualTo(201);
		// Linking again changes the role instead of adding a second one.
		assertThat(api.post("/api/v1/organisations/" + verein + "/members", Map.of("contactId", karl, "role", "Vorstand")).status())
			.isEqualTo(201);

		JsonNode org = api.get("/api/v1/organisations/" + verein).json();
		assertThat(org.get("kind").asString()).isEqualTo("association");
		assertThat(org.get("members")).extracting(m -> m.get("name").asString() + "/" + m.get("role").asString())
			.containsExactly("Karl Kassenwart/Vorstand", "Petra Presse/Mitglied");

		JsonNode contact = api.get("/api/v1/contacts/" + petra).json();
		assertThat(contact.get("organisations")).extracting(o -> o.get("id").asString() + "/" + o.get("name").asString() + "/"
				+ o.get("role").asString())
			.containsExactly(verein + "/Sportverein Nord/Mitglied", tageblatt + "/Tageblatt/press officer");

		assertThat(api.get("/api/v1/organisations?kind=press").json().get("items")).extracting(o -> o.get("name").asString())
			.containsExactly("Tageblatt");
		assertThat(api.get("/api/v1/organisations?q=sport").json().get("items")).extracting(o -> o.get("members").asInt())
			.containsExactly(2);

		var patched = api.patch("/api/v1/organisations/" + tageblatt, Map.of("website", "tageblatt.example", "notes", "Lokalredaktion"));
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("website").asString()).isEqualTo("https://tageblatt.example");
		assertThat(patched.json().get("name").asString()).isEqualTo("Tageblatt");

		assertThat(api.delete("/api/v1/organisations/" + verein + "/members/" + petra).status()).isEqualTo(204);
		assertThat(api.delete("/api/v1/organisations/" + verein + "/members/" + petra).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/contacts/" + petra).json().get("organisations")).hasSize(1);

		assertThat(api.delete("/api/v1/organisations/" + verein).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/organisations/" + verein).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/contacts/" + karl).json().get("organisations")).isEmpty();
		assertThat(api.get("/api/v1/contacts/" + karl).status()).isEqualTo(200);
	}

	@Test
	void refusesBadInputWithReadableProblems() {
		String org = organisation("Amt für Soziales", "authority");
		String anna = contact("Anna");
		var noName = api.post("/api/v1/organisations", Map.of("kind", "press"));
		assertThat(noName.status()).isEqualTo(400);
		assertThat(noName.json().get("detail").asString()).contains("name");
		var badKind = api.post("/api/v1/organisations", Map.of("name", "X", "kind", "sect"));
		assertThat(badKind.status()).isEqualTo(400);
		assertThat(badKind.json().get("detail").asString()).contains("sect", "press");
		assertThat(api.post("/api/v1/organisations", Map.of("name", "X", "website", "javascript:alert(1)")).status()).isEqualTo(400);
		var backwards = api.post("/api/v1/organisations/" + org + "/members",
				Map.of("contactId", anna, "since", "2024-05-01", "until", "2024-01-01"));
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", anna, "since", "1.5.2024")).status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/organisations/" + org + "/members", Map.of("role", "x")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", UUID.randomUUID())).status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/organisations/" + org).json().get("members")).isEmpty();
	}

	@Test
	void anotherWorkspaceCannotSeeOrChangeOrganisationsAndViewersOnlyRead() {
		String org = organisation("Tageblatt", "press");
		String anna = contact("Anna");
		api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", anna, "role", "Redakteurin"));
		Api stranger = otherWorkspace();
		assertThat(stranger.get("/api/v1/organisations/" + org).status()).isEqualTo(404);
		assertThat(stranger.patch("/api/v1/organisations/" + org, Map.of("name", "Mine")).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/organisations/" + org).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/organisations/" + org + "/members/" + anna).status()).isEqualTo(404);
		assertThat(stranger.get("/api/v1/organisations").json().get("items")).isEmpty();
		// Their own organisation cannot take our contact in.
		String theirs = stranger.post("/api/v1/organisations", Map.of("name", "Theirs")).json().get("id").asString();
		assertThat(stranger.post("/api/v1/organisations/" + theirs + "/members", Map.of("contactId", anna)).status()).isEqualTo(404);

		var viewer = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "Vera", PASSWORD, Role.VIEWER);
		Api viewerApi = new Api(baseUrl(), tokens.create(new CurrentUser(viewer.userId(), viewer.email(), "Vera", workspace.id(),
				Role.VIEWER, null), "t").token());
		assertThat(viewerApi.get("/api/v1/organisations/" + org).status()).isEqualTo(200);
		assertThat(viewerApi.post("/api/v1/organisations", Map.of("name", "V")).status()).isEqualTo(403);
		assertThat(viewerApi.delete("/api/v1/organisations/" + org + "/members/" + anna).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/organisations/" + org).json().get("name").asString()).isEqualTo("Tageblatt");
	}

	@Test
	void accessExportHoldsRolesAndErasureRemovesThem() {
		String org = organisation("Tageblatt", "press");
		String anna = contact("Anna Adler");
		String bert = contact("Bert Braun");
		api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", anna, "role", "press officer", "since", "2022-01-01"));
		api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", bert, "role", "Fotograf"));

		JsonNode roles = api.get("/api/v1/contacts/" + anna + "/export").json().get("data").get("organisations").get("roles");
		assertThat(roles).hasSize(1);
		assertThat(roles.get(0).get("organisation").asString()).isEqualTo("Tageblatt");
		assertThat(roles.get(0).get("role").asString()).isEqualTo("press officer");
		assertThat(roles.get(0).get("since").asString()).isEqualTo("2022-01-01");

		assertThat(api.delete("/api/v1/contacts/" + anna + "?erase=true").status()).isIn(200, 204);
		assertThat(jdbc.sql("select count(*) from organisation_members where contact_id = ?::uuid").param(anna)
			.query(Integer.class).single()).isZero();
		assertThat(api.get("/api/v1/organisations/" + org).json().get("members")).extracting(m -> m.get("name").asString())
			.containsExactly("Bert Braun");
	}
}

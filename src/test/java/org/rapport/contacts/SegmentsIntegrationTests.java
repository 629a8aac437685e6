package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

class SegmentsIntegrationTests extends IntegrationTest {

	/** contact name → contact id; name → conversation id */
	final Map<String, String> contacts = new HashMap<>();
	final Map<String, String> conversations = new HashMap<>();
	String tageblatt;
	String verein;

	/** A contact writing in on the api channel, so it has an open conversation. */
	void writesIn(String name, String body) {
		String handle = name.toLowerCase() + "@example.org";
		var posted = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "m-" + name,
				"from", Map.of("handle", handle, "name", name), "subject", "Frage von " + name, "body", body));
		assertThat(posted.status()).as(posted.body()).isLessThan(300);
		JsonNode item = api.get("/api/v1/conversations?q=" + "m-" + name).json().get("items").get(0);
		if (item == null) {
			throw new AssertionError("no conversation for " + name);
		}
		conversations.put(name, item.get("id").asString());
		contacts.put(name, item.get("contact").get("id").asString());
	}

	void put(String path, String json) {
		var r = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
	}

	@BeforeEach
	void people() {
		for (String name : List.of("Anna", "Bert", "Carla", "Dora")) {
			writesIn(name, "Nachricht m-" + name);
		}
		contacts.put("Eve", api.post("/api/v1/contacts", Map.of("name", "Eve", "identities", List.of())).json().get("id").asString());
		put("/api/v1/contacts/" + contacts.get("Anna") + "/tags", "{\"tags\":[\"press\",\"vip\"]}");
		put("/api/v1/contacts/" + contacts.get("Bert") + "/tags", "{\"tags\":[\"press\"]}");
		put("/api/v1/contacts/" + contacts.get("Carla") + "/tags", "{\"tags\":[\"vip\"]}");
		put("/api/v1/contacts/" + contacts.get("Carla") + "/stage", "{\"stage\":\"partner\"}");
		tageblatt = api.post("/api/v1/organisations", Map.of("name", "Tageblatt", "kind", "press")).json().get("id").asString();
		verein = api.post("/api/v1/organisations", Map.of("name", "Verein", "kind", "association")).json().get("id").asString();
		api.post("/api/v1/organisations/" + tageblatt + "/members", Map.of("contactId", contacts.get("Anna"), "role", "Redakteurin"));
		api.post("/api/v1/organisations/" + verein + "/members", Map.of("contactId", contacts.get("Bert"), "role", "Vorstand"));
		// A role that ended does not count.
		api.post("/api/v1/organisations/" + tageblatt + "/members", Map.of("contactId", contacts.get("Dora"), "role", "Praktikantin",
				"since", "2020-01-01", "until", "2020-06-30"));
		api.post("/api/v1/custom-fields", Map.of("key", "region", "label", "Region", "type", "text"));
		api.post("/api/v1/custom-fields", Map.of("key", "staff", "label", "Staff", "type", "number"));
		api.patch("/api/v1/contacts/" + contacts.get("Anna"), Map.of("customFields", Map.of("region", "Berlin", "staff", 12)));
		api.patch("/api/v1/contacts/" + contacts.get("Bert"), Map.of("customFields", Map.of("region", "Berlin-Mitte")));
		api.patch("/api/v1/contacts/" + contacts.get("Carla"), Map.of("customFields", Map.of("region", "Hamburg")));
		assertThat(api.patch("/api/v1/conversations/" + conversations.get("Dora"), Map.of("status", "done")).status()).isEqualTo(200);
	}

	String segment(String name, Map<String, Object> filter) {
		var created = api.post("/api/v1/segments", Map.of("name", name, "filter", filter));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	List<String> members(String segmentId) {
		var r = api.get("/api/v1/segments/" + segmentId + "/contacts");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		r.json().get("items").forEach(c -> names.add(c.get("name").asString()));
		return names;
	}

	List<String> inbox(String query) {
		var r = api.get("/api/v1/conversations?" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		r.json().get("items").forEach(c -> names.add(c.get("contact").get("name").asString()));
		return names;
	}

	@Test
	void segmentsSelectContactsByEveryKindOfCondition() {
		assertThat(members(segment("all tags", Map.of("tags", List.of("Press", "vip"))))).containsExactly("Anna");
		assertThat(members(segment("any tag", Map.of("tags", List.of("press", "vip"), "tagMode", "any"))))
			.containsExactly("Anna", "Bert", "Carla");
		assertThat(members(segment("partners", Map.of("stage", "partner")))).containsExactly("Carla");
		assertThat(members(segment("observed", Map.of("stage", "observed")))).containsExactly("Anna", "Bert", "Dora", "Eve");
		assertThat(members(segment("press people", Map.of("organisationKind", "press")))).containsExactly("Anna");
		assertThat(members(segment("verein", Map.of("organisationId", verein)))).containsExactly("Bert");
		assertThat(members(segment("berlin", Map.of("fields", List.of(Map.of("key", "region", "op", "equals", "value", "Berlin"))))))
			.containsExactly("Anna");
		assertThat(members(segment("berlin*", Map.of("fields", List.of(Map.of("key", "region", "op", "contains", "value", "BERLIN"))))))
			.containsExactly("Anna", "Bert");
		assertThat(members(segment("twelve", Map.of("fields", List.of(Map.of("key", "staff", "value", "12.0")))))).containsExactly("Anna");
		assertThat(members(segment("waiting", Map.of("hasOpenConversation", true)))).containsExactly("Anna", "Bert", "Carla");
		assertThat(members(segment("quiet", Map.of("hasOpenConversation", false)))).containsExactly("Dora", "Eve");
		assertThat(members(segment("api", Map.of("channel", "api")))).containsExactly("Anna", "Bert", "Carla", "Dora");
		assertThat(members(segment("text", Map.of("text", "dor")))).containsExactly("Dora");
		assertThat(members(segment("combined", Map.of("tags", List.of("press", "vip"), "tagMode", "any", "hasOpenConversation", true,
				"fields", List.of(Map.of("key", "region", "op", "contains", "value", "berlin")))))).containsExactly("Anna", "Bert");
		// An unknown tag or channel is no error: the segment is just empty.
		assertThat(members(segment("nobody", Map.of("tags", List.of("unknown-tag"))))).isEmpty();
		assertThat(members(segment("no channel", Map.of("channel", "telegraph")))).isEmpty();

		JsonNode list = api.get("/api/v1/segments").json().get("items");
		assertThat(list).hasSize(16);
		JsonNode stored = api.get("/api/v1/segments/" + list.get(0).get("id").asString()).json();
		assertThat(stored.get("filter").get("tags").toString()).isEqualTo("[\"press\",\"vip\"]");
		assertThat(stored.get("filter").get("tagMode").asString()).isEqualTo("all");
	}

	@Test
	void refusesBadSegmentsAndHidesThemFromOtherWorkspaces() {
		record Bad(Map<String, Object> body, String says) {
		}
		for (Bad bad : List.of(new Bad(Map.of("filter", Map.of()), "name"),
				new Bad(Map.of("name", "x"), "filter"),
				new Bad(Map.of("name", "x", "filter", Map.of("fields", List.of(Map.of("key", "colour", "value", "red")))), "'colour'"),
				new Bad(Map.of("name", "x", "filter", Map.of("fields", List.of(Map.of("key", "staff", "value", "many")))), "'staff'"),
				new Bad(Map.of("name", "x", "filter", Map.of("fields", List.of(Map.of("key", "region", "op", "like", "value", "a")))), "like"),
				new Bad(Map.of("name", "x", "filter", Map.of("tagMode", "most")), "most"),
				new Bad(Map.of("name", "x", "filter", Map.of("stage", "friend")), "friend"),
				new Bad(Map.of("name", "x", "filter", Map.of("organisationKind", "club")), "club"),
				new Bad(Map.of("name", "x", "filter", Map.of("organisationId", UUID.randomUUID().toString())), "organisation"))) {
			var r = api.post("/api/v1/segments", bad.body());
			assertThat(r.status()).as(bad.toString()).isEqualTo(400);
			assertThat(r.json().get("detail").asString()).as(bad.toString()).contains(bad.says());
		}
		String press = segment("Presse", Map.of("tags", List.of("press")));
		assertThat(api.post("/api/v1/segments", Map.of("name", "presse", "filter", Map.of())).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/segments").json().get("items")).hasSize(1);

		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		var ws = workspaces.create("Other " + slug, slug);
		var m = members.add(ws.id(), "o-" + slug + "@example.org", "O", PASSWORD, Role.OWNER);
		Api stranger = new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "O", ws.id(), Role.OWNER, null), "t").token());
		assertThat(stranger.get("/api/v1/segments").json().get("items")).isEmpty();
		assertThat(stranger.get("/api/v1/segments/" + press).status()).isEqualTo(404);
		assertThat(stranger.get("/api/v1/segments/" + press + "/contacts").status()).isEqualTo(404);
		assertThat(stranger.get("/api/v1/conversations?segment=" + press).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/segments/" + press).status()).isEqualTo(404);
		// Another workspace's organisation cannot be used in a filter.
		assertThat(stranger.post("/api/v1/segments", Map.of("name", "x", "filter", Map.of("organisationId", tageblatt))).status())
			.isEqualTo(400);
		var viewer = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "Vera", PASSWORD, Role.VIEWER);
		Api viewerApi = new Api(baseUrl(), tokens.create(new CurrentUser(viewer.userId(), viewer.email(), "Vera", workspace.id(),
				Role.VIEWER, null), "t").token());
		assertThat(viewerApi.get("/api/v1/segments/" + press + "/contacts").json().get("items")).hasSize(2);
		assertThat(viewerApi.post("/api/v1/segments", Map.of("name", "v", "filter", Map.of())).status()).isEqualTo(403);
		assertThat(viewerApi.delete("/api/v1/segments/" + press).status()).isEqualTo(403);
		assertThat(api.delete("/api/v1/segments/" + press).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/segments/" + press).status()).isEqualTo(404);
	}

	@Test
	void aSegmentFiltersTheInboxTogetherWithTheOtherFilters() {
		String press = segment("Presse", Map.of("tags", List.of("press")));
		String vip = segment("VIP", Map.of("tags", List.of("vip"), "hasOpenConversation", true));
		assertThat(inbox("segment=" + press)).containsExactlyInAnyOrder("Anna", "Bert");
		assertThat(inbox("segment=" + vip)).containsExactlyInAnyOrder("Anna", "Carla");
		assertThat(inbox("segment=" + press + "&q=m-Bert")).containsExactly("Bert");
		assertThat(inbox("segment=" + press + "&status=done")).isEmpty();
		assertThat(inbox("segment=" + press + "&contact=" + contacts.get("Carla"))).isEmpty();
		// Paging with the cursor keeps the segment.
		JsonNode first = api.get("/api/v1/conversations?segment=" + press + "&limit=1").json();
		assertThat(first.get("items")).hasSize(1);
		JsonNode second = api.get("/api/v1/conversations?segment=" + press + "&limit=1&cursor=" + first.get("next").asString()).json();
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("next").isNull()).isTrue();
		assertThat(List.of(first.get("items").get(0).get("contact").get("name").asString(),
				second.get("items").get(0).get("contact").get("name").asString())).containsExactlyInAnyOrder("Anna", "Bert");
		// Without a segment the inbox shows everyone; an unknown segment is refused.
		assertThat(inbox("limit=50")).hasSize(4);
		assertThat(api.get("/api/v1/conversations?segment=" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/conversations?segment=nonsense").status()).isEqualTo(400);
	}
}

package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

class TagsIntegrationTests extends IntegrationTest {

	@Autowired
	Tags tags;

	@Autowired
	Contacts contacts;

	private String contact(String name, String email) {
		var response = api.post("/api/v1/contacts",
				Map.of("name", name, "identities", List.of(Map.of("kind", "email", "value", email))));
		assertThat(response.status()).isEqualTo(201);
		return response.json().get("id").asString();
	}

	private String otherWorkspaceToken() {
		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		var ws = workspaces.create("Other " + slug, slug);
		var m = members.add(ws.id(), "o-" + slug + "@example.org", "O", PASSWORD, Role.OWNER);
		return tokens.create(new CurrentUser(m.userId(), m.email(), "O", ws.id(), Role.OWNER, null), "t").token();
	}

	@Test
	void tagsAreSetNormalisedReadAndFiltered() {
		String anna = contact("Anna Adler", "anna@example.org");
		String bert = contact("Bert Braun", "bert@example.org");
		var put = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/contacts/" + anna + "/tags"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"tags\":[\" VIP \",\"Newsletter\",\"vip\",\"\"]}")));
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().get("tags").toString()).isEqualTo("[\"newsletter\",\"vip\"]");
		assertThat(api.get("/api/v1/contacts/" + anna + "/tags").json().get("tags").toString())
			.isEqualTo("[\"newsletter\",\"vip\"]");
		assertThat(api.get("/api/v1/contacts/" + bert + "/tags").json().get("tags").size()).isZero();

		var tagged = api.get("/api/v1/contacts/tagged/VIP").json().get("items");
		assertThat(tagged.size()).isEqualTo(1);
		assertThat(tagged.get(0).get("name").asString()).isEqualTo("Anna Adler");
		assertThat(api.get("/api/v1/contacts/tagged/unknown").json().get("items").size()).isZero();

		assertThat(put(api, token, anna, "{\"tags\":[\"a,b\"]}").status()).isEqualTo(400);
		assertThat(put(api, token, anna, "{\"tags\":[]}").json().get("tags").size()).isZero();
	}

	private Api.Response put(Api client, String bearer, String id, String body) {
		return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/contacts/" + id + "/tags"))
			.header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
	}

	@Test
	void viewersReadButMayNotChangeTags() {
		String anna = contact("Anna Adler", "anna@example.org");
		put(api, token, anna, "{\"tags\":[\"vip\"]}");
		var viewer = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "Vera", PASSWORD, Role.VIEWER);
		String viewerToken = tokens.create(new CurrentUser(viewer.userId(), viewer.email(), "Vera", workspace.id(),
				Role.VIEWER, null), "t").token();
		Api viewerApi = new Api(baseUrl(), viewerToken);
		assertThat(put(viewerApi, viewerToken, anna, "{\"tags\":[\"other\"]}").status()).isEqualTo(403);
		assertThat(viewerApi.get("/api/v1/contacts/" + anna + "/tags").json().get("tags").toString()).isEqualTo("[\"vip\"]");
	}

	@Test
	void tagsOfAnotherWorkspaceAreInvisible() {
		String anna = contact("Anna Adler", "anna@example.org");
		put(api, token, anna, "{\"tags\":[\"vip\"]}");
		String strangerToken = otherWorkspaceToken();
		Api stranger = new Api(baseUrl(), strangerToken);
		assertThat(stranger.get("/api/v1/contacts/" + anna + "/tags").status()).isEqualTo(404);
		assertThat(stranger.get("/api/v1/contacts/tagged/vip").json().get("items").size()).isZero();
		assertThat(put(stranger, strangerToken, anna, "{\"tags\":[\"x\"]}").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/contacts/" + anna + "/tags").json().get("tags").toString()).isEqualTo("[\"vip\"]");
	}

	@Test
	void mergingUnitesTagsAndUndoGivesBackTheAbsorbedContactsOwnTags() {
		String anna = contact("Anna Adler", "anna@example.org");
		String other = contact("A. Adler", "a.adler@example.com");
		put(api, token, anna, "{\"tags\":[\"vip\",\"kunde\"]}");
		put(api, token, other, "{\"tags\":[\"vip\",\"messe\"]}");
		var merged = api.post("/api/v1/contacts/" + anna + "/merge", Map.of("otherId", other));
		assertThat(merged.status()).as(merged.body()).isEqualTo(201);
		assertThat(api.get("/api/v1/contacts/" + anna + "/tags").json().get("tags").toString())
			.isEqualTo("[\"kunde\",\"messe\",\"vip\"]");
		String mergeId = merged.json().get("mergeId").asString();
		var undone = api.post("/api/v1/merges/" + mergeId + "/undo", Map.of());
		assertThat(undone.status()).as(undone.body()).isLessThan(300);
		assertThat(api.get("/api/v1/contacts/" + other + "/tags").json().get("tags").toString()).isEqualTo("[\"messe\"]");
		assertThat(api.get("/api/v1/contacts/" + anna + "/tags").json().get("tags").toString())
			.isEqualTo("[\"kunde\",\"vip\"]");
	}

	@Test
	void theTagsOfManyContactsAreReadAtOnceWithinTheWorkspace() {
		String anna = contact("Anna Adler", "anna@example.org");
		String bert = contact("Bert Braun", "bert@example.org");
		put(api, token, anna, "{\"tags\":[\"vip\",\"b\u00fchne\"]}");

		Map<ContactId, List<String>> each = tags.ofEach(workspace.id(), ContactId.all(List.of(UUID.fromString(anna), UUID.fromString(bert))));
		assertThat(each).containsOnlyKeys(ContactId.of(UUID.fromString(anna)));
		assertThat(each.get(ContactId.of(UUID.fromString(anna)))).containsExactly("b\u00fchne", "vip");
		assertThat(tags.ofEach(UUID.randomUUID(), ContactId.all(List.of(UUID.fromString(anna))))).isEmpty();
		assertThat(tags.ofEach(workspace.id(), List.of())).isEmpty();
	}

	@Test
	void theContactsCarryingAnyOfSomeTagsAreFoundWithThoseTagsOnly() {
		String anna = contact("Anna Adler", "anna@example.org");
		String bert = contact("Bert Braun", "bert@example.org");
		contact("Carla Conrad", "carla@example.org");
		put(api, token, anna, "{\"tags\":[\"vip\",\"pflege\",\"garten\"]}");
		put(api, token, bert, "{\"tags\":[\"kunde\"]}");

		Map<ContactId, List<String>> found = tags.withAnyOf(workspace.id(), List.of("pflege", "vip", "kunde", "unbekannt"));
		ContactId annaId = ContactId.of(UUID.fromString(anna));
		ContactId bertId = ContactId.of(UUID.fromString(bert));
		assertThat(found).containsOnlyKeys(annaId, bertId);
		assertThat(found.get(annaId)).containsExactly("pflege", "vip");
		assertThat(found.get(bertId)).containsExactly("kunde");
		assertThat(tags.withAnyOf(UUID.randomUUID(), List.of("vip"))).isEmpty();
		assertThat(tags.withAnyOf(workspace.id(), List.of())).isEmpty();
	}

	@Test
	void contactsAnswerTheirWebsitesInLowerCaseWithoutTrailingSlashes() {
		var created = api.post("/api/v1/contacts", Map.of("name", "Gerd Web", "identities",
				List.of(Map.of("kind", "handle:web", "value", "https://Gerd.Example/blog/"),
						Map.of("kind", "email", "value", "gerd@example.org"))));
		assertThat(created.status()).isEqualTo(201);
		UUID gerd = UUID.fromString(created.json().get("id").asString());
		contact("Hanna Ohneweb", "hanna@example.org");

		assertThat(contacts.websites(workspace.id())).containsOnlyKeys(ContactId.of(gerd));
		assertThat(contacts.websites(workspace.id()).get(ContactId.of(gerd))).containsExactly("https://gerd.example/blog");
		assertThat(contacts.websites(UUID.randomUUID())).isEmpty();
	}
}

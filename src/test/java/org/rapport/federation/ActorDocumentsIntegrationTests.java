package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** WebFinger, NodeInfo and the actor's documents, each dereferenceable at its id, in the shapes Mastodon reads. */
class ActorDocumentsIntegrationTests extends FederationTest {

	@Autowired
	PublicAddress address;

	private Api.Response get(String path, String accept) {
		return api.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", accept).GET());
	}

	/** The path of one of our ids (they carry the configured base URL). */
	private String path(String id) {
		URI uri = URI.create(id);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	@Test
	void webFingerFindsTheBlogByHandleAndByActorUrl() {
		String acct = "acct:" + workspace.slug() + "@" + address.host();
		Api.Response response = get("/.well-known/webfinger?resource=" + URLEncoder.encode(acct, StandardCharsets.UTF_8),
				"application/jrd+json");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/jrd+json"));
		JsonNode jrd = response.json();
		assertThat(jrd.get("subject").asString()).isEqualTo(acct);
		JsonNode self = null;
		for (JsonNode link : jrd.get("links")) {
			if (link.get("rel").asString().equals("self")) {
				self = link;
			}
		}
		assertThat(self.get("type").asString()).isEqualTo("application/activity+json");
		assertThat(self.get("href").asString()).isEqualTo(ourActor());
		assertThat(jrd.toString()).contains("http://webfinger.net/rel/profile-page");

		Api.Response byUrl = get("/.well-known/webfinger?resource=" + URLEncoder.encode(ourActor(), StandardCharsets.UTF_8), "*/*");
		assertThat(byUrl.json().get("subject").asString()).isEqualTo(acct);
	}

	@Test
	void webFingerAnswers404ForUnknownAnd400WithoutResource() {
		assertThat(get("/.well-known/webfinger?resource=acct:nobody-here@" + address.host(), "*/*").status()).isEqualTo(404);
		assertThat(get("/.well-known/webfinger?resource=acct:" + workspace.slug() + "@elsewhere.example", "*/*").status())
			.isEqualTo(404);
		Api.Response missing = get("/.well-known/webfinger", "*/*");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("detail").asString()).contains("resource=acct:");
	}

	@Test
	void nodeInfoDescribesRapport() {
		JsonNode discovery = get("/.well-known/nodeinfo", "application/json").json();
		JsonNode link = discovery.get("links").get(0);
		assertThat(link.get("rel").asString()).isEqualTo("http://nodeinfo.diaspora.software/ns/schema/2.1");
		publish("Zähl mich");
		JsonNode info = get(path(link.get("href").asString()), "application/json").json();
		assertThat(info.get("version").asString()).isEqualTo("2.1");
		assertThat(info.at("/software/name").asString()).isEqualTo("rapport");
		assertThat(info.get("protocols").get(0).asString()).isEqualTo("activitypub");
		assertThat(info.at("/usage/users/total").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(info.at("/usage/localPosts").asInt()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void actorDocumentCarriesInboxesAndAUsablePublicKey() {
		Api.Response response = get("/ap/" + workspace.slug(), "application/activity+json");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/activity+json"));
		JsonNode actor = response.json();
		assertThat(actor.get("id").asString()).isEqualTo(ourActor());
		assertThat(actor.get("type").asString()).isEqualTo("Organization");
		assertThat(actor.get("preferredUsername").asString()).isEqualTo(workspace.slug());
		assertThat(actor.get("inbox").asString()).isEqualTo(ourActor() + "/inbox");
		assertThat(actor.at("/endpoints/sharedInbox").asString()).endsWith("/ap/inbox");
		assertThat(actor.get("url").asString()).endsWith("/blog/" + workspace.slug());
		assertThat(actor.at("/publicKey/id").asString()).isEqualTo(ourActor() + "#main-key");
		assertThat(actor.at("/publicKey/owner").asString()).isEqualTo(ourActor());
		var key = PemKeys.parsePublic(actor.at("/publicKey/publicKeyPem").asString());
		assertThat(key.getAlgorithm()).isEqualTo("RSA");
		// The same key on every fetch: it is stored, not made per request.
		assertThat(get("/ap/" + workspace.slug(), "application/activity+json").json().at("/publicKey/publicKeyPem").asString())
			.isEqualTo(actor.at("/publicKey/publicKeyPem").asString());
		// Every linked collection is dereferenceable.
		for (String field : new String[] { "outbox", "followers", "following" }) {
			assertThat(get(path(actor.get(field).asString()), "application/activity+json").status()).as(field).isEqualTo(200);
		}
		assertThat(get("/ap/no-such-blog", "application/activity+json").status()).isEqualTo(404);
	}

	@Test
	void outboxPagesCreateArticlesOfPublishedPostsOnly() {
		UUID first = publish("Erster Beitrag");
		UUID second = publish("Zweiter Beitrag");
		api.post("/api/v1/blog/posts", java.util.Map.of("title", "Entwurf", "markdown", "geheim", "status", "draft"));
		JsonNode outbox = get("/ap/" + workspace.slug() + "/outbox", "application/activity+json").json();
		assertThat(outbox.get("type").asString()).isEqualTo("OrderedCollection");
		assertThat(outbox.get("totalItems").asInt()).isEqualTo(2);
		JsonNode page = get(path(outbox.get("first").asString()), "application/activity+json").json();
		assertThat(page.get("type").asString()).isEqualTo("OrderedCollectionPage");
		JsonNode items = page.get("orderedItems");
		assertThat(items.size()).isEqualTo(2);
		JsonNode create = items.get(0);
		assertThat(create.get("type").asString()).isEqualTo("Create");
		assertThat(create.at("/object/type").asString()).isEqualTo("Article");
		assertThat(create.at("/object/id").asString()).isEqualTo(ids.post(workspace.slug(), second));
		assertThat(create.at("/object/to/0").asString()).isEqualTo(Documents.PUBLIC);
		assertThat(create.at("/object/cc/0").asString()).isEqualTo(ourActor() + "/followers");
		assertThat(page.toString()).doesNotContain("geheim");

		// The Create and the Article are each served at their id.
		assertThat(get(path(create.get("id").asString()), "application/activity+json").json().get("type").asString())
			.isEqualTo("Create");
		JsonNode article = get(path(ids.post(workspace.slug(), first)), "application/activity+json").json();
		assertThat(article.get("name").asString()).isEqualTo("Erster Beitrag");
		assertThat(article.get("content").asString()).contains("<strong>Bericht</strong>");
		assertThat(article.get("attributedTo").asString()).isEqualTo(ourActor());
		assertThat(article.get("tag").get(0).get("name").asString()).isEqualTo("#Inklusion");

		// Relative links and images in a post point at this server when shown elsewhere.
		UUID linked = UUID.fromString(api.post("/api/v1/blog/posts", java.util.Map.of("title", "Mit Bild",
				"markdown", "![Logo](/img/logo.png) und [Impressum](/blog/" + workspace.slug() + "/impressum)", "status", "published"))
			.json().get("id").asString());
		String content = get(path(ids.post(workspace.slug(), linked)), "application/activity+json").json().get("content").asString();
		assertThat(content).contains("src=\"" + baseUrl() + "/img/logo.png\"")
			.contains("href=\"" + baseUrl() + "/blog/" + workspace.slug() + "/impressum\"");
	}

	@Test
	void outboxPagesOutOfRangeAreRefusedNotFailed() {
		publish("Nur einer");
		String outbox = "/ap/" + workspace.slug() + "/outbox?page=";
		for (String page : new String[] { "2147483647", "107374183", "100001", "0", "-1", "-2147483648", "99999999999", "zwei" }) {
			Api.Response response = get(outbox + page, "application/activity+json");
			assertThat(response.status()).as("page " + page).isEqualTo(400);
		}
		// The last page within the limit is an empty page, with no next page and a previous one.
		Api.Response last = get(outbox + "100000", "application/activity+json");
		assertThat(last.status()).isEqualTo(200);
		assertThat(last.json().get("orderedItems").size()).isZero();
		assertThat(last.json().has("next")).isFalse();
	}

	@Test
	void theBlogPostAddressAnswersWithTheArticleWhenAskedForActivityPub() throws Exception {
		UUID id = publish("Adressen");
		String url = api.get("/api/v1/blog/posts/" + id).json().get("url").asString();
		String postPath = URI.create(url).getPath();
		Api.Response activity = get(postPath, "application/activity+json");
		assertThat(activity.status()).isEqualTo(200);
		assertThat(activity.json().get("id").asString()).isEqualTo(ids.post(workspace.slug(), id));
		Api.Response ldJson = get(postPath, "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
		assertThat(ldJson.json().get("type").asString()).isEqualTo("Article");
		HttpResponse<String> html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + postPath))
			.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.body()).contains("<h1").contains("Adressen");
	}

	@Test
	void aPostTakenBackIsGoneAndOneNeverPublishedIsUnknown() {
		UUID id = publish("Zurückgezogen");
		api.patch("/api/v1/blog/posts/" + id, java.util.Map.of("status", "draft"));
		Api.Response gone = get(path(ids.post(workspace.slug(), id)), "application/activity+json");
		assertThat(gone.status()).isEqualTo(410);
		assertThat(gone.json().get("type").asString()).isEqualTo("Tombstone");
		UUID draft = UUID.fromString(api.post("/api/v1/blog/posts", java.util.Map.of("title", "Nie", "markdown", "x"))
			.json().get("id").asString());
		assertThat(get(path(ids.post(workspace.slug(), draft)), "application/activity+json").status()).isEqualTo(404);
	}
}

package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;

import tools.jackson.databind.JsonNode;

/**
 * Deliveries to other servers: one signed Create{Article} per distinct shared inbox, RFC 9421 when draft-cavage is
 * refused, retries with backoff and the list of failed deliveries, edits and withdrawals, and replies from the
 * inbox.
 */
class OutboundDeliveryIntegrationTests extends FederationTest {

	FakeMastodon other;

	@AfterEach
	void stopOther() {
		if (other != null) {
			other.close();
		}
	}

	private List<FakeMastodon.Received> ofType(FakeMastodon server, String type) {
		return server.received.stream().filter(r -> type.equals(json(r).path("type").asString(""))).toList();
	}

	@Test
	void publishingDeliversOneSignedCreateArticlePerDistinctSharedInbox() throws Exception {
		other = new FakeMastodon();
		follow("alice");
		follow("bob");
		send("follow", "carol", Map.of("n", String.valueOf(next()), "our", ourActor()));
		other.deliver("dave", sharedInboxUrl(), fixtureFor(other, "dave"));
		assertThat(api.get("/api/v1/federation").json().get("followers").asInt()).isEqualTo(4);

		UUID post = publish("Neu im Blog");
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Create").size() + ofType(other, "Create").size() >= 2);
		Thread.sleep(1500); // nothing more arrives
		List<FakeMastodon.Received> creates = ofType(mastodon, "Create");
		assertThat(creates).hasSize(1);
		assertThat(ofType(other, "Create")).hasSize(1);
		FakeMastodon.Received create = creates.get(0);
		assertThat(create.path()).isEqualTo("/inbox");
		assertThat(create.header("Content-Type")).startsWith("application/activity+json");
		JsonNode activity = json(create);
		assertThat(activity.at("/object/type").asString()).isEqualTo("Article");
		assertThat(activity.at("/object/id").asString()).isEqualTo(ids.post(workspace.slug(), post));
		assertThat(activity.at("/object/name").asString()).isEqualTo("Neu im Blog");
		assertThat(activity.at("/to/0").asString()).isEqualTo(Documents.PUBLIC);
		assertThat(activity.at("/cc/0").asString()).isEqualTo(ourActor() + "/followers");
		HttpSignatures.Verified verified = verifyOurSignature(create);
		assertThat(verified.keyId()).isEqualTo(ourActor() + "#main-key");
		assertThat(create.header("Signature")).contains("rsa-sha256");
	}

	private String fixtureFor(FakeMastodon server, String name) {
		return """
				{"@context":"https://www.w3.org/ns/activitystreams","id":"%s/%d","type":"Follow","actor":"%s","object":"%s"}"""
			.formatted(server.base, next(), server.actor(name), ourActor());
	}

	@Test
	void aServerThatRefusesDraftCavageGetsRfc9421AtOnce() throws Exception {
		follow("alice");
		mastodon.inboxStatus = r -> r.header("Signature-Input") == null ? 401 : 202;
		publish("Nur mit neuer Signatur");
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Create").size() >= 2);
		List<FakeMastodon.Received> creates = ofType(mastodon, "Create");
		assertThat(creates.get(0).header("Signature-Input")).isNull();
		FakeMastodon.Received second = creates.get(1);
		assertThat(second.header("Signature-Input")).contains("@method").contains("@target-uri").contains("content-digest");
		assertThat(verifyOurSignature(second).keyId()).isEqualTo(ourActor() + "#main-key");
		await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/federation/deliveries?status=done").json()
			.get("items").toString().contains("Create"));
		assertThat(api.get("/api/v1/federation/deliveries?status=failed").json().get("items").size()).isZero();
	}

	@Test
	void aFailingServerIsRetriedLaterAndFailedDeliveriesCanBeRetriedByHand() {
		follow("alice");
		mastodon.inboxStatus = r -> json(r).path("type").asString("").equals("Create") ? 503 : 202;
		publish("Server überlastet");
		await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/federation/deliveries?status=queued").json()
			.get("items").toString().contains("answered 503"));
		JsonNode queued = api.get("/api/v1/federation/deliveries?status=queued").json().get("items").get(0);
		assertThat(queued.get("attempts").asInt()).isEqualTo(1);
		assertThat(queued.get("inbox").asString()).isEqualTo(mastodon.sharedInbox());
		UUID id = UUID.fromString(queued.get("id").asString());

		// After the last backoff the delivery is failed and listed, with its error.
		jdbc.sql("update scheduled_tasks set consecutive_failures = 5, execution_time = now() where task_instance = ?")
			.param(id.toString()).update();
		await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/federation/deliveries?status=failed").json()
			.get("items").size() == 1);
		JsonNode failed = api.get("/api/v1/federation/deliveries?status=failed").json().get("items").get(0);
		assertThat(failed.get("activityType").asString()).isEqualTo("Create");
		assertThat(failed.get("lastError").asString()).contains("answered 503");
		String page = uiPage("/settings/federation");
		assertThat(page).contains("answered 503").contains("/settings/federation/deliveries/" + id + "/retry");

		// The server is back; a person retries.
		mastodon.inboxStatus = r -> 202;
		int before = ofType(mastodon, "Create").size();
		Api.Response retried = api.post("/api/v1/federation/deliveries/" + id + "/retry", Map.of());
		assertThat(retried.status()).isEqualTo(200);
		assertThat(retried.json().get("status").asString()).isEqualTo("queued");
		await().atMost(Duration.ofSeconds(15)).until(() -> ofType(mastodon, "Create").size() > before);
		await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/federation/deliveries?status=failed").json()
			.get("items").size() == 0);
		assertThat(api.post("/api/v1/federation/deliveries/" + id + "/retry", Map.of()).status()).isEqualTo(409);
		assertThat(api.post("/api/v1/federation/deliveries/" + UUID.randomUUID() + "/retry", Map.of()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/federation/deliveries?status=bogus").status()).isEqualTo(400);
	}

	@Test
	void editsGoOutAsUpdateAndWithdrawnPostsAsDelete() {
		follow("alice");
		UUID post = publish("Erste Fassung");
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Create").size() == 1);
		api.patch("/api/v1/blog/posts/" + post, Map.of("title", "Zweite Fassung"));
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Update").size() == 1);
		JsonNode update = json(ofType(mastodon, "Update").get(0));
		assertThat(update.at("/object/name").asString()).isEqualTo("Zweite Fassung");
		assertThat(update.at("/object/id").asString()).isEqualTo(ids.post(workspace.slug(), post));
		assertThat(update.at("/object/updated").isMissingNode()).isFalse();

		api.patch("/api/v1/blog/posts/" + post, Map.of("status", "draft"));
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Delete").size() == 1);
		JsonNode delete = json(ofType(mastodon, "Delete").get(0));
		assertThat(delete.at("/object/id").asString()).isEqualTo(ids.post(workspace.slug(), post));
		assertThat(delete.at("/object/type").asString()).isEqualTo("Tombstone");
	}

	@Test
	void aDeletedPostGoesOutAsDelete() {
		follow("alice");
		UUID post = publish("Bald gelöscht");
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Create").size() == 1);
		assertThat(api.delete("/api/v1/blog/posts/" + post).status()).isLessThan(300);
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Delete").size() == 1);
		assertThat(json(ofType(mastodon, "Delete").get(0)).at("/object/id").asString())
			.isEqualTo(ids.post(workspace.slug(), post));
	}

	@Test
	void aReplyWrittenInTheInboxReachesTheAuthorAsANoteInReplyToTheirs() throws Exception {
		follow("bob");
		UUID post = publish("Frage erwünscht");
		int n = next();
		send("create-reply", "alice", Map.of("n", String.valueOf(n), "our", ids.post(workspace.slug(), post)));
		String noteId = mastodon.actor("alice") + "/statuses/" + n;
		UUID conversation = UUID.fromString(jdbc.sql("select conversation_id from messages where external_id = ?")
			.param(noteId).query(String.class).single());

		Api.Response written = api.post("/api/v1/conversations/" + conversation + "/messages",
				Map.of("body", "Ja, die Broschüre gibt es in Leichter Sprache.", "kind", "reply"));
		assertThat(written.status()).isBetween(200, 201);
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Create").stream()
			.anyMatch(r -> json(r).at("/object/type").asString().equals("Note")));
		FakeMastodon.Received received = ofType(mastodon, "Create").stream()
			.filter(r -> json(r).at("/object/type").asString().equals("Note")).findFirst().orElseThrow();
		JsonNode note = json(received).get("object");
		assertThat(note.get("inReplyTo").asString()).isEqualTo(noteId);
		assertThat(note.get("content").asString()).contains("Leichter Sprache");
		assertThat(note.get("to").toString()).contains(Documents.PUBLIC);
		assertThat(note.get("cc").toString()).contains(mastodon.actor("alice"));
		assertThat(note.at("/tag/0/href").asString()).isEqualTo(mastodon.actor("alice"));
		verifyOurSignature(received);
		// The note is served at its id, and the answer shows under the (now approved) comment on the blog.
		String notePath = java.net.URI.create(note.get("id").asString()).getPath();
		assertThat(api.get(notePath).json().get("inReplyTo").asString()).isEqualTo(noteId);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
			.sql("select count(*) from blog_comments where post_id = ? and from_team and status = 'approved'").param(post)
			.query(Integer.class).single() == 1);
	}

	@Test
	void theBlogFollowsAndUnfollowsARemoteActor() {
		String alice = mastodon.actor("alice");
		Api.Response followed = api.post("/api/v1/federation/follow", Map.of("handle", alice));
		assertThat(followed.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Follow").size() == 1);
		JsonNode follow = json(ofType(mastodon, "Follow").get(0));
		assertThat(follow.get("object").asString()).isEqualTo(alice);
		assertThat(follow.get("actor").asString()).isEqualTo(ourActor());
		assertThat(api.get("/api/v1/federation/following").json().at("/items/0/status").asString()).isEqualTo("pending");

		assertThat(api.post("/api/v1/federation/unfollow", Map.of("handle", alice)).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> ofType(mastodon, "Undo").size() == 1);
		assertThat(json(ofType(mastodon, "Undo").get(0)).at("/object/id").asString()).isEqualTo(follow.get("id").asString());
		assertThat(api.get("/api/v1/federation/following").json().get("items").size()).isZero();
		assertThat(api.post("/api/v1/federation/unfollow", Map.of("handle", alice)).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/federation/follow", Map.of("handle", "not a handle")).status()).isEqualTo(400);
	}
}

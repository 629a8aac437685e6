package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.blog.Posts;
import org.rapport.blog.Reactions;
import org.rapport.contacts.IdentityKind;
import org.rapport.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Activities as Mastodon sends them, signed with the remote actor's key: accepted with their effects, and refused
 * when unsigned, wrongly signed, replayed, oversized or signed by someone else.
 */
class InboundActivitiesIntegrationTests extends FederationTest {

	@Autowired
	Reactions reactions;

	@Autowired
	Posts posts;

	@Autowired
	InstanceActor instance;

	UUID postId;
	String postObject;

	@BeforeEach
	void publishAPost() {
		postId = publish("Broschüre zur Inklusion");
		postObject = ids.post(workspace.slug(), postId);
	}

	private int followers() {
		return jdbc.sql("select count(*) from ap_followers where workspace_id = ?").param(workspace.id()).query(Integer.class).single();
	}

	@Test
	void followIsStoredAndAcceptedWithASignedAcceptThenUndone() throws Exception {
		int n = next();
		assertThat(send("follow", "alice", Map.of("n", String.valueOf(n), "our", ourActor()))).isEqualTo(202);
		assertThat(followers()).isEqualTo(1);
		assertThat(jdbc.sql("select shared_inbox from ap_followers where workspace_id = ?").param(workspace.id())
			.query(String.class).single()).isEqualTo(mastodon.sharedInbox());

		await().atMost(Duration.ofSeconds(15)).until(() -> !mastodon.receivedOfType("/users/alice/inbox", "Accept").isEmpty());
		FakeMastodon.Received accept = mastodon.receivedOfType("/users/alice/inbox", "Accept").get(0);
		JsonNode body = json(accept);
		assertThat(body.get("type").asString()).isEqualTo("Accept");
		assertThat(body.get("actor").asString()).isEqualTo(ourActor());
		assertThat(body.at("/object/id").asString()).isEqualTo(mastodon.base + "/" + n);
		assertThat(verifyOurSignature(accept).scheme()).containsIgnoringCase("cavage");
		// The Accept is dereferenceable at its id.
		assertThat(api.get(URI.create(body.get("id").asString()).getPath()).json().get("type").asString()).isEqualTo("Accept");

		assertThat(api.get("/api/v1/federation").json().get("followers").asInt()).isEqualTo(1);

		assertThat(send("undo-follow", "alice", Map.of("n", String.valueOf(next()), "followN", String.valueOf(n), "our", ourActor())))
			.isEqualTo(202);
		assertThat(followers()).isZero();
	}

	@Test
	void aReplyArrivesInTheInboxAsAPendingSanitisedCommentThenUpdatesAndDeletes() {
		int n = next();
		assertThat(send("create-reply", "alice", Map.of("n", String.valueOf(n), "our", postObject))).isEqualTo(202);
		String noteId = mastodon.actor("alice") + "/statuses/" + n;

		// In the inbox, on the Fediverse channel, from a contact with the actor as identity.
		JsonNode message = jdbc.sql("""
				select m.body_html, m.conversation_id, c.kind, m.sender_name from messages m join channels c on c.id = m.channel_id
				where m.workspace_id = ? and m.external_id = ?""")
			.params(workspace.id(), noteId)
			.query((rs, i) -> Api.JSON.createObjectNode().put("html", rs.getString(1)).put("conversation", rs.getString(2))
				.put("kind", rs.getString(3)).put("sender", rs.getString(4)))
			.single();
		assertThat(message.get("kind").asString()).isEqualTo("activitypub");
		assertThat(message.get("sender").asString()).isEqualTo("Alice Beispiel");
		assertThat(message.get("html").asString()).contains("Leichter Sprache").doesNotContain("<script").doesNotContain("onerror");
		String inboxPage = uiPage("/inbox/" + message.get("conversation").asString());
		assertThat(inboxPage).contains("Fediverse").contains("Leichter Sprache").doesNotContain("??").doesNotContain("<script>alert");
		assertThat(jdbc.sql("select count(*) from identities where workspace_id = ? and kind = ? and value = ?")
			.params(workspace.id(), IdentityKind.ACTIVITYPUB, mastodon.actor("alice").toLowerCase()).query(Integer.class).single())
			.isEqualTo(1);

		// A pending comment under the post, shown once approved, with a link to the original.
		JsonNode pending = api.get("/api/v1/blog/comments").json();
		assertThat(pending.toString()).contains("Leichter Sprache");
		UUID commentId = UUID.fromString(jdbc.sql("select id from blog_comments where origin_url = ?").param(noteId)
			.query(String.class).single());
		assertThat(jdbc.sql("select status from blog_comments where id = ?").param(commentId).query(String.class).single())
			.isEqualTo("pending");
		String postPath = URI.create(posts.url(posts.get(workspace.id(), postId))).getPath();
		assertThat(api.get(postPath).body()).doesNotContain("Leichter Sprache");
		assertThat(api.post("/api/v1/blog/comments/" + commentId + "/approve", Map.of()).status()).isEqualTo(200);
		String page = api.get(postPath).body();
		assertThat(page).contains("Leichter Sprache").contains("href=\"" + noteId + "\"").doesNotContain("alert(");

		// The author edits the note: message and comment follow.
		assertThat(send("update-note", "alice", Map.of("n", String.valueOf(next()), "noteN", String.valueOf(n), "our", postObject)))
			.isEqualTo(202);
		assertThat(api.get(postPath).body()).contains("und als PDF");
		assertThat(jdbc.sql("select body_text from messages where external_id = ?").param(noteId).query(String.class).single())
			.contains("und als PDF");

		// The author deletes it: the comment goes, the message is blanked.
		assertThat(send("delete-note", "alice", Map.of("noteN", String.valueOf(n)))).isEqualTo(202);
		assertThat(api.get(postPath).body()).doesNotContain("Leichter Sprache").doesNotContain("als PDF");
		assertThat(jdbc.sql("select count(*) from blog_comments where id = ?").param(commentId).query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select body_text from messages where external_id = ?").param(noteId).query(String.class).single())
			.doesNotContain("PDF");
	}

	@Test
	void onlyTheAuthorMayEditOrDeleteANote() {
		int n = next();
		send("create-reply", "alice", Map.of("n", String.valueOf(n), "our", postObject));
		String noteId = mastodon.actor("alice") + "/statuses/" + n;
		// Mallory rewrites Alice's note id in her own Delete.
		String delete = fixture("delete-note", "mallory", Map.of("noteN", String.valueOf(n))).replace(
				mastodon.actor("mallory") + "/statuses/" + n + "\"", noteId + "\"");
		assertThat(mastodon.deliver("mallory", sharedInboxUrl(), delete)).isEqualTo(202);
		assertThat(jdbc.sql("select count(*) from blog_comments where origin_url = ?").param(noteId).query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void likesAndBoostsAreCountedOncePerPersonAndCanBeUndone() {
		int like = next();
		assertThat(send("like", "alice", Map.of("n", String.valueOf(like), "our", postObject))).isEqualTo(202);
		assertThat(send("like", "alice", Map.of("n", String.valueOf(like), "our", postObject))).isEqualTo(202); // repeated
		assertThat(send("like", "bob", Map.of("n", String.valueOf(next()), "our", postObject))).isEqualTo(202);
		assertThat(send("announce", "bob", Map.of("n", String.valueOf(next()), "our", postObject))).isEqualTo(202);
		assertThat(reactions.of(postId)).isEqualTo(new Reactions.Counts(2, 1));

		String postPath = URI.create(posts.url(posts.get(workspace.id(), postId))).getPath();
		assertThat(api.get(postPath).body()).contains("2 likes").contains("1 boost");

		assertThat(send("undo-like", "alice", Map.of("likeN", String.valueOf(like), "our", postObject))).isEqualTo(202);
		assertThat(reactions.of(postId)).isEqualTo(new Reactions.Counts(1, 1));
	}

	@Test
	void aRepeatedActivityIdChangesNothing() {
		String reply = fixture("create-reply", "alice", Map.of("n", String.valueOf(next()), "our", postObject));
		assertThat(mastodon.deliver("alice", sharedInboxUrl(), reply)).isEqualTo(202);
		assertThat(mastodon.deliver("alice", sharedInboxUrl(), reply)).isEqualTo(202);
		assertThat(jdbc.sql("select count(*) from blog_comments where post_id = ?").param(postId).query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void anUnsignedActivityIsRefused() {
		byte[] body = fixture("like", "alice", Map.of("n", String.valueOf(next()), "our", postObject)).getBytes(StandardCharsets.UTF_8);
		assertThat(FakeMastodon.post(sharedInboxUrl(), body, Map.of())).isEqualTo(401);
		assertThat(reactions.of(postId).any()).isFalse();
	}

	@Test
	void anActivitySignedWithTheWrongKeyIsRefused() {
		KeyPair other = PemKeys.generateRsa();
		byte[] body = fixture("like", "alice", Map.of("n", String.valueOf(next()), "our", postObject)).getBytes(StandardCharsets.UTF_8);
		var headers = HttpSignatures.signCavage("POST", URI.create(sharedInboxUrl()), body, mastodon.keyId("alice"),
				other.getPrivate(), Instant.now());
		assertThat(FakeMastodon.post(sharedInboxUrl(), body, headers)).isEqualTo(401);
		assertThat(reactions.of(postId).any()).isFalse();
	}

	@Test
	void aReplayedActivityWithAnOldDateIsRefused() {
		byte[] body = fixture("like", "alice", Map.of("n", String.valueOf(next()), "our", postObject)).getBytes(StandardCharsets.UTF_8);
		var headers = HttpSignatures.signCavage("POST", URI.create(sharedInboxUrl()), body, mastodon.keyId("alice"),
				mastodon.keys.getPrivate(), Instant.now().minus(Duration.ofHours(3)));
		assertThat(FakeMastodon.post(sharedInboxUrl(), body, headers)).isEqualTo(401);
		assertThat(reactions.of(postId).any()).isFalse();
	}

	@Test
	void aBodyChangedAfterSigningIsRefused() {
		byte[] body = fixture("like", "alice", Map.of("n", String.valueOf(next()), "our", postObject)).getBytes(StandardCharsets.UTF_8);
		var headers = HttpSignatures.signCavage("POST", URI.create(sharedInboxUrl()), body, mastodon.keyId("alice"),
				mastodon.keys.getPrivate(), Instant.now());
		byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Like", "Announce").getBytes(StandardCharsets.UTF_8);
		assertThat(FakeMastodon.post(sharedInboxUrl(), tampered, headers)).isIn(400, 401);
		assertThat(reactions.of(postId).any()).isFalse();
	}

	@Test
	void anActivityNamingAnotherActorThanTheSignerIsRefused() {
		// Mallory signs a Like that claims to be Alice's.
		String like = fixture("like", "alice", Map.of("n", String.valueOf(next()), "our", postObject));
		assertThat(mastodon.deliver("mallory", sharedInboxUrl(), like)).isEqualTo(401);
		assertThat(reactions.of(postId).any()).isFalse();
	}

	@Test
	void anOversizedActivityIsRefusedWith400() {
		String like = fixture("like", "alice", Map.of("n", String.valueOf(next()), "our", postObject));
		String big = like.replace("\"type\": \"Like\"", "\"type\": \"Like\", \"padding\": \"" + "x".repeat(300 * 1024) + "\"");
		assertThat(mastodon.deliver("alice", sharedInboxUrl(), big)).isEqualTo(400);
	}

	@Test
	void hostileJsonIsRefusedWithoutAServerError() {
		for (String body : new String[] { "not json", "[1,2,3]", "{\"type\":\"Like\"}", "{\"id\":5,\"type\":[],\"actor\":{},\"object\":null}" }) {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			var headers = HttpSignatures.signCavage("POST", URI.create(sharedInboxUrl()), bytes, mastodon.keyId("alice"),
					mastodon.keys.getPrivate(), Instant.now());
			assertThat(FakeMastodon.post(sharedInboxUrl(), bytes, headers)).as(body).isBetween(400, 499);
		}
		String weird = """
				{"@context":"https://www.w3.org/ns/activitystreams","id":"%s#weird-%d","type":"Create","actor":"%s",
				 "object":{"id":{"nested":true},"type":"Note","attributedTo":["x"],"inReplyTo":42,"content":{"html":1}}}"""
			.formatted(mastodon.actor("alice"), next(), mastodon.actor("alice"));
		assertThat(mastodon.deliver("alice", sharedInboxUrl(), weird)).isBetween(200, 499);
	}

	@Test
	void anActivitySignedWithRfc9421IsAccepted() {
		byte[] body = fixture("like", "alice", Map.of("n", String.valueOf(next()), "our", postObject)).getBytes(StandardCharsets.UTF_8);
		// The signature covers the address Rapport is reachable at, as its base URL says.
		URI target = URI.create(ids.sharedInbox());
		var headers = HttpSignatures.signRfc9421("POST", target, body, mastodon.keyId("alice"), mastodon.keys.getPrivate(),
				Instant.now());
		assertThat(FakeMastodon.post(sharedInboxUrl(), body, headers)).isEqualTo(202);
		assertThat(reactions.of(postId).likes()).isEqualTo(1);
	}

	@Test
	void aDeletedAccountWhoseKeyIsGoneIsDroppedQuietly() {
		String delete = fixture("delete-actor", "ghost", Map.of());
		byte[] body = delete.getBytes(StandardCharsets.UTF_8);
		var headers = HttpSignatures.signCavage("POST", URI.create(sharedInboxUrl()), body,
				mastodon.base + "/users/ghost-gone#main-key", PemKeys.generateRsa().getPrivate(), Instant.now());
		assertThat(FakeMastodon.post(sharedInboxUrl(), body, headers)).isEqualTo(202);
	}

	@Test
	void theActorInboxOfAnUnknownBlogIs404() {
		String like = fixture("like", "alice", Map.of("n", String.valueOf(next()), "our", postObject));
		assertThat(mastodon.deliver("alice", baseUrl() + "/ap/no-such-blog/inbox", like)).isEqualTo(404);
		assertThat(mastodon.deliver("alice", baseUrl() + "/ap/" + workspace.slug() + "/inbox", like)).isEqualTo(202);
		assertThat(reactions.of(postId).likes()).isEqualTo(1);
	}

	@Test
	void aServerInSecureModeIsFetchedWithRequestsSignedByTheInstanceActor() {
		mastodon.fetchAllowed = fetch -> {
			try {
				HttpSignatures.verify(new HttpSignatures.Request("GET", URI.create(mastodon.base + fetch.path()), fetch.headers(), null),
						keyId -> {
							if (!keyId.equals(instance.keyId())) {
								throw new IllegalArgumentException("unknown key " + keyId);
							}
							return PemKeys.parsePublic(api.get(URI.create(instance.id()).getPath()).json().at("/publicKey/publicKeyPem")
								.asString());
						}, Instant.now(), Duration.ofMinutes(5));
				return true;
			}
			catch (HttpSignatures.SignatureFailure e) {
				return false;
			}
		};
		assertThat(send("like", "erin", Map.of("n", String.valueOf(next()), "our", postObject))).isEqualTo(202);
		assertThat(reactions.of(postId).likes()).isEqualTo(1);
		assertThat(mastodon.fetches).isNotEmpty();
		assertThat(mastodon.fetches.get(0).header("Signature")).contains(instance.keyId());

		JsonNode actor = api.get(URI.create(instance.id()).getPath()).json();
		assertThat(actor.get("type").asString()).isEqualTo("Application");
		assertThat(actor.at("/publicKey/owner").asString()).isEqualTo(instance.id());
	}
}

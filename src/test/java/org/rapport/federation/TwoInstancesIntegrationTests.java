package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rapport.RapportApplication;
import org.rapport.blog.Reactions;
import org.rapport.platform.ApiTokens;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Two Rapport installations on loopback federate: B's blog follows A's, A publishes and B receives the post in its
 * inbox, B answers from its inbox and the answer lands in A's inbox as a pending comment; B's like and boost are
 * counted at A; A's edit and withdrawal reach B. Instance A is the shared test context, B a second application
 * context with its own port, data directory and database.
 */
class TwoInstancesIntegrationTests extends IntegrationTest {

	static ConfigurableApplicationContext b;
	static int bPort;

	@Autowired
	Reactions reactions;

	@Autowired
	LocalObjects ids;

	@BeforeAll
	static void startInstanceB() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			bPort = socket.getLocalPort();
		}
		Path data = TestDataDirs.create("rapport-b-");
		// Command-line arguments, since they take precedence over application.properties.
		b = new SpringApplicationBuilder(RapportApplication.class).run(
				"--server.port=" + bPort,
				"--rapport.base-url=http://localhost:" + bPort,
				"--rapport.data-dir=" + data,
				"--rapport.allow-private-networks=true",
				"--server.shutdown=immediate",
				"--spring.jmx.enabled=false");
	}

	@AfterAll
	static void stopInstanceB() {
		if (b != null) {
			b.close();
		}
	}

	private record Instance(Workspace workspace, Api api, JdbcClient jdbc) {
	}

	private Instance prepareB() {
		String slug = "b-" + UUID.randomUUID().toString().substring(0, 8);
		Workspace ws = b.getBean(Workspaces.class).create("Verein B", slug);
		var member = b.getBean(Members.class).add(ws.id(), "owner@" + slug + ".example", "Bea Owner", PASSWORD, Role.OWNER);
		CurrentUser user = new CurrentUser(member.userId(), "owner@" + slug + ".example", "Bea Owner", ws.id(), Role.OWNER, null);
		String bToken = b.getBean(ApiTokens.class).create(user, "test").token();
		return new Instance(ws, new Api("http://localhost:" + bPort, bToken), b.getBean(JdbcClient.class));
	}

	private String messageText(Instance instance, String externalId) {
		return instance.jdbc().sql("select body_text from messages where workspace_id = ? and external_id = ?")
			.params(instance.workspace().id(), externalId).query(String.class).optional().orElse(null);
	}

	@Test
	void twoInstancesFollowPublishReplyReactEditAndDelete() {
		Instance other = prepareB();
		String handle = "@" + workspace.slug() + "@localhost:" + port;

		// B follows A's blog by its handle; A accepts.
		var followed = other.api().post("/api/v1/federation/follow", Map.of("handle", handle));
		assertThat(followed.status()).as(followed.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/federation").json().get("followers").asInt() == 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> other.api().get("/api/v1/federation/following").json()
			.at("/items/0/status").asString("").equals("accepted"));

		// A publishes; the post arrives in B's inbox.
		JsonNode created = api.post("/api/v1/blog/posts", Map.of("title", "Sommerfest im Quartier",
				"markdown", "Alle sind eingeladen.", "status", "published")).json();
		UUID postId = UUID.fromString(created.get("id").asString());
		String article = ids.post(workspace.slug(), postId);
		await().atMost(Duration.ofSeconds(30)).until(() -> messageText(other, article) != null);
		assertThat(messageText(other, article)).contains("Alle sind eingeladen");

		// B answers in its inbox; the answer lands in A's inbox and waits as a comment under the post.
		UUID conversation = UUID.fromString(other.jdbc().sql("select conversation_id from messages where external_id = ?")
			.param(article).query(String.class).single());
		var reply = other.api().post("/api/v1/conversations/" + conversation + "/messages",
				Map.of("body", "Wir kommen gern und bringen Kuchen mit.", "kind", "reply"));
		assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
				select count(*) from messages m join channels c on c.id = m.channel_id
				where m.workspace_id = ? and c.kind = 'activitypub' and m.body_text like '%Kuchen%'""")
			.param(workspace.id()).query(Integer.class).single() == 1);
		assertThat(jdbc.sql("select status from blog_comments where post_id = ? and body_text like '%Kuchen%'").param(postId)
			.query(String.class).single()).isEqualTo("pending");
		assertThat(jdbc.sql("""
				select count(*) from identities where workspace_id = ? and kind = 'activitypub' and value = ?""")
			.params(workspace.id(), ("http://localhost:" + bPort + "/ap/" + other.workspace().slug()).toLowerCase())
			.query(Integer.class).single()).isEqualTo(1);

		// B likes and boosts the post; A counts both.
		assertThat(other.api().post("/api/v1/federation/reactions", Map.of("object", article, "kind", "like")).status())
			.isEqualTo(202);
		assertThat(other.api().post("/api/v1/federation/reactions", Map.of("object", article, "kind", "boost")).status())
			.isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> reactions.of(postId).equals(new Reactions.Counts(1, 1)));

		// A edits the post; B's copy follows.
		api.patch("/api/v1/blog/posts/" + postId, Map.of("markdown", "Alle sind eingeladen, auch Hunde."));
		await().atMost(Duration.ofSeconds(30)).until(() -> messageText(other, article).contains("auch Hunde"));

		// A takes the post back; B's copy is removed.
		api.patch("/api/v1/blog/posts/" + postId, Map.of("status", "draft"));
		await().atMost(Duration.ofSeconds(30)).until(() -> !messageText(other, article).contains("eingeladen"));
	}
}

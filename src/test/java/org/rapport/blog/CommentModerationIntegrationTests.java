package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** The team marks comments as spam and deletes them, through the API and the blog admin. */
class CommentModerationIntegrationTests extends IntegrationTest {

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Test
	void spamHidesTheCommentClosesItsConversationAndHoldsTheAuthorsNextComments() {
		String post = publish("Sommerfest");
		comment(post, "Mara Klein", "mara@example.net", "Ich bringe Kuchen mit.", null);
		JsonNode first = only(api.get("/api/v1/blog/comments").json().get("items"));
		api.post("/api/v1/blog/comments/" + first.get("id").asString() + "/approve", Map.of());
		// Once approved, her next comment shows at once ...
		assertThat(comment(post, "Mara Klein", "mara@example.net", "Billige Uhren hier!", null)).contains("comment=shown");
		JsonNode second = api.get("/api/v1/blog/comments?status=approved").json().get("items").get(1);
		assertThat(second.get("text").asString()).isEqualTo("Billige Uhren hier!");

		Api.Response marked = api.post("/api/v1/blog/comments/" + second.get("id").asString() + "/spam", Map.of());
		assertThat(marked.status()).isEqualTo(200);
		assertThat(marked.json().get("status").asString()).isEqualTo("spam");
		Document page = Jsoup.parse(read(post).body());
		assertThat(page.select(".comment .comment-body").text()).contains("Kuchen").doesNotContain("Uhren");
		assertThat(api.get("/api/v1/conversations/" + second.get("conversationId").asString()).json().get("summary").get("status").asString())
			.isEqualTo("done");
		assertThat(only(api.get("/api/v1/blog/comments?status=spam").json().get("items")).get("id").asString())
			.isEqualTo(second.get("id").asString());
		assertThat(audits("blog.comment.spam")).isEqualTo(1);
		// The inbox's spam filter learned from this comment only, not from her first one in the same conversation,
		// which therefore stays out of the Spam view.
		String conversation = second.get("conversationId").asString();
		java.util.Map<String, Boolean> spamByText = new java.util.HashMap<>();
		api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items")
			.forEach(m -> spamByText.put(Jsoup.parse(m.get("body").asString()).text(), m.get("spam").asBoolean()));
		assertThat(spamByText).containsEntry("Billige Uhren hier!", true).containsEntry("Ich bringe Kuchen mit.", false);
		assertThat(jdbc.sql("select item || '=' || label from authenticity_judgements where workspace_id = ?")
			.param(workspace.id()).query(String.class).list()).containsExactly("Billige Uhren hier!=spam");
		assertThat(api.get("/api/v1/conversations/" + conversation).json().get("summary").get("spam").asBoolean()).isFalse();

		// ... but after spam her next one waits again.
		assertThat(comment(post, "Mara Klein", "mara@example.net", "Noch ein Angebot", null)).contains("comment=pending");
		assertThat(only(api.get("/api/v1/blog/comments").json().get("items")).get("text").asString()).isEqualTo("Noch ein Angebot");
		assertThat(api.get("/api/v1/blog/comments?status=bogus").status()).isEqualTo(400);
	}

	@Test
	void deletingLeavesAPlaceholderKeepsTheAnswersAndNotesTheInbox() {
		String post = publish("Helfer gesucht");
		comment(post, "Mara Klein", "mara@example.net", "Unpassender Text", null);
		JsonNode mara = only(api.get("/api/v1/blog/comments").json().get("items"));
		String maraId = mara.get("id").asString();
		api.post("/api/v1/blog/comments/" + maraId + "/approve", Map.of());
		comment(post, "Tom Berger", "tom@example.org", "Das sehe ich anders.", maraId);
		JsonNode tom = only(api.get("/api/v1/blog/comments").json().get("items"));
		api.post("/api/v1/blog/comments/" + tom.get("id").asString() + "/approve", Map.of());

		assertThat(api.delete("/api/v1/blog/comments/" + maraId).status()).isEqualTo(204);
		Document page = Jsoup.parse(read(post).body());
		assertThat(page.select(".comment.deleted .comment-deleted").text()).isEqualTo("Dieser Kommentar wurde vom Team entfernt.");
		assertThat(page.text()).doesNotContain("Unpassender Text").doesNotContain("Mara Klein");
		assertThat(page.select(".comment.deleted .replies .comment-body").text()).isEqualTo("Das sehe ich anders.");
		assertThat(only(api.get("/api/v1/blog/comments?status=deleted").json().get("items")).get("id").asString()).isEqualTo(maraId);

		JsonNode messages = api.get("/api/v1/conversations/" + mara.get("conversationId").asString() + "/messages").json().get("items");
		assertThat(messages.toString()).contains("Unpassender Text").contains("Vom Team aus dem Blog gel&ouml;scht durch Olga Owner");
		assertThat(audits("blog.comment.deletedByTeam")).isEqualTo(1);
		// The consent was not withdrawn by anyone.
		assertThat(jdbc.sql("select count(*) from consents where workspace_id = ? and withdrawn_at is not null")
			.param(workspace.id()).query(Integer.class).single()).isZero();
		// Deleting again changes nothing.
		assertThat(api.delete("/api/v1/blog/comments/" + maraId).status()).isEqualTo(204);
		assertThat(audits("blog.comment.deletedByTeam")).isEqualTo(1);
	}

	@Test
	void otherWorkspacesGet404AndViewers403() {
		String post = publish("Frage");
		comment(post, "Mara Klein", "mara@example.net", "Gibt es Plätze?", null);
		String id = only(api.get("/api/v1/blog/comments").json().get("items")).get("id").asString();

		Api viewer = new Api(baseUrl(), tokenAs(workspace, Role.VIEWER));
		assertThat(viewer.post("/api/v1/blog/comments/" + id + "/spam", Map.of()).status()).isEqualTo(403);
		assertThat(viewer.delete("/api/v1/blog/comments/" + id).status()).isEqualTo(403);

		Workspace other = workspaces.create("Andere", "ws-" + UUID.randomUUID().toString().substring(0, 8));
		Api stranger = new Api(baseUrl(), tokenAs(other, Role.OWNER));
		assertThat(stranger.post("/api/v1/blog/comments/" + id + "/spam", Map.of()).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/blog/comments/" + id).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/blog/comments/" + UUID.randomUUID()).status()).isEqualTo(404);

		assertThat(only(api.get("/api/v1/blog/comments").json().get("items")).get("status").asString()).isEqualTo("pending");
	}

	@Test
	void theAdminListOffersSpamAndDelete() throws Exception {
		String post = publish("Sommerfest");
		comment(post, "Mara Klein", "mara@example.net", "Wartet noch", null);
		String waiting = only(api.get("/api/v1/blog/comments").json().get("items")).get("id").asString();
		comment(post, "Tom Berger", "tom@example.org", "Auch ich", null);
		String tom = api.get("/api/v1/blog/comments").json().get("items").get(1).get("id").asString();
		api.post("/api/v1/blog/comments/" + tom + "/approve", Map.of());

		signIn();
		Document admin = Jsoup.parse(get("/blog/admin").body());
		assertThat(admin.select("#pending form[action$=/" + waiting + "/spam]")).hasSize(1);
		assertThat(admin.select("#shown-comments form[action$=/" + tom + "/delete]")).hasSize(1);
		String csrf = admin.select("input[name=_csrf]").first().attr("value");
		assertThat(post("/blog/admin/comments/" + waiting + "/spam", "_csrf=" + csrf).statusCode()).isEqualTo(302);
		assertThat(post("/blog/admin/comments/" + tom + "/delete", "_csrf=" + csrf).statusCode()).isEqualTo(302);
		assertThat(api.get("/api/v1/blog/comments?status=all").json().get("items").valueStream().map(i -> i.get("status").asString()).toList())
			.containsExactly("spam", "deleted");
	}

	private String publish(String title) {
		Api.Response created = api.post("/api/v1/blog/posts", Map.of("title", title, "markdown", "Text", "status", "published"));
		assertThat(created.status()).isEqualTo(201);
		return URI.create(created.json().get("url").asString()).getPath();
	}

	/** Comments as a reader; answers where the reader was sent. */
	private String comment(String postPath, String name, String email, String text, String parentId) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("email", email);
		form.put("website", "");
		form.put("text", text);
		form.put("consent", "true");
		form.put("homepage", "");
		if (parentId != null) {
			form.put("parentId", parentId);
		}
		String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
		Api.Response sent = new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + postPath + "/comments"))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "de-DE")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(sent.status()).as(sent.body()).isEqualTo(302);
		return sent.headers().firstValue("Location").orElseThrow();
	}

	private Api.Response read(String path) {
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de-DE"));
	}

	private static JsonNode only(JsonNode items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private int audits(String action) {
		return jdbc.sql("select count(*) from audit_log where workspace_id = ? and action = ?").params(workspace.id(), action)
			.query(Integer.class).single();
	}

	private String tokenAs(Workspace in, Role role) {
		String email = role.name().toLowerCase() + "-" + in.slug() + "@example.org";
		var member = members.add(in.id(), email, role.name(), PASSWORD, role);
		return tokens.create(new CurrentUser(member.userId(), email, role.name(), in.id(), role, null), "test").token();
	}

	private void signIn() throws Exception {
		String login = get("/login").body();
		String form = "username=" + enc(ownerEmail) + "&password=" + enc(PASSWORD) + "&_csrf="
				+ Jsoup.parse(login).select("input[name=_csrf]").first().attr("value");
		browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de")
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}

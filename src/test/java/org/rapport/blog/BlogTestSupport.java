package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Writing posts and commenting as a reader, for the blog's integration tests. */
public abstract class BlogTestSupport extends IntegrationTest {

	protected JsonNode publish(String title, String markdown) {
		Api.Response response = api.post("/api/v1/blog/posts", Map.of("title", title, "markdown", markdown, "status", "published"));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	protected static String path(JsonNode created) {
		return URI.create(created.get("url").asString()).getPath();
	}

	Api.Response read(String path) {
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de-DE"));
	}

	protected Api.Response postForm(String path, Map<String, String> form) {
		String body = form.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "de-DE")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	protected Api.Response comment(String postPath, Map<String, String> form) {
		return postForm(postPath + "/comments", form);
	}

	protected static Map<String, String> form(String name, String email, String text) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("email", email);
		form.put("website", "");
		form.put("text", text);
		form.put("consent", "true");
		form.put("homepage", "");
		return form;
	}

	static Map<String, String> reply(String name, String email, String text, String parentId) {
		Map<String, String> form = form(name, email, text);
		form.put("parentId", parentId);
		return form;
	}

	/** The comments of the workspace with a status, as the API lists them. */
	List<JsonNode> comments(String status) {
		List<JsonNode> items = new java.util.ArrayList<>();
		api.get("/api/v1/blog/comments?status=" + status).json().get("items").forEach(items::add);
		return items;
	}

	String approveNewest() {
		List<JsonNode> pending = comments("pending");
		String id = pending.get(pending.size() - 1).get("id").asString();
		assertThat(api.post("/api/v1/blog/comments/" + id + "/approve", Map.of()).status()).isEqualTo(200);
		return id;
	}

	JsonNode blogConversations() {
		return api.get("/api/v1/conversations?channel=blog-comments").json().get("items");
	}
}

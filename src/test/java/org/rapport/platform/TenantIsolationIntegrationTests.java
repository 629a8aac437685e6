package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tenant isolation, generated from the OpenAPI document: a workspace full of data, and an owner of another workspace
 * who calls every operation with the first workspace's ids in the path, the query and the body. Every call must be
 * refused (4xx, never 2xx or 5xx), and the first workspace's data must read the same afterwards.
 */
class TenantIsolationIntegrationTests extends IntegrationTest {

	private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	/** Operations that do not take another workspace's ids, or that are about the caller alone. */
	private static final Set<String> NOT_ABOUT_IDS = Set.of("/api/v1/tokens", "/api/v1/invitations/{id}/{answer}");

	@Test
	void anotherWorkspacesIdsAreRefusedEverywhereAndChangeNothing() {
		Set<String> victimIds = fillVictimWorkspace();
		Map<String, String> before = snapshot();
		assertThat(victimIds).hasSizeGreaterThan(15);

		Workspace other = workspaces.create("Attacker", "att-" + UUID.randomUUID().toString().substring(0, 8));
		Member attacker = members.add(other.id(), "attacker-" + UUID.randomUUID() + "@example.org", "A",
				"attacker password", Role.OWNER);
		Api theirs = new Api(baseUrl(), tokens.create(new CurrentUser(attacker.userId(), attacker.email(), "A", other.id(),
				Role.OWNER, null), "a").token());

		JsonNode doc = api.get("/v3/api-docs").json();
		List<String> leaks = new ArrayList<>();
		int calls = 0;
		for (var path : doc.get("paths").properties()) {
			if (NOT_ABOUT_IDS.contains(path.getKey())) {
				continue;
			}
			for (var operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase();
				JsonNode op = operation.getValue();
				List<String> pathParams = new ArrayList<>();
				boolean idInPath = false;
				List<String> queryIdParams = new ArrayList<>();
				for (JsonNode p : op.path("parameters")) {
					if (p.get("in").asString().equals("path")) {
						pathParams.add(p.get("name").asString());
						idInPath |= p.get("name").asString().toLowerCase().endsWith("id");
					}
					else if (p.get("in").asString().equals("query") && p.get("name").asString().toLowerCase().matches(".*(id|segment)$")) {
						queryIdParams.add(p.get("name").asString());
					}
				}
				boolean bodyWithIds = bodyTemplate(doc, op, "x").toString().contains("\"x\"") && hasIdField(doc, op);
				if (!idInPath && queryIdParams.isEmpty() && !bodyWithIds) {
					continue;
				}
				for (String id : victimIds) {
					String url = path.getKey();
					for (String name : pathParams) {
						url = url.replace("{" + name + "}", name.toLowerCase().endsWith("id") ? id
								: name.equals("answer") ? "accept" : name.equals("key") ? "region" : "x");
					}
					StringBuilder query = new StringBuilder();
					for (String name : queryIdParams) {
						query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(URLEncoder.encode(id, StandardCharsets.UTF_8));
					}
					String body = bodyTemplate(doc, op, id).toString();
					HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + url + query))
						.header("Authorization", "Bearer " + theirs.token())
						.header("Content-Type", "application/json");
					request = method.equals("GET") ? request.GET()
							: request.method(method, HttpRequest.BodyPublishers.ofString(body));
					Api.Response response = theirs.send(request);
					calls++;
					// A filter that finds nothing in the caller's own workspace may answer an empty 200; anything
					// that shows or touches the other workspace's data may not.
					boolean emptyFilter = !idInPath && method.equals("GET") && response.status() == 200
							&& victimIds.stream().noneMatch(response.body()::contains);
					if (!emptyFilter && (response.status() < 400 || response.status() >= 500)) {
						leaks.add(method + " " + url + query + " " + body + " → " + response.status() + " " + shorten(response.body()));
					}
				}
			}
		}
		assertThat(calls).isGreaterThan(500);
		assertThat(leaks.stream().map(l -> l.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}").replaceAll(" \\{.*", "")).distinct())
			.as("%d calls with another workspace's ids were not refused, e.g. %s", leaks.size(), leaks.stream().limit(3).toList())
			.isEmpty();
		assertThat(snapshot()).isEqualTo(before);
	}

	/** Creates one of almost everything, and returns every id the workspace's API shows. */
	private Set<String> fillVictimWorkspace() {
		expect(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "iso-1",
				"from", Map.of("handle", "anna@example.org", "name", "Anna"), "body", "Hallo")), 200, 201, 202);
		String anna = api.get("/api/v1/contacts").json().get("items").get(0).get("id").asString();
		String bert = expect(api.post("/api/v1/contacts", Map.of("name", "Bert", "identities", List.of(Map.of("kind", "email", "value", "bert@example.org")))), 201)
			.get("id").asString();
		String org = expect(api.post("/api/v1/organisations", Map.of("name", "Tageblatt", "kind", "press")), 201).get("id").asString();
		expect(api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", anna, "role", "Redakteurin")), 200, 201, 204);
		expect(api.post("/api/v1/custom-fields", Map.of("key", "region", "label", "Region", "type", "text")), 201);
		expect(api.post("/api/v1/segments", Map.of("name", "Presse", "filter", Map.of("text", "Anna"))), 201);
		expect(api.post("/api/v1/contacts/" + anna + "/reminders", Map.of("everyWeeks", 2, "note", "anrufen")), 201);
		expect(api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "introduction", "otherContactId", bert, "note", "kennt sich aus")), 201);
		String event = expect(api.post("/api/v1/events", Map.of("name", "Messe", "kind", "fair", "startsAt", "2027-03-01T09:00:00Z",
				"endsAt", "2027-03-01T18:00:00Z")), 201).get("id").asString();
		expect(api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", anna)), 200, 201);
		expect(api.post("/api/v1/events/" + event + "/meetings", Map.of("contactId", anna, "at", "2027-03-01T10:00:00Z")), 201);
		expect(api.post("/api/v1/blog/posts", Map.of("title", "Sommerfest", "markdown", "Text", "status", "published")), 201);
		expect(api.post("/api/v1/blog/pages", Map.of("title", "Über uns", "markdown", "Ein Verein.")), 201);
		Set<String> ids = new LinkedHashSet<>();
		snapshot().values().forEach(body -> UUID_TEXT.matcher(body).results().forEach(m -> ids.add(m.group())));
		ids.remove(workspace.id().toString());
		ids.add(workspace.id().toString());
		return ids;
	}

	/** What the workspace's API shows: every list, and every contact, conversation, event and post in full. */
	private Map<String, String> snapshot() {
		Map<String, String> seen = new LinkedHashMap<>();
		for (String list : List.of("/api/v1/contacts", "/api/v1/conversations", "/api/v1/organisations", "/api/v1/segments",
				"/api/v1/custom-fields", "/api/v1/reminders", "/api/v1/events", "/api/v1/blog/posts", "/api/v1/blog/pages",
				"/api/v1/blog/comments?status=all", "/api/v1/stages", "/api/v1/channels", "/api/v1/members", "/api/v1/tokens",
				"/api/v1/retention", "/api/v1/federation/following")) {
			seen.put(list, api.get(list).body().replaceAll("\"lastUsedAt\":\"[^\"]*\"", ""));
		}
		for (String list : List.of("/api/v1/contacts", "/api/v1/conversations", "/api/v1/events", "/api/v1/blog/posts")) {
			JsonNode listed = api.get(list).json();
			List<JsonNode> items = new ArrayList<>();
			(listed.has("items") ? listed.get("items") : listed.has("upcoming") ? listed.get("upcoming") : listed).forEach(items::add);
			listed.path("past").forEach(items::add);
			for (JsonNode item : items) {
				String id = item.path("id").asString("");
				assertThat(id).as("an id in %s", list).isNotEmpty();
				seen.put(list + "/" + id, api.get(list + "/" + id).body());
			}
		}
		return seen;
	}

	private static JsonNode expect(Api.Response response, int... statuses) {
		for (int status : statuses) {
			if (response.status() == status) {
				return response.body().isBlank() ? null : response.json();
			}
		}
		throw new AssertionError("Setting up the workspace failed: " + response.status() + " " + response.body());
	}

	private static boolean hasIdField(JsonNode doc, JsonNode op) {
		return bodyTemplate(doc, op, "x").toString().contains("Id\":\"x\"");
	}

	/** A JSON body of the operation's schema with every field whose name ends in "Id" set to {@code id}. */
	private static JsonNode bodyTemplate(JsonNode doc, JsonNode op, String id) {
		JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
		ObjectNode body = Api.JSON.createObjectNode();
		if (schema.isMissingNode()) {
			return body;
		}
		JsonNode resolved = resolve(doc, schema);
		for (var property : resolved.path("properties").properties()) {
			String name = property.getKey();
			JsonNode type = resolve(doc, property.getValue());
			if (name.endsWith("Id") || name.equals("id")) {
				body.put(name, id);
			}
			else if (name.endsWith("Ids") && type.path("type").asString("").equals("array")) {
				body.putArray(name).add(id);
			}
		}
		return body;
	}

	private static JsonNode resolve(JsonNode doc, JsonNode schema) {
		String ref = schema.path("$ref").asString("");
		if (ref.startsWith("#/components/schemas/")) {
			return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
		}
		return schema;
	}

	private static String shorten(String body) {
		return body == null || body.length() < 200 ? body : body.substring(0, 200) + "…";
	}
}

package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input for every operation of the API, generated from its OpenAPI description: each field of each JSON
 * body in turn is filled with a NUL or another control character, a lone surrogate, a string of a megabyte, deep
 * nesting, a value of the wrong type, numbers no type can hold and dates from far outside any sensible range; path
 * parameters are filled with identifiers of nothing and query parameters with the same hostile text. Whatever comes
 * in, the answer is a refusal (4xx) or, where the input is acceptable after all, a success; never a server error.
 */
class HostileInputIntegrationTests extends IntegrationTest {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Stands in for a hostile value in a body, then is replaced by that value's raw JSON text. */
	private static final String MARK = "@@hostile@@";

	private static final String MEGABYTE = megabyte();

	/** Raw JSON values that no field should answer with a server error. */
	private static final Map<String, String> HOSTILE_JSON = hostileJson();

	/** Query parameter values (decoded), for the same purpose. */
	private static final Map<String, String> HOSTILE_QUERY = Map.of("NUL", "a\u0000b", "control", "a\u0001b",
			"newline", "a\r\nb", "DEL", "a\u007fb", "huge number", "99999999999999999999", "NaN", "NaN",
			"six-digit year", "+123456-01-01T00:00:00Z", "negative", "-1", "long", "x".repeat(5000));

	/** Baseline values for fields that must be valid for an operation to get past its first check. */
	private static final Map<String, Map<String, Object>> BASELINES = Map.ofEntries(
			Map.entry("IdentityInput", Map.of("kind", "email", "value", "fuzz@example.org")),
			Map.entry("NewChannel", Map.of("key", "fuzz", "kind", "api", "name", "Fuzz")),
			Map.entry("EventInput", Map.of("kind", "conference", "startsAt", "2026-06-01T09:00:00Z", "endsAt", "2026-06-01T17:00:00Z",
					"website", "https://example.org/")),
			Map.entry("NewGift", Map.of("kind", "introduction", "url", "https://example.org/")),
			Map.entry("NewConsent", Map.of("purpose", "newsletter", "lawfulBasis", "consent", "textVersion", 1)),
			Map.entry("ActivityRequest", Map.of("kind", "call", "direction", "in")),
			Map.entry("Write", Map.of("kind", "note")),
			Map.entry("Change", Map.of("status", "open")),
			Map.entry("PostInput", Map.of("status", "draft")),
			Map.entry("PageInput", Map.of("status", "draft", "slug", "fuzz", "position", 1)),
			Map.entry("FieldInput", Map.of("key", "fuzz", "type", "text")),
			Map.entry("Stage", Map.of("key", "lead")),
			Map.entry("ImportRequest", Map.of("content", "Name,E-Mail\nAnna,anna@example.org\n")),
			Map.entry("OrganisationInput", Map.of("kind", "company", "website", "https://example.org/")),
			Map.entry("From", Map.of("handle", "fuzz@example.org")),
			Map.entry("CreateToken", Map.of("name", "fuzz")));

	/** Operations whose body is described as a free JSON node, with a body that works. */
	private static final Map<String, String> FREE_BODIES = Map.of("/api/v1/messages", """
			{"messages": [{"channel": "api", "externalId": "fuzz-1", "threadKey": "t", "from": {"handle": "fuzz@example.org", "name": "Fuzz"},
			  "subject": "Fuzz", "body": "Hallo", "sentAt": "2026-05-04T10:15:00Z", "html": false}]}""");

	/**
	 * Operations left out: they fetch from other servers, and with hostile input they would only measure how long
	 * name resolution takes to fail.
	 */
	private static final List<String> OUTBOUND = List.of("/api/v1/federation/follow", "/api/v1/federation/unfollow",
			"/api/v1/federation/reactions");

	/** Paths whose parameter filters a list rather than naming a thing: for nothing they list nothing. */
	private static final List<String> FILTERS = List.of("/api/v1/contacts/tagged/{tag}");

	private JsonNode docs;
	private Map<String, String> fixtures;

	@TestFactory
	Stream<DynamicTest> jsonBodiesNeverCauseServerErrors() {
		load();
		List<DynamicTest> tests = new ArrayList<>();
		forEachOperation((method, path, operation) -> {
			JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
			if (!schema.isMissingNode() && !OUTBOUND.contains(path)) {
				tests.add(DynamicTest.dynamicTest(method + " " + path, () -> fuzzBody(method, path, schema)));
			}
		});
		assertThat(tests).hasSizeGreaterThan(30);
		return tests.stream();
	}

	@TestFactory
	Stream<DynamicTest> pathParametersOfNothingAreRefused() {
		load();
		List<DynamicTest> tests = new ArrayList<>();
		forEachOperation((method, path, operation) -> {
			if (path.contains("{") && !OUTBOUND.contains(path) && !FILTERS.contains(path)) {
				tests.add(DynamicTest.dynamicTest(method + " " + path, () -> {
					String url = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
					JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
					String body = schema.isMissingNode() ? null : bodyText(path, schema);
					Api.Response r = send(method, url, body);
					assertThat(r.status()).as("%s %s answered %s", method, url, r.body()).isBetween(400, 499);
				}));
			}
		});
		return tests.stream();
	}

	@TestFactory
	Stream<DynamicTest> queryParametersNeverCauseServerErrors() {
		load();
		List<DynamicTest> tests = new ArrayList<>();
		forEachOperation((method, path, operation) -> {
			List<String> names = new ArrayList<>();
			operation.path("parameters").forEach(p -> {
				if (p.path("in").asString().equals("query") && !p.path("schema").has("$ref")) {
					names.add(p.path("name").asString());
				}
			});
			if (method.equals("GET") && !names.isEmpty() && !OUTBOUND.contains(path)) {
				tests.add(DynamicTest.dynamicTest(method + " " + path, () -> {
					String url = withFixtures(path);
					List<String> failures = new ArrayList<>();
					for (String name : names) {
						HOSTILE_QUERY.forEach((what, value) -> {
							String query = "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
							Api.Response r = send(method, url + query, null);
							if (r.status() >= 500) {
								failures.add(name + " = " + what + ": " + r.status() + " " + abbreviate(r.body()));
							}
						});
					}
					assertThat(failures).as("server errors of %s %s", method, path).isEmpty();
				}));
			}
		});
		return tests.stream();
	}

	private void fuzzBody(String method, String path, JsonNode schema) {
		String url = withFixtures(path);
		JsonNode baseline = Api.JSON.readTree(bodyText(path, schema));
		List<String> failures = new ArrayList<>();
		List<String> leaves = new ArrayList<>();
		collectLeaves(baseline, "", leaves);
		for (String leaf : leaves) {
			HOSTILE_JSON.forEach((what, raw) -> {
				String body = Api.JSON.writeValueAsString(replace(baseline, leaf, NODES.stringNode(MARK)))
					.replace("\"" + MARK + "\"", raw);
				check(method, url, body, leaf + " = " + what, failures);
			});
		}
		check(method, url, "[".repeat(10_000) + "]".repeat(10_000), "a body nested 10,000 deep", failures);
		check(method, url, Api.JSON.writeValueAsString(baseline).replaceFirst("\\{", "{\"a\\\\u0000b\": 1, "),
				"a key with NUL", failures);
		assertThat(failures).as("server errors of %s %s", method, path).isEmpty();
	}

	private void check(String method, String url, String body, String what, List<String> failures) {
		try {
			Api.Response r = send(method, url, body);
			if (r.status() >= 500) {
				failures.add(what + ": " + r.status() + " " + abbreviate(r.body()));
			}
		}
		catch (RuntimeException e) {
			failures.add(what + ": " + e);
		}
	}

	private Api.Response send(String method, String url, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + url))
			.header("Authorization", "Bearer " + token)
			.timeout(java.time.Duration.ofSeconds(30));
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		return api.send(request);
	}

	private static Map<String, String> hostileJson() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("NUL", "\"a\\u0000b\"");
		values.put("a control character", "\"a\\u0001b\"");
		values.put("ESC", "\"\\u001b[31m\"");
		values.put("DEL", "\"a\\u007fb\"");
		values.put("a lone surrogate", "\"a\\ud800b\"");
		values.put("CR LF", "\"a\\r\\nb\"");
		values.put("a megabyte", "\"" + MEGABYTE + "\"");
		values.put("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000));
		values.put("an object", "{\"a\": 1}");
		values.put("an array", "[\"a\", 1]");
		values.put("true", "true");
		values.put("a number", "12345");
		values.put("a word", "\"yes\"");
		values.put("1e309", "1e309");
		values.put("below long", "-9223372036854775809");
		values.put("NaN as string", "\"NaN\"");
		values.put("a six-digit year", "\"+123456-01-01T00:00:00Z\"");
		values.put("the smallest instant", "\"-1000000000-01-01T00:00:00Z\"");
		values.put("year 0", "\"0000-01-01T00:00:00Z\"");
		values.put("a far date", "\"+99999-12-31\"");
		values.put("an empty string", "\"\"");
		values.put("null", "null");
		return values;
	}

	private static String megabyte() {
		// Not one letter repeated: PostgreSQL would compress that to almost nothing.
		StringBuilder text = new StringBuilder(1 << 20);
		java.util.Random random = new java.util.Random(42);
		while (text.length() < (1 << 20)) {
			text.append((char) ('a' + random.nextInt(26)));
			if (random.nextInt(8) == 0) {
				text.append(' ');
			}
		}
		return text.toString();
	}

	// ----- the OpenAPI description and the things its paths name

	private interface OperationVisitor {

		void visit(String method, String path, JsonNode operation);
	}

	private void forEachOperation(OperationVisitor visitor) {
		Iterator<Map.Entry<String, JsonNode>> paths = docs.path("paths").properties().iterator();
		while (paths.hasNext()) {
			var entry = paths.next();
			for (var op : entry.getValue().properties()) {
				visitor.visit(op.getKey().toUpperCase(java.util.Locale.ROOT), entry.getKey(), op.getValue());
			}
		}
	}

	private void load() {
		Api.Response response = api.get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		docs = response.json();
		fixtures = new LinkedHashMap<>();
		String contact = created(api.post("/api/v1/contacts", Map.of("name", "Fuzz Contact",
				"identities", List.of(Map.of("kind", "email", "value", "contact@example.org")))));
		fixtures.put("/api/v1/contacts/{id}", contact);
		fixtures.put("{contactId}", created(api.post("/api/v1/contacts", Map.of("name", "Other Contact"))));
		String event = created(api.post("/api/v1/events", Map.of("name", "Fuzz Fair", "kind", "conference",
				"startsAt", "2026-06-01T09:00:00Z", "endsAt", "2026-06-01T17:00:00Z")));
		fixtures.put("/api/v1/events/{id}", event);
		assertThat(api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", contact)).status()).isLessThan(300);
		Api.Response meeting = api.post("/api/v1/events/" + event + "/meetings",
				Map.of("contactId", contact, "at", "2026-06-01T10:00:00Z"));
		fixtures.put("{meetingId}", created(meeting));
		fixtures.put("/api/v1/organisations/{id}", created(api.post("/api/v1/organisations", Map.of("name", "Fuzz GmbH"))));
		fixtures.put("/api/v1/blog/posts/{id}", created(api.post("/api/v1/blog/posts", Map.of("title", "Fuzz", "markdown", "Text"))));
		fixtures.put("/api/v1/blog/pages/{id}", created(api.post("/api/v1/blog/pages", Map.of("title", "Fuzz", "markdown", "Text"))));
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "fixture", "from", Map.of("handle", "fixture@example.org"),
				"body", "Hallo"));
		fixtures.put("/api/v1/conversations/{id}", api.get("/api/v1/conversations").json().get("items").get(0).get("id").asString());
		fixtures.put("/api/v1/channels/{id}", api.get("/api/v1/channels").json().get("items").valueStream()
			.filter(c -> c.get("kind").asString().equals("api")).findFirst().orElseThrow().get("id").asString());
	}

	private static String created(Api.Response response) {
		assertThat(response.status()).as(response.body()).isBetween(200, 299);
		return response.json().get("id").asString();
	}

	/** The path with the ids of real things where there are some, else of nothing. */
	private String withFixtures(String path) {
		String url = path;
		for (var fixture : fixtures.entrySet()) {
			String key = fixture.getKey();
			if (key.startsWith("/")) {
				String prefix = key.substring(0, key.length() - "{id}".length());
				if (url.startsWith(prefix + "{id}")) {
					url = prefix + fixture.getValue() + url.substring(key.length());
				}
			}
			else {
				url = url.replace(key, fixture.getValue());
			}
		}
		return url.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
	}

	/** A body that the operation could accept, built from its schema. */
	private String bodyText(String path, JsonNode schema) {
		String free = FREE_BODIES.get(path);
		return free != null ? free : Api.JSON.writeValueAsString(example(schema, null, 0));
	}

	private JsonNode example(JsonNode schema, String name, int depth) {
		String ref = schema.path("$ref").asString(null);
		String schemaName = null;
		if (ref != null) {
			schemaName = ref.substring(ref.lastIndexOf('/') + 1);
			schema = docs.path("components").path("schemas").path(schemaName);
		}
		String type = schema.path("type").asString("object");
		String format = schema.path("format").asString("");
		return switch (type) {
			case "string" -> NODES.stringNode(switch (format) {
				case "uuid" -> "contactId".equals(name) ? fixtures.get("{contactId}") : UUID.randomUUID().toString();
				case "date-time" -> "2026-06-01T10:00:00Z";
				case "date" -> "2026-06-01";
				default -> name != null && name.toLowerCase(java.util.Locale.ROOT).contains("email") ? "fuzz@example.org" : "Fuzz text";
			});
			case "integer", "number" -> NODES.numberNode(1);
			case "boolean" -> NODES.booleanNode(false);
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				if (depth < 4) {
					array.add(example(schema.path("items"), name, depth + 1));
				}
				yield array;
			}
			default -> {
				ObjectNode object = NODES.objectNode();
				if (depth < 4) {
					schema.path("properties").properties().forEach(p -> object.set(p.getKey(), example(p.getValue(), p.getKey(), depth + 1)));
					if (schema.has("additionalProperties") && !schema.has("properties")) {
						object.put("fuzz", "Fuzz text");
					}
					Map<String, Object> baseline = schemaName == null ? Map.of() : BASELINES.getOrDefault(schemaName, Map.of());
					baseline.forEach((k, v) -> object.set(k, Api.JSON.valueToTree(v)));
				}
				yield object;
			}
		};
	}

	/** The JSON pointers of every value in a body, objects and arrays included. */
	private static void collectLeaves(JsonNode node, String pointer, List<String> leaves) {
		if (node.isObject()) {
			node.properties().forEach(p -> collectLeaves(p.getValue(), pointer + "/" + p.getKey(), leaves));
		}
		else if (node.isArray() && !node.isEmpty()) {
			collectLeaves(node.get(0), pointer + "/0", leaves);
		}
		if (!pointer.isEmpty() && (!node.isContainer() || node.isEmpty() || leaves.size() < 40)) {
			leaves.add(pointer);
		}
	}

	private static JsonNode replace(JsonNode root, String pointer, JsonNode value) {
		JsonNode copy = root.deepCopy();
		int slash = pointer.lastIndexOf('/');
		JsonNode parent = copy.at(pointer.substring(0, slash));
		String last = pointer.substring(slash + 1);
		if (parent instanceof ObjectNode object) {
			object.set(last, value);
		}
		else if (parent instanceof ArrayNode array) {
			array.set(Integer.parseInt(last), value);
		}
		return copy;
	}

	private static String abbreviate(String body) {
		return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
	}
}

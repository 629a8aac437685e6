package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** The inbox list's orders (newest, oldest waiting, priority) with their paging, and each member's saved views. */
class InboxSortAndViewsIntegrationTests extends IntegrationTest {

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private Api as(Role role) {
		Member m = members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", "Mia " + role.key(),
				"a long password", role);
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), m.email(), workspace.id(), m.role(),
				null), "views").token());
	}

	/**
	 * A conversation whose latest activity was {@code activeHoursAgo} hours ago, waiting for an answer since
	 * {@code waitingHoursAgo} hours (null: waiting for none), with this triage (null: none).
	 */
	private String conversation(String key, int activeHoursAgo, Integer waitingHoursAgo, String kind, String sentiment) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", key, "threadKey", key,
				"from", Map.of("handle", key + "@example.org"), "subject", "Sort " + key, "body", "Hallo " + key));
		String id = api.get("/api/v1/conversations?q=" + key).json().get("items").get(0).get("id").asString();
		jdbc.sql("update conversations set last_message_at = ?, waiting_since = ?, triage_kind = ?, triage_sentiment = ?"
				+ " where id = ?::uuid")
			.params(Timestamp.from(now.minus(activeHoursAgo, ChronoUnit.HOURS)),
					waitingHoursAgo == null ? null : Timestamp.from(now.minus(waitingHoursAgo, ChronoUnit.HOURS)), kind,
					sentiment, id)
			.update();
		return id;
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("items").forEach(i -> ids.add(i.get("id").asString()));
		return ids;
	}

	/** Every page of the list, {@code limit} at a time, following the cursors. */
	private List<String> paged(String query, int limit) {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = api.get("/api/v1/conversations?" + query + "&limit=" + limit
					+ (cursor == null ? "" : "&cursor=" + cursor)).json();
			ids.addAll(ids(page));
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
		}
		while (cursor != null);
		return ids;
	}

	@Test
	void listsNewestOldestWaitingAndByPriorityAndPagesEachOrder() {
		String questionWaiting5 = conversation("sortq5", 1, 5, "question", "neutral");
		String complaintWaiting2 = conversation("sortc2", 2, 2, "complaint", "neutral");
		String complaintNegative1 = conversation("sortcn1", 3, 1, "complaint", "negative");
		String dataRequestAnswered = conversation("sortd", 4, null, "data-request", "neutral");
		String praiseWaiting9 = conversation("sortp9", 9, 9, "praise", "negative");
		String untriagedAnswered = conversation("sortu", 6, null, null, null);
		String otherWaiting3 = conversation("sorto3", 5, 3, "other", "positive");

		List<String> newest = List.of(questionWaiting5, complaintWaiting2, complaintNegative1, dataRequestAnswered,
				otherWaiting3, untriagedAnswered, praiseWaiting9);
		assertThat(ids(api.get("/api/v1/conversations").json())).as("the default").isEqualTo(newest);
		assertThat(ids(api.get("/api/v1/conversations?sort=newest").json())).isEqualTo(newest);

		List<String> oldest = List.of(praiseWaiting9, questionWaiting5, otherWaiting3, complaintWaiting2,
				complaintNegative1, dataRequestAnswered, untriagedAnswered);
		assertThat(ids(api.get("/api/v1/conversations?sort=oldest").json())).isEqualTo(oldest);

		List<String> priority = List.of(complaintNegative1, complaintWaiting2, dataRequestAnswered, questionWaiting5,
				praiseWaiting9, otherWaiting3, untriagedAnswered);
		assertThat(ids(api.get("/api/v1/conversations?sort=priority").json())).isEqualTo(priority);

		// every order pages without losing or repeating a conversation, in any page size
		for (int limit : new int[] { 1, 2, 3 }) {
			assertThat(paged("sort=newest", limit)).as("newest by %d", limit).isEqualTo(newest);
			assertThat(paged("sort=oldest", limit)).as("oldest by %d", limit).isEqualTo(oldest);
			assertThat(paged("sort=priority", limit)).as("priority by %d", limit).isEqualTo(priority);
		}
		// with filters and a search (one branch per search way, ordered together)
		assertThat(ids(api.get("/api/v1/conversations?sort=priority&kind=complaint").json()))
			.containsExactly(complaintNegative1, complaintWaiting2);
		assertThat(ids(api.get("/api/v1/conversations?sort=oldest&q=sortc2%40example.org").json()))
			.containsExactly(complaintWaiting2);

		// a cursor of one order does not continue another
		String oldestCursor = api.get("/api/v1/conversations?sort=oldest&limit=2").json().get("next").asString();
		assertThat(api.get("/api/v1/conversations?sort=priority&limit=2&cursor=" + oldestCursor).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/conversations?limit=2&cursor=" + oldestCursor).status()).isEqualTo(400);
	}

	@Test
	void anUnknownSortIsRefusedNamingTheField() {
		Api.Response refused = api.get("/api/v1/conversations?sort=loudest");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("sort");
	}

	@Test
	void eachMemberKeepsTheirOwnViewsWithUniqueNames() {
		Api agent = as(Role.AGENT);
		Api viewer = as(Role.VIEWER);

		Map<String, Object> filter = new LinkedHashMap<>();
		filter.put("status", "open");
		filter.put("assignee", "me");
		filter.put("kind", "complaint");
		filter.put("unread", true);
		filter.put("sort", "priority");
		Api.Response created = agent.post("/api/v1/views", Map.of("name", "Meine Beschwerden", "filter", filter));
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		JsonNode saved = created.json().get("filter");
		assertThat(saved.get("kind").asString()).isEqualTo("complaint");
		assertThat(saved.get("unread").asString()).isEqualTo("true");
		assertThat(saved.get("sort").asString()).isEqualTo("priority");

		// names are unique per member, whatever their case; another member may use the same name
		Api.Response taken = agent.post("/api/v1/views", Map.of("name", "meine beschwerden", "filter", Map.of()));
		assertThat(taken.status()).isEqualTo(400);
		assertThat(taken.json().get("field").asString()).isEqualTo("name");
		Api.Response viewersOwn = viewer.post("/api/v1/views", Map.of("name", "Meine Beschwerden",
				"filter", Map.of("sentiment", "negative")));
		assertThat(viewersOwn.status()).as("viewers keep views too").isEqualTo(201);
		String viewersId = viewersOwn.json().get("id").asString();

		// each sees only their own, and cannot rename or delete anyone else's
		assertThat(agent.get("/api/v1/views").json().get("items")).hasSize(1);
		assertThat(agent.get("/api/v1/views").json().get("items").get(0).get("id").asString()).isEqualTo(id);
		assertThat(viewer.get("/api/v1/views").json().get("items")).hasSize(1);
		assertThat(api.get("/api/v1/views").json().get("items")).isEmpty();
		assertThat(api.patch("/api/v1/views/" + id, Map.of("name", "Mine now")).status()).isEqualTo(404);
		assertThat(viewer.delete("/api/v1/views/" + id).status()).isEqualTo(404);
		assertThat(agent.get("/api/v1/views").json().get("items").get(0).get("name").asString()).isEqualTo("Meine Beschwerden");

		// rename, then a taken name is refused
		agent.post("/api/v1/views", Map.of("name", "Alles", "filter", Map.of("status", "all")));
		Api.Response renamed = agent.patch("/api/v1/views/" + id, Map.of("name", "Beschwerden zuerst"));
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.json().get("name").asString()).isEqualTo("Beschwerden zuerst");
		Api.Response clash = agent.patch("/api/v1/views/" + id, Map.of("name", "ALLES"));
		assertThat(clash.status()).isEqualTo(400);
		assertThat(clash.json().get("field").asString()).isEqualTo("name");
		assertThat(agent.get("/api/v1/views").json().get("items").findValuesAsString("name"))
			.containsExactly("Alles", "Beschwerden zuerst");

		// delete: gone for its member, the other member's view of the same name stays
		assertThat(agent.delete("/api/v1/views/" + id).status()).isEqualTo(204);
		assertThat(agent.delete("/api/v1/views/" + id).status()).isEqualTo(404);
		assertThat(agent.get("/api/v1/views").json().get("items").findValuesAsString("name")).containsExactly("Alles");
		assertThat(viewer.get("/api/v1/views").json().get("items").get(0).get("id").asString()).isEqualTo(viewersId);
	}

	@Test
	void badNamesAndFiltersAreRefusedNamingTheField() {
		record Case(Map<String, Object> body, String field) {
		}
		List<Case> cases = List.of(
				new Case(Map.of("name", " ", "filter", Map.of()), "name"),
				new Case(Map.of("filter", Map.of()), "name"),
				new Case(Map.of("name", "x".repeat(61), "filter", Map.of()), "name"),
				new Case(Map.of("name", "a", "filter", Map.of("sort", "loudest")), "filter.sort"),
				new Case(Map.of("name", "b", "filter", Map.of("kind", "rant")), "filter.kind"),
				new Case(Map.of("name", "c", "filter", Map.of("status", "closed")), "filter.status"),
				new Case(Map.of("name", "d", "filter", Map.of("assignee", "someone")), "filter.assignee"),
				new Case(Map.of("name", "e", "filter", Map.of("segment", "press")), "filter.segment"),
				new Case(Map.of("name", "f", "filter", Map.of("colour", "red")), "filter.colour"));
		for (Case c : cases) {
			Api.Response refused = api.post("/api/v1/views", c.body());
			assertThat(refused.status()).as(c.toString()).isEqualTo(400);
			assertThat(refused.json().get("field").asString()).as(c.toString()).isEqualTo(c.field());
		}
		assertThat(api.get("/api/v1/views").json().get("items")).isEmpty();
		assertThat(api.patch("/api/v1/views/" + UUID.randomUUID(), Map.of("name", "x")).status()).isEqualTo(404);
	}
}

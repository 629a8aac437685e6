package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

/** Unread state is each member's own; bulk changes are all or nothing and only for those who may write. */
class InboxTriageIntegrationTests extends IntegrationTest {

	private Member member(Role role) {
		return members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", "Mia " + role.key(),
				"a long password", role);
	}

	private Api as(Member m) {
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), m.email(), workspace.id(), m.role(), null),
				"triage").token());
	}

	private Api as(Role role) {
		return as(member(role));
	}

	private String arrives(String externalId, String threadKey) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", externalId, "threadKey", threadKey,
				"from", Map.of("handle", threadKey + "@example.org"), "subject", "Frage " + threadKey, "body", "Hallo " + externalId));
		return api.get("/api/v1/conversations?q=" + threadKey).json().get("items").get(0).get("id").asString();
	}

	private static boolean unread(Api who, String id) {
		for (JsonNode item : who.get("/api/v1/conversations?limit=200").json().get("items")) {
			if (item.get("id").asString().equals(id)) {
				return item.get("unread").asBoolean();
			}
		}
		throw new AssertionError("not listed: " + id);
	}

	private static List<String> unreadIds(Api who) {
		List<String> ids = new ArrayList<>();
		who.get("/api/v1/conversations?unread=true").json().get("items").forEach(i -> ids.add(i.get("id").asString()));
		return ids;
	}

	@Test
	void eachMemberHasTheirOwnUnreadStateAndANewMessageMakesItUnreadAgain() {
		Api agent = as(Role.AGENT);
		Api viewer = as(Role.VIEWER);
		String a = arrives("u1", "unreadone");
		String b = arrives("u2", "unreadtwo");
		assertThat(unread(api, a)).isTrue();
		assertThat(unread(agent, a)).isTrue();

		JsonNode read = api.post("/api/v1/conversations/" + a + "/read", Map.of()).json();
		assertThat(read.get("unread").asBoolean()).isFalse();
		assertThat(unread(api, a)).isFalse();
		assertThat(unread(agent, a)).as("the other member has not read it").isTrue();
		assertThat(unreadIds(api)).containsExactly(b);
		assertThat(unreadIds(agent)).containsExactlyInAnyOrder(a, b);

		// a reply of ours does not make it unread; a new message from the contact does
		api.post("/api/v1/conversations/" + a + "/messages", Map.of("body", "Gern geschehen", "kind", "note"));
		assertThat(unread(api, a)).isFalse();
		arrives("u1-again", "unreadone");
		assertThat(unread(api, a)).isTrue();

		// mark unread again, by hand, for oneself; viewers keep their own state too
		api.post("/api/v1/conversations/" + b + "/read", Map.of());
		assertThat(unread(api, b)).isFalse();
		assertThat(api.post("/api/v1/conversations/" + b + "/unread", Map.of()).json().get("unread").asBoolean()).isTrue();
		assertThat(unread(api, b)).isTrue();
		assertThat(viewer.post("/api/v1/conversations/" + b + "/read", Map.of()).status()).isEqualTo(200);
		assertThat(unread(viewer, b)).isFalse();
		assertThat(unread(api, b)).isTrue();

		assertThat(api.post("/api/v1/conversations/" + UUID.randomUUID() + "/read", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void bulkChangesMixedConversationsAndAnswersPerId() {
		String a = arrives("b1", "bulkone");
		String b = arrives("b2", "bulktwo");
		String c = arrives("b3", "bulkthree");
		api.patch("/api/v1/conversations/" + b, Map.of("status", "done", "labels", List.of("presse")));
		int logged = jdbc.sql("select count(*) from conversation_status_log where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single();

		Api.Response done = api.post("/api/v1/conversations/bulk", Map.of("ids", List.of(a, b, c), "status", "done",
				"assigneeId", owner.userId().toString(), "addLabels", List.of("Kita")));
		assertThat(done.status()).isEqualTo(200);
		JsonNode items = done.json().get("items");
		assertThat(items).hasSize(3);
		assertThat(items.get(1).get("id").asString()).isEqualTo(b);
		for (JsonNode item : items) {
			assertThat(item.get("changed").asBoolean()).isTrue();
			assertThat(item.get("conversation").get("status").asString()).isEqualTo("done");
			assertThat(item.get("conversation").get("assignee").get("id").asString()).isEqualTo(owner.userId().toString());
			assertThat(item.get("conversation").get("labels").toString()).contains("\"kita\"");
		}
		assertThat(items.get(1).get("conversation").get("labels").toString()).isEqualTo("[\"kita\",\"presse\"]");
		// two were not done before: two status changes logged (and announced), not three
		assertThat(jdbc.sql("select count(*) from conversation_status_log where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(logged + 2);

		String until = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		JsonNode snoozed = api.post("/api/v1/conversations/bulk", Map.of("ids", List.of(a, c), "snoozeUntil", until)).json();
		assertThat(snoozed.get("items").get(0).get("conversation").get("status").asString()).isEqualTo("snoozed");
		assertThat(snoozed.get("items").get(0).get("conversation").get("snoozedUntil").asString()).isEqualTo(until);

		JsonNode unassigned = api.post("/api/v1/conversations/bulk", Map.of("ids", List.of(a), "assigneeId", "")).json();
		assertThat(unassigned.get("items").get(0).get("conversation").get("assignee").isNull()).isTrue();
	}

	@Test
	void bulkRefusesTooManyIdsUnknownIdsAndViewersAndChangesNothing() {
		String a = arrives("r1", "refuseone");
		String b = arrives("r2", "refusetwo");

		List<String> many = new ArrayList<>();
		for (int i = 0; i < 501; i++) {
			many.add(UUID.randomUUID().toString());
		}
		Api.Response tooMany = api.post("/api/v1/conversations/bulk", Map.of("ids", many, "status", "done"));
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.json().get("field").asString()).isEqualTo("ids");
		assertThat(api.post("/api/v1/conversations/bulk", Map.of("ids", List.of(), "status", "done")).json().get("field")
			.asString()).isEqualTo("ids");
		assertThat(api.post("/api/v1/conversations/bulk", Map.of("ids", List.of(a))).status()).isEqualTo(400);

		Api.Response unknown = api.post("/api/v1/conversations/bulk",
				Map.of("ids", List.of(a, UUID.randomUUID().toString(), b), "status", "done", "addLabels", List.of("x")));
		assertThat(unknown.status()).isEqualTo(404);
		// a refusal half-way (a viewer cannot be given conversations) changes none either
		Member viewerMember = member(Role.VIEWER);
		Api viewer = as(viewerMember);
		UUID viewerId = viewerMember.userId();
		assertThat(api.post("/api/v1/conversations/bulk", Map.of("ids", List.of(a, b), "status", "done",
				"assigneeId", viewerId.toString())).status()).isEqualTo(400);
		for (String id : List.of(a, b)) {
			JsonNode summary = api.get("/api/v1/conversations/" + id).json().get("summary");
			assertThat(summary.get("status").asString()).isEqualTo("open");
			assertThat(summary.get("labels")).isEmpty();
		}

		assertThat(viewer.post("/api/v1/conversations/bulk", Map.of("ids", List.of(a), "status", "done")).status())
			.isEqualTo(403);
		assertThat(api.get("/api/v1/conversations/" + a).json().get("summary").get("status").asString()).isEqualTo("open");
	}
}

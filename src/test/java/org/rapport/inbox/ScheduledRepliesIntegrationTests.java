package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Jobs;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * A reply planned for later is no message until its time: it neither shows in the conversation nor answers it; at
 * its time it leaves as its author's, once; before then it can be sent at once or taken back.
 */
class ScheduledRepliesIntegrationTests extends IntegrationTest {

	@Autowired
	ScheduledReplies scheduled;

	@Autowired
	SendLaterJob sendLater;

	@Autowired
	Jobs jobs;

	private String arrives(String threadKey) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", threadKey, "threadKey", threadKey,
				"from", Map.of("handle", threadKey + "@example.org"), "subject", "Frage " + threadKey, "body", "Hallo " + threadKey));
		return api.get("/api/v1/conversations?q=" + threadKey).json().get("items").get(0).get("id").asString();
	}

	private Api as(Member m) {
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), m.displayName(), workspace.id(), m.role(), null),
				"later").token());
	}

	private List<String> kinds(String conversation) {
		return api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items").valueStream()
			.map(m -> m.get("kind").asString()).toList();
	}

	private boolean waiting(String conversation) {
		return !api.get("/api/v1/conversations/" + conversation).json().get("summary").get("waitingSince").isNull();
	}

	@Test
	void aPlannedReplyLeavesAtItsTimeAsItsAuthorsOnce() {
		Member anna = members.add(workspace.id(), "anna-" + UUID.randomUUID() + "@example.org", "Anna Später",
				PASSWORD, Role.AGENT);
		String c = arrives("laterone");
		Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		Api.Response planned = as(anna).post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Guten Morgen, hier die Antwort.", "sendAt", at.toString()));
		assertThat(planned.status()).isEqualTo(202);
		String id = planned.json().get("id").asString();
		assertThat(planned.json().get("sendAt").asString()).isEqualTo(at.toString());
		assertThat(kinds(c)).as("no message until its time").containsExactly("message");
		assertThat(waiting(c)).as("the conversation still waits").isTrue();
		JsonNode listed = api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("authorName").asString()).isEqualTo("Anna Später");
		assertThat(jobs.list(workspace.id(), ScheduledReplies.JOB, "queued", 50)).anyMatch(j -> j.payload().contains(id));

		sendLater.run("{\"id\": \"" + id + "\"}");
		sendLater.run("{\"id\": \"" + id + "\"}");
		JsonNode messages = api.get("/api/v1/conversations/" + c + "/messages").json().get("items");
		assertThat(messages).hasSize(2);
		assertThat(messages.get(1).get("kind").asString()).isEqualTo("reply");
		assertThat(messages.get(1).get("body").asString()).contains("Guten Morgen, hier die Antwort.");
		assertThat(messages.get(1).get("authorName").asString()).isEqualTo("Anna Später");
		assertThat(waiting(c)).as("answered now").isFalse();
		assertThat(api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items")).isEmpty();
	}

	@Test
	void aPlannedReplyCanBeSentNowOrTakenBackAndWaitsWhenItsAuthorMayNoLongerAnswer() {
		String c = arrives("latertwo");
		String in2h = Instant.now().plus(2, ChronoUnit.HOURS).toString();
		String first = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Erste", "sendAt", in2h)).json()
			.get("id").asString();
		String second = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Zweite", "sendAt", in2h)).json()
			.get("id").asString();
		Api.Response back = api.delete("/api/v1/conversations/" + c + "/scheduled/" + first);
		assertThat(back.status()).isEqualTo(200);
		assertThat(back.json().get("body").asString()).isEqualTo("Erste");
		sendLater.run("{\"id\": \"" + first + "\"}");
		assertThat(kinds(c)).as("taken back: it never leaves").containsExactly("message");
		Api.Response now = api.post("/api/v1/conversations/" + c + "/scheduled/" + second + "/send", Map.of());
		assertThat(now.status()).isEqualTo(201);
		assertThat(now.json().get("body").asString()).contains("Zweite");
		assertThat(api.delete("/api/v1/conversations/" + c + "/scheduled/" + second).status()).isEqualTo(404);

		Member leaving = members.add(workspace.id(), "geht-" + UUID.randomUUID() + "@example.org", "Gerd Geht", PASSWORD, Role.AGENT);
		String third = as(leaving).post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Dritte", "sendAt", in2h))
			.json().get("id").asString();
		members.changeRole(owner, leaving.userId(), Role.VIEWER);
		sendLater.run("{\"id\": \"" + third + "\"}");
		JsonNode stuck = api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items").get(0);
		assertThat(stuck.get("error").asString()).contains("no longer answer");
		assertThat(kinds(c)).containsExactly("message", "reply");
		api.post("/api/v1/conversations/" + c + "/scheduled/" + third + "/send", Map.of());
		assertThat(kinds(c)).containsExactly("message", "reply", "reply");
	}

	@Test
	void badPlansAreRefusedNamingTheField() {
		String c = arrives("laterthree");
		Api.Response past = api.post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Zu spät", "sendAt", Instant.now().minus(1, ChronoUnit.HOURS).toString()));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.json().get("field").asString()).isEqualTo("sendAt");
		Api.Response tooFar = api.post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Viel zu früh", "sendAt", Instant.now().plus(400, ChronoUnit.DAYS).toString()));
		assertThat(tooFar.json().get("field").asString()).isEqualTo("sendAt");
		Api.Response note = api.post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Notiz", "kind", "note", "sendAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
		assertThat(note.status()).isEqualTo(400);
		assertThat(note.json().get("field").asString()).isEqualTo("sendAt");
		Member viewer = members.add(workspace.id(), "sieht-" + UUID.randomUUID() + "@example.org", "Vera Viewer", PASSWORD, Role.VIEWER);
		assertThat(as(viewer).post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Hallo", "sendAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())).status()).isEqualTo(403);
		assertThat(api.post("/api/v1/conversations/" + UUID.randomUUID() + "/messages",
				Map.of("body", "Hallo", "sendAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items")).isEmpty();
	}
}

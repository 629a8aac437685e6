package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * Every message a person sends into the inbox is screened by the workspace's spam filter: spam goes to the Spam
 * view, waits for no answer, and comes back with "Not spam"; the team's decisions teach the filter at once.
 */
class InboxSpamIntegrationTests extends IntegrationTest {

	static final String SPAM = "Check out my channel https://win-money.example.com for free money, giveaway every day!";

	static final String REPLICA = "Günstige Replika Uhren von Rolex und Omega, bestellen Sie noch heute, Lieferung weltweit in drei Tagen";

	static final String REPLICA_AGAIN = "Günstige Replika Uhren von Rolex und Omega – bestellen Sie heute, Lieferung weltweit in zwei Tagen";

	static final String QUESTION = "Hallo, wann habt ihr morgen geöffnet? Ich würde gern mit meiner Tochter vorbeikommen.";

	private Api.Response arrive(String threadKey, String body, Map<String, Object> extra) {
		Map<String, Object> message = new HashMap<>(Map.of("channel", "api", "externalId", threadKey + "-" + UUID.randomUUID(),
				"threadKey", threadKey, "from", Map.of("handle", threadKey + "@example.org", "name", "Person " + threadKey),
				"subject", "Nachricht " + threadKey, "body", body));
		message.putAll(extra);
		Api.Response r = api.post("/api/v1/messages", message);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r;
	}

	private String arrive(String threadKey, String body) {
		arrive(threadKey, body, Map.of());
		return conversationOf(threadKey);
	}

	private String conversationOf(String threadKey) {
		return jdbc.sql("select id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), threadKey).query(UUID.class).single().toString();
	}

	private static List<String> ids(Api who, String query) {
		Api.Response r = who.get("/api/v1/conversations" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		r.json().get("items").forEach(i -> ids.add(i.get("id").asString()));
		return ids;
	}

	private JsonNode onlyMessage(String conversation) {
		JsonNode items = api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private Boolean needsAnswer(String conversation) {
		return jdbc.sql("select needs_answer from insight_openings where conversation_id = ?::uuid")
			.param(conversation).query(Boolean.class).single();
	}

	private Api as(Role role) {
		Member m = members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", "Mia " + role.key(),
				"a long password", role);
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), m.email(), workspace.id(), m.role(), null),
				"spam").token());
	}

	private String judgement(String messageId) {
		return jdbc.sql("select label from authenticity_judgements where workspace_id = ? and kind = 'comments' and item_key = ?")
			.params(workspace.id(), "message:" + messageId).query(String.class).optional().orElse(null);
	}

	@Test
	void spamFromTheMessageApiLandsInTheSpamViewAndAThankYouDoesNot() {
		String spam = arrive("spam1", SPAM);
		String thanks = arrive("thanks1", "Danke!");
		String thumbs = arrive("thumbs1", "👍");
		String question = arrive("question1", QUESTION);

		assertThat(ids(api, "?view=spam")).containsExactly(spam);
		assertThat(ids(api, "")).containsExactlyInAnyOrder(thanks, thumbs, question);
		assertThat(ids(api, "?status=open")).containsExactlyInAnyOrder(thanks, thumbs, question);
		assertThat(ids(api, "?q=giveaway")).as("search leaves spam out too").isEmpty();
		assertThat(ids(api, "?view=spam&q=giveaway")).containsExactly(spam);

		JsonNode spamConversation = api.get("/api/v1/conversations/" + spam).json();
		assertThat(spamConversation.get("summary").get("spam").asBoolean()).isTrue();
		assertThat(spamConversation.get("summary").get("waitingSince").isNull()).as("spam waits for no answer").isTrue();
		assertThat(onlyMessage(spam).get("spam").asBoolean()).isTrue();
		assertThat(onlyMessage(spam).get("spamScore").asDouble()).isGreaterThan(0.5);
		JsonNode danke = onlyMessage(thanks);
		assertThat(danke.get("spam").asBoolean()).isFalse();
		assertThat(danke.get("spamScore").asDouble()).isLessThan(0.1);
		assertThat(api.get("/api/v1/conversations/" + thanks).json().get("summary").get("spam").asBoolean()).isFalse();

		// insights: spam needs no answer, a thank-you does (like any message a person wrote)
		assertThat(needsAnswer(spam)).isFalse();
		assertThat(needsAnswer(thanks)).isTrue();
		assertThat(needsAnswer(question)).isTrue();
	}

	@Test
	void automatedAndOutboundMessagesAreNotScored() {
		arrive("bot1", SPAM, Map.of("automated", true));
		arrive("out1", SPAM, Map.of("direction", "out", "to", Map.of("handle", "out1@example.org")));
		String bot = conversationOf("bot1");
		String out = conversationOf("out1");
		assertThat(ids(api, "?view=spam")).isEmpty();
		assertThat(ids(api, "")).contains(bot, out);
		assertThat(onlyMessage(bot).get("spamScore").isNull()).isTrue();
		assertThat(onlyMessage(out).get("spamScore").isNull()).isTrue();
	}

	@Test
	void notSpamBringsItBackTeachesTheFilterAndKeepsInsightsEqualToARebuild() {
		String spam = arrive("spam2", SPAM);
		String messageId = onlyMessage(spam).get("id").asString();
		assertThat(ids(api, "?view=spam")).containsExactly(spam);
		assertThat(needsAnswer(spam)).isFalse();

		Api.Response back = api.post("/api/v1/conversations/" + spam + "/not-spam", Map.of());

		assertThat(back.status()).as(back.body()).isEqualTo(200);
		assertThat(back.json().get("summary").get("spam").asBoolean()).isFalse();
		assertThat(back.json().get("summary").get("waitingSince").isNull()).as("it waits for an answer again").isFalse();
		assertThat(ids(api, "?view=spam")).isEmpty();
		assertThat(ids(api, "")).containsExactly(spam);
		assertThat(onlyMessage(spam).get("spam").asBoolean()).isFalse();
		assertThat(judgement(messageId)).isEqualTo("ham");
		assertThat(needsAnswer(spam)).isTrue();

		// and to spam again: the judgement is replaced, the figures follow; a rebuild gives the same rows
		assertThat(api.post("/api/v1/conversations/" + spam + "/spam", Map.of()).json().get("summary").get("spam").asBoolean())
			.isTrue();
		assertThat(judgement(messageId)).isEqualTo("spam");
		assertThat(needsAnswer(spam)).isFalse();
		String query = "select * from insight_openings where workspace_id = ? order by conversation_id, seq";
		var live = jdbc.sql(query).param(workspace.id()).query().listOfRows();
		assertThat(api.post("/api/v1/insights/rebuild", Map.of()).status()).isEqualTo(200);
		assertThat(jdbc.sql(query).param(workspace.id()).query().listOfRows()).isEqualTo(live);
	}

	@Test
	void afterTheTeamMarksATextAsSpamASimilarNewMessageIsCaught() {
		String first = arrive("replica1", REPLICA);
		assertThat(ids(api, "?view=spam")).as("no sign the built-in cues know").isEmpty();

		Api.Response judged = api.post("/api/v1/conversations/" + first + "/spam", Map.of());

		assertThat(judged.status()).as(judged.body()).isEqualTo(200);
		assertThat(judgement(onlyMessage(first).get("id").asString())).isEqualTo("spam");
		String again = arrive("replica2", REPLICA_AGAIN);
		String question = arrive("question2", QUESTION);
		assertThat(ids(api, "?view=spam")).containsExactlyInAnyOrder(first, again);
		assertThat(ids(api, "")).containsExactly(question);

		// the bulk change judges too
		Api.Response bulk = api.post("/api/v1/conversations/bulk", Map.of("ids", List.of(again), "spam", false));
		assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
		assertThat(bulk.json().get("items").get(0).get("conversation").get("spam").asBoolean()).isFalse();
		assertThat(ids(api, "?view=spam")).containsExactly(first);
		assertThat(judgement(onlyMessage(again).get("id").asString())).isEqualTo("ham");
	}

	@Test
	void viewersMayNotJudgeAndABadViewIsRefusedNamingIt() {
		String spam = arrive("spam3", SPAM);
		Api viewer = as(Role.VIEWER);
		assertThat(viewer.post("/api/v1/conversations/" + spam + "/not-spam", Map.of()).status()).isEqualTo(403);
		assertThat(viewer.post("/api/v1/conversations/" + spam + "/spam", Map.of()).status()).isEqualTo(403);
		assertThat(viewer.post("/api/v1/conversations/bulk", Map.of("ids", List.of(spam), "spam", false)).status())
			.isEqualTo(403);
		assertThat(ids(viewer, "?view=spam")).as("viewers read the Spam view").containsExactly(spam);
		Api agent = as(Role.AGENT);
		assertThat(agent.post("/api/v1/conversations/" + spam + "/not-spam", Map.of()).status()).isEqualTo(200);

		Api.Response bad = api.get("/api/v1/conversations?view=junk");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("field").asString()).isEqualTo("view");
		assertThat(api.post("/api/v1/conversations/" + UUID.randomUUID() + "/spam", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void aPersonsExportShowsTheJudgementsOfTheirMessagesAndTheirErasureRemovesThemFromTheFilter() {
		String first = arrive("erase1", REPLICA);
		assertThat(api.post("/api/v1/conversations/" + first + "/spam", Map.of()).status()).isEqualTo(200);
		assertThat(arrive("erase2", REPLICA_AGAIN)).satisfies(again -> assertThat(ids(api, "?view=spam")).contains(again));
		String contact = api.get("/api/v1/conversations/" + first).json().get("summary").get("contact").get("id").asString();

		JsonNode exported = api.get("/api/v1/contacts/" + contact + "/export").json().get("data").get("authenticity");
		assertThat(exported.get("judgements")).hasSize(1);
		assertThat(exported.get("judgements").get(0).get("label").asString()).isEqualTo("spam");
		assertThat(exported.get("judgements").get(0).get("text").asString()).isEqualTo(REPLICA);

		assertThat(api.delete("/api/v1/contacts/" + contact + "?erase=true").status()).isEqualTo(204);
		assertThat(jdbc.sql("select count(*) from authenticity_judgements where workspace_id = ? and item like '%Replika%'")
			.param(workspace.id()).query(Integer.class).single()).as("nothing the person wrote is kept").isZero();
		String third = arrive("erase3", REPLICA_AGAIN);
		assertThat(ids(api, "?view=spam")).as("the filter no longer knows the erased text").doesNotContain(third);
	}
}

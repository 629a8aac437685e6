package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Readers answer each other's comments; threads nest three levels deep on the page. */
class BlogCommentThreadsIntegrationTests extends BlogTestSupport {

	@Test
	void readersAnswerCommentsInThreadsNestedThreeLevelsDeep() {
		JsonNode post = publish("Neue Spielgruppe", "Ab Juni dienstags.");
		String path = path(post);
		comment(path, form("Mara Klein", "mara@example.net", "Ab welchem Alter?"));
		String first = approveNewest();

		Document page = Jsoup.parse(read(path).body());
		assertThat(page.select("#c-" + first + " .reply-link").attr("href")).isEqualTo(path + "?replyTo=" + first + "#comment-form");
		Document replying = Jsoup.parse(read(path + "?replyTo=" + first).body());
		assertThat(replying.select(".comment-form h3").text()).isEqualTo("Antwort an Mara Klein");
		assertThat(replying.select(".comment-form input[name=parentId]").val()).isEqualTo(first);

		// Another reader answers; the API names the comment answered. The answer is their own conversation.
		Api.Response answered = comment(path, reply("Tom Berger", "tom@example.org", "Ab zwei Jahren, glaube ich.", first));
		assertThat(answered.status()).isEqualTo(302);
		JsonNode pending = comments("pending").getFirst();
		assertThat(pending.get("parentId").asString()).isEqualTo(first);
		String second = approveNewest();
		assertThat(blogConversations()).hasSize(2);

		// The first reader answers the answer: level three, in her own conversation, shown at once.
		Api.Response third = comment(path, reply("Mara Klein", "mara@example.net", "Danke, Tom!", second));
		assertThat(third.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).contains("comment=shown"));
		assertThat(blogConversations()).hasSize(2);
		String thirdId = comments("approved").getLast().get("id").asString();

		// An answer to level three is shown on level three, saying whom it answers.
		comment(path, reply("Tom Berger", "tom@example.org", "Gern, Mara.", thirdId));
		String fourth = comments("approved").getLast().get("id").asString();
		assertThat(comments("approved").getLast().get("parentId").asString()).isEqualTo(thirdId);

		page = Jsoup.parse(read(path).body());
		assertThat(page.select(".comment-list > li")).hasSize(1);
		Element top = page.selectFirst(".comment-list > li");
		assertThat(top.id()).isEqualTo("c-" + first);
		assertThat(page.select("#c-" + second).attr("data-depth")).isEqualTo("2");
		assertThat(page.select("#c-" + thirdId).attr("data-depth")).isEqualTo("3");
		assertThat(page.select("#c-" + fourth).attr("data-depth")).isEqualTo("3");
		assertThat(page.select("#c-" + second + " > .replies > li").eachAttr("id")).containsExactly("c-" + thirdId, "c-" + fourth);
		assertThat(page.select("#c-" + fourth + " .in-reply-to").text()).isEqualTo("als Antwort auf Mara Klein");
		assertThat(page.select("#c-" + thirdId + " .in-reply-to")).isEmpty();
		assertThat(page.select(".comments h2").text()).isEqualTo("4 Kommentare");
	}

	@Test
	void anAnswerToACommentNotShownIsRefusedAndKeepsTheText() {
		JsonNode post = publish("Frage", "Was meinen Sie?");
		JsonNode other = publish("Andere Frage", "Und hier?");
		comment(path(other), form("Eva", "eva@example.net", "Woanders."));
		String elsewhere = approveNewest();
		comment(path(post), form("Ina", "ina@example.net", "Noch nicht freigegeben."));
		String waiting = comments("pending").getFirst().get("id").asString();

		for (String parent : new String[] { elsewhere, waiting }) {
			Api.Response refused = comment(path(post), reply("Tom", "tom@example.org", "Meine Antwort", parent));
			assertThat(refused.status()).isEqualTo(400);
			Document page = Jsoup.parse(refused.body());
			assertThat(page.select(".field-error").text()).contains("nicht mehr zu sehen");
			assertThat(page.select("#c-text").text()).isEqualTo("Meine Antwort");
			assertThat(page.select("input[name=parentId]")).isEmpty();
		}
		assertThat(comments("all")).hasSize(2);
		assertThat(api.get("/api/v1/blog/comments?status=whatever").status()).isEqualTo(400);
	}

	@Test
	void aTeamAnswerInTheInboxGoesUnderTheAnsweredReplyInItsThread() throws Exception {
		JsonNode post = publish("Fest", "Wir feiern.");
		String path = path(post);
		comment(path, form("Mara Klein", "mara@example.net", "Wann genau?"));
		String first = approveNewest();
		comment(path, reply("Tom Berger", "tom@example.org", "Ich glaube, um drei.", first));
		String second = approveNewest();
		JsonNode toms = null;
		for (JsonNode c : blogConversations()) {
			if (c.get("contact").get("handle").asString().equals("tom@example.org")) {
				toms = c;
			}
		}
		api.post("/api/v1/conversations/" + toms.get("id").asString() + "/messages", Map.of("body", "Genau, um 15 Uhr.", "kind", "reply"));
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
			.until(() -> !Jsoup.parse(read(path).body()).select("#c-" + second + " .team-reply").isEmpty());
		Document page = Jsoup.parse(read(path).body());
		assertThat(page.select("#c-" + second + " > .replies > li.team-reply").attr("data-depth")).isEqualTo("3");
		assertThat(page.select("#c-" + second + " .team-reply .comment-body").text()).isEqualTo("Genau, um 15 Uhr.");
	}

	@Autowired
	org.rapport.contacts.Erasure erasure;

	@Test
	void erasingACommenterKeepsTheAnswersOthersGaveThem() {
		JsonNode post = publish("Nachbarschaft", "Wer hilft wem?");
		String path = path(post);
		comment(path, form("Mara Klein", "mara@example.net", "Ich suche Hilfe beim Umzug."));
		String first = approveNewest();
		comment(path, reply("Tom Berger", "tom@example.org", "Ich helfe dir!", first));
		String answer = approveNewest();
		comment(path, form("Mara Klein", "mara@example.net", "Und noch eine Frage ohne Antwort."));
		String mara = null;
		for (JsonNode c : blogConversations()) {
			if (c.get("contact").get("handle").asString().equals("mara@example.net")) {
				mara = c.get("contact").get("id").asString();
			}
		}
		erasure.erase(workspace.id(), java.util.UUID.fromString(mara), false, owner.userId(), "127.0.0.1");

		String page = read(path).body();
		assertThat(page).doesNotContain("Mara Klein").doesNotContain("Umzug").doesNotContain("ohne Antwort");
		Document html = Jsoup.parse(page);
		assertThat(html.select("#c-" + first + " > .comment-deleted")).hasSize(1);
		assertThat(html.select("#c-" + first + " #c-" + answer + " .comment-body").text()).isEqualTo("Ich helfe dir!");
		assertThat(comments("all")).hasSize(2);
	}
}

package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The commenter deletes their own comment and withdraws the consent with the signed link from the page or a mail. */
class CommentSelfServiceIntegrationTests extends BlogTestSupport {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("blog@rapport.test", "blog", "geheim"));

	@Autowired
	Channels channels;

	@Test
	void theLinkAfterCommentingDeletesTheCommentWithdrawsTheConsentAndNotesItInTheInbox() {
		JsonNode post = publish("Sommerfest", "Alle sind eingeladen.");
		String path = path(post);
		Api.Response sent = comment(path, form("Mara Klein", "mara@example.net", "Ich bringe Kuchen mit."));
		String location = sent.headers().firstValue("Location").orElseThrow();
		assertThat(location).contains("comment=pending").contains("mine=").contains("t=");
		String commentId = comments("pending").getFirst().get("id").asString();
		api.post("/api/v1/blog/comments/" + commentId + "/approve", Map.of());
		comment(path, reply("Tom Berger", "tom@example.org", "Lecker!", commentId));
		approveNewest();

		Document landed = Jsoup.parse(read(URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery()).body());
		String link = landed.select(".manage-link").attr("href");
		assertThat(link).startsWith("/blog/" + workspace.slug() + "/comments/" + commentId + "/delete?t=");
		assertThat(Jsoup.parse(read(path + "?mine=" + commentId + "&t=forged").body()).select(".manage-link")).isEmpty();

		// A tampered link is refused with a readable page, and nothing happens.
		String token = link.substring(link.indexOf("?t=") + 3);
		String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
		Api.Response refused = read("/blog/" + workspace.slug() + "/comments/" + commentId + "/delete?t=" + forged);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(Jsoup.parse(refused.body()).select("h1").text()).contains("Dieser Link ist nicht gültig");
		assertThat(postForm("/blog/" + workspace.slug() + "/comments/" + commentId + "/delete", Map.of("t", forged)).status()).isEqualTo(403);
		assertThat(postForm("/blog/" + workspace.slug() + "/comments/not-a-comment/delete", Map.of("t", token)).status()).isEqualTo(403);
		assertThat(Jsoup.parse(read(path).body()).select("#c-" + commentId + " > .comment-body").text()).isEqualTo("Ich bringe Kuchen mit.");

		// Opening the link only asks; the button deletes.
		Api.Response asked = read(link);
		assertThat(asked.status()).isEqualTo(200);
		assertThat(Jsoup.parse(asked.body()).select("blockquote").text()).isEqualTo("Ich bringe Kuchen mit.");
		Api.Response deleted = postForm("/blog/" + workspace.slug() + "/comments/" + commentId + "/delete", Map.of("t", token));
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(Jsoup.parse(deleted.body()).select("h1").text()).isEqualTo("Ihr Kommentar wurde gelöscht und Ihre Einwilligung widerrufen.");

		String page = read(path).body();
		assertThat(page).doesNotContain("Ich bringe Kuchen mit.").doesNotContain("Mara Klein");
		Document after = Jsoup.parse(page);
		assertThat(after.select("#c-" + commentId + " .comment-deleted").text()).contains("gelöscht");
		assertThat(after.select("#c-" + commentId + " .team-reply, #c-" + commentId + " .replies .comment-body").text()).isEqualTo("Lecker!");
		assertThat(comments("deleted")).extracting(c -> c.get("text").asString()).containsExactly("");

		List<String> consent = jdbc.sql("""
				select c.withdrawn_by from consents c join blog_comments b on b.consent_id = c.id where b.id = ?::uuid""")
			.param(commentId).query(String.class).list();
		assertThat(consent).containsExactly("person");
		JsonNode maras = null;
		for (JsonNode c : blogConversations()) {
			if (c.get("contact").get("handle").asString().equals("mara@example.net")) {
				maras = c;
			}
		}
		JsonNode messages = api.get("/api/v1/conversations/" + maras.get("id").asString() + "/messages").json().get("items");
		JsonNode last = messages.get(messages.size() - 1);
		assertThat(last.get("kind").asString()).isEqualTo("activity");
		assertThat(Jsoup.parse(last.get("body").asString()).text()).contains("über ihren Link gelöscht");
		assertThat(jdbc.sql("select count(*) from audit_log where workspace_id = ? and action = 'blog.comment.deletedByCommenter'")
			.param(workspace.id()).query(Integer.class).single()).isEqualTo(1);

		Api.Response again = postForm("/blog/" + workspace.slug() + "/comments/" + commentId + "/delete", Map.of("t", token));
		assertThat(Jsoup.parse(again.body()).select("h1").text()).isEqualTo("Dieser Kommentar wurde bereits gelöscht.");
		assertThat(api.get("/api/v1/conversations/" + maras.get("id").asString() + "/messages").json().get("items")).hasSize(messages.size());
	}

	@Test
	void theMailWithTheTeamsAnswerCarriesTheLink() throws Exception {
		Map<String, String> mailbox = org.rapport.support.GreenMailboxes.settings(greenMail, "blog@rapport.test", "Verein Nord", "blog", "geheim");
		channels.create(workspace.id(), "email", "email", "Postfach", mailbox);
		JsonNode post = publish("Öffnungszeiten", "Ab Mai länger.");
		comment(path(post), form("Ida Lang", "ida@example.net", "Auch samstags?"));
		String commentId = comments("pending").getFirst().get("id").asString();
		String conversation = blogConversations().get(0).get("id").asString();
		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Ja, samstags auch.", "kind", "reply"));

		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		MimeMessage mail = null;
		for (MimeMessage m : greenMail.getReceivedMessages()) {
			if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains("ida@example.net")) {
				mail = m;
			}
		}
		assertThat(mail).isNotNull();
		String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
		assertThat(body).contains("Ja, samstags auch.").contains("Ihren Kommentar l");
		Matcher link = Pattern.compile("(/blog/" + workspace.slug() + "/comments/" + commentId + "/delete\\?t=[A-Za-z0-9_-]+)").matcher(body);
		assertThat(link.find()).as(body).isTrue();
		assertThat(read(link.group(1)).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var messages = api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
			assertThat(messages.get(messages.size() - 1).get("delivery").asString()).isEqualTo("sent");
		});
	}
}

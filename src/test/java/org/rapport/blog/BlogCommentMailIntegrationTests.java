package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** With a mailbox connected, the team's answer to a blog comment also reaches the commenter by email. */
class BlogCommentMailIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("blog@rapport.test", "blog", "geheim"));

	@Autowired
	Channels channels;

	@Test
	void theAnswerAppearsUnderTheCommentAndIsMailedToTheCommenter() throws Exception {
		Map<String, String> mailbox = org.rapport.support.GreenMailboxes.settings(greenMail, "blog@rapport.test", "Verein Nord", "blog", "geheim");
		channels.create(workspace.id(), "email", "email", "Postfach", mailbox);

		var created = api.post("/api/v1/blog/posts", Map.of("title", "Neue Öffnungszeiten", "markdown", "Ab Mai länger.",
				"status", "published")).json();
		String path = URI.create(created.get("url").asString()).getPath();
		String form = "name=Ida+Lang&email=ida%40example.net&text=" + URLEncoder.encode("Auch samstags?", StandardCharsets.UTF_8)
				+ "&consent=true&homepage=";
		Api.Response sent = new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path + "/comments"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(sent.status()).isEqualTo(302);
		String conversation = api.get("/api/v1/conversations?channel=blog-comments").json().get("items").get(0).get("id").asString();

		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Ja, samstags von 10 bis 14 Uhr.", "kind", "reply"));

		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		MimeMessage mail = null;
		for (MimeMessage m : greenMail.getReceivedMessages()) {
			if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains("ida@example.net")) {
				mail = m;
			}
		}
		assertThat(mail).isNotNull();
		assertThat(mail.getSubject()).isEqualTo("Re: Kommentar zu „Neue Öffnungszeiten“");
		assertThat(GreenMailUtil.getBody(mail)).contains("samstags von 10 bis 14 Uhr");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Jsoup.parse(
				new Api(baseUrl(), null).get(path).body()).select(".team-reply .comment-body").text())
			.isEqualTo("Ja, samstags von 10 bis 14 Uhr."));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var messages = api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
			assertThat(messages.get(messages.size() - 1).get("delivery").asString()).isEqualTo("sent");
		});
	}
}

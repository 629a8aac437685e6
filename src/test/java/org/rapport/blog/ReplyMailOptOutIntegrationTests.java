package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
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
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The mail with the team's answer offers a signed link to get no more such mails; after using it, answers only go on the blog. */
class ReplyMailOptOutIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("blog@rapport.test", "blog", "geheim"));

	@Autowired
	Channels channels;

	static final Pattern STOP = Pattern.compile("(http://\\S+/replies/stop\\?e=[^&\\s]+&t=[A-Za-z0-9_-]+)");

	@Test
	void afterOptingOutAnswersAppearButSendNoMail() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "blog@rapport.test", "Verein Nord", "blog", "geheim"));
		var created = api.post("/api/v1/blog/posts", Map.of("title", "Öffnungszeiten", "markdown", "Ab Mai länger.",
				"status", "published")).json();
		String path = URI.create(created.get("url").asString()).getPath();
		String form = "name=Ida+Lang&email=Ida%40Example.net&text=" + URLEncoder.encode("Auch samstags?", StandardCharsets.UTF_8)
				+ "&consent=true&homepage=";
		Api anonymous = new Api(baseUrl(), null);
		assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(baseUrl() + path + "/comments"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))).status())
			.isEqualTo(302);
		String conversation = api.get("/api/v1/conversations?channel=blog-comments").json().get("items").get(0).get("id").asString();

		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Ja, von 10 bis 14 Uhr.", "kind", "reply"));
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		List<MimeMessage> toIda = mailsTo("ida@example.net");
		assertThat(toIda).hasSize(1);
		String body = text(toIda.get(0));
		assertThat(body).contains("Keine Mails mehr zu meinen Kommentaren: ").contains("/comments/");
		Matcher m = STOP.matcher(body);
		assertThat(m.find()).as(body).isTrue();
		URI link = URI.create(m.group(1));
		String stopPath = link.getRawPath() + "?" + link.getRawQuery();

		// A tampered link is refused with a readable page and records nothing.
		Api.Response forged = anonymous.get(stopPath.replaceAll("t=[A-Za-z0-9_-]{4}", "t=AAAA"));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(Jsoup.parse(forged.body()).select("h1").text()).isNotBlank();
		assertThat(anonymous.get(stopPath.replace("e=ida%40example.net", "e=eva%40example.net")).status()).isEqualTo(403);
		Api.Response forgedPost = anonymous.send(HttpRequest.newBuilder(URI.create(baseUrl() + link.getRawPath()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("e=ida%40example.net&t=AAAA")));
		assertThat(forgedPost.status()).isEqualTo(403);
		assertThat(optOuts()).isZero();

		// Opening the link only asks; the button records it.
		Document confirm = Jsoup.parse(anonymous.send(HttpRequest.newBuilder(URI.create(baseUrl() + stopPath))
			.header("Accept-Language", "de-DE")).body());
		assertThat(confirm.select("form button").text()).isEqualTo("Keine Mails mehr zu meinen Kommentaren senden");
		assertThat(optOuts()).isZero();
		String fields = "e=" + URLEncoder.encode(confirm.select("input[name=e]").attr("value"), StandardCharsets.UTF_8)
				+ "&t=" + confirm.select("input[name=t]").attr("value");
		Api.Response stopped = anonymous.send(HttpRequest.newBuilder(URI.create(baseUrl() + confirm.select("form").attr("action")))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(fields)));
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(optOuts()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_log where workspace_id = ? and action = 'blog.comment.replyMailsStopped'")
			.param(workspace.id()).query(Integer.class).single()).isEqualTo(1);

		// The next answer is on the blog and counts as delivered, but no mail leaves.
		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Und sonntags geschlossen.", "kind", "reply"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Jsoup.parse(anonymous.get(path).body())
			.select(".team-reply .comment-body").eachText()).contains("Und sonntags geschlossen."));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var messages = api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
			assertThat(messages.get(messages.size() - 1).get("delivery").asString()).isEqualTo("sent");
		});
		assertThat(greenMail.waitForIncomingEmail(2_000, 2)).isFalse();
		assertThat(mailsTo("ida@example.net")).hasSize(1);

		// The opt-out is the person's data: in their access export, and gone with their erasure.
		String contact = api.get("/api/v1/conversations/" + conversation).json().at("/summary/contact/id").asString();
		assertThat(api.get("/api/v1/contacts/" + contact + "/export").json().at("/data/blog/noAnswerMails/0/email").asString())
			.isEqualTo("ida@example.net");
		assertThat(api.delete("/api/v1/contacts/" + contact + "?erase=true").status()).isLessThan(300);
		assertThat(optOuts()).isZero();
	}

	private int optOuts() {
		return jdbc.sql("select count(*) from blog_reply_mail_optouts where workspace_id = ? and email = 'ida@example.net'")
			.param(workspace.id()).query(Integer.class).single();
	}

	private static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
			try {
				return GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address);
			}
			catch (jakarta.mail.MessagingException e) {
				return false;
			}
		}).toList();
	}

	private static String text(MimeMessage mail) throws Exception {
		Object content = mail.getContent();
		if (content instanceof Multipart multipart) {
			StringBuilder all = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.getContent() instanceof String s) {
					all.append(s).append('\n');
				}
			}
			return all.toString();
		}
		return (String) content;
	}
}

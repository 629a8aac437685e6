package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Double opt-in, sending a post as a newsletter with one-click unsubscribe, and unsubscribing. */
class NewsletterIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("blog@verein.test", "blog", "geheim"));

	@Autowired
	Channels channels;

	static final Pattern LINK = Pattern.compile("(http://\\S+/newsletter/(?:confirm|unsubscribe)\\?t=[A-Za-z0-9_-]+)");

	@Test
	void confirmsByMailSendsWithUnsubscribeHeadersAndUnsubscribes() throws Exception {
		Map<String, String> mailbox = org.rapport.support.GreenMailboxes.settings(greenMail, "blog@verein.test", "", "blog", "geheim");
		channels.create(workspace.id(), "email", "email", "Postfach", mailbox);
		channels.setEnabled(workspace.id(), channels.byKey(workspace.id(), "email").orElseThrow().id(), false);
		var created = api.post("/api/v1/blog/posts", Map.of("title", "Neues vom Verein", "markdown", "Wir feiern im Juni.", "status", "published")).json();
		channels.setEnabled(workspace.id(), channels.byKey(workspace.id(), "email").orElseThrow().id(), true);
		String home = "/blog/" + workspace.slug();
		Api anonymous = new Api(baseUrl(), null);
		var form = java.net.http.HttpRequest.BodyPublishers.ofString("email=leser%40example.net&consent=true");

		Api.Response refused = anonymous.send(java.net.http.HttpRequest.newBuilder(URI.create(baseUrl() + home + "/newsletter"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString("email=leser%40example.net")));
		assertThat(refused.status()).isEqualTo(400);
		Api.Response signedUp = anonymous.send(java.net.http.HttpRequest.newBuilder(URI.create(baseUrl() + home + "/newsletter"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(form));
		assertThat(signedUp.status()).isEqualTo(200);
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		MimeMessage confirmation = greenMail.getReceivedMessagesForDomain("example.net")[0];
		Matcher confirm = LINK.matcher((String) confirmation.getContent());
		assertThat(confirm.find()).isTrue();
		assertThat(jdbc.sql("select status from newsletter_subscribers where workspace_id = ?").param(workspace.id())
			.query(String.class).single()).isEqualTo("pending");

		// Nothing goes to an unconfirmed address.
		assertThat(api.post("/api/v1/blog/posts/" + created.get("id").asString() + "/newsletter", Map.of()).json()
			.get("recipients").asInt()).isZero();

		String confirmPath = URI.create(confirm.group(1)).getPath() + "?" + URI.create(confirm.group(1)).getQuery();
		assertThat(anonymous.get(confirmPath).status()).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from consents where workspace_id = ? and purpose = 'newsletter' and withdrawn_at is null")
			.param(workspace.id()).query(Integer.class).single()).isEqualTo(1);
		// The confirmed sign-up is a registration in the insights, once, however often the link is opened.
		assertThat(anonymous.get(confirmPath).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/insights/outcomes").json().get("byKind").get("registration").asLong()).isEqualTo(1);
		assertThat(anonymous.get(home + "/newsletter/confirm?t=forged").status()).isEqualTo(400);

		var sent = api.post("/api/v1/blog/posts/" + created.get("id").asString() + "/newsletter", Map.of()).json();
		assertThat(sent.get("recipients").asInt()).isEqualTo(1);
		assertThat(greenMail.waitForIncomingEmail(15_000, 2)).isTrue();
		MimeMessage issue = Arrays.stream(greenMail.getReceivedMessagesForDomain("example.net"))
			.filter(m -> {
				try {
					return m.getSubject().equals("Neues vom Verein");
				}
				catch (jakarta.mail.MessagingException e) {
					return false;
				}
			}).findFirst().orElseThrow();
		String unsubscribe = issue.getHeader("List-Unsubscribe", null);
		assertThat(unsubscribe).startsWith("<http").contains("/newsletter/unsubscribe?t=");
		assertThat(issue.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

		// One-click unsubscribe as mail programs do it (RFC 8058).
		URI target = URI.create(unsubscribe.substring(1, unsubscribe.length() - 1));
		Api.Response oneClick = anonymous.send(java.net.http.HttpRequest.newBuilder(URI.create(baseUrl() + target.getPath() + "?" + target.getQuery()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
		assertThat(oneClick.status()).isEqualTo(200);
		assertThat(jdbc.sql("select status from newsletter_subscribers where workspace_id = ?").param(workspace.id())
			.query(String.class).single()).isEqualTo("unsubscribed");
		assertThat(jdbc.sql("select count(*) from consents where workspace_id = ? and purpose = 'newsletter' and withdrawn_at is not null")
			.param(workspace.id()).query(Integer.class).single()).isEqualTo(1);
		assertThat(api.post("/api/v1/blog/posts/" + created.get("id").asString() + "/newsletter", Map.of()).json()
			.get("recipients").asInt()).isZero();
	}
}

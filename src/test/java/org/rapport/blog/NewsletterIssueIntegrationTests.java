package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A written newsletter issue: composed in Markdown, sent only to confirmed subscribers with the unsubscribe headers. */
class NewsletterIssueIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("blog@verein.test", "blog", "geheim"));

	@Autowired
	Channels channels;

	@Autowired
	Newsletter newsletter;

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Test
	void aWrittenIssueReachesConfirmedSubscribersOnly() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "blog@verein.test", "", "blog", "geheim"));
		subscribe("bestaetigt@example.net", true);
		subscribe("offen@example.net", false);
		greenMail.purgeEmailFromAllMailboxes();

		var sent = api.post("/api/v1/blog/newsletter/issues", Map.of("subject", "Sommerfest",
				"markdown", "# Einladung\n\nWir feiern am **14. Juni**.<script>alert(1)</script>"));
		assertThat(sent.status()).isEqualTo(201);
		assertThat(sent.json().get("recipients").asInt()).isEqualTo(1);
		assertThat(sent.json().get("id").asString()).isNotBlank();

		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).hasSize(1);
		MimeMessage issue = received[0];
		assertThat(issue.getAllRecipients()[0].toString()).isEqualTo("bestaetigt@example.net");
		assertThat(issue.getSubject()).isEqualTo("Sommerfest");
		String body = GreenMailUtil.getBody(issue);
		assertThat(body).contains("Wir feiern am").contains("14. Juni").doesNotContain("<script>").contains("/newsletter/unsubscribe?t=");
		assertThat(issue.getHeader("List-Unsubscribe", null)).startsWith("<http").contains("/newsletter/unsubscribe?t=");
		assertThat(issue.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(jdbc.sql("select body_html from newsletter_sendings where workspace_id = ?").param(workspace.id())
			.query(String.class).single()).contains("<strong>14. Juni</strong>").doesNotContain("script");

		var list = api.get("/api/v1/blog/newsletter/issues").json().get("items");
		assertThat(list).hasSize(1);
		assertThat(list.get(0).get("subject").asString()).isEqualTo("Sommerfest");
		assertThat(list.get(0).get("recipients").asInt()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_log where workspace_id = ? and action = 'blog.newsletter.issueSent'")
			.param(workspace.id()).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void refusesEmptyIssuesAndMembersWhoDoNotManage() {
		assertThat(api.post("/api/v1/blog/newsletter/issues", Map.of("subject", " ", "markdown", "Text")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/blog/newsletter/issues", Map.of("subject", "Betreff", "markdown", "")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/blog/newsletter/issues", Map.of("subject", "Betreff")).status()).isEqualTo(400);
		for (Role role : new Role[] { Role.VIEWER, Role.AGENT }) {
			Api member = new Api(baseUrl(), tokenAs(role));
			assertThat(member.post("/api/v1/blog/newsletter/issues", Map.of("subject", "Betreff", "markdown", "Text")).status())
				.isEqualTo(403);
			assertThat(member.get("/api/v1/blog/newsletter/issues").status()).isEqualTo(403);
		}
		assertThat(api.get("/api/v1/blog/newsletter/issues").json().get("items")).isEmpty();
	}

	@Test
	void theAdminPageComposesPreviewsAndSends() throws Exception {
		signIn(ownerEmail, PASSWORD);
		String page = get("/blog/admin/newsletter").body();
		String csrf = csrf(page);
		var preview = post("/blog/admin/newsletter", "subject=Hallo&markdown=" + enc("Ein **fetter** Gru\u00df") + "&action=preview&_csrf=" + csrf);
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("<strong>fetter</strong>");
		assertThat(jdbc.sql("select count(*) from newsletter_sendings where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
		var refused = post("/blog/admin/newsletter", "subject=&markdown=Text&action=send&_csrf=" + csrf);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("flash error").contains("Text");
		var send = post("/blog/admin/newsletter", "subject=Hallo&markdown=Text&action=send&_csrf=" + csrf);
		assertThat(send.statusCode()).isEqualTo(302);
		String list = get("/blog/admin/newsletter").body();
		assertThat(list).contains("sent-issue").contains("Hallo");
	}

	private void subscribe(String email, boolean confirm) {
		assertThat(newsletter.signUp(workspace, email, true, "198.51.100.7", "Blog")).isEqualTo(Newsletter.SignUp.CONFIRMATION_SENT);
		if (confirm) {
			String token = jdbc.sql("select token from newsletter_subscribers where workspace_id = ? and email = ?")
				.params(workspace.id(), email).query(String.class).single();
			assertThat(newsletter.confirm(workspace, token, "198.51.100.7")).isPresent();
		}
	}

	private String tokenAs(Role role) {
		String email = role.name().toLowerCase() + "-" + workspace.slug() + "@example.org";
		var member = members.add(workspace.id(), email, role.name(), PASSWORD, role);
		return tokens.create(new CurrentUser(member.userId(), email, role.name(), workspace.id(), role, null), "test").token();
	}

	private void signIn(String email, String password) throws Exception {
		String login = get("/login").body();
		String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + csrf(login);
		browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de")
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("a CSRF token on the page").isTrue();
		return m.group(1);
	}
}

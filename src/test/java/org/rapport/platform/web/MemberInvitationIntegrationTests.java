package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import tools.jackson.databind.JsonNode;

/**
 * A member added without a password gets an invitation mail with a one-time link to choose their own, through the
 * workspace's mailbox, in the language asked for; without a mailbox the member is added and the answer says why no
 * mail went out.
 */
class MemberInvitationIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	@Autowired
	Channels channels;

	@Test
	void aMemberAddedWithoutAPasswordChoosesTheirOwnThroughTheMailedLink() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
		Api.Response added = api.post("/api/v1/members", Map.of("email", "jana@example.org", "name", "Jana Kurz",
				"role", "agent", "language", "de"));
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		JsonNode body = added.json();
		assertThat(body.get("status").asString()).isEqualTo("joined");
		assertThat(body.get("mail").asString()).isEqualTo("sent");

		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.org")[0];
		assertThat(mail.getSubject()).startsWith("Einladung zu ");
		String text = (String) mail.getContent();
		assertThat(text).contains("Hallo Jana Kurz").contains("7 Tage");
		Matcher link = AccountIntegrationTests.LINK.matcher(text);
		assertThat(link.find()).as("a link in %s", text).isTrue();
		URI uri = URI.create(link.group(1));
		String path = uri.getPath() + "?" + uri.getQuery();

		UiSession jana = new UiSession(baseUrl());
		UiSession.Page form = jana.get(path);
		assertThat(form.status()).isEqualTo(200);
		UiSession.Page set = jana.form("/login/reset", Map.of("token", path.substring(path.indexOf('=') + 1),
				"newPassword", "mein eigenes Passwort", "_csrf", UiSession.csrf(form.body())));
		assertThat(set.location()).endsWith("/login?reset");
		UiSession signedIn = new UiSession(baseUrl()).login("jana@example.org", "mein eigenes Passwort");
		assertThat(signedIn.get("/inbox").status()).isEqualTo(200);
	}

	@Test
	void withoutAMailboxTheMemberIsAddedAndTheAnswerSaysWhyNoMailWentOut() {
		Api.Response added = api.post("/api/v1/members", Map.of("email", "tom@example.org", "name", "Tom",
				"role", "viewer"));
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(added.json().get("mail").asString()).isEqualTo("not_sent");
		assertThat(added.json().get("mailError").asString()).isNotBlank();
		assertThat(api.get("/api/v1/members").body()).contains("tom@example.org");

		Api.Response withPassword = api.post("/api/v1/members", Map.of("email", "ute@example.org", "name", "Ute",
				"role", "agent", "password", "ein gutes Passwort"));
		assertThat(withPassword.status()).isEqualTo(201);
		assertThat(withPassword.json().get("mail").isNull()).as("no mail when the password was given").isTrue();
		Api.Response tooShort = api.post("/api/v1/members", Map.of("email", "max@example.org", "name", "Max",
				"role", "agent", "password", "kurz"));
		assertThat(tooShort.status()).isEqualTo(400);
	}
}

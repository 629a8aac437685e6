package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Accounts that run themselves: one's own name, language and password, and "forgot password" with a one-time link
 * by mail that answers the same whether or not an account exists.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccountIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	static final Pattern LINK = Pattern.compile("(http://\\S+/login/reset\\?token=[A-Za-z0-9_-]+)");

	@Autowired
	Channels channels;

	private void connectMailbox() {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
	}

	private UiSession.Page askForLink(String email) throws Exception {
		UiSession anonymous = new UiSession(baseUrl());
		String csrf = UiSession.csrf(anonymous.get("/login/forgot").body());
		return anonymous.form("/login/forgot", Map.of("email", email, "_csrf", csrf));
	}

	/** The answer without what differs between any two pages (CSRF tokens). */
	private static String sameness(String body) {
		return body.replaceAll("(name=\"_csrf\" value=|name=\"_csrf\" content=|content=)\"[^\"]*\"", "$1\"\"");
	}

	private String linkFromMail() throws Exception {
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.org")[0];
		assertThat(mail.getSubject()).isEqualTo("Neues Passwort für Rapport");
		Matcher link = LINK.matcher((String) mail.getContent());
		assertThat(link.find()).as("a link in %s", mail.getContent()).isTrue();
		URI uri = URI.create(link.group(1));
		return uri.getPath() + "?" + uri.getQuery();
	}

	@Test
	void theResetLinkArrivesByMailWorksOnceAndEndsOtherSessions() throws Exception {
		connectMailbox();
		UiSession before = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);

		UiSession.Page asked = askForLink(ownerEmail);
		assertThat(asked.status()).isEqualTo(200);
		assertThat(asked.body()).contains("Wenn es zu dieser Adresse ein Konto gibt");
		String path = linkFromMail();
		assertThat(jdbc.sql("select count(*) from password_resets where token_hash like '%' || ? || '%'")
			.param(path.substring(path.indexOf('=') + 1)).query(Integer.class).single())
			.as("only the token's hash is stored").isZero();

		UiSession stranger = new UiSession(baseUrl());
		UiSession.Page form = stranger.get(path);
		assertThat(form.status()).isEqualTo(200);
		String token = path.substring(path.indexOf('=') + 1);
		UiSession.Page tooShort = stranger.form("/login/reset",
				Map.of("token", token, "newPassword", "kurz", "_csrf", UiSession.csrf(form.body())));
		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(tooShort.body()).contains("Ein Passwort braucht mindestens 10 Zeichen.");
		UiSession.Page set = stranger.form("/login/reset",
				Map.of("token", token, "newPassword", "ein ganz neues Passwort", "_csrf", UiSession.csrf(tooShort.body())));
		assertThat(set.status()).isEqualTo(302);
		assertThat(set.location()).endsWith("/login?reset");

		assertThat(before.get("/settings").location()).as("the session from before the reset ended").endsWith("/login?ended");
		new UiSession(baseUrl()).login(ownerEmail, "ein ganz neues Passwort");

		UiSession.Page again = new UiSession(baseUrl()).get(path);
		assertThat(again.status()).isEqualTo(410);
		assertThat(again.body()).contains("Dieser Link gilt nicht mehr");
		UiSession attacker = new UiSession(baseUrl());
		UiSession.Page reused = attacker.form("/login/reset", Map.of("token", token, "newPassword",
				"noch ein Passwort!", "_csrf", UiSession.csrf(attacker.get("/login/forgot").body())));
		assertThat(reused.status()).isEqualTo(410);
		new UiSession(baseUrl()).login(ownerEmail, "ein ganz neues Passwort");
	}

	@Test
	void anExpiredLinkIsRefused() throws Exception {
		connectMailbox();
		askForLink(ownerEmail);
		String path = linkFromMail();
		jdbc.sql("update password_resets set expires_at = now() - interval '1 minute' where user_id = ?")
			.param(owner.userId()).update();
		UiSession stranger = new UiSession(baseUrl());
		UiSession.Page expired = stranger.get(path);
		assertThat(expired.status()).isEqualTo(410);
		assertThat(expired.body()).contains("abgelaufen");
		UiSession.Page refused = stranger.form("/login/reset", Map.of("token", path.substring(path.indexOf('=') + 1),
				"newPassword", "ein ganz neues Passwort", "_csrf", UiSession.csrf(stranger.get("/login/forgot").body())));
		assertThat(refused.status()).isEqualTo(410);
		new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
	}

	@Test
	void anUnknownAddressGetsTheSameAnswerAndNoMail(CapturedOutput output) throws Exception {
		connectMailbox();
		UiSession.Page unknown = askForLink("nobody-" + workspace.slug() + "@example.org");
		UiSession.Page known = askForLink(ownerEmail);
		assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(200);
		assertThat(sameness(unknown.body())).isEqualTo(sameness(known.body()));
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		Thread.sleep(1_500);
		assertThat(greenMail.getReceivedMessages()).hasSize(1);
		assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(ownerEmail);
		assertThat(output).contains("A password reset was asked for an address without an account; nothing sent.");
	}

	@Test
	void withoutAMailboxThePageAnswersTheSameAndTheLogSaysSo(CapturedOutput output) throws Exception {
		UiSession.Page asked = askForLink(ownerEmail);
		assertThat(asked.status()).isEqualTo(200);
		assertThat(asked.body()).contains("Wenn es zu dieser Adresse ein Konto gibt");
		long deadline = System.currentTimeMillis() + 10_000;
		while (!output.getOut().contains("User " + owner.userId() + " asked for a password reset, but no workspace")
				&& System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
		}
		assertThat(output.getOut()).contains("User " + owner.userId() + " asked for a password reset, but no workspace");
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void aWrongCurrentPasswordIsRefusedNamingTheField() throws Exception {
		UiSession me = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page refused = me.form("/settings/account/password", Map.of("currentPassword", "falsch falsch",
				"newPassword", "ein ganz neues Passwort", "_csrf", UiSession.csrf(me.get("/settings/account").body())));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"currentPassword-error\"").contains("Das aktuelle Passwort stimmt nicht.")
			.containsPattern("id=\"currentPassword\"[^>]*aria-invalid=\"true\"");

		var api = this.api.put("/api/v1/me", Map.of("currentPassword", "falsch falsch", "newPassword", "ein ganz neues Passwort"));
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.json().get("field").asString()).isEqualTo("currentPassword");
		new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
	}

	@Test
	void aNewPasswordEndsTheOtherSessionsAndKeepsThisOne() throws Exception {
		UiSession other = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession me = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page changed = me.form("/settings/account/password", Map.of("currentPassword", PASSWORD,
				"newPassword", "ein ganz neues Passwort", "_csrf", UiSession.csrf(me.get("/settings/account").body())));
		assertThat(changed.status()).isEqualTo(302);
		UiSession.Page page = me.get("/settings/account");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Passwort geändert.");
		assertThat(other.get("/settings").location()).endsWith("/login?ended");
		new UiSession(baseUrl()).login(ownerEmail, "ein ganz neues Passwort");
		// API tokens are not sessions: they stay
		assertThat(api.get("/api/v1/me").status()).isEqualTo(200);
	}

	@Test
	void nameAndLanguageShowInTheUi() throws Exception {
		UiSession me = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page saved = me.form("/settings/account", Map.of("displayName", "Olga Neumann", "language", "en",
				"_csrf", UiSession.csrf(me.get("/settings/account").body())));
		assertThat(saved.status()).isEqualTo(302);
		UiSession.Page inbox = me.get("/inbox");
		assertThat(inbox.body()).contains("Olga Neumann").contains("<html lang=\"en\"");
		// in a new browser too, over its Accept-Language: de
		UiSession fresh = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		assertThat(fresh.get("/settings/account").body()).contains("<html lang=\"en\"").contains("My account");
		assertThat(api.get("/api/v1/me").json().get("language").asString()).isEqualTo("en");
		assertThat(api.get("/api/v1/members").body()).contains("Olga Neumann");

		UiSession.Page empty = me.form("/settings/account", Map.of("displayName", " ", "language", "de",
				"_csrf", UiSession.csrf(me.get("/settings/account").body())));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.body()).contains("id=\"displayName-error\"");

		var back = api.put("/api/v1/me", Map.of("language", ""));
		assertThat(back.status()).isEqualTo(200);
		assertThat(back.json().get("displayName").asString()).isEqualTo("Olga Neumann");
		assertThat(api.put("/api/v1/me", Map.of("language", "fr")).json().get("field").asString()).isEqualTo("language");
	}
}

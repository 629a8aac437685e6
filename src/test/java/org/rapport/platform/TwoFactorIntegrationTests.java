package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two-factor sign-in end to end: enrolment with a confirming code, the second step after the password (a code, or a
 * recovery code that is then spent), replayed and wrong codes refused, the workspace's requirement, an owner's
 * reset with a mail, switching it off, the password-for-token exchange, and "forgot password" not skipping it.
 */
class TwoFactorIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*>([A-Z2-7 ]+)<");
	private static final Pattern RECOVERY = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");

	@Autowired
	Channels channels;

	/** The code of the app for the current time step plus {@code ahead}. */
	private static String code(String secret, int ahead) {
		return TotpCodes.code(secret, TotpCodes.step(Instant.now()) + ahead);
	}

	record Enrolled(String secret, List<String> recoveryCodes) {
	}

	/** Sets up two-factor sign-in in a signed-in session as a person does: the key from the page, a current code. */
	private static Enrolled enrol(UiSession session) throws Exception {
		UiSession.Page page = session.get("/settings/account/two-factor");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<svg").contains("otpauth://totp/Rapport:");
		Matcher m = SECRET.matcher(page.body());
		assertThat(m.find()).as("the key in groups of four").isTrue();
		String secret = m.group(1).replace(" ", "");
		UiSession.Page codes = session.form("/settings/account/two-factor",
				Map.of("code", code(secret, 0), "_csrf", UiSession.csrf(page.body())));
		assertThat(codes.status()).isEqualTo(200);
		List<String> recovery = new ArrayList<>();
		Matcher c = RECOVERY.matcher(codes.body());
		while (c.find()) {
			recovery.add(c.group(1));
		}
		assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
		return new Enrolled(secret, recovery);
	}

	/** The password step: the browser is sent to the second step, not yet signed in. */
	private UiSession password(String email, String password) throws Exception {
		UiSession browser = new UiSession(baseUrl());
		UiSession.Page done = browser.form("/login", Map.of("username", email, "password", password, "_csrf",
				UiSession.csrf(browser.get("/login").body())));
		assertThat(done.status()).isEqualTo(302);
		assertThat(done.location()).endsWith("/login/code");
		return browser;
	}

	private static UiSession.Page second(UiSession browser, String code) throws Exception {
		UiSession.Page form = browser.get("/login/code");
		assertThat(form.status()).isEqualTo(200);
		return browser.form("/login/code", Map.of("code", code, "_csrf", UiSession.csrf(form.body())));
	}

	private UUID userId(String email) {
		return members.userIdByEmail(email).orElseThrow();
	}

	@Test
	void aMemberEnrolsAndThenSignsInWithACodeThatWorksOnce() throws Exception {
		UiSession me = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession elsewhere = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		Enrolled enrolled = enrol(me);
		assertThat(elsewhere.get("/inbox").location()).as("a session opened with the password alone ends").contains("/login");
		assertThat(me.get("/inbox").status()).as("the session that switched it on goes on").isEqualTo(200);
		String stored = jdbc.sql("select secret from two_factor where user_id = ?").param(owner.userId()).query(String.class).single();
		assertThat(stored).as("the secret is sealed").startsWith("enc:v1:").doesNotContain(enrolled.secret());
		List<String> hashes = jdbc.sql("select code_hash from two_factor_recovery_codes where user_id = ?")
			.param(owner.userId()).query(String.class).list();
		assertThat(hashes).hasSize(10).noneMatch(h -> enrolled.recoveryCodes().stream().anyMatch(h::contains));
		assertThat(me.get("/settings/account").body()).contains("id=\"two-factor-on\"");

		UiSession browser = password(ownerEmail, PASSWORD);
		assertThat(browser.get("/inbox").location()).as("the password alone signs nobody in").endsWith("/login");
		UiSession.Page wrong = second(browser, code(enrolled.secret(), -5));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("Der Code stimmt nicht oder wurde schon benutzt.");
		String next = code(enrolled.secret(), 1);
		UiSession.Page in = second(browser, next);
		assertThat(in.status()).isEqualTo(302);
		assertThat(in.location()).as("on to the page asked for before").contains("/inbox");
		assertThat(browser.get("/inbox").status()).isEqualTo(200);

		UiSession.Page replayed = second(password(ownerEmail, PASSWORD), next);
		assertThat(replayed.status()).as("a code used once is refused").isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'login.code.failed' and workspace_id is null and user_id = ?")
			.param(owner.userId()).query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void wrongCodesAreSlowedDownLikeWrongPasswords() throws Exception {
		Enrolled enrolled = enrol(new UiSession(baseUrl()).login(ownerEmail, PASSWORD));
		UiSession browser = password(ownerEmail, PASSWORD);
		for (int i = 0; i < 5; i++) {
			assertThat(second(browser, code(enrolled.secret(), -10 - i)).status()).isEqualTo(400);
		}
		UiSession.Page slowed = second(browser, code(enrolled.secret(), 1));
		assertThat(slowed.status()).as("even the right code waits now").isEqualTo(429);
		assertThat(slowed.body()).containsPattern("Zu viele falsche Codes. Bitte warten Sie [1-5] Sekunden.");
		assertThat(browser.get("/inbox").location()).endsWith("/login");
	}

	@Test
	void aRecoveryCodeSignsInOnceAndNewCodesVoidTheOld() throws Exception {
		UiSession me = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		Enrolled enrolled = enrol(me);
		String recovery = enrolled.recoveryCodes().get(3);

		UiSession browser = password(ownerEmail, PASSWORD);
		UiSession.Page in = second(browser, recovery.toUpperCase());
		assertThat(in.status()).isEqualTo(302);
		assertThat(in.location()).endsWith("/settings/account#two-factor");
		assertThat(browser.get("/settings/account").body()).contains("Übrige Codes: 9").contains("Übrige Wiederherstellungscodes: 9");
		assertThat(second(password(ownerEmail, PASSWORD), recovery).status()).as("a used recovery code is gone").isEqualTo(400);

		UiSession.Page account = browser.get("/settings/account");
		UiSession.Page fresh = browser.form("/settings/account/two-factor/recovery-codes",
				Map.of("code", code(enrolled.secret(), 1), "_csrf", UiSession.csrf(account.body())));
		assertThat(fresh.status()).isEqualTo(200);
		assertThat(RECOVERY.matcher(fresh.body()).results().count()).isEqualTo(10);
		assertThat(second(password(ownerEmail, PASSWORD), enrolled.recoveryCodes().get(0)).status())
			.as("the old codes stop working").isEqualTo(400);
		String newCode = RECOVERY.matcher(fresh.body()).results().findFirst().orElseThrow().group(1);
		assertThat(second(password(ownerEmail, PASSWORD), newCode).status()).isEqualTo(302);
	}

	@Test
	void switchingOffNeedsThePasswordAndACode() throws Exception {
		UiSession me = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		Enrolled enrolled = enrol(me);
		UiSession elsewhere = password(ownerEmail, PASSWORD);
		assertThat(second(elsewhere, enrolled.recoveryCodes().getFirst()).status()).isEqualTo(302);
		assertThat(elsewhere.get("/inbox").status()).isEqualTo(200);
		UiSession.Page account = me.get("/settings/account");
		UiSession.Page wrongPassword = me.form("/settings/account/two-factor/off", Map.of("currentPassword", "falsch falsch",
				"code", code(enrolled.secret(), 1), "_csrf", UiSession.csrf(account.body())));
		assertThat(wrongPassword.status()).isEqualTo(400);
		assertThat(wrongPassword.body()).contains("id=\"offPassword-error\"").contains("Das aktuelle Passwort stimmt nicht.");
		UiSession.Page wrongCode = me.form("/settings/account/two-factor/off", Map.of("currentPassword", PASSWORD,
				"code", "12345", "_csrf", UiSession.csrf(account.body())));
		assertThat(wrongCode.status()).isEqualTo(400);
		assertThat(wrongCode.body()).contains("id=\"offCode-error\"");
		UiSession.Page off = me.form("/settings/account/two-factor/off", Map.of("currentPassword", PASSWORD,
				"code", code(enrolled.secret(), 1), "_csrf", UiSession.csrf(account.body())));
		assertThat(off.status()).isEqualTo(302);
		assertThat(elsewhere.get("/inbox").location()).as("the other sessions end").contains("/login");
		assertThat(me.get("/inbox").status()).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from two_factor where user_id = ?").param(owner.userId()).query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from two_factor_recovery_codes where user_id = ?").param(owner.userId()).query(Integer.class).single()).isZero();
		new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
	}

	@Test
	void aRequiringWorkspaceSendsMembersWithoutItToEnrolAndTokensKeepWorking() throws Exception {
		UiSession ownerUi = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		assertThat(api.put("/api/v1/workspace/security", Map.of("twoFactorRequired", true)).status())
			.as("an owner without it cannot require it").isEqualTo(409);
		assertThat(api.put("/api/v1/workspace/security", Map.of()).json().get("field").asString()).isEqualTo("twoFactorRequired");
		enrol(ownerUi);
		String memberEmail = "agent-" + workspace.slug() + "@example.org";
		Member agent = members.add(workspace.id(), memberEmail, "Anton Agent", PASSWORD, Role.AGENT);
		String agentToken = tokens.create(new CurrentUser(agent.userId(), memberEmail, "Anton Agent", workspace.id(), Role.AGENT, null), "before").token();
		Member manager = members.add(workspace.id(), "manager-" + workspace.slug() + "@example.org", "Mia", PASSWORD, Role.MANAGER);
		Api managerApi = new Api(baseUrl(), tokens.create(new CurrentUser(manager.userId(), manager.email(), "Mia",
				workspace.id(), Role.MANAGER, null), "m").token());
		assertThat(managerApi.put("/api/v1/workspace/security", Map.of("twoFactorRequired", true)).status()).isEqualTo(403);

		UiSession.Page settings = ownerUi.get("/settings");
		UiSession.Page required = ownerUi.form("/settings/security",
				Map.of("twoFactorRequired", "true", "_csrf", UiSession.csrf(settings.body())));
		assertThat(required.status()).isEqualTo(302);
		assertThat(api.get("/api/v1/workspace/security").json().get("twoFactorRequired").asBoolean()).isTrue();
		assertThat(ownerUi.get("/inbox").status()).as("the owner has it and works on").isEqualTo(200);

		UiSession member = new UiSession(baseUrl()).login(memberEmail, PASSWORD);
		assertThat(member.get("/inbox").location()).endsWith("/settings/account/two-factor");
		assertThat(member.get("/settings/account").location()).endsWith("/settings/account/two-factor");
		UiSession.Page enrolPage = member.get("/settings/account/two-factor");
		assertThat(enrolPage.status()).isEqualTo(200);
		assertThat(enrolPage.body()).contains("id=\"two-factor-required\"");
		assertThat(new Api(baseUrl(), null).postBasic("/api/v1/tokens", memberEmail, PASSWORD, Map.of()).status())
			.as("no new token by password before enrolling").isEqualTo(403);
		assertThat(new Api(baseUrl(), agentToken).get("/api/v1/me").status()).as("tokens keep working").isEqualTo(200);

		enrol(member);
		assertThat(member.get("/inbox").status()).isEqualTo(200);

		UiSession.Page optional = ownerUi.form("/settings/security", Map.of("_csrf", UiSession.csrf(ownerUi.get("/settings").body())));
		assertThat(optional.status()).isEqualTo(302);
		assertThat(api.get("/api/v1/workspace/security").json().get("twoFactorRequired").asBoolean()).isFalse();
	}

	@Test
	void anOwnerResetsAMembersTwoFactorAndTheMemberIsMailed() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
		String memberEmail = "agent-" + workspace.slug() + "@example.org";
		Member agent = members.add(workspace.id(), memberEmail, "Anton Agent", PASSWORD, Role.AGENT);
		jdbc.sql("update users set language = 'de' where id = ?").param(agent.userId()).update();
		UiSession agentUi = new UiSession(baseUrl()).login(memberEmail, PASSWORD);
		enrol(agentUi);
		assertThat(agentUi.get("/inbox").status()).isEqualTo(200);
		Member manager = members.add(workspace.id(), "manager-" + workspace.slug() + "@example.org", "Mia", PASSWORD, Role.MANAGER);
		Api managerApi = new Api(baseUrl(), tokens.create(new CurrentUser(manager.userId(), manager.email(), "Mia",
				workspace.id(), Role.MANAGER, null), "m").token());
		assertThat(managerApi.delete("/api/v1/members/" + agent.userId() + "/two-factor").status()).isEqualTo(403);
		assertThat(twoFactorOf(agent.userId())).as("the members list says who has it").isTrue();
		assertThat(twoFactorOf(manager.userId())).isFalse();
		assertThat(managerApi.get("/api/v1/me").json().get("twoFactor").asBoolean()).isFalse();
		assertThat(managerApi.get("/api/v1/me").json().get("twoFactorRequired").asBoolean()).isFalse();

		UiSession ownerUi = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page settings = ownerUi.get("/settings");
		assertThat(settings.body()).contains("id=\"reset-2fa-" + agent.userId() + "\"");
		UiSession.Page reset = ownerUi.form("/settings/members/" + agent.userId() + "/two-factor/reset",
				Map.of("_csrf", UiSession.csrf(settings.body())));
		assertThat(reset.status()).isEqualTo(302);
		assertThat(ownerUi.get("/settings").body()).contains("Zwei-Faktor-Anmeldung für " + memberEmail + " zurückgesetzt");
		assertThat(agentUi.get("/inbox").location()).as("the member's sessions end with the reset").contains("/login");

		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.org")[0];
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(memberEmail);
		assertThat(mail.getSubject()).isEqualTo("Ihre Zwei-Faktor-Anmeldung bei Rapport wurde zurückgesetzt");
		assertThat((String) mail.getContent()).contains("Olga Owner");
		new UiSession(baseUrl()).login(memberEmail, PASSWORD);
		assertThat(api.delete("/api/v1/members/" + agent.userId() + "/two-factor").status())
			.as("nothing left to reset").isEqualTo(404);
		assertThat(twoFactorOf(agent.userId())).isFalse();
	}

	private boolean twoFactorOf(java.util.UUID userId) {
		for (var m : api.get("/api/v1/members").json()) {
			if (m.get("userId").asString().equals(userId.toString())) {
				return m.get("twoFactor").asBoolean();
			}
		}
		throw new AssertionError("no member " + userId);
	}

	@Test
	void exchangingThePasswordForATokenAsksForTheCode() throws Exception {
		Enrolled enrolled = enrol(new UiSession(baseUrl()).login(ownerEmail, PASSWORD));
		Api anonymous = new Api(baseUrl(), null);
		Api.Response without = anonymous.postBasic("/api/v1/tokens", ownerEmail, PASSWORD, Map.of());
		assertThat(without.status()).isEqualTo(401);
		assertThat(without.headers().firstValue("X-Rapport-OTP")).hasValue("required");
		assertThat(basicWithCode(ownerEmail, PASSWORD, "000000").status()).isEqualTo(401);
		assertThat(basicWithCode(ownerEmail, PASSWORD, code(enrolled.secret(), 1)).status()).isEqualTo(201);
	}

	private Api.Response basicWithCode(String user, String password, String code) {
		String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/tokens"))
			.header("Authorization", "Basic " + basic)
			.header("X-Rapport-OTP", code)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));
	}

	@Test
	void aPasswordSetWithAResetLinkStillNeedsTheSecondStep() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
		Enrolled enrolled = enrol(new UiSession(baseUrl()).login(ownerEmail, PASSWORD));
		UiSession stranger = new UiSession(baseUrl());
		stranger.form("/login/forgot", Map.of("email", ownerEmail, "_csrf", UiSession.csrf(stranger.get("/login/forgot").body())));
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		Matcher link = Pattern.compile("/login/reset\\?token=([A-Za-z0-9_-]+)")
			.matcher((String) greenMail.getReceivedMessagesForDomain("example.org")[0].getContent());
		assertThat(link.find()).isTrue();
		UiSession.Page form = stranger.get("/login/reset?token=" + link.group(1));
		UiSession.Page set = stranger.form("/login/reset", Map.of("token", link.group(1), "newPassword",
				"ein ganz neues Passwort", "_csrf", UiSession.csrf(form.body())));
		assertThat(set.location()).endsWith("/login?reset");
		assertThat(stranger.get("/inbox").location()).as("setting the password signed nobody in").endsWith("/login");

		UiSession browser = password(ownerEmail, "ein ganz neues Passwort");
		assertThat(browser.get("/inbox").location()).endsWith("/login");
		assertThat(second(browser, code(enrolled.secret(), 1)).location()).contains("/inbox");
		assertThat(browser.get("/inbox").status()).isEqualTo(200);
	}
}

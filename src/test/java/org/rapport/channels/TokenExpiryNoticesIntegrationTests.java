package org.rapport.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.platform.Role;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Managers hear before a channel's sign-in runs out: a Bluesky account whose refresh token (a JWT with {@code exp},
 * as {@code com.atproto.server.createSession} answers in the atproto HTTP reference) ends in ten days is noticed
 * 14 days before and again 1 day before, each once, by mail to managers and owners only.
 */
class TokenExpiryNoticesIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension pds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@expiry.test", "team", "geheim"));

	@Autowired
	Channels channels;

	@Autowired
	TokenExpiryNotices notices;

	private static String jwt(Instant exp) {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		return b64.encodeToString("{\"alg\":\"ES256K\",\"typ\":\"refresh+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ b64.encodeToString(("{\"scope\":\"com.atproto.refresh\",\"exp\":" + exp.getEpochSecond() + "}")
					.getBytes(StandardCharsets.UTF_8))
				+ ".c2lnbmF0dXJl";
	}

	private List<MimeMessage> mailsTo(String address) throws Exception {
		return GreenMailboxes.mailsTo(greenMail, address);
	}

	@Test
	void aSignInThatRunsOutIsMailedToManagers14DaysAnd1DayBeforeEachOnce() throws Exception {
		Instant expires = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
		String identifier = "expiry-" + UUID.randomUUID().toString().substring(0, 8) + ".bsky.social";
		pds.stubFor(post("/xrpc/com.atproto.server.createSession").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"accessJwt\": \"access-1\", \"refreshJwt\": \"" + jwt(expires) + "\", \"handle\": \"" + identifier
					+ "\", \"did\": \"did:plc:" + UUID.randomUUID().toString().replace("-", "").substring(0, 24)
					+ "\", \"active\": true}")));
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@expiry.test", "Team", "team", "geheim"));
		String manager = "manager-" + UUID.randomUUID().toString().substring(0, 8) + "@expiry.test";
		members.add(workspace.id(), manager, "Mara Manager", PASSWORD, Role.MANAGER);
		String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8) + "@expiry.test";
		members.add(workspace.id(), agent, "Aaron Agent", PASSWORD, Role.AGENT);
		var created = api.post("/api/v1/channels", Map.of("key", "bluesky", "kind", "bluesky", "name", "Verein auf Bluesky",
				"config", Map.of("service", pds.baseUrl(), "handle", identifier, "appPassword", "abcd-efgh-ijkl-mnop")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String channel = created.json().get("id").asString();
		assertThat(api.get("/api/v1/channels/" + channel).json().get("health").get("tokenExpiresAt").asString())
			.isEqualTo(expires.toString());
		String list = new org.rapport.support.UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/settings/channels").body();
		assertThat(list).as("the channel list says until when the sign-in holds, marked as soon")
			.contains("small token-expires soon").contains("Anmeldung gültig bis");

		assertThat(notices.check(expires.minus(Duration.ofDays(15)))).as("three weeks ahead: nothing yet").isZero();
		notices.check(Instant.now());
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(mailsTo(manager)).hasSize(1);
			assertThat(mailsTo(ownerEmail)).hasSize(1);
		});
		MimeMessage first = mailsTo(manager).getFirst();
		assertThat(first.getSubject()).contains("Verein auf Bluesky").contains("neu verbinden").contains("Reconnect");
		assertThat((String) first.getContent()).contains("in 10 Tagen").contains("in 10 days")
			.contains("/settings/channels/" + channel);

		notices.check(Instant.now().plus(Duration.ofHours(2)));
		notices.check(expires.minus(Duration.ofHours(20)));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailsTo(manager)).hasSize(2));
		assertThat(mailsTo(manager).getLast().getSubject()).contains("Verein auf Bluesky");
		notices.check(expires.minus(Duration.ofHours(2)));
		notices.check(expires.plus(Duration.ofHours(1)));
		Thread.sleep(1500);
		assertThat(mailsTo(manager)).as("each notice once").hasSize(2);
		assertThat(mailsTo(ownerEmail)).hasSize(2);
		assertThat(mailsTo(agent)).as("members who cannot manage channels are not mailed").isEmpty();
	}

	@Test
	void theNoticeDueDependsOnTheTimeLeft() {
		Instant now = Instant.parse("2027-01-01T12:00:00Z");
		assertThat(TokenExpiryNotices.due(null, now)).isZero();
		assertThat(TokenExpiryNotices.due(now.plus(Duration.ofDays(30)), now)).isZero();
		assertThat(TokenExpiryNotices.due(now.plus(Duration.ofDays(14)), now)).isEqualTo(14);
		assertThat(TokenExpiryNotices.due(now.plus(Duration.ofDays(2)), now)).isEqualTo(14);
		assertThat(TokenExpiryNotices.due(now.plus(Duration.ofHours(24)), now)).isEqualTo(1);
		assertThat(TokenExpiryNotices.due(now.plus(Duration.ofMinutes(5)), now)).isEqualTo(1);
		assertThat(TokenExpiryNotices.due(now, now)).as("expired: reconnect needed shows instead").isZero();
	}
}

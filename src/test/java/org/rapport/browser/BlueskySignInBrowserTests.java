package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.channels.Channels;
import org.rapport.channels.bluesky.BlueskyNetwork;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Connecting a Bluesky account by signing in with Bluesky (atproto OAuth) against Bluesky's own servers run locally
 * ({@link BlueskyNetwork}): the manager names the account in Settings → Channels, signs in on the PDS's own page with
 * the account's password and allows Rapport in, and comes back with the channel connected. A reply to the
 * organisation's post then arrives in the inbox through the signed-in session (DPoP-bound tokens) and the answer
 * goes out into the thread.
 * <p>
 * Rapport is driven at {@code http://127.0.0.1}: its address in the tests is this machine, so it signs in as
 * atproto's loopback client, whose redirect must name 127.0.0.1 — and the browser's session cookie must come along.
 */
class BlueskySignInBrowserTests extends BrowserTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	Channels channels;

	BlueskyNetwork network;

	@BeforeEach
	void theNetwork() {
		network = BlueskyNetwork.startIn(dataSource);
		System.setProperty("rapport.bluesky.plc-directory", network.plc);
	}

	@AfterEach
	void noNetwork() {
		System.clearProperty("rapport.bluesky.plc-directory");
	}

	@Override
	protected String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	@Test
	void aManagerSignsInWithBlueskyAndTheChannelReadsAndAnswers() {
		String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		var verein = network.join("oauth" + tag);
		verein.profile("Gartenverein", "Gärten im Viertel.", false);
		var neighbour = network.join("nachbar" + tag);
		neighbour.profile("Nils Nachbar", "Wohnt gegenüber.", false);
		JsonNode post = verein.post("Pflanzentausch am Sonntag ab 10 Uhr im Hof – bringt Ableger mit!", null, null);
		network.process();

		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/channels");
		Locator connect = page.locator("#connect-bluesky");
		connect.locator("summary").click();
		connect.locator("#bluesky-signin-service").fill(network.pds);
		connect.locator("#bluesky-signin-handle").fill("@" + verein.account.handle());
		connect.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mit Bluesky anmelden")).click();

		// the PDS's own sign-in page
		page.waitForURL(network.pds + "/**");
		page.waitForLoadState();
		assertThat(page.getByLabel("Username or Email")).hasValue(verein.account.handle());
		page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(verein.account.password());
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", "bluesky-oauth-sign-in.png")));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
		// allowing Rapport in: the scopes it asked for, direct messages among them
		assertThat(page.getByText("Grant access to your account")).containsText(verein.account.handle());
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat"))).isVisible();
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", "bluesky-oauth-consent.png")));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Authorize")).click();

		// back in Rapport, the account connected through its PDS
		page.waitForURL(baseUrl() + "/settings/channels**");
		assertThat(page.locator(".flash")).containsText("verbunden");
		assertThat(page.locator("table")).containsText("Bluesky");
		var channel = channels.byKey(workspace.id(), "bluesky").orElseThrow();
		org.assertj.core.api.Assertions.assertThat(channel.config()).containsEntry("service", network.pds)
			.containsEntry("handle", verein.account.handle()).doesNotContainKey("appPassword");
		org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
				select dpop_key is not null and issuer = ? and client_id like 'http://localhost?%' and valid
				from bluesky_sessions where identifier = ?""").params(network.pds, verein.account.handle())
			.query(Boolean.class).single()).as("a DPoP-bound session of the PDS's authorization server").isTrue();
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", "bluesky-oauth-connected.png")));

		// the access token is about to expire: the read refreshes it at the PDS's authorization server first
		jdbc.sql("update bluesky_sessions set access_expires_at = now() where identifier = ?")
			.param(verein.account.handle()).update();
		JsonNode question = neighbour.post("Darf ich auch Tomatensamen mitbringen?", post, null);
		network.process();
		var synced = api.post("/api/v1/channels/" + channel.id() + "/sync", Map.of());
		org.assertj.core.api.Assertions.assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
				select refreshed_at is not null and access_expires_at > now() + interval '5 minutes' and valid
				from bluesky_sessions where identifier = ?""").param(verein.account.handle()).query(Boolean.class).single())
			.as("refreshed").isTrue();

		page.navigate(baseUrl() + "/inbox");
		Locator item = page.locator("#conv-list li").filter(new Locator.FilterOptions().setHasText("Tomatensamen"));
		assertThat(item).hasCount(1);
		assertThat(item).containsText("Nils Nachbar");
		item.locator("a").click();
		assertThat(page.locator(".messages .msg.in .msg-body")).hasText("Darf ich auch Tomatensamen mitbringen?");
		assertThat(page.locator("#composer-via")).containsText("Bluesky");

		String answer = "Ja, gern! Samen tauschen wir am Tisch neben dem Eingang.";
		page.locator("#composer-body").fill(answer);
		page.locator("form.composer").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".messages .msg.out.reply").filter(new Locator.FilterOptions().setHasText("Samen tauschen")))
			.hasCount(1);

		// on the network: the answer, by the organisation, under the question in the post's thread
		String questionUri = question.get("uri").asString();
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			network.process();
			JsonNode replies = neighbour.thread(questionUri).path("thread").path("replies");
			org.assertj.core.api.Assertions.assertThat(replies).as("the answer under the question").anySatisfy(r -> {
				org.assertj.core.api.Assertions.assertThat(r.path("post").path("author").path("did").asString())
					.isEqualTo(verein.account.did());
				org.assertj.core.api.Assertions.assertThat(r.path("post").path("record").path("text").asString())
					.isEqualTo(answer);
			});
		});
		page.reload();
		assertThat(page.locator(".messages .msg.out.reply").filter(new Locator.FilterOptions().setHasText("Samen tauschen")))
			.containsText("gesendet");
	}

	/**
	 * Only the server given: the account is chosen on the PDS's page, and Rapport learns it from the tokens. When
	 * Bluesky no longer takes the sign-in, the channel is signed in again from its settings and stays the same
	 * channel.
	 */
	@Test
	void aManagerWhoGivesOnlyTheServerChoosesTheAccountOnItsPage() {
		String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		var verein = network.join("server" + tag);

		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/channels");
		Locator connect = page.locator("#connect-bluesky");
		connect.locator("summary").click();
		connect.locator("#bluesky-signin-service").fill(network.pds);
		connect.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mit Bluesky anmelden")).click();

		page.waitForURL(network.pds + "/**");
		// no account named: the PDS welcomes whoever comes, who signs in with their own
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
		page.getByLabel("Username or Email").fill(verein.account.handle());
		page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(verein.account.password());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Authorize")).click();

		page.waitForURL(baseUrl() + "/settings/channels**");
		assertThat(page.locator(".flash")).containsText("verbunden");
		var channel = channels.byKey(workspace.id(), "bluesky").orElseThrow();
		org.assertj.core.api.Assertions.assertThat(channel.config()).containsEntry("service", network.pds)
			.containsEntry("handle", verein.account.handle());
		org.assertj.core.api.Assertions.assertThat(jdbc.sql("select did from bluesky_sessions where identifier = ?")
			.param(verein.account.handle()).query(String.class).single()).isEqualTo(verein.account.did());
		var synced = api.post("/api/v1/channels/" + channel.id() + "/sync", Map.of());
		org.assertj.core.api.Assertions.assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		// connected and read (the test network has no chat service: its direct messages cannot be read)
		org.assertj.core.api.Assertions.assertThat(channels.health(channel).connected()).isTrue();
		org.assertj.core.api.Assertions.assertThat(channels.health(channel).lastError()).doesNotContain("Reconnect");

		// Bluesky no longer takes the sign-in (a refused refresh): the channel is signed in again from its settings
		jdbc.sql("update bluesky_sessions set valid = false where identifier = ?").param(verein.account.handle()).update();
		org.assertj.core.api.Assertions.assertThat(channels.health(channel).connected()).isFalse();
		page.navigate(baseUrl() + "/settings/channels/" + channel.id());
		assertThat(page.locator("#signin-handle")).hasValue(verein.account.handle());
		page.locator("#channel-sign-in").getByRole(AriaRole.BUTTON,
				new Locator.GetByRoleOptions().setName("Erneut mit Bluesky anmelden")).click();
		page.waitForURL(network.pds + "/**");
		assertThat(page.getByLabel("Username or Email")).hasValue(verein.account.handle());
		page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(verein.account.password());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Authorize")).click();

		page.waitForURL(baseUrl() + "/settings/channels**");
		assertThat(page.locator(".flash")).containsText("gespeichert");
		org.assertj.core.api.Assertions.assertThat(channels.of(workspace.id()).stream()
			.filter(c -> c.kind().equals("bluesky")).toList()).as("the same channel, no second one").hasSize(1);
		org.assertj.core.api.Assertions.assertThat(jdbc.sql("select valid from bluesky_sessions where identifier = ?")
			.param(verein.account.handle()).query(Boolean.class).single()).isTrue();
		org.assertj.core.api.Assertions.assertThat(channels.health(channel).connected()).isTrue();
		synced = api.post("/api/v1/channels/" + channel.id() + "/sync", Map.of());
		org.assertj.core.api.Assertions.assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		org.assertj.core.api.Assertions.assertThat(channels.health(channel).lastError()).doesNotContain("Reconnect");
	}
}

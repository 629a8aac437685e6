package org.rapport.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The first-run checklist: each step becomes done when its module's data say the thing is done (a mailbox switched
 * on, the form's first message, a second member, a published privacy page and post, a social network account its
 * network accepted), owners and managers skip steps and hide and show the list, and the other roles neither see it
 * nor change it.
 */
class OnboardingIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	/** A Bot API that knows the bot of the recorded {@code getMe} answer and has no updates. */
	@RegisterExtension
	static WireMockExtension telegram = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String BOT_TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

	@Autowired
	Channels channels;

	@Test
	void eachStepBecomesDoneWhenItsThingIsDone() throws Exception {
		JsonNode fresh = checklist(api);
		assertThat(keys(fresh)).containsExactly("mailbox", "form", "team", "privacy", "post", "network");
		assertThat(doneKeys(fresh)).isEmpty();
		assertThat(fresh.get("hidden").asBoolean()).isFalse();
		assertThat(fresh.get("visible").asBoolean()).isTrue();
		assertThat(step(fresh, "mailbox").get("href").asString()).isEqualTo("/settings/channels");

		Channel mailbox = channels.create(workspace.id(), "postfach", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
		assertThat(doneKeys(checklist(api))).containsExactly("mailbox");
		channels.setEnabled(workspace.id(), mailbox.id(), false);
		assertThat(doneKeys(checklist(api))).as("a switched-off mailbox does not count").isEmpty();
		channels.setEnabled(workspace.id(), mailbox.id(), true);

		var submitted = new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Anna Berg", "email",
				"anna@example.org", "message", "Gibt es noch Plätze?", "consent", true));
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
		assertThat(doneKeys(checklist(api))).containsExactly("mailbox", "form");

		var added = api.post("/api/v1/members", Map.of("email", "jana-" + UUID.randomUUID() + "@example.org", "name",
				"Jana Kurz", "role", "agent", "password", "a long enough password"));
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(doneKeys(checklist(api))).containsExactly("mailbox", "form", "team");

		var draft = api.post("/api/v1/blog/pages", Map.of("title", "Datenschutz", "markdown", "Wir speichern wenig.",
				"status", "draft", "privacy", true));
		assertThat(draft.status()).as(draft.body()).isEqualTo(201);
		assertThat(doneKeys(checklist(api))).as("a draft privacy page is not published").doesNotContain("privacy");
		var published = api.patch("/api/v1/blog/pages/" + draft.json().get("id").asString(), Map.of("status", "published"));
		assertThat(published.status()).as(published.body()).isEqualTo(200);
		assertThat(doneKeys(checklist(api))).contains("privacy").doesNotContain("post");

		var post = api.post("/api/v1/blog/posts", Map.of("title", "Hallo", "markdown", "Unser erster Beitrag.", "status",
				"published"));
		assertThat(post.status()).as(post.body()).isEqualTo(201);
		assertThat(doneKeys(checklist(api))).contains("post").doesNotContain("network");

		telegram.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"ok\": true, \"result\": []}")));
		telegram.stubFor(post(urlPathMatching(".*/getMe")).atPriority(1).willReturn(aResponse()
			.withHeader("Content-Type", "application/json").withBody(resource("/telegram/getMe.json"))));
		var bot = api.post("/api/v1/channels", Map.of("key", "bot", "kind", "telegram", "name", "Bot", "config",
				Map.of("botToken", BOT_TOKEN, "receive", "polling", "apiServer", telegram.baseUrl())));
		assertThat(bot.status()).as(bot.body()).isEqualTo(201);

		JsonNode all = checklist(api);
		assertThat(doneKeys(all)).containsExactly("mailbox", "form", "team", "privacy", "post", "network");
		assertThat(all.get("visible").asBoolean()).as("a settled checklist disappears").isFalse();
		assertThat(new UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/inbox").body()).doesNotContain("id=\"onboarding\"");
	}

	@Test
	void ownersSkipStepsAndHideAndShowTheChecklist() throws Exception {
		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String inbox = ui.get("/inbox").body();
		assertThat(inbox).contains("id=\"onboarding\"").contains("0 von 6 erledigt");

		JsonNode skipped = api.post("/api/v1/onboarding/steps/post/skip", Map.of()).json();
		assertThat(step(skipped, "post").get("skipped").asBoolean()).isTrue();
		assertThat(step(skipped, "post").get("done").asBoolean()).isFalse();
		assertThat(step(skipped, "privacy").get("skipped").asBoolean()).isFalse();

		var unknown = api.post("/api/v1/onboarding/steps/nonsense/skip", Map.of());
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("key");

		JsonNode hidden = api.post("/api/v1/onboarding/hide", Map.of()).json();
		assertThat(hidden.get("hidden").asBoolean()).isTrue();
		assertThat(hidden.get("visible").asBoolean()).isFalse();
		assertThat(ui.get("/inbox").body()).doesNotContain("id=\"onboarding\"");
		assertThat(ui.get("/settings/onboarding").body()).contains("step-mailbox").contains("Liste wieder anzeigen");

		JsonNode shown = api.post("/api/v1/onboarding/show", Map.of()).json();
		assertThat(shown.get("hidden").asBoolean()).isFalse();
		assertThat(step(shown, "post").get("skipped").asBoolean()).as("showing again opens skipped steps").isFalse();
		assertThat(ui.get("/inbox").body()).contains("id=\"onboarding\"");

		// Skipping every step through the inbox's buttons settles the checklist: the inbox no longer shows it.
		String csrf = UiSession.csrf(ui.get("/inbox").body());
		for (String key : keys(shown)) {
			var page = ui.form("/settings/onboarding/steps/" + key + "/skip", Map.of("_csrf", csrf, "back", "/inbox"));
			assertThat(page.status()).isEqualTo(302);
			assertThat(page.location()).endsWith("/inbox");
		}
		JsonNode settled = checklist(api);
		assertThat(settled.get("visible").asBoolean()).isFalse();
		assertThat(settled.get("hidden").asBoolean()).isFalse();
		assertThat(ui.get("/inbox").body()).doesNotContain("id=\"onboarding\"");
	}

	@Test
	void onlyOwnersAndManagersSeeOrChangeTheChecklist() throws Exception {
		for (Role role : List.of(Role.VIEWER, Role.TRAINEE, Role.AGENT, Role.MANAGER)) {
			Member m = members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", role.key(),
					PASSWORD, role);
			Api as = new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), role.key(), workspace.id(),
					role, null), "onboarding").token());
			int expected = role.canManage() ? 200 : 403;
			assertThat(as.get("/api/v1/onboarding").status()).as("GET as %s", role).isEqualTo(expected);
			assertThat(as.post("/api/v1/onboarding/steps/post/skip", Map.of()).status()).as("skip as %s", role)
				.isEqualTo(expected);
			assertThat(as.post("/api/v1/onboarding/hide", Map.of()).status()).as("hide as %s", role).isEqualTo(expected);
			assertThat(as.post("/api/v1/onboarding/show", Map.of()).status()).as("show as %s", role).isEqualTo(expected);

			UiSession ui = new UiSession(baseUrl()).login(m.email(), PASSWORD);
			String inbox = ui.get("/inbox").body();
			if (role.canManage()) {
				assertThat(inbox).as("the inbox of a %s", role).contains("id=\"onboarding\"");
			}
			else {
				assertThat(inbox).as("the inbox of a %s", role).doesNotContain("id=\"onboarding\"")
					.doesNotContain("/settings/onboarding");
				assertThat(ui.get("/settings/onboarding").status()).isEqualTo(403);
				String csrf = UiSession.csrf(inbox);
				assertThat(ui.form("/settings/onboarding/hide", Map.of("_csrf", csrf)).status()).isEqualTo(403);
			}
		}
		assertThat(checklist(api).get("hidden").asBoolean()).as("only the manager changed it, and showed it again").isFalse();
	}

	@Test
	void theSocialNetworksAreTheKindsThatSaySo() {
		assertThat(channels.connectors().stream().filter(c -> c.socialNetwork()).map(c -> c.kind()))
			.containsExactlyInAnyOrder("mastodon", "bluesky", "telegram", "youtube", "facebook", "instagram",
				"linkedin");
	}

	private static JsonNode checklist(Api api) {
		var answer = api.get("/api/v1/onboarding");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private static List<String> keys(JsonNode checklist) {
		List<String> keys = new ArrayList<>();
		checklist.get("steps").forEach(s -> keys.add(s.get("key").asString()));
		return keys;
	}

	private static List<String> doneKeys(JsonNode checklist) {
		List<String> keys = new ArrayList<>();
		checklist.get("steps").forEach(s -> {
			if (s.get("done").asBoolean()) {
				keys.add(s.get("key").asString());
			}
		});
		return keys;
	}

	private static JsonNode step(JsonNode checklist, String key) {
		for (JsonNode s : checklist.get("steps")) {
			if (s.get("key").asString().equals(key)) {
				return s;
			}
		}
		throw new AssertionError("no step " + key + " in " + checklist);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = OnboardingIntegrationTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}

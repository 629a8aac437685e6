package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.channels.Channels;
import org.rapport.channels.bluesky.BlueskyNetwork;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * A whole Bluesky journey in the browser against Bluesky's own servers run locally ({@link BlueskyNetwork}): the
 * organisation's account posts, a manager connects it in Settings → Channels with its app password, someone answers
 * the post on the network, the reply is found in the inbox under the post it answers and answered in the composer,
 * and the answer stands in the thread on the network under the reply.
 */
class BlueskyJourneyBrowserTests extends BrowserTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	Channels channels;

	BlueskyNetwork network;

	@BeforeEach
	void theNetwork() {
		network = BlueskyNetwork.startIn(dataSource);
	}

	@Test
	void aReplyOnTheNetworkIsAnsweredInTheInboxAndTheAnswerAppearsInTheThread() {
		String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		var verein = network.join("verein" + tag);
		verein.profile("Nachbarschaftsverein", "Hilfe im Viertel.", false);
		var neighbour = network.join("nora" + tag);
		neighbour.profile("Nora Nachbarin", "Wohnt um die Ecke.", false);
		JsonNode post = verein.post("Repair-Café am Samstag ab 11 Uhr im Gemeindehaus – bringt kaputte Toaster mit!", null,
				null);
		network.process();

		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/channels");
		Locator connect = page.locator("#connect-bluesky");
		connect.locator("summary").click();
		assertThat(page.locator("#bluesky-service")).hasValue("https://bsky.social");
		page.locator("#bluesky-service").fill(network.pds);
		page.locator("#bluesky-handle").fill("@" + verein.account.handle());
		page.locator("#bluesky-appPassword").fill(verein.account.password());
		connect.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Bluesky-Konto verbinden")).click();
		assertThat(page.locator(".flash")).containsText("verbunden");
		assertThat(page.locator("table")).containsText("Bluesky");
		UUID channel = channels.byKey(workspace.id(), "bluesky").orElseThrow().id();

		JsonNode question = neighbour.post("Kann ich auch ein Fahrrad zum Reparieren mitbringen?", post, null);
		network.process();
		// the poll that runs every minute, now (the page has no button for it)
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		org.assertj.core.api.Assertions.assertThat(synced.status()).as(synced.body()).isEqualTo(200);

		page.navigate(baseUrl() + "/inbox");
		Locator item = page.locator("#conv-list li").filter(new Locator.FilterOptions().setHasText("Fahrrad"));
		assertThat(item).hasCount(1);
		assertThat(item).containsText("Nora Nachbarin");
		assertThat(item.locator(".chip.channel")).hasText("Bluesky");
		item.locator("a").click();
		assertThat(page.locator(".messages .msg.in .msg-body"))
			.hasText("Kann ich auch ein Fahrrad zum Reparieren mitbringen?");
		assertThat(page.locator("#discussed-post")).containsText("Repair-Café am Samstag ab 11 Uhr im Gemeindehaus");
		assertThat(page.locator("#composer-via")).containsText("Bluesky");

		String answer = "Ja, gern! Unsere Fahrradwerkstatt ist ab 12 Uhr dabei. 🚲";
		page.locator("#composer-body").fill(answer);
		page.locator("form.composer").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Senden")).click();
		Locator sent = page.locator(".messages .msg.out.reply").filter(new Locator.FilterOptions().setHasText("Fahrradwerkstatt"));
		assertThat(sent).hasCount(1);

		// on the network: the answer, by the organisation, as a reply to Nora's question in the post's thread
		String questionUri = question.get("uri").asString();
		String[] answerUri = new String[1];
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			network.process();
			JsonNode replies = neighbour.thread(questionUri).path("thread").path("replies");
			org.assertj.core.api.Assertions.assertThat(replies).as("the answer under Nora's question").anySatisfy(r -> {
				org.assertj.core.api.Assertions.assertThat(r.path("post").path("author").path("did").asString())
					.isEqualTo(verein.account.did());
				org.assertj.core.api.Assertions.assertThat(r.path("post").path("record").path("text").asString())
					.startsWith(answer);
				answerUri[0] = r.path("post").path("uri").asString();
			});
		});
		JsonNode answered = neighbour.thread(answerUri[0]).path("thread").path("post").path("record").path("reply");
		org.assertj.core.api.Assertions.assertThat(answered.path("root").path("uri").asString())
			.as("in the thread of the organisation's post").isEqualTo(post.get("uri").asString());
		org.assertj.core.api.Assertions.assertThat(answered.path("parent").path("uri").asString()).isEqualTo(questionUri);

		// and the inbox says it went out
		page.reload();
		assertThat(page.locator(".messages .msg.out.reply").filter(new Locator.FilterOptions().setHasText("Fahrradwerkstatt")))
			.containsText("gesendet");
		screenshot("bluesky-journey");
	}
}

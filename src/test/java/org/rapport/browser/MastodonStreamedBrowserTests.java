package org.rapport.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.mastodon.MastodonAnswers;
import org.rapport.channels.mastodon.MastodonStreamChecks;
import org.rapport.support.Api;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A mention that an instance (WireMock, as {@code MastodonStreamingIntegrationTests} fakes it) pushes on the account's
 * notification stream while the inbox is open appears in the list without a reload, and opens with its text.
 */
class MastodonStreamedBrowserTests extends BrowserTest {

	private static final String STREAM = "/api/v1/streaming/user/notification";

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	ApplicationContext context;

	/** The first mention of the documented notifications, as one line of the event's data. */
	private static String mention() {
		return Api.JSON.writeValueAsString(Api.JSON.readTree(MastodonAnswers.file("notifications.json")).get(0));
	}

	@Test
	void aMentionPushedOnTheStreamAppearsInTheOpenInboxWithoutAReload() {
		instance.stubFor(get("/api/v1/accounts/verify_credentials").withHeader("Authorization", equalTo("Bearer good-token"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MastodonAnswers.file("verify_credentials.json"))));
		// nothing to fetch through the REST API: what arrives, arrives through the stream
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		// until the mention is written, the stream only says it is alive (and ends, to be opened again)
		instance.stubFor(get(STREAM).withHeader("Authorization", equalTo("Bearer good-token"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(":)\n\n:thump\n\n")));
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "good-token")));
		org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
		api.post("/api/v1/channels/" + created.json().get("id").asString() + "/sync", Map.of());

		logIn(ownerEmail, PASSWORD);
		assertThat(page.locator("#conv-list .empty")).isVisible();
		assertThat(page.locator("#count-open")).hasText("0");
		page.evaluate("window.stillTheSamePage = true");

		int streamsBefore = instance.findAll(getRequestedFor(urlPathEqualTo(STREAM))).size();
		instance.stubFor(get(STREAM).withHeader("Authorization", equalTo("Bearer good-token"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(":)\n\nevent: notification\ndata: " + mention() + "\n\n:thump\n\n")));
		// the minutely check opens the stream, now
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
			MastodonStreamChecks.now(context);
			return instance.findAll(getRequestedFor(urlPathEqualTo(STREAM))).size() > streamsBefore;
		});

		Locator item = page.locator("#conv-list li").filter(new Locator.FilterOptions().setHasText("Lena Vogt"));
		assertThat(item).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
		assertThat(item).containsText("Und bis wann kann man sich anmelden?");
		assertThat(item.locator(".chip.channel")).hasText("Mastodon");
		assertThat(item).hasClass(java.util.regex.Pattern.compile("\\bunread\\b"));
		// the counts beside the list and the tab's title follow the refreshed list
		assertThat(page.locator("#count-open")).hasText("1");
		assertThat(page.locator("#count-unread")).hasText("1");
		assertThat(page).hasTitle(java.util.regex.Pattern.compile("^\\(1\\) "));
		org.assertj.core.api.Assertions.assertThat(page.evaluate("window.stillTheSamePage === true"))
			.as("the list refreshed itself; the page was not loaded again").isEqualTo(true);
		screenshot("mastodon-streamed");

		item.locator("a").click();
		assertThat(page.locator(".messages .msg.in .msg-body")).containsText("Und bis wann kann man sich anmelden?");
		assertThat(page.locator("#composer-via")).containsText("Mastodon");
	}
}

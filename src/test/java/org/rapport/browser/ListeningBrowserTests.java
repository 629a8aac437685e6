package org.rapport.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.mastodon.MastodonAnswers;

/**
 * Listening on a phone: a manager sets up a monitor for a hashtag, reads the connected Mastodon account's instance,
 * recommends a hit in one click, dismisses another and takes that back.
 */
class ListeningBrowserTests extends BrowserTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static void json(com.github.tomakehurst.wiremock.client.MappingBuilder request, String body) {
		instance.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
	}

	@Test
	void aMonitorIsSetUpAndAHitRecommendedInOneClick() {
		json(get("/api/v1/accounts/verify_credentials").withHeader("Authorization", equalTo("Bearer good-token")),
				MastodonAnswers.file("verify_credentials.json"));
		json(get(urlPathEqualTo("/api/v1/timelines/tag/kita")), MastodonAnswers.file("tag_kita.json"));
		json(post("/api/v1/statuses/113500000000000202/reblog"), MastodonAnswers.file("reblog.json"));
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "good-token")));
		org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);

		page.setViewportSize(360, 740);
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/listening");
		assertThat(page.locator("#listening-no-monitors")).isVisible();
		page.locator("#listening-new-monitor").click();
		page.locator("#monitor-name").fill("Unsere Kita");
		page.locator("#monitor-save").click();
		assertThat(page.locator(".flash.error")).containsText("mindestens ein Wort");
		page.locator("#monitor-any").fill("#Kita");
		page.locator("#monitor-save").click();
		assertThat(page.locator(".flash")).containsText("Suchauftrag gespeichert");
		assertFits();

		page.locator("#listening-read").click();
		assertThat(page.locator(".flash")).containsText("2 neue Beiträge");
		var anna = page.locator(".hit", new com.microsoft.playwright.Page.LocatorOptions().setHasText("Anna Berg"));
		assertThat(anna).containsText("Elternabend");
		assertFits();
		page.setViewportSize(1280, 900);
		screenshot("listening");
		page.setViewportSize(360, 740);

		anna.locator("button.share").click();
		assertThat(page.locator(".flash")).containsText("Ihren Followern empfohlen");
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses/113500000000000202/reblog")));

		var ben = page.locator(".hit", new com.microsoft.playwright.Page.LocatorOptions().setHasText("other.example"));
		ben.locator("button.dismiss").click();
		assertThat(page.locator(".flash").first()).containsText("Verworfen");
		assertThat(page.locator(".hit", new com.microsoft.playwright.Page.LocatorOptions().setHasText("other.example"))).hasCount(0);
		page.locator("#listening-undo").click();
		assertThat(page.locator(".hit", new com.microsoft.playwright.Page.LocatorOptions().setHasText("other.example"))).hasCount(1);
		assertFits();

		// recommended in the team's own words: a quote
		json(get("/api/v2/instance"), MastodonAnswers.file("instance_v2.json"));
		json(post("/api/v1/statuses"), MastodonAnswers.file("posted.json"));
		ben = page.locator(".hit", new com.microsoft.playwright.Page.LocatorOptions().setHasText("other.example"));
		ben.locator(".hit-quote summary").click();
		ben.getByLabel("Was Ihr Konto dazu sagt").fill("Das sehen wir auch so.");
		assertFits();
		ben.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Zitat posten")).click();
		assertThat(page.locator(".flash").first()).containsText("Zitiert");
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses")));
	}

	private void assertFits() {
		org.assertj.core.api.Assertions.assertThat(fitsWidth(page)).as("no sideways scrolling at 360 px").isTrue();
	}
}

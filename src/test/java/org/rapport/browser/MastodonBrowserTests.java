package org.rapport.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;


import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.channels.mastodon.MastodonAnswers;
import org.springframework.beans.factory.annotation.Autowired;

/** A manager connects a Mastodon account in Settings → Channels and finds its mentions in the inbox, on a phone too. */
class MastodonBrowserTests extends BrowserTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	Channels channels;

	private static String file(String name) {
		return MastodonAnswers.file(name);
	}

	@Test
	void aManagerConnectsAnAccountAndAWrongTokenIsExplainedAtTheField() {
		instance.stubFor(get("/api/v1/accounts/verify_credentials").withHeader("Authorization", equalTo("Bearer good-token"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(file("verify_credentials.json"))));
		instance.stubFor(get("/api/v1/accounts/verify_credentials").atPriority(10)
			.willReturn(aResponse().withStatus(401).withBody(file("error_401.json"))));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(file("notifications.json"))));
		page.setViewportSize(360, 740);
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/channels");
		page.locator("#connect-mastodon > summary").click();
		page.locator("#mastodon-instance").fill(instance.baseUrl());
		page.locator("#mastodon-accessToken").fill("wrong-token");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mastodon-Konto verbinden")).click();
		assertThat(page.locator("#mastodon-accessToken-error")).containsText("Zugriffstoken");
		assertThat(page.locator("#mastodon-instance")).hasValue(instance.baseUrl());

		page.locator("#mastodon-accessToken").fill("good-token");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mastodon-Konto verbinden")).click();
		assertThat(page.locator(".flash")).containsText("Mastodon-Konto verbunden");
		assertThat(page.locator("table")).containsText("Mastodon");
		assertFits();

		channels.connector("mastodon").sync(channels.byKey(workspace.id(), "mastodon").orElseThrow());
		page.reload();
		assertThat(page.locator("table")).containsText("zuletzt empfangen");
		assertFits();
		page.setViewportSize(1280, 900);
		screenshot("channels");
		page.setViewportSize(360, 740);
		page.navigate(baseUrl() + "/inbox");
		page.getByText("Sommerferienprogramm").first().click();
		assertThat(page.locator("#composer-via")).containsText("Mastodon");

		// a reply offers the kinds of files Mastodon carries; a note keeps files of any kind
		var files = page.locator("#composer-files");
		assertThat(files).hasAttribute("accept", "image/*,video/*,audio/*");
		assertThat(page.locator("#composer-files-hint")).containsText("Bis zu 4 Dateien");
		assertThat(page.locator("#composer-files-hint")).containsText("Arten: Bilder, Videos, Audio.");
		page.locator("input[name=kind][value=note]").check();
		assertThat(files).not().hasAttribute("accept", java.util.regex.Pattern.compile(".*"));
		page.locator("input[name=kind][value=reply]").check();
		assertThat(files).hasAttribute("accept", "image/*,video/*,audio/*");
		assertFits();
	}

	private void assertFits() {
		org.assertj.core.api.Assertions.assertThat(fitsWidth(page)).as("no sideways scrolling at 360 px").isTrue();
	}
}

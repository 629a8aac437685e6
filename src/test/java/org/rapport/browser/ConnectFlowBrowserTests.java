package org.rapport.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Connecting the networks from Settings → Channels, as docs/networks.md shows it: the form of each network, and a
 * whole sign-in with Facebook through a login dialog that sends the manager back as Facebook's does (WireMock with
 * the recorded Graph answers of {@code src/test/resources/meta}).
 */
class ConnectFlowBrowserTests extends BrowserTest {

	static final String PAGE = "104857600123456";

	@RegisterExtension
	static WireMockExtension meta = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	Channels channels;

	@AfterEach
	void noMeta() {
		System.clearProperty("rapport.meta.graph-base");
		System.clearProperty("rapport.meta.dialog-base");
	}

	private static ResponseDefinitionBuilder answer(String name) {
		try (var in = ConnectFlowBrowserTests.class.getResourceAsStream("/meta/" + name)) {
			return aResponse().withHeader("Content-Type", "application/json")
				.withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Each network's form, opened, as a picture for the documentation. */
	@Test
	void everyNetworkHasAFormToConnectIt() {
		page.setViewportSize(1100, 900);
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/channels");
		for (String kind : new String[] { "mastodon", "bluesky", "telegram", "facebook", "instagram", "linkedin", "youtube",
				"feed" }) {
			Locator connect = page.locator("#connect-" + kind);
			assertThat(connect).hasCount(1);
			connect.locator("summary").click();
			assertThat(connect.locator("form").first()).isVisible();
			connect.screenshot(new Locator.ScreenshotOptions().setPath(Paths.get("target/screenshots", "connect-" + kind + ".png")));
			connect.locator("summary").click();
		}
	}

	@Test
	void aManagerSignsInWithFacebookAndThePageIsConnected() {
		System.setProperty("rapport.meta.graph-base", meta.baseUrl());
		System.setProperty("rapport.meta.dialog-base", meta.baseUrl() + "/facebook");
		// Facebook's login dialog, once the person allowed Rapport in: back to Rapport with a code (to the server of
		// this test, whose public address the settings do not know)
		meta.stubFor(get(urlPathEqualTo("/facebook/v23.0/dialog/oauth")).withQueryParam("redirect_uri",
				com.github.tomakehurst.wiremock.client.WireMock.matching(".*/settings/channels/callback/facebook"))
			.willReturn(aResponse().withStatus(302)
			.withHeader("Location", baseUrl() + "/settings/channels/callback/facebook?code=AQDcode&state={{request.query.state}}")
			.withTransformers("response-template")));
		meta.stubFor(get(urlPathEqualTo("/v23.0/oauth/access_token")).withQueryParam("code", equalTo("AQDcode"))
			.willReturn(answer("token_code.json")));
		meta.stubFor(get(urlPathEqualTo("/v23.0/oauth/access_token")).withQueryParam("grant_type", equalTo("fb_exchange_token"))
			.willReturn(answer("token_long_lived.json")));
		meta.stubFor(get(urlPathEqualTo("/v23.0/" + PAGE)).willReturn(answer("page.json")));
		meta.stubFor(get(urlPathEqualTo("/v23.0/" + PAGE)).atPriority(1).withQueryParam("fields", equalTo("access_token"))
			.willReturn(answer("page_access_token.json")));
		meta.stubFor(post(urlPathEqualTo("/v23.0/" + PAGE + "/subscribed_apps")).willReturn(answer("subscribed_apps.json")));
		meta.stubFor(get(urlPathEqualTo("/v23.0/debug_token")).willReturn(answer("debug_token.json")));

		page.setViewportSize(360, 740);
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/channels");
		Locator connect = page.locator("#connect-facebook");
		connect.locator("summary").click();
		connect.locator("#facebook-signin-appId").fill("730000000000001");
		connect.locator("#facebook-signin-appSecret").fill("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
		connect.locator("#facebook-signin-pageId").fill(PAGE);
		page.waitForResponse(r -> r.url().contains("/settings/channels/callback/facebook"), () -> connect
			.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mit Facebook anmelden")).click());
		page.waitForLoadState();
		assertThat(page.locator(".flash")).isVisible();
		assertThat(page.locator("table")).containsText("Facebook");
		org.assertj.core.api.Assertions.assertThat(channels.byKey(workspace.id(), "facebook")).isPresent();
		org.assertj.core.api.Assertions.assertThat(fitsWidth(page)).as("no sideways scrolling at 360 px").isTrue();
		page.setViewportSize(1100, 900);
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", "connected-facebook.png")));
	}
}

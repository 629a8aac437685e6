package org.rapport.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.mastodon.MastodonAnswers;

/**
 * An audit of a connected Mastodon account's followers from the authenticity page: its progress, the share bought,
 * the bars of a purchase burst with their table, marking a follower, and what changed at the next audit; a CSV saved
 * as an audit; in German, and in English on a phone.
 */
class FollowerAuditBrowserTests extends BrowserTest {

	static final String FOLLOWERS = "/api/v1/accounts/109302/followers";

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static ResponseDefinitionBuilder page(String file, boolean hasNext) {
		return aResponse().withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Remaining", "290")
			.withHeader("X-RateLimit-Reset", Instant.now().plus(5, ChronoUnit.MINUTES).toString())
			.withHeader("Link", hasNext ? "<https://social.example" + FOLLOWERS + "?limit=80&max_id=113287402>; rel=\"next\"" : "")
			.withBody(MastodonAnswers.file(file));
	}

	@BeforeEach
	void anAccountWithFollowers() {
		instance.stubFor(get("/api/v1/accounts/verify_credentials").withHeader("Authorization", equalTo("Bearer good-token"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(MastodonAnswers.file("audited_account.json"))));
		instance.stubFor(get(urlEqualTo(FOLLOWERS + "?limit=80")).willReturn(page("followers_page1.json", true)));
		// The second page comes slowly, so that the page shows the audit under way.
		instance.stubFor(get(urlEqualTo(FOLLOWERS + "?limit=80&max_id=113287402"))
			.willReturn(page("followers_page2.json", false).withFixedDelay(5000)));
		var created = api.post("/api/v1/channels", Map.of("key", "social", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "good-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	@Test
	void auditsTheFollowersShowsTheBurstAndLearnsFromAMark() {
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/authenticity");
		assertThat(page.locator("#audits h2")).hasText("Follower-Prüfungen");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Follower von Kita auf Mastodon prüfen")).click();
		assertThat(page.locator("h1")).hasText("Follower-Prüfung: Kita auf Mastodon");
		assertThat(page.locator("#progress")).containsText("3 von 5 Followern gelesen");
		assertThat(page.locator("#share")).containsText("Zahlen der bisher gelesenen Follower");

		// When the audit ends, the page reloads itself with the results.
		assertThat(page.locator("#change")).containsText("erste fertige Prüfung", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
		assertThat(page.locator("#progress")).hasCount(0);
		assertThat(page.locator("#share")).containsText("Wahrscheinlich gekauft: 3 von 5 Konten");
		assertThat(page.locator("#share")).containsText(Pattern.compile("95-%-Konfidenzintervall: 23\\s?% bis 88\\s?%"));
		assertThat(page.locator(".day-chart svg .all line")).hasCount(3);
		assertThat(page.locator(".day-chart svg .bought line")).hasCount(1);
		Locator burst = page.locator("#day-table tr", new Page.LocatorOptions().setHasText("14.03.2025"));
		assertThat(burst.locator("time")).hasAttribute("datetime", "2025-03-14");
		assertThat(burst.locator("td").nth(1)).hasText("3");
		assertThat(burst.locator("td").nth(2)).hasText("3");
		assertThat(page.locator("#accounts > li").first()).containsText("wahrscheinlich gekauft");
		assertThat(page.locator("#accounts > li").first()).containsText("folgt 2.");
		Locator bot = page.locator("#accounts > li", new Page.LocatorOptions().setHasText("@wetter@bots.example"));
		assertThat(bot).containsText("gibt an, ein Bot zu sein");
		screenshot("follower-audit");

		Locator lena = page.locator("#accounts > li", new Page.LocatorOptions().setHasText("@lena@example.social"));
		lena.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("@lena@example.social markieren: Als echt markieren")).click();
		assertThat(page.locator("#accounts > li", new Page.LocatorOptions().setHasText("@lena@example.social")))
			.containsText("Als echt markiert");
		assertThat(jdbc.sql("select item_key from authenticity_judgements where workspace_id = ? and kind = 'profiles'")
			.param(workspace.id()).query(String.class).list()).containsExactly("mastodon:https://example.social/users/lena");
		page.reload();
		assertThat(page.locator("#accounts > li", new Page.LocatorOptions().setHasText("@lena@example.social")))
			.containsText("vom Team als echt markiert");

		// The next audit: the bot has gone.
		instance.stubFor(get(urlEqualTo(FOLLOWERS + "?limit=80&max_id=113287402")).willReturn(page("followers_page2.json", false)
			.withBody("[" + org.rapport.support.Api.JSON.readTree(MastodonAnswers.file("followers_page2.json")).get(0) + "]")));
		page.navigate(baseUrl() + "/authenticity");
		assertThat(page.locator("#audit-list tbody tr")).hasCount(1);
		assertThat(page.locator("#audit-list")).containsText("60");
		screenshot("authenticity-audits");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Follower von Kita auf Mastodon prüfen")).click();
		assertThat(page.locator("#change")).containsText("Seit der Prüfung vom", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
		assertThat(page.locator("#change")).containsText("Follower: 4 (−1)");
		assertThat(page.locator("#change")).containsText("0 neu, 1 nicht mehr dabei");
		assertThat(page.locator("#change")).containsText("(+15,0 Prozentpunkte)");
	}

	static final String CSV = """
			id,network,handle,createdAt,observedAt,posts,followers,following,defaultAvatar,bio,url
			1,bluesky,kauf1.bsky.social,2025-05-20,2026-11-01,0,3,1900,true,,
			2,bluesky,kauf2.bsky.social,2025-05-20,2026-11-01,1,5,2400,true,,
			3,bluesky,anna.example.org,2019-02-01,2026-11-01,3400,820,310,false,Sozialarbeiterin in Köln,https://example.org
			""";

	@Test
	void aCsvIsSavedAsAnAuditAndReadsInEnglishOnAPhone() {
		Page small = phoneInEnglish();
		try {
			small.navigate(baseUrl() + "/authenticity");

			small.getByLabel("Profiles as CSV").fill(CSV.replace(",3400,", ",-3,").replace("0,3,1900", "none,3,1900"));
			small.getByLabel("Whose followers are these?").fill("kita.bsky.social");
			small.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as audit")).click();
			assertThat(small.locator("#problem")).containsText("2 lines cannot be taken; nothing was saved.");
			assertThat(small.locator("#problem li").nth(0)).hasText("Line 2: column posts holds \"none\", which is not a whole number.");
			assertThat(small.locator("#problem li").nth(1)).hasText("Line 4: The field 'posts' holds -3; counts cannot be negative.");
			assertThat(small.locator("#audit-list")).hasCount(0);

			small.getByLabel("Profiles as CSV").fill(CSV);
			small.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as audit")).click();
			assertThat(small.locator("h1")).hasText("Follower audit: kita.bsky.social");
			assertThat(small.locator("#share")).containsText("Likely bought: 2 of 3 accounts");
			assertThat(small.locator("#change")).containsText("The first finished audit of this account");
			assertThat(small.locator("#day-table caption")).hasText("Every day on which followers were created");
			assertThat(small.locator("#accounts")).containsText("follows 2,400 accounts, followed by 5");
			assertThat(small.locator("#accounts")).containsText("only 1 post in 17 months of existence");
			small.waitForLoadState();
			int overflow = ((Number) small.evaluate("() => document.querySelector('main').scrollWidth - window.innerWidth")).intValue();
			assertThat(overflow).isLessThanOrEqualTo(0);
			small.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(java.nio.file.Paths.get("target/screenshots", "follower-audit-phone.png")));
		}
		finally {
			small.context().close();
		}
	}
}

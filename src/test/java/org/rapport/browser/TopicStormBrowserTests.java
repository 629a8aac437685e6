package org.rapport.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.json.JsonMapper;

/**
 * A storm on a topic (posts heard while listening): the banner names the topic on every page, the alert page shows the
 * posts with links to where they were written and is acknowledged; the topic's threshold is set beside the channels';
 * on a phone too, without serious accessibility violations.
 */
class TopicStormBrowserTests extends BrowserTest {

	@RegisterExtension
	static WireMockExtension feeds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String[] ANGRY = { "Boykott! Wie könnt ihr den Bahnhof so verkommen lassen? Schämt euch.",
			"Der Bahnhof ist widerlich, unfassbar respektlos.", "Disgusting, the Bahnhof is totally unacceptable. #boycott",
			"Shame on you, the Bahnhof plan is offensive.", "Skandal, was ihr am Bahnhof macht. Entsetzlich!" };

	/** A monitor "Bahnhof", a followed feed where twelve people posted angrily about it within ten minutes, read once. */
	private String stormOnTheBahnhof() {
		var monitor = api.post("/api/v1/listening/monitors", Map.of("name", "Bahnhof", "any", List.of("Bahnhof")));
		assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
		Instant now = Instant.now();
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String url = "https://social.example.net/posts/storm-" + i;
			items.add(Map.of("id", url, "url", url, "content_text", ANGRY[i % ANGRY.length] + " [" + i + "]",
					"date_published", now.minusSeconds(600 - 50L * i).toString(),
					"authors", List.of(Map.of("name", "Person " + i))));
		}
		feeds.stubFor(get(urlPathEqualTo("/stadt.json")).willReturn(aResponse().withHeader("Content-Type", "application/feed+json")
			.withBody(JsonMapper.builder().build().writeValueAsString(Map.of("version", "https://jsonfeed.org/version/1.1",
					"title", "Stadtgespräch", "items", items)))));
		var feed = api.post("/api/v1/channels", Map.of("key", "stadt", "kind", "feed", "name", "Stadtgespräch",
				"config", Map.of("url", feeds.baseUrl() + "/stadt.json")));
		assertThat(feed.status()).as(feed.body()).isEqualTo(201);
		assertThat(api.post("/api/v1/listening/read", Map.of()).json().get("heard").asInt()).isEqualTo(12);
		assertThat(api.get("/api/v1/alerts").json().get("open").asInt()).isEqualTo(1);
		return monitor.json().get("id").asString();
	}

	@Test
	void aStormOnATopicRaisesTheBannerShowsThePostsAndIsAcknowledged() {
		String topic = stormOnTheBahnhof();
		logIn(ownerEmail, PASSWORD);
		assertThat(page.locator("#storm-banner")).isVisible();
		assertThat(page.locator("#storm-banner")).containsText("Shitstorm-Warnung zum Thema „Bahnhof“");
		page.locator("#storm-banner a").click();
		assertThat(page.locator("h1")).hasText("Shitstorm-Warnung: Thema „Bahnhof“");
		assertThat(page.locator("#storm-share")).containsText("% der Beiträge waren negativ");
		assertThat(page.locator("#storm-hits > li").first()).containsText("Bahnhof");
		assertThat(page.locator("#storm-hits > li").first()).containsText("Stadtgespräch");
		assertThat(page.locator("#storm-hits a").first()).hasAttribute("href",
				java.util.regex.Pattern.compile("^https://social\\.example\\.net/posts/storm-\\d+$"));
		assertThat(page.locator("#storm-topic-hits")).hasAttribute("href", "/listening?monitor=" + topic);
		assertThat(page.locator("#storm-messages")).hasCount(0);
		screenshot("storm-topic-alert");
		assertThat(seriousViolations(page)).isEmpty();

		page.locator("#storm-acknowledge").click();
		assertThat(page.locator(".flash[role=status]")).containsText("zur Kenntnis genommen");
		assertThat(page.locator(".storm-banner")).hasCount(0);

		// The topic's threshold is set where the channels' are.
		page.navigate(baseUrl() + "/authenticity/alerts");
		assertThat(page.locator("#storm-alert-list")).containsText("Thema „Bahnhof“");
		page.locator("#topic-sens-" + topic).selectOption("high");
		page.locator("#topic-min-" + topic).fill("7");
		page.locator("#storm-topic-thresholds button[type=submit]").first().click();
		assertThat(page.locator(".flash[role=status]")).containsText("gespeichert");
		assertThat(page.locator("#topic-min-" + topic)).hasValue("7");
		assertThat(page.locator("#topic-sens-" + topic)).hasValue("high");
		assertThat(seriousViolations(page)).isEmpty();
	}

	@Test
	void theTopicsBannerAndAlertFitAPhoneInEnglish() {
		stormOnTheBahnhof();
		Page small = phoneInEnglish();
		try {
			assertThat(small.locator("#storm-banner")).containsText("Storm warning on topic 'Bahnhof'");
			assertThat(overflow(small)).isLessThanOrEqualTo(0);
			small.locator("#storm-banner a").click();
			small.waitForURL("**/authenticity/alerts/*");
			assertThat(small.locator("#storm-figures")).containsText("of the posts were negative");
			assertThat(small.locator("#storm-hits a").first()).containsText("Open the post");
			assertThat(overflow(small)).isLessThanOrEqualTo(0);
			assertThat(seriousViolations(small)).isEmpty();
			small.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(java.nio.file.Paths.get("target/screenshots", "storm-topic-alert-phone.png")));
			small.navigate(baseUrl() + "/authenticity/alerts");
			assertThat(small.locator("#storm-topic-thresholds")).containsText("Thresholds per topic");
			assertThat(overflow(small)).isLessThanOrEqualTo(0);
			assertThat(seriousViolations(small)).isEmpty();
		}
		finally {
			small.context().close();
		}
	}

	private static int overflow(Page page) {
		page.waitForLoadState();
		return ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue();
	}

	/** axe's serious and critical findings on the page as it is now (WCAG 2.2 A and AA). */
	private static List<String> seriousViolations(Page page) {
		List<String> found = new ArrayList<>();
		for (Rule rule : new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
			.analyze().getViolations()) {
			if (List.of("serious", "critical").contains(rule.getImpact())) {
				rule.getNodes().forEach(n -> found.add(rule.getId() + " at " + n.getTarget()));
			}
		}
		return found;
	}
}

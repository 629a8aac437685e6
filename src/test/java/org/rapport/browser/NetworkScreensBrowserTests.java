package org.rapport.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.mastodon.MastodonAnswers;
import org.rapport.support.Api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The screens of the social networks, listening and authenticity on a phone (390 × 844), in German and in English:
 * channels with their health and the connect forms, a channel's settings, the inbox with a network conversation under
 * its post, its labels and the spam view, listening with its hits, follower audits, coordinated comments and storm
 * alerts. Each page fits the phone's width (nothing in it reaches past the right edge, tables included), shows no
 * raw message key, says its language and shows its key words in that language.
 */
class NetworkScreensBrowserTests extends BrowserTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** A page, and what it says in German and in English. */
	record Screen(String path, List<String> german, List<String> english) {
	}

	private static void json(MappingBuilder request, String body) {
		instance.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
	}

	private void arrives(String externalId, String name, String subject, String body, Instant sentAt) {
		var sent = api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", externalId,
				"threadKey", externalId, "from", Map.of("handle", externalId + "@example.org", "name", name),
				"subject", subject, "body", body, "sentAt", sentAt.toString()))));
		assertThat(sent.status()).as(sent.body()).isEqualTo(201);
	}

	@Test
	void everyNetworkScreenFitsAPhoneAndSpeaksItsLanguage() {
		// A Mastodon account whose own post drew a reply, with a direct message; a hashtag for listening.
		json(get("/api/v1/accounts/verify_credentials").withHeader("Authorization", equalTo("Bearer good-token")),
				MastodonAnswers.file("verify_credentials.json"));
		ArrayNode mentions = (ArrayNode) Api.JSON.readTree(MastodonAnswers.file("mentions_on_posts.json"));
		mentions.addAll((ArrayNode) Api.JSON.readTree(MastodonAnswers.file("notification_direct.json")));
		json(get(urlPathEqualTo("/api/v1/notifications")), mentions.toString());
		json(get(urlPathEqualTo("/api/v1/accounts/109302/statuses")), MastodonAnswers.file("own_statuses.json"));
		json(get(urlPathEqualTo("/api/v1/timelines/tag/kita")), MastodonAnswers.file("tag_kita.json"));
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "good-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String mastodon = created.json().get("id").asString();
		assertThat(api.post("/api/v1/channels/" + mastodon + "/sync", Map.of()).status()).isEqualTo(200);
		String discussed = jdbc.sql("select conversation_id::text from messages where external_id = '109400000000000011' "
				+ "and workspace_id = ?").param(workspace.id()).query(String.class).single();

		// A question, spam, a burst of praise from look-alike accounts, a storm.
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		arrives("q-1", "Fritz Frage", "Öffnungszeiten", "Wann habt ihr am Samstag geöffnet?", now.minus(Duration.ofHours(1)));
		arrives("s-1", "Gewinner", "Gewinnspiel", "Check out my channel https://win-money.example.com for free money, "
				+ "giveaway every day!", now.minus(Duration.ofHours(1)));
		String[] praise = { "Super, ihr seid großartig! 😍", "Toll gemacht, wirklich super!", "Einfach wunderbar, danke!",
				"Großartige Arbeit, weiter so!", "Wunderbar, ich bin begeistert!", "Klasse, einfach super!" };
		for (int i = 0; i < praise.length; i++) {
			arrives("b-" + i, "Sunny Fan " + (11 * (i + 1)), "Lob " + i, praise[i], now.minus(Duration.ofMinutes(40 - 2 * i)));
		}
		String apiChannel = null;
		for (JsonNode c : api.get("/api/v1/channels").json().path("items")) {
			if ("api".equals(c.path("kind").asString())) {
				apiChannel = c.get("id").asString();
			}
		}
		var storm = api.post("/api/v1/channels/" + apiChannel + "/storm-simulation", Map.of("people", 15));
		assertThat(storm.status()).as(storm.body()).isEqualTo(201);
		String alert = storm.json().get("alert").get("id").asString();

		// A monitor with its hits, and an audit of a CSV.
		var monitor = api.post("/api/v1/listening/monitors", Map.of("name", "Unsere Kita", "any", List.of("#Kita")));
		assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
		assertThat(api.post("/api/v1/listening/read", Map.of()).status()).isEqualTo(200);
		var audit = api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/authenticity/audits?account=kita.bsky.social"))
			.header("Authorization", "Bearer " + api.token()).header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(FollowerAuditBrowserTests.CSV)));
		assertThat(audit.status()).as(audit.body()).isBetween(200, 201);
		String auditId = audit.json().get("id").asString();

		Map<String, Screen> screens = new LinkedHashMap<>();
		screens.put("channels", new Screen("/settings/channels",
				List.of("Kanäle", "zuletzt empfangen", "Mastodon-Konto verbinden", "Telegram-Bot verbinden"),
				List.of("Channels", "last received", "Connect a Mastodon account", "Connect a Telegram bot")));
		screens.put("channel", new Screen("/settings/channels/" + mastodon, List.of("Einstellungen von Kita auf Mastodon", "zuletzt empfangen"),
				List.of("Settings of Kita auf Mastodon", "last received")));
		screens.put("inbox", new Screen("/inbox", List.of("koordiniert", "Frage"), List.of("coordinated", "Question")));
		screens.put("spam", new Screen("/inbox?view=spam", List.of("Gewinnspiel", "Kein Spam"), List.of("Gewinnspiel", "Not spam")));
		screens.put("conversation", new Screen("/inbox/" + discussed,
				List.of("Zu Ihrem Beitrag", "Das Sommerferienprogramm 2027 ist da", "Frage", "Deutsch", "Geht raus über Mastodon"),
				List.of("On your post", "Das Sommerferienprogramm 2027 ist da", "Question", "German", "Mastodon")));
		screens.put("listening", new Screen("/listening", List.of("Zuhören", "Unsere Kita", "Antworten", "Empfehlen", "Verwerfen"),
				List.of("Listening", "Unsere Kita", "Answer", "Recommend", "Dismiss")));
		screens.put("monitor", new Screen("/listening/monitors/new", List.of("Neuer Suchauftrag", "Eines dieser Wörter"),
				List.of("New monitor", "Any of these words")));
		screens.put("authenticity", new Screen("/authenticity", List.of("Follower-Prüfungen", "67 % von 3"),
				List.of("Follower audits", "67% of 3")));
		screens.put("audit", new Screen("/authenticity/audits/" + auditId,
				List.of("Wahrscheinlich gekauft: 2 von 3 Konten", "Bluesky", "folgt 2.400 Konten"),
				List.of("Likely bought: 2 of 3 accounts", "Bluesky", "follows 2,400 accounts")));
		screens.put("coordinated", new Screen("/authenticity/coordinated", List.of("6 Menschen loben innerhalb von 10 Minuten"),
				List.of("6 people praise within 10 minutes")));
		screens.put("alerts", new Screen("/authenticity/alerts", List.of("Frühwarnung vor Shitstorms", "offen"),
				List.of("Storm early warning", "open")));
		screens.put("alert", new Screen("/authenticity/alerts/" + alert, List.of("Vorbereitete Antwort", "Einigen Sie sich"),
				List.of("Prepared response", "Agree on one answer")));

		List<String> problems = new ArrayList<>();
		for (String language : List.of("de", "en")) {
			BrowserContext phone = browser.newContext(new Browser.NewContextOptions()
				.setLocale("de".equals(language) ? "de-DE" : "en-GB").setViewportSize(390, 844));
			try {
				Page p = phone.newPage();
				p.setDefaultTimeout(15_000);
				p.navigate(baseUrl() + "/login");
				p.locator("#username").fill(ownerEmail);
				p.locator("#password").fill(PASSWORD);
				p.locator("form button[type=submit]").first().click();
				p.waitForURL("**/inbox**");
				for (var screen : screens.entrySet()) {
					String where = screen.getKey() + " (" + language + ")";
					p.navigate(baseUrl() + screen.getValue().path());
					p.waitForLoadState();
					if ("channels".equals(screen.getKey())) {
						// the connect forms are folded: open them all
						p.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)");
						// a choice whose options are sentences is a radio group: a select would cut them off here
						if (!p.locator("input[type=radio][name=receive]").first().isVisible()
								|| p.locator("input[type=radio][name=receive]").count() != 2) {
							problems.add(where + ": the Telegram bot's way of receiving is no pair of radio buttons");
						}
					}
					if (!language.equals(p.evaluate("document.documentElement.lang"))) {
						problems.add(where + ": lang is " + p.evaluate("document.documentElement.lang"));
					}
					if (!fitsWidth(p)) {
						problems.add(where + ": the page scrolls sideways");
					}
					@SuppressWarnings("unchecked")
					List<String> outside = (List<String>) p.evaluate("""
							() => [...document.querySelectorAll('main *')].filter(e => {
							  const box = e.getBoundingClientRect();
							  return box.width > 1 && box.height > 1 && box.right > window.innerWidth + 1 && !e.closest('pre, .sr-only, table.stack thead');
							}).slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + ': ' + (e.innerText || '').slice(0, 40))""");
					if (!outside.isEmpty()) {
						problems.add(where + ": reaches past the right edge: " + outside);
					}
					// German numbers keep a narrow no-break space before their per cent sign
					String text = ((String) p.evaluate("document.body.innerText")).replace('\u00a0', ' ').replace('\u202f', ' ');
					if (text.matches("(?s).*\\?\\?[\\w.-]+\\?\\?.*")) {
						problems.add(where + ": a raw message key");
					}
					for (String expected : "de".equals(language) ? screen.getValue().german() : screen.getValue().english()) {
						if (!text.contains(expected)) {
							problems.add(where + ": no \"" + expected + "\"");
						}
					}
				}
			}
			finally {
				phone.close();
			}
		}
		assertThat(problems).isEmpty();
	}
}

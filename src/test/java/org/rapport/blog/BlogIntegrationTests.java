package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import tools.jackson.databind.JsonNode;

@RecordApplicationEvents
class BlogIntegrationTests extends IntegrationTest {

	@Autowired
	Posts posts;

	@Autowired
	ApplicationEvents events;

	static final String LONG_TEXT = "Wir kochen jeden Dienstag gemeinsam im Stadtteilzentrum. ".repeat(60);

	JsonNode create(Map<String, Object> post) {
		Api.Response response = api.post("/api/v1/blog/posts", post);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	JsonNode publish(String title, String markdown, List<String> tags) {
		return create(Map.of("title", title, "markdown", markdown, "status", "published", "tags", tags));
	}

	static String path(JsonNode created) {
		return URI.create(created.get("url").asString()).getPath();
	}

	Api.Response read(String path) {
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de-DE"));
	}

	Api.Response comment(String postPath, Map<String, String> form) {
		String body = form.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + postPath + "/comments"))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "de-DE")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	static Map<String, String> form(String name, String email, String text) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("email", email);
		form.put("website", "");
		form.put("text", text);
		form.put("consent", "true");
		form.put("homepage", "");
		return form;
	}

	JsonNode blogConversations() {
		return api.get("/api/v1/conversations?channel=blog-comments").json().get("items");
	}

	@Test
	void aPublishedPostHasItsPageWithReadingTimeCanonicalAndOpenGraph() {
		JsonNode created = create(Map.of("title", "Grüße aus der Küche", "markdown", "# Dienstags\n\n" + LONG_TEXT,
				"status", "published", "categories", List.of("Verein"), "tags", List.of("Kochen", "Ehrenamt")));
		String url = created.get("url").asString();
		assertThat(created.get("id").asString()).isNotBlank();
		assertThat(url).matches(".*/blog/" + workspace.slug() + "/\\d{4}/\\d{2}/gruesse-aus-der-kueche");

		Api.Response page = read(path(created));
		assertThat(page.status()).isEqualTo(200);
		Document html = Jsoup.parse(page.body());
		assertThat(html.title()).isEqualTo("Grüße aus der Küche – Test " + workspace.slug());
		assertThat(html.select("h1").text()).isEqualTo("Grüße aus der Küche");
		assertThat(html.select(".reading-time").text()).isEqualTo("3 Min. Lesezeit");
		assertThat(html.select("link[rel=canonical]").attr("href")).isEqualTo(url);
		assertThat(html.select("meta[property=og:url]").attr("content")).isEqualTo(url);
		assertThat(html.select("meta[property=og:title]").attr("content")).isEqualTo("Grüße aus der Küche");
		assertThat(html.select("meta[property=og:type]").attr("content")).isEqualTo("article");
		assertThat(html.select("meta[name=description]").attr("content")).startsWith("Wir kochen jeden Dienstag").endsWith("…");
		assertThat(html.select("meta[property=article:tag]").eachAttr("content")).containsExactly("Ehrenamt", "Kochen");
		assertThat(html.select("link[rel=alternate]").eachAttr("type")).contains("application/rss+xml",
				"application/atom+xml", "application/feed+json");
		assertThat(html.select(".author-name").text()).isEqualTo("Olga Owner");
		assertThat(html.select(".content h2").text()).isEqualTo("Dienstags");
		assertThat(html.select("a.category").attr("href")).isEqualTo("/blog/" + workspace.slug() + "/category/verein");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
		assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
		Document english = Jsoup.parse(new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path(created)))
			.header("Accept-Language", "en")).body());
		assertThat(english.select(".reading-time").text()).isEqualTo("3 min read");
		assertThat(english.select(".comment-form button").text()).isEqualTo("Post comment");

		Document index = Jsoup.parse(read("/blog/" + workspace.slug()).body());
		assertThat(index.select(".post-card h2 a").attr("href")).isEqualTo(path(created));
		assertThat(Jsoup.parse(read("/blog/" + workspace.slug() + "/tag/kochen").body()).select(".post-card h2").text())
			.isEqualTo("Grüße aus der Küche");
		assertThat(Jsoup.parse(read("/blog/" + workspace.slug() + "/category/verein").body()).select(".post-card").size()).isEqualTo(1);
		String month = path(created).substring(0, path(created).lastIndexOf('/'));
		assertThat(Jsoup.parse(read(month).body()).select(".post-card h2").text()).isEqualTo("Grüße aus der Küche");
		assertThat(read("/blog/" + workspace.slug() + "/2001/01/gruesse-aus-der-kueche").status()).isEqualTo(301);
		assertThat(read("/blog/" + workspace.slug() + "/sitemap.xml").body()).contains("<loc>" + url + "</loc>");
	}

	@Test
	void relatedPostsShareTagsAndTheIndexPagesByTen() {
		JsonNode first = publish("Sommerfest", "Alle sind eingeladen.", List.of("Fest", "Sommer"));
		publish("Winterfest", "Glühwein für alle.", List.of("Fest"));
		publish("Kassenbericht", "Zahlen.", List.of("Finanzen"));
		Document page = Jsoup.parse(read(path(first)).body());
		assertThat(page.select(".related li a").eachText()).containsExactly("Winterfest");

		for (int i = 0; i < 9; i++) {
			publish("Notiz " + i, "Kurz.", List.of());
		}
		Document one = Jsoup.parse(read("/blog/" + workspace.slug()).body());
		assertThat(one.select(".post-card")).hasSize(10);
		assertThat(one.select(".pager a[rel=next]").attr("href")).isEqualTo("/blog/" + workspace.slug() + "?page=2");
		Document two = Jsoup.parse(read("/blog/" + workspace.slug() + "?page=2").body());
		assertThat(two.select(".post-card")).hasSize(2);
		assertThat(two.select("link[rel=canonical]").attr("href")).endsWith("/blog/" + workspace.slug() + "?page=2");
	}

	@Test
	void draftsAreNotPublicUntilPublished() {
		JsonNode draft = create(Map.of("title", "Noch geheim", "markdown", "Entwurf", "status", "draft"));
		assertThat(read(path(draft)).status()).isEqualTo(404);
		assertThat(read("/blog/" + workspace.slug()).status()).as("a blog without posts is not public").isEqualTo(404);
		publish("Schon bekannt", "Öffentlich.", List.of());
		assertThat(read("/blog/" + workspace.slug()).body()).doesNotContain("Noch geheim");
		assertThat(read("/blog/" + workspace.slug() + "/feed.xml").body()).doesNotContain("Noch geheim");
		assertThat(read("/blog/" + workspace.slug() + "/sitemap.xml").body()).doesNotContain("noch-geheim");
		JsonNode listed = null;
		for (JsonNode item : api.get("/api/v1/blog/posts").json().get("items")) {
			if (item.get("id").asString().equals(draft.get("id").asString())) {
				listed = item;
			}
		}
		assertThat(listed).isNotNull();
		assertThat(listed.get("status").asString()).isEqualTo("draft");
		assertThat(listed.get("title").asString()).isEqualTo("Noch geheim");

		Api.Response published = api.patch("/api/v1/blog/posts/" + draft.get("id").asString(), Map.of("status", "published"));
		assertThat(published.status()).isEqualTo(200);
		assertThat(read(URI.create(published.json().get("url").asString()).getPath()).status()).isEqualTo(200);
		assertThat(new Api(baseUrl(), null).post("/api/v1/blog/posts", Map.of("title", "x")).status()).isEqualTo(401);
		assertThat(api.post("/api/v1/blog/posts", Map.of("title", "x", "status", "whenever")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/blog/posts", Map.of("markdown", "Ohne Titel")).status()).isEqualTo(400);
		JsonNode titleOnly = create(Map.of("title", "Nur ein Titel"));
		assertThat(api.get("/api/v1/blog/posts/" + titleOnly.get("id").asString()).json().get("status").asString()).isEqualTo("draft");
	}

	@Test
	void aScheduledPostPublishesWhenDue() {
		Instant at = Instant.now().plus(Duration.ofHours(1));
		JsonNode scheduled = create(Map.of("title", "Zur Mitgliederversammlung", "markdown", "Einladung", "status",
				"scheduled", "publishAt", at.toString()));
		assertThat(read(path(scheduled)).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/blog/posts", Map.of("title", "Ohne Zeit", "status", "scheduled")).status()).isEqualTo(400);

		List<PostPublished> published = posts.publishDue(Instant.now().plus(Duration.ofHours(2)));
		UUID id = UUID.fromString(scheduled.get("id").asString());
		assertThat(published).extracting(PostPublished::postId).contains(id);
		assertThat(events.stream(PostPublished.class).filter(e -> e.postId().equals(id))).hasSize(1);
		assertThat(read(path(scheduled)).status()).isEqualTo(200);
		assertThat(posts.publishDue(Instant.now().plus(Duration.ofHours(2)))).extracting(PostPublished::postId).doesNotContain(id);
		JsonNode post = api.get("/api/v1/blog/posts/" + id).json();
		assertThat(post.get("status").asString()).isEqualTo("published");
		assertThat(Duration.between(at, Instant.parse(post.get("publishedAt").asString())).abs()).isLessThan(Duration.ofMillis(1));
	}

	@Test
	void feedsAreWellFormedRssAtomAndJsonFeed() throws Exception {
		publish("Zahlen & <Fakten>", "Ein Bericht über **Geld** & Zeit.", List.of("Finanzen"));
		publish("Zweiter Beitrag", "Noch einer.", List.of());
		String base = "/blog/" + workspace.slug();

		Api.Response rss = read(base + "/feed.xml");
		assertThat(rss.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/rss+xml"));
		SyndFeed rssFeed = new SyndFeedInput().build(new StringReader(rss.body()));
		assertThat(rssFeed.getFeedType()).isEqualTo("rss_2.0");
		assertThat(rssFeed.getEntries()).extracting(e -> e.getTitle()).containsExactly("Zweiter Beitrag", "Zahlen & <Fakten>");
		assertThat(rssFeed.getEntries().get(1).getDescription().getValue()).contains("<strong>Geld</strong>");

		SyndFeed atom = new SyndFeedInput().build(new StringReader(read(base + "/atom.xml").body()));
		assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
		assertThat(atom.getEntries()).hasSize(2);
		assertThat(atom.getEntries().get(1).getContents().get(0).getValue()).contains("<strong>Geld</strong>");

		SyndFeed tagFeed = new SyndFeedInput().build(new StringReader(read(base + "/tag/finanzen/atom.xml").body()));
		assertThat(tagFeed.getEntries()).extracting(e -> e.getTitle()).containsExactly("Zahlen & <Fakten>");

		Api.Response json = read(base + "/feed.json");
		assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/feed+json"));
		JsonNode feed = json.json();
		assertThat(feed.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
		assertThat(feed.get("items")).hasSize(2);
		assertThat(feed.get("items").get(1).get("content_html").asString()).contains("<strong>Geld</strong>");
		assertThat(feed.get("items").get(1).get("url").asString()).startsWith("http").contains(base + "/");
		assertThat(read("/blog/no-such-blog/feed.xml").status()).isEqualTo(404);
	}

	@Test
	void aCommentBecomesAnInboxConversationWithItsConsentAndWaitsForApproval() {
		JsonNode post = publish("Helfer gesucht", "Wer hat Zeit?", List.of());
		Api.Response sent = comment(path(post), form("Mara Klein", "Mara@Example.net", "Ich helfe gern am Samstag."));
		assertThat(sent.status()).isEqualTo(302);
		assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).contains("comment=pending"));

		JsonNode conversations = blogConversations();
		assertThat(conversations).hasSize(1);
		assertThat(conversations.get(0).get("contact").get("handle").asString()).isEqualTo("mara@example.net");
		assertThat(conversations.get(0).get("subject").asString()).isEqualTo("Kommentar zu „Helfer gesucht“");
		assertThat(conversations.get(0).get("channel").get("kind").asString()).isEqualTo("blogcomment");
		var consent = jdbc.sql("select purpose, source, text_version, ip_masked, text_shown from consents where workspace_id = ?")
			.param(workspace.id())
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.single();
		assertThat(consent.subList(0, 4)).containsExactly("blog_comment", "blog", "1", "127.0.0.0");
		assertThat(consent.get(4)).contains("einverstanden").contains("E-Mail-Adresse nie");

		Document before = Jsoup.parse(read(path(post) + "?comment=pending").body());
		assertThat(before.select(".comment")).isEmpty();
		assertThat(before.select(".notice").text()).contains("sobald das Team ihn freigegeben hat");

		JsonNode pending = api.get("/api/v1/blog/comments").json().get("items");
		assertThat(pending).hasSize(1);
		assertThat(api.post("/api/v1/blog/comments/" + pending.get(0).get("id").asString() + "/approve", Map.of()).status()).isEqualTo(200);
		String page = read(path(post)).body();
		assertThat(Jsoup.parse(page).select(".comment .comment-body").text()).isEqualTo("Ich helfe gern am Samstag.");
		assertThat(page).doesNotContainIgnoringCase("mara@example.net");

		// Once approved, the same person's next comment shows at once and joins the same conversation.
		Api.Response second = comment(path(post), form("Mara Klein", "mara@example.net", "Und am Sonntag auch."));
		assertThat(second.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).contains("comment=shown"));
		assertThat(Jsoup.parse(read(path(post)).body()).select(".comment")).hasSize(2);
		assertThat(blogConversations()).hasSize(1);
		assertThat(blogConversations().get(0).get("messageCount").asInt()).isEqualTo(2);
	}

	@Test
	void refusesMissingFieldsAndDropsHoneypotSpam() {
		JsonNode post = publish("Offene Fragen", "Fragen Sie!", List.of());
		Map<String, String> noConsent = form("", "kein-mail", "Hallo");
		noConsent.remove("consent");
		noConsent.put("website", "javascript:alert(1)");
		Api.Response refused = comment(path(post), noConsent);
		assertThat(refused.status()).isEqualTo(400);
		Document page = Jsoup.parse(refused.body());
		assertThat(page.select(".field-error").eachText()).containsExactly("Bitte füllen Sie dieses Feld aus.",
				"Das ist keine gültige E-Mail-Adresse.", "Bitte geben Sie eine Webadresse wie https://example.org ein.",
				"Bitte stimmen Sie zu, damit wir Ihren Kommentar veröffentlichen und beantworten dürfen.");
		assertThat(page.select("#c-text").text()).isEqualTo("Hallo");

		Map<String, String> quoted = form("Quentin", "q@example.net", "Hallo");
		quoted.put("website", "https://q.example/\"><script>alert(3)</script>");
		assertThat(comment(path(post), quoted).status()).isEqualTo(400);

		Map<String, String> bot = form("Bot", "bot@example.net", "Cheap pills");
		bot.put("homepage", "http://spam.example");
		assertThat(comment(path(post), bot).status()).isEqualTo(302);
		assertThat(blogConversations()).isEmpty();
		assertThat(api.get("/api/v1/blog/comments").json().get("items")).isEmpty();
	}

	@Test
	void aHostileCommentRendersInert() {
		JsonNode post = publish("Sicherheit", "Alles sicher?", List.of());
		Map<String, String> hostile = form("<b onmouseover=alert(1)>Eve</b>", "eve@example.net",
				"<script>alert('x')</script><img src=x onerror=alert(2)> Hallo");
		hostile.put("website", "eve.example/a?b=1&c=2");
		comment(path(post), hostile);
		String id = api.get("/api/v1/blog/comments").json().get("items").get(0).get("id").asString();
		api.post("/api/v1/blog/comments/" + id + "/approve", Map.of());
		Document page = Jsoup.parse(read(path(post)).body());
		assertThat(page.select(".comments script, .comments img, .comments [onerror], .comments [onmouseover], .comments b")).isEmpty();
		assertThat(page.select(".comment-body").text()).isEqualTo("<script>alert('x')</script><img src=x onerror=alert(2)> Hallo");
		assertThat(page.select(".comment-author").text()).isEqualTo("<b onmouseover=alert(1)>Eve</b>");
		assertThat(page.select(".comment-author").attr("href")).isEqualTo("https://eve.example/a?b=1&c=2");
	}

	@Test
	void limitsFloodsFromOneAddress() {
		JsonNode post = publish("Beliebt", "Viele Meinungen.", List.of());
		int last = 0;
		for (int i = 0; i < CommentRateLimit.LIMIT + 1; i++) {
			last = comment(path(post), form("Flut " + i, "flood" + i + "@example.net", "Meinung " + i)).status();
		}
		assertThat(last).isEqualTo(429);
		assertThat(blogConversations()).hasSize(CommentRateLimit.LIMIT);
	}

	@Test
	void anAnswerWrittenInTheInboxAppearsUnderTheComment() {
		JsonNode post = publish("Frage an euch", "Was meint ihr?", List.of());
		comment(path(post), form("Tom Berger", "tom@example.org", "Gibt es noch Plätze?"));
		String conversation = blogConversations().get(0).get("id").asString();
		Api.Response reply = api.post("/api/v1/conversations/" + conversation + "/messages",
				Map.of("body", "Ja, es gibt noch drei Plätze.\n\n<script>alert(1)</script>", "kind", "reply"));
		assertThat(reply.status()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> !Jsoup.parse(read(path(post)).body()).select(".team-reply").isEmpty());
		Document page = Jsoup.parse(read(path(post)).body());
		assertThat(page.select(".comment-list > li > .comment-body").text()).isEqualTo("Gibt es noch Plätze?");
		assertThat(page.select(".comment .replies .team-reply .comment-author").text()).isEqualTo("Olga Owner");
		assertThat(page.select(".team-reply .comment-body").text()).isEqualTo("Ja, es gibt noch drei Plätze. <script>alert(1)</script>");
		assertThat(page.select(".team-reply script")).isEmpty();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode messages = api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
			assertThat(messages.get(messages.size() - 1).get("delivery").asString()).isEqualTo("sent");
		});
		assertThat(api.get("/api/v1/blog/comments").json().get("items")).isEmpty();
	}
}

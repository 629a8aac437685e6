package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.rapport.channels.Channels;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The public blog's pages and feeds are answered from the cache while nothing that shows on them changed, and
 * every change that shows on them shows at once: the cache is checked against the blog's version, which each such
 * change raises. To tell a cached answer from a fresh one, tests change a title in the database behind the
 * application's back: a cached page keeps showing the old one.
 */
class BlogCacheIntegrationTests extends BlogTestSupport {

	@Autowired
	MeterRegistry metrics;

	@Autowired
	Posts posts;

	@Autowired
	BlogSettings settings;

	@Autowired
	Authors authors;

	@Autowired
	OrganisationProfiles profiles;

	@Autowired
	Reactions reactions;

	@Autowired
	Linkbacks linkbacks;

	@Autowired
	Channels channels;

	@Test
	void theSecondReadIsAnsweredFromTheCacheWithTheSameBytesAndHeaders() {
		String path = path(publish("Gemeinsam kochen", "Jeden Dienstag."));
		double hits = hits();

		Api.Response first = read(path);
		Api.Response second = read(path);

		assertThat(first.status()).isEqualTo(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(hits()).isEqualTo(hits + 1);
		assertThat(headers(second)).isEqualTo(headers(first));
		assertThat(second.headers().firstValue("ETag")).hasValueSatisfying(etag -> assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\""));
		assertThat(second.headers().firstValue("Last-Modified")).isPresent();
		assertThat(second.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(second.headers().allValues("Vary")).containsExactly("Accept, Accept-Language, Cookie");
		assertThat(second.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).contains("rel=\"webmention\""));
		assertThat(second.headers().firstValue("X-Pingback")).isPresent();
		assertThat(second.headers().firstValue("Content-Security-Policy")).isPresent();

		renameBehindTheBack(path, "Heimlich geändert");
		assertThat(read(path).body()).contains("Gemeinsam kochen").doesNotContain("Heimlich geändert");
		assertThat(read("/blog/" + workspace.slug()).body()).contains("Heimlich geändert");
	}

	@Test
	void anEditShowsAtOnceWithANewETagOnThePostTheHomePageAndTheFeeds() {
		JsonNode post = publish("Erster Titel", "Text.");
		String path = path(post);
		String home = "/blog/" + workspace.slug();
		Api.Response before = read(path);
		for (String page : List.of(home, home + "/feed.xml", home + "/atom.xml", home + "/feed.json")) {
			assertThat(read(page).body()).contains("Erster Titel");
		}

		assertThat(api.patch("/api/v1/blog/posts/" + post.get("id").asString(), Map.of("title", "Zweiter Titel",
				"markdown", "Neuer Text.")).status()).isEqualTo(200);

		Api.Response after = read(path);
		assertThat(after.body()).contains("Zweiter Titel", "Neuer Text.").doesNotContain("Erster Titel");
		assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
		for (String page : List.of(home, home + "/feed.xml", home + "/atom.xml", home + "/feed.json")) {
			assertThat(read(page).body()).as(page).contains("Zweiter Titel").doesNotContain("Erster Titel");
		}
	}

	@Test
	void anApprovedCommentShowsAtOnceAndARemovedOneGoesAtOnce() {
		String path = path(publish("Mit Kommentaren", "Text."));
		assertThat(read(path).body()).doesNotContain("Ein kluger Gedanke");
		assertThat(comment(path, form("Lea Leserin", "lea@example.net", "Ein kluger Gedanke.")).status()).isEqualTo(302);
		assertThat(read(path).body()).doesNotContain("Ein kluger Gedanke");

		String id = approveNewest();
		assertThat(read(path).body()).contains("Ein kluger Gedanke");
		assertThat(read("/blog/" + workspace.slug()).body()).as("the sidebar's recent comments").contains("Lea Leserin");

		assertThat(api.delete("/api/v1/blog/comments/" + id).status()).isEqualTo(204);
		assertThat(read(path).body()).doesNotContain("Ein kluger Gedanke");
	}

	@Test
	void aReaderWhoHasThePageGetsA304WithoutABody() {
		JsonNode post = publish("Schon gelesen", "Text.");
		String path = path(post);
		Api.Response page = read(path);
		String etag = page.headers().firstValue("ETag").orElseThrow();
		String lastModified = page.headers().firstValue("Last-Modified").orElseThrow();

		Api.Response sameTag = read(path, "If-None-Match", etag);
		assertThat(sameTag.status()).isEqualTo(304);
		assertThat(sameTag.body()).isEmpty();
		assertThat(sameTag.headers().firstValue("ETag")).hasValue(etag);
		assertThat(read(path, "If-None-Match", "W/" + etag + ", \"other\"").status()).isEqualTo(304);
		assertThat(read(path, "If-None-Match", "\"other\"").status()).isEqualTo(200);
		assertThat(read(path, "If-Modified-Since", lastModified).status()).isEqualTo(304);
		String hourEarlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(
				DateTimeFormatter.RFC_1123_DATE_TIME.parse(lastModified, Instant::from).minus(Duration.ofHours(1)).atZone(ZoneOffset.UTC));
		Api.Response older = read(path, "If-Modified-Since", hourEarlier);
		assertThat(older.status()).isEqualTo(200);
		assertThat(older.body()).isEqualTo(page.body());

		String feed = "/blog/" + workspace.slug() + "/feed.xml";
		String feedTag = read(feed).headers().firstValue("ETag").orElseThrow();
		assertThat(read(feed, "If-None-Match", feedTag).status()).isEqualTo(304);

		// another post changes the feed but not the bytes of this page: its tag still holds
		assertThat(api.post("/api/v1/blog/posts", Map.of("title", "Noch einer", "markdown", "x", "status", "published")).status())
			.isEqualTo(201);
		assertThat(read(feed, "If-None-Match", feedTag).status()).isEqualTo(200);
		assertThat(read(path, "If-None-Match", etag).status()).isEqualTo(304);

		// a change of the post makes the reader's copy stale, by tag and by date
		assertThat(api.patch("/api/v1/blog/posts/" + post.get("id").asString(), Map.of("markdown", "Text, ergänzt.")).status())
			.isEqualTo(200);
		assertThat(read(path, "If-None-Match", etag).status()).isEqualTo(200);
		Api.Response changed = read(path, "If-Modified-Since", lastModified);
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.headers().firstValue("Last-Modified")).isNotEqualTo(java.util.Optional.of(lastModified));
	}

	@Test
	void aScheduledPostAppearsWhenItIsDue() {
		publish("Schon da", "Text.");
		String home = "/blog/" + workspace.slug();
		JsonNode scheduled = api.post("/api/v1/blog/posts", Map.of("title", "Einladung zur Versammlung", "markdown", "Kommt!",
				"status", "scheduled", "publishAt", Instant.now().plus(Duration.ofHours(1)).toString())).json();
		assertThat(read(home).body()).doesNotContain("Einladung zur Versammlung");
		assertThat(read(home + "/feed.xml").body()).doesNotContain("Einladung zur Versammlung");

		posts.publishDue(Instant.now().plus(Duration.ofHours(2)));

		assertThat(read(home).body()).contains("Einladung zur Versammlung");
		assertThat(read(home + "/feed.xml").body()).contains("Einladung zur Versammlung");
		assertThat(read(path(api.get("/api/v1/blog/posts/" + scheduled.get("id").asString()).json())).status()).isEqualTo(200);
	}

	@Test
	void aChangeInAnotherWorkspaceLeavesThisBlogsCacheAlone() {
		String path = path(publish("Unser Beitrag", "Text."));
		read(path);
		renameBehindTheBack(path, "Heimlich geändert");

		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		Workspace other = workspaces.create("Anderer Verein", slug);
		var member = members.add(other.id(), "owner-" + slug + "@example.org", "Otto Owner", PASSWORD, Role.OWNER);
		Api otherApi = new Api(baseUrl(), tokens.create(new org.rapport.platform.CurrentUser(member.userId(),
				"owner-" + slug + "@example.org", "Otto Owner", other.id(), Role.OWNER, null), "test").token());
		JsonNode theirs = otherApi.post("/api/v1/blog/posts", Map.of("title", "Deren Beitrag", "markdown", "x", "status", "published")).json();
		otherApi.patch("/api/v1/blog/posts/" + theirs.get("id").asString(), Map.of("title", "Deren neuer Titel"));
		assertThat(read(path(otherApi.get("/api/v1/blog/posts/" + theirs.get("id").asString()).json())).body())
			.contains("Deren neuer Titel");

		double hits = hits();
		assertThat(read(path).body()).contains("Unser Beitrag").doesNotContain("Heimlich geändert");
		assertThat(hits()).isEqualTo(hits + 1);
	}

	@Test
	void aWithdrawnOrDeletedPostAnswersGoneAsBefore() {
		JsonNode withdrawn = publish("Zurückgezogen", "Text.");
		JsonNode deleted = publish("Gelöscht", "Text.");
		publish("Bleibt", "Text.");
		String home = "/blog/" + workspace.slug();
		assertThat(read(path(withdrawn)).status()).isEqualTo(200);
		assertThat(read(path(deleted)).status()).isEqualTo(200);
		assertThat(read(home).body()).contains("Zurückgezogen", "Gelöscht");

		api.patch("/api/v1/blog/posts/" + withdrawn.get("id").asString(), Map.of("status", "draft"));
		api.delete("/api/v1/blog/posts/" + deleted.get("id").asString());

		assertThat(read(path(withdrawn)).status()).isEqualTo(410);
		assertThat(read(path(deleted)).status()).isEqualTo(410);
		Api.Response gone = read(path(deleted));
		assertThat(gone.headers().firstValue("ETag")).isEmpty();
		assertThat(gone.headers().firstValue("Cache-Control")).as("as the security filter chain answers it")
			.hasValue("no-cache, no-store, max-age=0, must-revalidate");
		assertThat(gone.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(read(home).body()).doesNotContain("Zurückgezogen").doesNotContain("Gelöscht");
		assertThat(read(home + "/atom.xml").body()).doesNotContain("Zurückgezogen").doesNotContain("Gelöscht");
	}

	@Test
	void eachLanguageAndEachKindOfAnswerHasItsOwnCopyAndPersonalPagesAreNotCached() {
		String path = path(publish("Zweisprachig", "Text."));
		Api.Response german = read(path);
		Api.Response english = new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Accept-Language", "en-GB"));
		Api.Response byCookie = new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Accept-Language", "de-DE,en-GB;q=0.8").header("Cookie", "rapport-lang=en"));
		assertThat(german.body()).contains("Noch keine Kommentare");
		assertThat(english.body()).contains("No comments yet");
		assertThat(byCookie.body()).isEqualTo(english.body());
		assertThat(read(path).body()).isEqualTo(german.body());

		// the post's address answers ActivityPub clients with JSON (not cached), cached page or not
		double hits = hits();
		for (int i = 0; i < 2; i++) {
			Api.Response activity = read(path, "Accept", "application/activity+json");
			assertThat(activity.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/activity+json"));
			assertThat(activity.json().get("type").asString()).isEqualTo("Article");
		}
		assertThat(hits()).isEqualTo(hits);
		assertThat(read(path, "Accept", "text/html").body()).contains("<h1");

		assertThat(comment(path, form("Lea Leserin", "lea@example.net", "Hallo.")).headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).contains("?comment=pending"));
		assertThat(read(path + "?comment=pending").body()).contains("sobald das Team ihn freigegeben hat");
		assertThat(read(path).body()).doesNotContain("sobald das Team ihn freigegeben hat");
	}

	@Test
	void everyChangeThatShowsOnThePagesShowsAtOnce() {
		JsonNode post = publish("Beitrag mit allem", "Text.");
		String path = path(post);
		UUID postId = UUID.fromString(post.get("id").asString());
		String home = "/blog/" + workspace.slug();

		read(path);
		settings.save(workspace, "Der neue Blogtitel", "Beschreibung", "de", BlogSettings.DEFAULT_CONSENT);
		assertThat(read(path).body()).contains("Der neue Blogtitel");
		assertThat(read(home + "/feed.xml").body()).contains("Der neue Blogtitel");

		authors.save(owner, owner.userId(), new Authors.Input("Olga Owner", "Schreibt über das Viertel.", "", "", ""));
		assertThat(read(path).body()).contains("Schreibt über das Viertel.");

		profiles.save(owner, "Mastodon https://social.example/@verein");
		assertThat(read(path).body()).contains("https://social.example/@verein");

		api.post("/api/v1/blog/pages", Map.of("title", "Impressum", "markdown", "Verein e. V.", "status", "published"));
		assertThat(read(path).body()).contains("Impressum");

		reactions.add(workspace.id(), postId, Reactions.LIKE, "https://social.example/users/fan", "https://social.example/likes/1");
		assertThat(read(path).body()).contains("1 Favorit");
		reactions.remove("https://social.example/likes/1", "https://social.example/users/fan");
		assertThat(read(path).body()).doesNotContain("1 Favorit");

		UUID linkback = UUID.randomUUID();
		jdbc.sql("""
				insert into linkbacks(id, workspace_id, post_id, kind, source, target, status, title, excerpt, author_name,
				  verified_at, hidden) values (?, ?, ?, 'webmention', 'https://andere.example/bericht', ?, 'verified',
				  'Ein Bericht anderswo', 'Sie kochen zusammen.', 'Andere Seite', now(), true)""")
			.params(linkback, workspace.id(), postId, baseUrl() + path)
			.update();
		linkbacks.hide(owner, linkback, false);
		assertThat(read(path).body()).contains("Ein Bericht anderswo");
		linkbacks.hide(owner, linkback, true);
		assertThat(read(path).body()).doesNotContain("Ein Bericht anderswo");

		settings.save(workspace, "", "", "de", BlogSettings.DEFAULT_CONSENT);
		workspaces.updateSettings(workspace.id(), "Verein im Viertel", workspace.timeZone(), workspace.businessHours());
		assertThat(read(path).body()).contains("Verein im Viertel");

		UUID channel = channels.byKey(workspace.id(), org.rapport.channels.blogcomment.BlogCommentChannel.KEY).orElseThrow().id();
		channels.setEnabled(workspace.id(), channel, false);
		assertThat(read(path).body()).contains("Die Kommentare sind geschlossen.");
		channels.setEnabled(workspace.id(), channel, true);
		assertThat(read(path).body()).doesNotContain("Die Kommentare sind geschlossen.");
	}

	private Api.Response read(String path, String header, String value) {
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Accept-Language", "de-DE").header(header, value));
	}

	/** Changes a published post's title in the database without the application knowing. */
	private void renameBehindTheBack(String path, String title) {
		String slug = path.substring(path.lastIndexOf('/') + 1);
		assertThat(jdbc.sql("update blog_posts set title = ? where workspace_id = ? and slug = ?")
			.params(title, workspace.id(), slug).update()).isEqualTo(1);
	}

	private double hits() {
		var counter = metrics.find("cache.gets").tag("cache", "blog.pages").tag("result", "hit").functionCounter();
		return counter == null ? 0 : counter.count();
	}

	private static Map<String, List<String>> headers(Api.Response response) {
		Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
		headers.remove("date");
		return headers;
	}
}

package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.ContactId;
import org.springframework.beans.factory.annotation.Autowired;

/** What the blog answers modules that weigh who links to it, comments on it and what it wrote about. */
class BlogFactsForOtherModulesIntegrationTests extends BlogTestSupport {

	@Autowired
	Posts posts;

	@Autowired
	Linkbacks linkbacks;

	@Autowired
	Comments comments;

	@Test
	void tagsOfRecentlyPublishedPostsComeAsLowerCaseNamesAndSlugs() {
		assertThat(api.post("/api/v1/blog/posts", Map.of("title", "Gärten", "markdown", "Text", "status", "published",
				"tags", List.of("Urban Gardening"))).status()).isEqualTo(201);
		assertThat(api.post("/api/v1/blog/posts", Map.of("title", "Entwurf", "markdown", "Text", "status", "draft",
				"tags", List.of("Geheim"))).status()).isEqualTo(201);

		assertThat(posts.tagsPublishedSince(workspace.id(), Instant.now().minus(Duration.ofDays(90))))
			.containsExactlyInAnyOrder("urban gardening", "urban-gardening");
		assertThat(posts.tagsPublishedSince(workspace.id(), Instant.now().plus(Duration.ofHours(1)))).isEmpty();
		assertThat(posts.tagsPublishedSince(UUID.randomUUID(), Instant.EPOCH)).isEmpty();
	}

	@Test
	void onlyVerifiedVisibleHttpLinkbacksSinceTheTimeAreAnsweredNewestFirst() {
		String post = publish("Pflege", "Text").get("id").asString();
		insertLinkback(post, "https://a.example/neu", "verified", false, Duration.ofDays(1));
		insertLinkback(post, "https://a.example/aelter", "verified", false, Duration.ofDays(5));
		insertLinkback(post, "https://a.example/versteckt", "verified", true, Duration.ofDays(1));
		insertLinkback(post, "https://a.example/offen", "pending", false, Duration.ofDays(1));
		insertLinkback(post, "ftp://a.example/datei", "verified", false, Duration.ofDays(1));
		insertLinkback(post, "https://a.example/alt", "verified", false, Duration.ofDays(100));

		assertThat(linkbacks.verifiedSince(workspace.id(), Instant.now().minus(Duration.ofDays(90))))
			.extracting(Linkbacks.Linkback::source)
			.containsExactly("https://a.example/neu", "https://a.example/aelter");
		assertThat(linkbacks.verifiedSince(UUID.randomUUID(), Instant.EPOCH)).isEmpty();
	}

	@Test
	void commentersWebsitesAndApprovedCommentsArePerContact() {
		String post = path(publish("Nachbarschaft", "Text"));
		Map<String, String> form = form("Ida Kommentar", "ida@example.org", "Schöner Beitrag über die Nachbarschaft!");
		form.put("website", "https://Ida.Example/");
		assertThat(comment(post, form).status()).isLessThan(400);
		approveNewest();
		UUID ida = jdbc.sql("select contact_id from blog_comments where workspace_id = ?").param(workspace.id())
			.query(UUID.class).single();
		assertThat(ida).isNotNull();

		assertThat(comments.commenterWebsites(workspace.id())).containsOnlyKeys(ContactId.of(ida));
		assertThat(comments.commenterWebsites(workspace.id()).get(ContactId.of(ida))).containsExactly("https://ida.example");
		assertThat(comments.approvedByContactsSince(workspace.id(), Instant.now().minus(Duration.ofDays(1)))
			.get(ContactId.of(ida))).hasSize(1);
		assertThat(comments.approvedByContactsSince(workspace.id(), Instant.now().plus(Duration.ofHours(1)))).isEmpty();
		assertThat(comments.commenterWebsites(UUID.randomUUID())).isEmpty();
	}

	private void insertLinkback(String post, String source, String status, boolean hidden, Duration ago) {
		jdbc.sql("""
				insert into linkbacks(id, workspace_id, post_id, source, target, status, hidden, received_at, verified_at)
				values (?, ?, ?::uuid, ?, 'https://verein.example/blog/pflege', ?, ?, now() - make_interval(secs => ?), now())""")
			.params(UUID.randomUUID(), workspace.id(), post, source, status, hidden, ago.toSeconds())
			.update();
	}
}

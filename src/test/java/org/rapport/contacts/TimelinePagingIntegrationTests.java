package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** A long timeline is read in pages: the contact carries the newest 50 items and a cursor to the older ones. */
class TimelinePagingIntegrationTests extends IntegrationTest {

	final java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();

	String page(String path) {
		try {
			return browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
				.header("Accept-Language", "de-DE").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	void login() {
		try {
			java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page("/login"));
			assertThat(m.find()).isTrue();
			String body = "username=" + java.net.URLEncoder.encode(ownerEmail, java.nio.charset.StandardCharsets.UTF_8) + "&password="
					+ java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8) + "&_csrf="
					+ java.net.URLEncoder.encode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
			var done = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(done.statusCode()).isEqualTo(302);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void pagesThroughEveryItemOnceNewestFirst() {
		login();
		String contact = api.post("/api/v1/contacts", Map.of("name", "Tina Timeline")).json().get("id").asString();
		UUID offline = jdbc.sql("select id from channels where workspace_id = ? and key = 'offline'").param(workspace.id())
			.query(UUID.class).single();
		// 3 conversations with 61 messages each; pairs of messages share a time, so page ends fall on ties.
		jdbc.sql("""
				insert into conversations(id, workspace_id, channel_id, contact_id, thread_key, subject, message_count, last_message_at)
				select gen_random_uuid(), ?, ?, ?, 'paging-' || g, 'Thema ' || g, 61, timestamptz '2026-06-01 12:00Z'
				from generate_series(1, 3) g""")
			.params(workspace.id(), offline, UUID.fromString(contact)).update();
		jdbc.sql("""
				insert into messages(id, workspace_id, conversation_id, channel_id, external_id, direction, kind, activity_kind,
				  subject, body_html, body_text, sent_at)
				select gen_random_uuid(), c.workspace_id, c.id, c.channel_id, c.thread_key || '-' || i, 'in', 'activity', 'call',
				  'Anruf ' || i, '<p>x</p>', c.thread_key || '-' || i, timestamptz '2026-06-01 12:00Z' - make_interval(mins => i / 2)
				from conversations c cross join generate_series(1, 61) i where c.contact_id = ?""")
			.param(UUID.fromString(contact)).update();
		api.put("/api/v1/contacts/" + contact + "/stage", Map.of("stage", "engaged"));
		int total = 3 * 61 + 1;

		JsonNode first = api.get("/api/v1/contacts/" + contact).json();
		assertThat(first.get("timeline").size()).isBetween(50, 56);
		assertThat(first.get("timeline").get(0).get("type").asString()).isEqualTo("stage");
		List<JsonNode> all = new ArrayList<>();
		first.get("timeline").forEach(all::add);
		String next = first.get("timelineNext").asString();
		int pages = 1;
		while (next != null && !next.isEmpty()) {
			JsonNode page = api.get("/api/v1/contacts/" + contact + "/timeline?limit=50&before=" + next).json();
			page.get("items").forEach(all::add);
			next = page.get("next").isNull() ? null : page.get("next").asString();
			pages++;
			assertThat(pages).isLessThan(10);
		}
		assertThat(pages).isEqualTo(4);
		assertThat(all).hasSize(total);
		assertThat(new HashSet<>(all.stream().map(t -> t.get("excerpt").asString() + t.get("at").asString()).toList()))
			.hasSize(total);
		for (int i = 1; i < all.size(); i++) {
			assertThat(Instant.parse(all.get(i).get("at").asString()))
				.isBeforeOrEqualTo(Instant.parse(all.get(i - 1).get("at").asString()));
		}
		assertThat(api.get("/api/v1/contacts/" + contact + "/timeline?limit=0").status()).isEqualTo(400);

		// The contact page shows the newest 50 and links to the older ones.
		String page = page("/contacts/" + contact);
		assertThat(page).contains("Ältere laden");
		java.util.regex.Matcher older = java.util.regex.Pattern.compile("href=\"(/contacts/[^\"]+before=[^\"]+)\"").matcher(page);
		assertThat(older.find()).isTrue();
		String second = page(older.group(1).replace("&amp;", "&"));
		assertThat(second).contains("Zu den neuesten").contains(all.get(60).get("excerpt").asString())
			.doesNotContain(">" + all.get(1).get("excerpt").asString() + "<");
		assertThat(api.get("/api/v1/contacts/" + UUID.randomUUID() + "/timeline").status()).isEqualTo(404);
	}
}

package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.rapport.support.Api;

/**
 * A Mastodon instance's mention notifications for WireMock, made as they are asked for: {@code available} mentions
 * with the notification ids {@code FIRST + 0 …}, {@code GET /api/v1/notifications?types[]=mention} answering the
 * {@code limit} ones right after {@code min_id}, newest first, with the {@code Link} header Mastodon sends (the shape
 * of docs.joinmastodon.org/methods/notifications and /entities/Notification). Without {@code min_id} it answers the
 * newest page. Every {@code THREAD}-th status begins a thread, the ones after it answer the one before
 * ({@code in_reply_to_id}), so a thread is one conversation of {@code THREAD} messages. Pages after {@code slowFrom}
 * (counted over the whole feed) take {@code delayMillis} to answer.
 */
final class MentionFeed implements ResponseDefinitionTransformerV2 {

	static final String NAME = "mention-feed";

	static final long FIRST = 200_001;

	/** Statuses per thread. */
	static final int THREAD = 5;

	final AtomicInteger available = new AtomicInteger();

	/** Pages asked for with a {@code min_id}. */
	final AtomicInteger pagesAsked = new AtomicInteger();

	/** Mentions answered, counting one answered twice twice. */
	final AtomicInteger served = new AtomicInteger();

	volatile int slowFrom = Integer.MAX_VALUE;

	volatile long delayMillis;

	private volatile String base = "";

	/** Registers the feed's stubs: verify_credentials for {@code token}, and the notifications. */
	void serveOn(WireMockServer instance, String token) {
		base = instance.baseUrl();
		instance.stubFor(get("/api/v1/accounts/verify_credentials")
			.withHeader("Authorization", equalTo("Bearer " + token)).willReturn(aResponse()
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\": \"109302\", \"username\": \"kita\", \"acct\": \"kita\", \"display_name\": \"Kita\"}")));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(aResponse().withTransformers(NAME)));
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent event) {
		var request = event.getRequest();
		var minId = request.queryParameter("min_id");
		var limitParam = request.queryParameter("limit");
		int limit = limitParam.isPresent() ? Integer.parseInt(limitParam.firstValue()) : 40;
		int count = available.get();
		int from; // index of the oldest on the page
		int delay = 0;
		if (minId.isPresent()) {
			if (pagesAsked.incrementAndGet() >= slowFrom) {
				delay = (int) delayMillis;
			}
			from = (int) Math.max(0, Long.parseLong(minId.firstValue()) - FIRST + 1);
		}
		else {
			from = Math.max(0, count - limit);
		}
		int to = Math.min(count, from + limit);
		served.addAndGet(Math.max(0, to - from));
		List<Object> page = new ArrayList<>();
		for (int i = to - 1; i >= from; i--) {
			page.add(notification(i));
		}
		ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody(Api.JSON.writeValueAsString(page));
		if (delay > 0) {
			// WireMock's own delay: a sleep here would hold up every other request (transformers ran one at a time here).
			response.withFixedDelay(delay);
		}
		if (to > from) {
			String link = base + "/api/v1/notifications?types[]=mention&limit=" + limit;
			response.withHeader("Link", "<" + link + "&max_id=" + (FIRST + from) + ">; rel=\"next\", <" + link + "&min_id="
					+ (FIRST + to - 1) + ">; rel=\"prev\"");
		}
		return response.build();
	}

	/** The status id of the {@code i}-th mention: what the inbox keeps as its external id. */
	static String statusId(int i) {
		return String.valueOf(113_500_000_000_000_000L + i * 7L);
	}

	/** The {@code i}-th mention notification. */
	static Map<String, Object> notification(int i) {
		int person = (i / THREAD) % 40;
		String user = "person" + person;
		String host = "social" + (person % 4) + ".example";
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("id", String.valueOf(900_000 + person));
		account.put("username", user);
		account.put("acct", user + "@" + host);
		account.put("display_name", "Person " + person);
		account.put("url", "https://" + host + "/@" + user);
		account.put("uri", "https://" + host + "/users/" + user);
		account.put("bot", false);
		String at = java.time.Instant.parse("2026-11-30T08:00:00Z").plusSeconds(i).toString();
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("id", statusId(i));
		status.put("created_at", at);
		status.put("in_reply_to_id", i % THREAD == 0 ? null : statusId(i - 1));
		status.put("in_reply_to_account_id", i % THREAD == 0 ? null : account.get("id"));
		status.put("sensitive", false);
		status.put("spoiler_text", "");
		status.put("visibility", "public");
		status.put("url", "https://" + host + "/@" + user + "/" + statusId(i));
		status.put("content", "<p>@kita Frage " + i + " zum Thema " + (i / THREAD) + "</p>");
		status.put("account", account);
		Map<String, Object> n = new LinkedHashMap<>();
		n.put("id", String.valueOf(FIRST + i));
		n.put("type", "mention");
		n.put("created_at", at);
		n.put("account", account);
		n.put("status", status);
		return n;
	}
}

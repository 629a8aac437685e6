package org.rapport.channels.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.channels.ChannelConnector.Push;
import org.rapport.channels.network.JsonHttp;

import tools.jackson.databind.JsonNode;

/**
 * Webhook deliveries as Meta's documentation shows them (see {@code src/test/resources/meta/README.md}) made into the
 * inbox's messages; the signature check; the pause read from Graph's usage headers.
 */
class MetaWebhooksTests {

	private static JsonNode delivery(String name) {
		return JsonHttp.JSON.readTree(MetaChannelIntegrationTests.file(name));
	}

	@Test
	void aPageCommentIsAMessageInItsPostsThreadAndThePagesOwnReplyAndAReactionArePassedOver() {
		List<MetaWebhooks.Event> first = MetaWebhooks.events(delivery("webhook_feed_comment.json"), "page",
				MetaChannelIntegrationTests.PAGE, "handle:facebook");
		assertThat(first).hasSize(1);
		var comment = first.getFirst().message();
		assertThat(comment.externalId()).isEqualTo(MetaChannelIntegrationTests.FIRST_COMMENT);
		assertThat(comment.threadKey()).isEqualTo("post:" + MetaChannelIntegrationTests.POST_ID);
		assertThat(comment.references()).as("a comment on the post answers no comment").isEmpty();
		assertThat(comment.from().value()).isEqualTo("7300000000000011");
		assertThat(comment.from().name()).isEqualTo("Lena Vogt");
		assertThat(comment.from().profile().name()).as("a page-scoped id has no public address").isEqualTo("Lena Vogt");
		assertThat(comment.from().profile().url()).isNull();
		assertThat(comment.sentAt()).isEqualTo(Instant.ofEpochSecond(1796000000));
		assertThat(first.getFirst().postId()).isEqualTo(MetaChannelIntegrationTests.POST_ID);

		List<MetaWebhooks.Event> more = MetaWebhooks.events(delivery("webhook_feed_comments_more.json"), "page",
				MetaChannelIntegrationTests.PAGE, "handle:facebook");
		assertThat(more).extracting(e -> e.message().externalId()).containsExactly(MetaChannelIntegrationTests.SECOND_COMMENT);

		assertThat(MetaWebhooks.events(delivery("webhook_feed_comment.json"), "instagram", MetaChannelIntegrationTests.PAGE,
				"handle:facebook")).as("another object").isEmpty();
		assertThat(MetaWebhooks.events(delivery("webhook_feed_comment.json"), "page", "999", "handle:facebook"))
			.as("another page").isEmpty();
	}

	@Test
	void aMessengerMessageIsAMessageInThePersonsThreadAndEchoesAndReadsArePassedOver() {
		List<MetaWebhooks.Event> events = MetaWebhooks.events(delivery("webhook_messenger.json"), "page",
				MetaChannelIntegrationTests.PAGE, "handle:facebook");
		assertThat(events).hasSize(1);
		var message = events.getFirst().message();
		assertThat(message.externalId()).isEqualTo("m_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789");
		assertThat(message.threadKey()).isEqualTo("dm:6100000000000033");
		assertThat(message.sentAt()).as("Messenger's timestamp counts milliseconds").isEqualTo(Instant.ofEpochMilli(1796000400000L));
		assertThat(events.getFirst().direct()).isTrue();
		assertThat(events.getFirst().postId()).isNull();
	}

	@Test
	void instagramCommentsAndMessagesAreTakenForTheAccount() {
		List<MetaWebhooks.Event> comments = MetaWebhooks.events(delivery("webhook_instagram_comment.json"), "instagram",
				MetaChannelIntegrationTests.IG, "handle:instagram");
		assertThat(comments).hasSize(1);
		assertThat(comments.getFirst().message().threadKey()).isEqualTo("post:18030000000000001");
		assertThat(comments.getFirst().message().externalId()).isEqualTo("17860000000000055");
		assertThat(comments.getFirst().message().from().name()).isEqualTo("mia.gruen");
		assertThat(comments.getFirst().message().from().profile().handle()).isEqualTo("@mia.gruen");
		assertThat(comments.getFirst().message().from().profile().url()).isEqualTo("https://www.instagram.com/mia.gruen/");

		List<MetaWebhooks.Event> messages = MetaWebhooks.events(delivery("webhook_instagram_message.json"), "instagram",
				MetaChannelIntegrationTests.IG, "handle:instagram");
		assertThat(messages).hasSize(1);
		assertThat(messages.getFirst().message().threadKey()).isEqualTo("dm:1230000000000066");
		assertThat(messages.getFirst().message().body()).contains("Schnuppertag");
	}

	@Test
	void aMessageWithoutTextSaysWhatItHeld() {
		JsonNode photo = JsonHttp.JSON.readTree("""
				{"object": "page", "entry": [{"id": "1", "time": 1796000400000, "messaging": [{"sender": {"id": "2"},
				 "recipient": {"id": "1"}, "timestamp": 1796000400000, "message": {"mid": "m_1",
				 "attachments": [{"type": "image", "payload": {"url": "https://example.org/a.jpg"}}]}}]}]}""");
		assertThat(MetaWebhooks.events(photo, "page", "1", "handle:facebook").getFirst().message().body())
			.isEqualTo("[Bild · image]");
	}

	private static Push push(String body, String signature) {
		Map<String, List<String>> headers = signature == null ? Map.of()
				: Map.of(MetaConnector.SIGNATURE_HEADER, List.of(signature));
		return new Push("POST", HttpHeaders.of(headers, (a, b) -> true), Map.of(), body.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theSignatureIsTheHmacOfTheRawBodyWithTheAppSecret() {
		String body = "{\"object\":\"page\",\"entry\":[]}";
		String known = "sha256=" + java.util.HexFormat.of().formatHex(MetaGraph.hmac("secret", body.getBytes(StandardCharsets.UTF_8)));
		assertThat(MetaConnector.signed(push(body, known), "secret")).isTrue();
		assertThat(MetaConnector.signed(push(body, known.toUpperCase().replace("SHA256=", "sha256=")), "secret"))
			.as("hex in capitals").isTrue();
		assertThat(MetaConnector.signed(push(body + " ", known), "secret")).isFalse();
		assertThat(MetaConnector.signed(push(body, known), "other")).isFalse();
		assertThat(MetaConnector.signed(push(body, null), "secret")).isFalse();
		assertThat(MetaConnector.signed(push(body, known.substring(7)), "secret")).as("without sha256=").isFalse();
		assertThat(MetaConnector.signed(push(body, known), "")).as("no secret, no trust").isFalse();
	}

	@Test
	void theHmacMatchesAKnownValue() {
		// RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
		assertThat(java.util.HexFormat.of().formatHex(MetaGraph.hmac("Jefe",
				"what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	}

	private static JsonHttp.Answer answer(Map<String, String> headers) {
		Map<String, List<String>> all = new java.util.HashMap<>();
		headers.forEach((k, v) -> all.put(k, List.of(v)));
		return new JsonHttp.Answer(200, "{}".getBytes(StandardCharsets.UTF_8), HttpHeaders.of(all, (a, b) -> true));
	}

	@Test
	void theUsageHeadersSayWhenToHoldBack() {
		Instant now = Instant.parse("2026-12-03T10:00:00Z");
		assertThat(MetaGraph.usagePause(answer(Map.of()), now)).isEmpty();
		assertThat(MetaGraph.usagePause(answer(Map.of("X-App-Usage", "{\"call_count\": 28, \"total_time\": 25, \"total_cputime\": 25}")), now))
			.isEmpty();
		assertThat(MetaGraph.usagePause(answer(Map.of("X-App-Usage", "{\"call_count\": 96, \"total_time\": 25, \"total_cputime\": 25}")), now))
			.contains(now.plus(MetaGraph.DEFAULT_PAUSE));
		assertThat(MetaGraph.usagePause(answer(Map.of("X-Business-Use-Case-Usage",
				"{\"104857600123456\": [{\"type\": \"pages\", \"call_count\": 100, \"total_cputime\": 10, \"total_time\": 10, "
						+ "\"estimated_time_to_regain_access\": 12}]}")), now))
			.contains(now.plus(Duration.ofMinutes(12)));
		assertThat(MetaGraph.usagePause(answer(Map.of("X-App-Usage", "not json")), now)).as("an unreadable header").isEmpty();
	}
}

package org.rapport.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.OutgoingReply;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat log's events as messages ({@code src/test/resources/bluesky/getLog.json}, written from the lexicon), the
 * conversations answered as direct messages, and the length a direct message may have.
 */
class BlueskyChatsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String VEREIN = "did:plc:vereinvereinvereinverein";

	private static List<JsonNode> logs() {
		return JSON.readTree(BlueskyChannelIntegrationTests.file("getLog.json")).path("logs").valueStream().toList();
	}

	@Test
	void onlyMessagesOthersWroteAndDidNotDeleteBecomeMessages() {
		List<JsonNode> logs = logs();
		assertThat(logs.stream().filter(e -> BlueskyChats.wanted(e, VEREIN)).map(e -> e.path("rev").asString()))
			.as("not the start of the convo, not the account's own message, not the deleted one")
			.containsExactly("3lbx4caaaaa2c");
		assertThat(BlueskyChats.wanted(logs.get(2), "did:plc:someoneelse")).as("the account's message, to another account")
			.isTrue();
	}

	@Test
	void aMessageIsItsConvosWithItsIdPrefixedAndItsSenderKnownByDidAndHandle() {
		JsonNode event = logs().get(1);
		InboundMessage message = BlueskyChats.message(event, event.path("relatedProfiles").path(0));
		assertThat(message.externalId()).isEqualTo("chat:3lbx4cmsgjonas1").doesNotStartWith("at://");
		assertThat(message.threadKey()).isEqualTo("3lbx4jonasconvo");
		assertThat(message.from().kind()).isEqualTo(BlueskyPolling.IDENTITY);
		assertThat(message.from().value()).isEqualTo("did:plc:jonasjonasjonasjonasjona");
		assertThat(message.from().name()).isEqualTo("Jonas Brandt");
		assertThat(message.from().profile().handle()).contains("jonas.bsky.social");
		assertThat(message.from().profile().url()).isEqualTo("https://bsky.app/profile/jonas.bsky.social");
		assertThat(message.body()).isEqualTo("Hallo! Kann ich beim Sommerfest mithelfen? Schreibt mir gern.");
		assertThat(message.subject()).startsWith("@jonas.bsky.social: Hallo!");
		assertThat(message.sentAt()).isEqualTo(Instant.parse("2026-12-01T10:02:00.000Z"));
		assertThat(message.direction()).isEqualTo("in");
		assertThat(message.headers()).containsEntry("convoId", "3lbx4jonasconvo");
	}

	@Test
	void aSenderWithoutAProfileIsKnownByTheDid() {
		InboundMessage message = BlueskyChats.message(logs().get(1), JSON.missingNode());
		assertThat(message.from().value()).isEqualTo("did:plc:jonasjonasjonasjonasjona");
		assertThat(message.from().name()).isEqualTo("did:plc:jonasjonasjonasjonasjona");
		assertThat(message.from().profile()).isNull();
	}

	@Test
	void theCursorIsTheNewestRev() {
		JsonNode answer = JSON.readTree(BlueskyChannelIntegrationTests.file("getLog.json"));
		assertThat(BlueskyChats.newest(answer, "3lbx4aaaaaa2c")).isEqualTo("3lbx4eaaaaa2c");
		assertThat(BlueskyChats.newest(answer, "3lbx5aaaaaa2c")).as("nothing newer").isEqualTo("3lbx5aaaaaa2c");
		assertThat(BlueskyChats.newest(JSON.readTree("{\"logs\": []}"), null)).isNull();
	}

	private static OutgoingReply reply(String threadKey, List<String> references) {
		return new OutgoingReply(UUID.randomUUID(), UUID.randomUUID(), "Jonas", List.of(), threadKey, "", "Gern!", "Anna",
				references);
	}

	@Test
	void aConversationOfDirectMessagesIsAnsweredInItsConvoAndAPostsThreadByAPost() {
		assertThat(BlueskyChats.convoOf(reply("3lbx4jonasconvo", List.of("chat:3lbx4cmsgjonas1"))))
			.contains("3lbx4jonasconvo");
		assertThat(BlueskyChats.convoOf(reply("at://did:plc:vereinvereinvereinverein/app.bsky.feed.post/3lbwzzq5lks2a",
				List.of("at://did:plc:lenalenalenalenalenalena/app.bsky.feed.post/3lbx2hvw4ks2c")))).isEmpty();
		assertThat(BlueskyChats.convoOf(reply("something-else", List.of()))).as("no direct message in it").isEqualTo(Optional.empty());
	}

	@Test
	void aRepeatedAttemptTakesOnlyTheAccountsMessageWithTheSameTextSentSinceTheFirstAttemptStarted() {
		JsonNode answer = JSON.readTree(BlueskyChannelIntegrationTests.file("getMessages.json"));
		String text = "Gern, Jonas! Alles Weitere unter https://verein.example/sommerfest";
		Instant before = Instant.parse("2026-12-01T10:09:00Z");
		assertThat(BlueskyChats.sentBefore(answer, VEREIN, text, before, List.of())).contains("3lbx4fmsgverein");
		assertThat(BlueskyChats.sentBefore(answer, VEREIN, text, Instant.parse("2026-12-01T10:10:00Z"), List.of()))
			.as("sent the moment the attempt started").contains("3lbx4fmsgverein");
		assertThat(BlueskyChats.sentBefore(answer, VEREIN, text, Instant.parse("2026-12-01T10:11:00Z"), List.of()))
			.as("sent before the attempt started").isEmpty();
		assertThat(BlueskyChats.sentBefore(answer, VEREIN, text, before, List.of("chat:3lbx4fmsgverein")))
			.as("already another answer's message in the inbox").isEmpty();
		assertThat(BlueskyChats.sentBefore(answer, VEREIN, text + "!", before, List.of())).as("other words").isEmpty();
		assertThat(BlueskyChats.sentBefore(answer, "did:plc:jonasjonasjonasjonasjona", text, before, List.of()))
			.as("someone else's").isEmpty();
		assertThat(BlueskyChats.sentBefore(answer, "did:plc:jonasjonasjonasjonasjona",
				"Hallo! Kann ich beim Sommerfest mithelfen? Schreibt mir gern.", Instant.parse("2026-12-01T10:00:00Z"),
				List.of())).as("the lookup reads any sender's message alike").contains("3lbx4cmsgjonas1");
		assertThat(BlueskyChats.sentBefore(JSON.readTree("{\"messages\": []}"), VEREIN, text, before, List.of())).isEmpty();
	}

	@Test
	void aDirectMessageTakesAThousandGraphemesAndTenThousandBytes() throws BlueskyText.TooLong {
		BlueskyText.checkMessageLength("a".repeat(1000));
		BlueskyText.checkMessageLength("👨‍👩‍👧‍👦".repeat(400));
		assertThatThrownBy(() -> BlueskyText.checkMessageLength("a".repeat(1001)))
			.hasMessage("Bluesky takes at most 1000 characters per direct message; this text has 1001. Shorten it.");
		assertThatThrownBy(() -> BlueskyText.checkMessageLength("👨‍👩‍👧‍👦".repeat(500)))
			.hasMessage("Bluesky takes at most 10000 bytes per direct message; this text has 12500. Shorten it.");
		assertThatThrownBy(() -> BlueskyText.checkLength("a".repeat(301))).as("a post keeps its 300")
			.hasMessageContaining("300 characters per post");
	}
}

package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.rapport.contacts.IdentityClaim;
import org.rapport.inbox.MessageReceived;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/**
 * The ingestion flow across modules: a connector's batch goes through {@link Ingestion} into the inbox, each new
 * message is announced with {@link MessageReceived}, and what listens keeps its read model current.
 */
@EnableScenarios
class IngestionScenarioIntegrationTests extends IntegrationTest {

	@Autowired
	Channels channels;

	@Autowired
	Ingestion ingestion;

	@Autowired
	MeterRegistry meters;

	@Test
	void aBatchIsReceivedAnnouncedOnceAndCounted(Scenario scenario) {
		Channel api = channels.byKey(workspace.id(), "api").orElseThrow();
		double before = meters.counter("rapport.messages.received").count();
		InboundMessage question = InboundMessage.message("scn-1", null,
				new IdentityClaim("email", "Lena@Example.org", "Lena Vogt"), "Frage", "Wann öffnet ihr?", false, Instant.now());

		scenario.stimulate(() -> ingestion.ingest(api, List.of(question, question)))
			.andWaitForEventOfType(MessageReceived.class)
			.matching(event -> event.workspaceId().equals(workspace.id()) && event.channelId().equals(api.id()))
			.toArriveAndVerify((event, result) -> {
				assertThat(result.accepted()).isEqualTo(1);
				assertThat(result.duplicates()).isEqualTo(1);
				assertThat(result.messageIds()).containsEntry("scn-1", event.messageId());
				assertThat(result.conversationIds()).containsEntry("scn-1", event.conversationId());
				// The counter is the whole node's: channels other tests connected may receive meanwhile.
				assertThat(meters.counter("rapport.messages.received").count()).isGreaterThanOrEqualTo(before + 1);
				var conversation = this.api.get("/api/v1/conversations/" + event.conversationId()).json();
				assertThat(conversation.get("summary").get("contact").get("name").asString()).isEqualTo("Lena Vogt");
			});

		assertThat(ingestion.ingest(api, List.of(question)).duplicates()).as("the second delivery is a repeat").isEqualTo(1);
	}
}

package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The rules of a conversation's state, without a database. */
class ConversationTests {

	private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

	private final Conversation open = new Conversation(UUID.randomUUID(), UUID.randomUUID(), ConversationStatus.OPEN,
			null, null, List.of(), START, null, null);

	@Test
	void doneStopsTheResolutionTimerOnceAndReopeningStartsItAgain() {
		Instant now = START.plus(Duration.ofHours(3));
		Conversation done = open.markDone(now, 3 * 3600);
		assertThat(done.status()).isEqualTo(ConversationStatus.DONE);
		assertThat(done.resolvedAt()).isEqualTo(now);
		assertThat(done.resolutionBusinessSeconds()).isEqualTo(3 * 3600L);
		assertThat(done.markDone(now.plusSeconds(60), 9999)).as("done twice keeps the first time").isSameAs(done);

		Conversation again = done.reopen();
		assertThat(again.status()).isEqualTo(ConversationStatus.OPEN);
		assertThat(again.resolvedAt()).isNull();
		assertThat(again.resolutionBusinessSeconds()).isNull();
		assertThat(done.awaitAnswer().status()).isEqualTo(ConversationStatus.PENDING);
	}

	@Test
	void snoozingNeedsATimeInTheFutureAndEndsWithAStatusChange() {
		assertThatIllegalArgumentException().isThrownBy(() -> open.snoozeUntil(START, START))
			.withMessageContaining("future");
		assertThatIllegalArgumentException().isThrownBy(() -> open.snoozeUntil(null, START));
		Conversation snoozed = open.snoozeUntil(START.plusSeconds(3600), START);
		assertThat(snoozed.status()).isEqualTo(ConversationStatus.SNOOZED);
		assertThat(snoozed.snoozedUntil()).isEqualTo(START.plusSeconds(3600));
		assertThat(snoozed.reopen().snoozedUntil()).isNull();
		assertThat(snoozed.markDone(START.plusSeconds(60), 60).snoozedUntil()).isNull();
	}

	@Test
	void labelsAreCleanAndBoundedAndAssignmentChangesNothingElse() {
		Conversation labelled = open.labelled(Arrays.asList(" Presse ", "presse", "", null, "Kita"));
		assertThat(labelled.labels()).containsExactly("kita", "presse");
		assertThatIllegalArgumentException().isThrownBy(() -> open.labelled(List.of("x".repeat(41))))
			.withMessageContaining("40 characters");

		UUID member = UUID.randomUUID();
		Conversation assigned = labelled.assignTo(member);
		assertThat(assigned.assigneeId()).isEqualTo(member);
		assertThat(assigned.labels()).isEqualTo(labelled.labels());
		assertThat(assigned.status()).isEqualTo(labelled.status());
		assertThat(assigned.assignTo(null).assigneeId()).isNull();
	}
}

package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CommentThreadsTests {

	static final UUID POST = UUID.randomUUID();
	static final Instant SAME = Instant.parse("2026-11-01T10:00:00Z");

	static Comment comment(String name, Comment parent) {
		return new Comment(UUID.randomUUID(), POST, parent == null ? null : parent.id(), null, false, name, "", name,
				"<p>" + name + "</p>", "approved", SAME, List.of());
	}

	@Test
	void anAnswerWrittenInTheSameInstantAsItsCommentStillNestsUnderIt() {
		Comment first = comment("Anna", null);
		Comment answer = comment("Bert", first);
		Comment answerToAnswer = comment("Cem", answer);
		// Same created_at: the database may hand them out in any order.
		List<Comment> threads = CommentThreads.of(List.of(answerToAnswer, answer, first));
		assertThat(threads).extracting(Comment::authorName).containsExactly("Anna");
		assertThat(threads.get(0).replies()).extracting(Comment::authorName).containsExactly("Bert");
		assertThat(threads.get(0).replies().get(0).replies()).extracting(Comment::authorName).containsExactly("Cem");
	}

	@Test
	void commentsKeepTheirTimeOrderOtherwise() {
		Comment a = comment("Anna", null);
		Comment b = comment("Bert", null);
		Comment reply = comment("Cem", a);
		assertThat(CommentThreads.of(List.of(a, b, reply))).extracting(Comment::authorName).containsExactly("Anna", "Bert");
	}
}

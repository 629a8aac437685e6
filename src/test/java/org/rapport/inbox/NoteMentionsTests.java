package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Member;
import org.rapport.platform.Role;

/** Mentions in a note are marked where they stand; addresses, links and unknown names are left alone. */
class NoteMentionsTests {

	private final NoteMentions marks = new NoteMentions();

	private final List<Member> team = List.of(new Member(UUID.randomUUID(), "anna@example.org", "Anna Berg", Role.AGENT),
			new Member(UUID.randomUUID(), "kim.k@example.org", "Kim Kollegin", Role.MANAGER));

	@Test
	void mentionsAreMarkedAndTheRestStays() {
		assertThat(marks.mark("<p>Bitte @Anna Berg und @kim.k – danke!</p>", team)).isEqualTo(
				"<p>Bitte <mark class=\"mention\">@Anna Berg</mark> und <mark class=\"mention\">@kim.k</mark> – danke!</p>");
		assertThat(marks.mark("<p>@anna, <b>schau</b> mal</p>", team))
			.isEqualTo("<p><mark class=\"mention\">@anna</mark>, <b>schau</b> mal</p>");
	}

	@Test
	void addressesLinksAndStrangersAreNoMentions() {
		String html = "<p>Schreib an anna@example.org oder <a href=\"https://x.example/@anna\">@anna</a>, nicht an @Zoe.</p>";
		assertThat(marks.mark(html, team)).isEqualTo(html);
		assertThat(marks.mark("<p>&lt;script&gt; @Anna Berg</p>", team))
			.isEqualTo("<p>&lt;script&gt; <mark class=\"mention\">@Anna Berg</mark></p>");
		assertThat(marks.mark("<p>ohne</p>", team)).isEqualTo("<p>ohne</p>");
		assertThat(marks.mark("<p>@Anna Berg</p>", List.of())).isEqualTo("<p>@Anna Berg</p>");
	}
}

package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LinkHeadersTests {

	@Test
	void readsThePagesOfAPagedAnswer() {
		List<LinkHeaders.Link> links = LinkHeaders.parse(List.of(
				"<https://social.example/api/v1/accounts/14715/followers?limit=80&max_id=7486869>; rel=\"next\", "
						+ "<https://social.example/api/v1/accounts/14715/followers?limit=80&since_id=7489740>; rel=\"prev\""));
		assertThat(links).hasSize(2);
		assertThat(links.get(0).reference())
			.isEqualTo("https://social.example/api/v1/accounts/14715/followers?limit=80&max_id=7486869");
		assertThat(links.get(0).hasRel("next")).isTrue();
		assertThat(links.get(1).hasRel("prev")).isTrue();
		assertThat(links.get(1).hasRel("next")).isFalse();
	}

	@Test
	void takesSeveralHeadersUnquotedAndSeveralRelsAndOtherParameters() {
		List<LinkHeaders.Link> links = LinkHeaders.parse(List.of("</a>;rel=next;title=\"a, b; c\"",
				"<https://x.example/b>; type=\"text/html\"; rel=\"Prev Alternate\""));
		assertThat(links).extracting(LinkHeaders.Link::reference).containsExactly("/a", "https://x.example/b");
		assertThat(links.get(0).rels()).containsExactly("next");
		assertThat(links.get(1).rels()).containsExactly("prev", "alternate");
	}

	@Test
	void ignoresWhatIsNoLink() {
		assertThat(LinkHeaders.parse(List.of("", "rel=next", "<unclosed; rel=next"))).isEmpty();
		assertThat(LinkHeaders.parse(List.of("<https://x.example/>")).getFirst().rels()).isEmpty();
	}
}

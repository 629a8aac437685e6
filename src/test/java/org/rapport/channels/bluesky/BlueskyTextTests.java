package org.rapport.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Bluesky's units: graphemes and UTF-8 bytes for the limits, UTF-8 byte offsets for facets. */
class BlueskyTextTests {

	@SuppressWarnings("unchecked")
	private static String covered(String text, Map<String, Object> facet) {
		Map<String, Object> index = (Map<String, Object>) facet.get("index");
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		int start = (Integer) index.get("byteStart");
		int end = (Integer) index.get("byteEnd");
		return new String(bytes, start, end - start, StandardCharsets.UTF_8);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> feature(Map<String, Object> facet) {
		return ((List<Map<String, Object>>) facet.get("features")).getFirst();
	}

	@Test
	void facetsCountUtf8BytesNotCharacters() {
		String text = "Grüße 👨‍👩‍👧 an @lena.bsky.social: Programm unter https://example.org/fest?tag=1. #Sommerfest!";
		var facets = BlueskyText.facets(text, handle -> handle.equals("lena.bsky.social")
				? Optional.of("did:plc:lena") : Optional.empty());
		assertThat(facets).hasSize(3);
		assertThat(covered(text, facets.get(0))).isEqualTo("@lena.bsky.social");
		assertThat(feature(facets.get(0))).containsEntry("did", "did:plc:lena");
		assertThat(covered(text, facets.get(1))).as("a sentence's full stop is no part of the link")
			.isEqualTo("https://example.org/fest?tag=1");
		assertThat(feature(facets.get(1))).containsEntry("uri", "https://example.org/fest?tag=1");
		assertThat(covered(text, facets.get(2))).isEqualTo("#Sommerfest");
		assertThat(feature(facets.get(2))).containsEntry("tag", "Sommerfest");
		@SuppressWarnings("unchecked")
		int start = (Integer) ((Map<String, Object>) facets.get(0).get("index")).get("byteStart");
		assertThat(start).as("bytes, not UTF-16 units").isNotEqualTo(text.indexOf('@')).isEqualTo(30); // "Grüße " 8 bytes, the family 18, " an " 4
	}

	@Test
	void aHandleThatDoesNotResolveStaysText() {
		assertThat(BlueskyText.facets("Hallo @niemand.example und mail@example.org", h -> Optional.empty())).isEmpty();
	}

	@Test
	void theLimitsAre300GraphemesAnd3000Bytes() throws Exception {
		assertThat(BlueskyText.graphemes("👨‍👩‍👧🇩🇪é")).isEqualTo(3);
		BlueskyText.checkLength("ä".repeat(299) + "👨‍👩‍👧");
		assertThatThrownBy(() -> BlueskyText.checkLength("a".repeat(301))).hasMessageContaining("301");
		String heavy = "👨‍👩‍👧‍👦".repeat(121); // 121 graphemes of 25 bytes each: 3025 bytes
		assertThatThrownBy(() -> BlueskyText.checkLength(heavy)).hasMessageContaining("3000 bytes");
	}

	@Test
	void recordKeysAreTids() {
		String a = BlueskyText.tid(Instant.parse("2026-12-01T09:15:00Z"));
		String b = BlueskyText.tid(Instant.parse("2026-12-01T09:15:01Z"));
		assertThat(a).matches("[2-7a-j][2-7a-z]{12}");
		assertThat(a).isLessThan(b);
	}
}

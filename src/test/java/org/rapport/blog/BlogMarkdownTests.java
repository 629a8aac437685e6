package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlogMarkdownTests {

	@Test
	void foldsUmlautsAndAccentsIntoSlugs() {
		assertThat(Slugs.of("Grüße aus der Küche: Straße & Café!")).isEqualTo("gruesse-aus-der-kueche-strasse-cafe");
		assertThat(Slugs.of("ÄÖÜ ẞ")).isEqualTo("aeoeue-ss");
		assertThat(Slugs.of("  ?!  ")).isEmpty();
		assertThat(Slugs.of("x".repeat(200))).hasSize(Slugs.MAX);
	}

	@Test
	void rendersMarkdownAndRemovesWhatCouldRun() {
		RenderedMarkdown r = RenderedMarkdown.of("""
				# Titel

				Ein **fetter** Satz mit [Link](https://example.org) und https://rapport.example.

				Ein [böser Link](javascript:alert(1)) und <span style="color:red" onclick="x()">rot</span>.

				<script>alert('x')</script>
				<img src="https://example.org/a.png" onerror="alert(1)" alt="Bild">

				| A | B |
				|---|---|
				| 1 | 2 |

				```java
				var x = 1;
				```
				""");
		assertThat(r.html()).contains("<h2>Titel</h2>", "<strong>fetter</strong>", "href=\"https://example.org\"",
				"href=\"https://rapport.example\"", "<table>", "<code class=\"language-java\">", "alt=\"Bild\"");
		assertThat(r.html()).contains("böser Link").doesNotContain("<script", "onerror", "javascript:", "onclick", "style=");
		assertThat(r.excerpt()).startsWith("Ein fetter Satz mit Link");
		assertThat(r.readingMinutes()).isEqualTo(1);
	}

	@Test
	void readingTimeIsAboutTwoHundredWordsAMinute() {
		assertThat(RenderedMarkdown.of("wort ".repeat(200)).readingMinutes()).isEqualTo(1);
		assertThat(RenderedMarkdown.of("wort ".repeat(201)).readingMinutes()).isEqualTo(2);
		assertThat(RenderedMarkdown.of("wort ".repeat(1000)).readingMinutes()).isEqualTo(5);
		assertThat(RenderedMarkdown.of("wort ".repeat(1000)).excerpt()).endsWith("…").hasSizeLessThanOrEqualTo(RenderedMarkdown.EXCERPT);
	}
}

package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every page is served with {@code style-src 'self'; script-src 'self'}: a style attribute, a style element, an
 * inline script or an event handler in a template is silently dropped by the browser (the storm thresholds' number
 * fields once lost their width that way). So the templates carry none: classes in the style sheet, code in files.
 */
class TemplatesFitTheContentSecurityPolicyTests {

	private static final Pattern FORBIDDEN = Pattern.compile(
			"\\s(th:)?style=\"|<style[\\s>]|\\son[a-z]+=\"|<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/ld\\+json\")");

	@Test
	void noTemplateCarriesInlineStylesOrScripts() throws IOException {
		List<String> found = new ArrayList<>();
		Path root = Path.of("src/main/resources/templates");
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
				List<String> lines = Files.readAllLines(file);
				for (int i = 0; i < lines.size(); i++) {
					Matcher m = FORBIDDEN.matcher(lines.get(i));
					if (m.find()) {
						found.add(root.relativize(file) + ":" + (i + 1) + " " + m.group().strip());
					}
				}
			}
		}
		assertThat(found).isEmpty();
	}

	@Test
	void thePatternFindsWhatThePolicyBlocks() {
		assertThat(FORBIDDEN.matcher("<input style=\"width:5rem\">").find()).isTrue();
		assertThat(FORBIDDEN.matcher("<div th:style=\"'width:' + ${w}\">").find()).isTrue();
		assertThat(FORBIDDEN.matcher("<button onclick=\"go()\">").find()).isTrue();
		assertThat(FORBIDDEN.matcher("<script>alert(1)</script>").find()).isTrue();
		assertThat(FORBIDDEN.matcher("<script th:src=\"@{/js/a.js}\" defer></script>").find()).isFalse();
		assertThat(FORBIDDEN.matcher("<script type=\"application/ld+json\" th:utext=\"${ld}\"></script>").find()).isFalse();
		assertThat(FORBIDDEN.matcher("<link rel=\"stylesheet\" th:href=\"@{/css/rapport.css}\">").find()).isFalse();
	}

}

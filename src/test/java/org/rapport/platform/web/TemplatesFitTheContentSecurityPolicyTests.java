package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.support.TemplateLines;

/**
 * Every page is served with {@code style-src 'self'; script-src 'self'}: a style attribute, a style element, an
 * inline script or an event handler in a template is silently dropped by the browser (the storm thresholds' number
 * fields once lost their width that way). So the templates carry none: classes in the style sheet, code in files.
 */
class TemplatesFitTheContentSecurityPolicyTests {

	private static final Pattern FORBIDDEN = Pattern.compile(
			"\\s(th:)?style=\"|<style[\\s>]|\\son[a-z]+=\"|<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/ld\\+json\")");

	@Test
	void noTemplateCarriesInlineStylesOrScripts() {
		assertThat(TemplateLines.findings(line -> {
			Matcher m = FORBIDDEN.matcher(line);
			return m.find() ? m.group().strip() : null;
		})).isEmpty();
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

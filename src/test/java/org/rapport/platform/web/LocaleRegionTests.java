package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class LocaleRegionTests {

	private static MockHttpServletRequest browser(String acceptLanguage) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (acceptLanguage != null) {
			request.addHeader("Accept-Language", acceptLanguage);
		}
		return request;
	}

	private static String day(Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(LocalDate.of(2026, 12, 5));
	}

	@Test
	void englishTakesTheBrowsersRegionSoThatDatesReadAsAtHome() {
		Locale british = WebConfiguration.withRegion(Locale.ENGLISH, browser("en-GB,en;q=0.9,de;q=0.5"));
		assertThat(british).isEqualTo(Locale.UK);
		assertThat(day(british)).isEqualTo("5 Dec 2026");
		Locale american = WebConfiguration.withRegion(Locale.ENGLISH, browser("en-US,en;q=0.9"));
		assertThat(day(american)).isEqualTo("Dec 5, 2026");
	}

	@Test
	void theChosenLanguageStaysWhateverTheBrowserSpeaksFirst() {
		// A German browser whose person chose English: English, with the region of the English it also speaks.
		assertThat(WebConfiguration.withRegion(Locale.ENGLISH, browser("de-DE,de;q=0.9,en-GB;q=0.8")))
			.isEqualTo(Locale.UK);
		assertThat(WebConfiguration.withRegion(Locale.ENGLISH, browser("de-DE,de;q=0.9"))).isEqualTo(Locale.ENGLISH);
		assertThat(WebConfiguration.withRegion(Locale.GERMAN, browser("de-AT,en-GB;q=0.8")))
			.isEqualTo(Locale.of("de", "AT"));
		assertThat(WebConfiguration.withRegion(Locale.GERMAN, browser(null))).isEqualTo(Locale.GERMAN);
		assertThat(WebConfiguration.withRegion(Locale.UK, browser("en-US"))).as("a region chosen is kept")
			.isEqualTo(Locale.UK);
	}
}

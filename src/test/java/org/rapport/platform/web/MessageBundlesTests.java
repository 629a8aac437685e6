package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The message bundles of the pages: each English bundle has a German twin with the same keys, and the German one
 * addresses the reader as "Sie" (UI.md), never as du or ihr.
 */
class MessageBundlesTests {

	private static final Pattern INFORMAL = Pattern.compile("\\b(du|dich|dir|dein\\w*|euch|euer|eure[mnrs]?)\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

	private static Properties load(Resource resource) throws IOException {
		Properties properties = new Properties();
		try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	private static Resource[] bundles() throws IOException {
		return new PathMatchingResourcePatternResolver().getResources("classpath:i18n/*.properties");
	}

	@Test
	void everyEnglishBundleHasAGermanTwinWithTheSameKeys() throws IOException {
		int pairs = 0;
		for (Resource english : bundles()) {
			String name = english.getFilename();
			if (name.endsWith("_de.properties")) {
				continue;
			}
			Resource german = english.createRelative(name.replace(".properties", "_de.properties"));
			assertThat(german.exists()).as(name + " has a German twin").isTrue();
			assertThat(load(german).stringPropertyNames()).as(name).isEqualTo(load(english).stringPropertyNames());
			pairs++;
		}
		assertThat(pairs).isGreaterThan(10);
	}

	@Test
	void theGermanBundlesSaySie() throws IOException {
		List<String> informal = new ArrayList<>();
		for (Resource bundle : bundles()) {
			if (!bundle.getFilename().endsWith("_de.properties")) {
				continue;
			}
			load(bundle).forEach((key, value) -> {
				if (INFORMAL.matcher((String) value).find()) {
					informal.add(bundle.getFilename() + " " + key + ": " + value);
				}
			});
		}
		assertThat(informal).isEmpty();
	}
}

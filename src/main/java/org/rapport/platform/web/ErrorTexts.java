package org.rapport.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Shows the domain's refusals in the reader's language. The domain speaks English (the API keeps those sentences,
 * integrators match on them); people who use Rapport in German read the German wording from
 * {@code i18n/errors_de.txt}, where each English sentence has its placeholders {@code {0}}, {@code {1}}…
 * <p>
 * Used from templates as {@code ${@errorTexts.of(error, #locale)}}. A sentence without a German wording is shown
 * as it is, so a new message is never lost, only untranslated.
 */
@Component("errorTexts")
public class ErrorTexts {

	/** An English sentence as a pattern, with the German wording to fill in. */
	record Wording(Pattern english, int literalLength, String german) {
	}

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)\\}");

	private final List<Wording> german;

	ErrorTexts() {
		this(new ClassPathResource("i18n/errors_de.txt"));
	}

	ErrorTexts(ClassPathResource source) {
		try (InputStream in = source.getInputStream()) {
			this.german = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The message in the locale's language, as far as a wording for it is known. */
	public String of(String message, Locale locale) {
		if (message == null || locale == null || !"de".equals(locale.getLanguage())) {
			return message;
		}
		return translate(message, 3);
	}

	private String translate(String message, int depth) {
		for (Wording w : german) {
			Matcher m = w.english().matcher(message);
			if (m.matches()) {
				Matcher slot = PLACEHOLDER.matcher(w.german());
				StringBuilder out = new StringBuilder();
				while (slot.find()) {
					int group = Integer.parseInt(slot.group(1)) + 1;
					String value = group <= m.groupCount() ? m.group(group) : "";
					slot.appendReplacement(out, Matcher.quoteReplacement(germanDecimal(depth > 0 ? translate(value, depth - 1) : value)));
				}
				slot.appendTail(out);
				return out.toString();
			}
		}
		return message;
	}

	/** A value that is a decimal number ("15.5") written the German way ("15,5"); anything else as it is. */
	static String germanDecimal(String value) {
		return DECIMAL.matcher(value).matches() ? value.replace('.', ',') : value;
	}

	private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");

	/**
	 * Reads {@code en:}/{@code de:} pairs. The most specific sentences (most fixed text) are tried first, so that
	 * "'{0}' is not a valid email address." wins over "{0} is not an address.".
	 */
	static List<Wording> parse(String text) {
		List<Wording> wordings = new ArrayList<>();
		String english = null;
		for (String line : text.split("\n")) {
			if (line.startsWith("en: ")) {
				english = line.substring(4).strip();
			}
			else if (line.startsWith("de: ")) {
				if (english == null) {
					throw new IllegalStateException("A German wording without its English sentence: " + line);
				}
				wordings.add(wording(english, line.substring(4).strip()));
				english = null;
			}
		}
		wordings.sort(Comparator.comparingInt(Wording::literalLength).reversed());
		return List.copyOf(wordings);
	}

	private static Wording wording(String english, String german) {
		StringBuilder regex = new StringBuilder();
		Matcher slot = PLACEHOLDER.matcher(english);
		int last = 0;
		int literal = 0;
		List<Integer> order = new ArrayList<>();
		while (slot.find()) {
			regex.append(Pattern.quote(english.substring(last, slot.start())));
			literal += slot.start() - last;
			regex.append("(.*?)");
			order.add(Integer.parseInt(slot.group(1)));
			last = slot.end();
		}
		regex.append(Pattern.quote(english.substring(last)));
		literal += english.length() - last;
		for (int i = 0; i < order.size(); i++) {
			if (order.get(i) != i) {
				throw new IllegalStateException("Placeholders must appear in order {0}, {1}, … in: " + english);
			}
		}
		return new Wording(Pattern.compile(regex.toString(), Pattern.DOTALL), literal, german);
	}
}

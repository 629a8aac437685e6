package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class ErrorTextsTests {

	final ErrorTexts texts = new ErrorTexts();

	@Test
	void germanReadersGetTheGermanWordingWithTheValuesFilledIn() {
		assertThat(texts.of("The stage key 'partner' appears twice.", Locale.GERMAN))
			.isEqualTo("Der Stufenschlüssel „partner“ kommt zweimal vor.");
		assertThat(texts.of("The line has 3 fields; the header has 4.", Locale.GERMANY))
			.isEqualTo("Die Zeile hat 3 Felder, die Kopfzeile 4.");
	}

	@Test
	void decimalNumbersAreWrittenWithACommaButAddressesAreLeftAlone() {
		assertThat(texts.of("The files are 15.5 MB together; at most 15 MB can go with one message.", Locale.GERMAN))
			.isEqualTo("Die Dateien sind zusammen 15,5 MB groß; mit einer Nachricht können höchstens 15 MB gehen.");
		assertThat(texts.of("The host '10.0.0.1' cannot be found.", Locale.GERMAN)).contains("„10.0.0.1“");
		assertThat(texts.of("'foto.png' is 1.1 MB; at most 1 MB a file can go with a reply on this channel.", Locale.GERMAN))
			.isEqualTo("„foto.png“ ist 1,1 MB groß; mit einer Antwort auf diesem Kanal können höchstens 1 MB je Datei gehen.");
		assertThat(texts.of("'plan.pdf' (application/pdf) cannot go with a reply on this channel; it carries only image/*.",
				Locale.GERMAN)).isEqualTo("„plan.pdf“ (application/pdf) kann mit einer Antwort auf diesem Kanal nicht mitgehen; "
						+ "er nimmt nur image/*.");
	}

	@Test
	void aSentenceInsideAnotherIsTranslatedToo() {
		assertThat(texts.of("The IMAP server cannot be used: The host 'mail.example' cannot be found.", Locale.GERMAN))
			.isEqualTo("Der IMAP-Server kann nicht genutzt werden: Den Server „mail.example“ gibt es nicht (der Name lässt sich nicht auflösen).");
	}

	@Test
	void theMostSpecificSentenceWins() {
		assertThat(texts.of("'x@' is not a valid email address.", Locale.GERMAN)).isEqualTo("„x@“ ist keine gültige E-Mail-Adresse.");
		assertThat(texts.of("website is not an address.", Locale.GERMAN)).isEqualTo("website ist keine Adresse.");
	}

	@Test
	void mailServersAndMastodonUploadsFailInGerman() {
		assertThat(texts.of("The mail server smtp.example:587 refused the mail: 554 5.7.1 Relay denied", Locale.GERMAN))
			.isEqualTo("Der Mailserver smtp.example:587 hat die Mail abgelehnt: 554 5.7.1 Relay denied");
		assertThat(texts.of("The mail server smtp.example:587 could not be reached: Connection refused.", Locale.GERMAN))
			.isEqualTo("Der Mailserver smtp.example:587 war nicht erreichbar: Connection refused.");
		assertThat(texts.of("The SMTP server cannot be used: The host 'smtp.example' cannot be found.", Locale.GERMAN))
			.isEqualTo("Der SMTP-Server lässt sich nicht verwenden: Den Server „smtp.example“ gibt es nicht (der Name lässt "
					+ "sich nicht auflösen).");
		assertThat(texts.of("The instance takes at most 4 files with a post, not 5.", Locale.GERMAN))
			.isEqualTo("Die Instanz nimmt höchstens 4 Dateien mit einem Beitrag an, nicht 5.");
		assertThat(texts.of("The instance is still processing 'film.mp4'; the reply is tried again later.", Locale.GERMAN))
			.isEqualTo("Die Instanz verarbeitet „film.mp4“ noch; die Antwort wird später erneut versucht.");
	}

	@Test
	void theRefusalsOfLinkedInAndMetaReadInGerman() {
		assertThat(texts.of("The client secret of the LinkedIn app is missing.", Locale.GERMAN))
			.isEqualTo("Das Client-Geheimnis der LinkedIn-App fehlt.");
		assertThat(texts.of("'12ab' is no Meta id: ids are numbers.", Locale.GERMAN)).isEqualTo("„12ab“ ist keine Meta-ID: IDs sind Zahlen.");
		assertThat(texts.of("Page access token is missing.", Locale.GERMAN)).isEqualTo("Das Seiten-Zugriffstoken fehlt.");
		assertThat(texts.of("Instagram takes at most 1000 characters per message; this answer has 1200. Shorten it or send it in parts.",
				Locale.GERMAN)).isEqualTo("Instagram nimmt höchstens 1000 Zeichen je Nachricht an; diese Antwort hat 1200. "
						+ "Kürzen Sie sie oder schicken Sie sie in Teilen.");
		assertThat(texts.of("Telegram takes at most 4096 characters per message; this answer has 5000. Shorten it or send it in parts.",
				Locale.GERMAN)).as("the network's own sentence").startsWith("Telegram nimmt höchstens 4096 Zeichen");
	}

	@Test
	void otherLanguagesAndUnknownSentencesStayAsTheyAre() {
		assertThat(texts.of("The stage key 'partner' appears twice.", Locale.ENGLISH)).isEqualTo("The stage key 'partner' appears twice.");
		assertThat(texts.of("Something nobody translated.", Locale.GERMAN)).isEqualTo("Something nobody translated.");
		assertThat(texts.of(null, Locale.GERMAN)).isNull();
	}

	@Test
	void everyWordingUsesExactlyThePlaceholdersOfItsSentence() throws IOException {
		String file = new String(new ClassPathResource("i18n/errors_de.txt").getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String english = null;
		int pairs = 0;
		for (String line : file.split("\n")) {
			if (line.startsWith("en: ")) {
				english = line;
			}
			else if (line.startsWith("de: ")) {
				assertThat(placeholders(line)).as(line).isEqualTo(placeholders(english));
				pairs++;
			}
		}
		assertThat(pairs).isGreaterThan(100);
	}

	@Test
	void placeholdersOutOfOrderAreRefused() {
		assertThatThrownBy(() -> ErrorTexts.parse("en: {1} before {0}\nde: x")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> ErrorTexts.parse("de: alone")).isInstanceOf(IllegalStateException.class);
	}

	static TreeSet<String> placeholders(String line) {
		TreeSet<String> found = new TreeSet<>();
		Matcher m = Pattern.compile("\\{\\d\\}").matcher(line);
		while (m.find()) {
			found.add(m.group());
		}
		return found;
	}
}

package org.rapport.bench;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, realistic short inbound messages in German (about 60 %) and English: a greeting, one to three
 * sentences built from templates and a pool of inflected nouns, a closing. Bodies are 80–450 characters.
 */
final class BenchText {

	static final String[] FIRST = { "Erika", "Jürgen", "Anna", "Lukas", "Sophie", "Mehmet", "Fatma", "Jonas", "Marie",
			"Björn", "Zoë", "Hannah", "Paul", "Leonie", "Felix", "Emma", "Noah", "Olivia", "James", "Aisha", "Tomasz",
			"Katarzyna", "Günther", "Ute", "Sven", "Ingrid", "Chloé", "Liam", "Mia", "Elias" };

	static final String[] LAST = { "Muster", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
			"Becker", "Schulz", "Hoffmann", "Yılmaz", "Kowalski", "Smith", "Jones", "Brown", "Taylor", "Wilson", "Nguyen",
			"Öztürk", "Krüger", "Lehmann", "Köhler", "Walker", "Hughes", "O'Brien", "Dubois", "Rossi", "Novak", "Berg" };

	private static final String[] DE_SUBJECTS = { "Frage zur Anmeldung", "Rechnung", "Termin verschieben", "Kündigung",
			"Problem mit dem Zugang", "Lieferung", "Spendenquittung", "Mitgliedsbeitrag", "Öffnungszeiten",
			"Barrierefreiheit", "Anfrage", "Beschwerde", "Rückfrage zum Vertrag", "Heizung defekt", "Adressänderung",
			"Häuser in der Gartenstraße", "Parkausweis", "Ehrenamt", "Wohnungsbesichtigung", "Veranstaltung am Samstag" };

	private static final String[] EN_SUBJECTS = { "Question about my account", "Invoice", "Reschedule appointment",
			"Cancellation", "Login problem", "Delivery delayed", "Donation receipt", "Membership fee", "Opening hours",
			"Accessibility", "Enquiry", "Complaint", "Contract question", "Heating broken", "Change of address",
			"Houses on Garden Street", "Parking permit", "Volunteering", "Flat viewing", "Event on Saturday" };

	private static final String[] DE_NOUNS = { "der Anmeldung", "meinem Vertrag", "der Lieferung", "meinem Zugang",
			"der Heizung", "dem Parkausweis", "den Öffnungszeiten", "der Spendenquittung", "dem Mitgliedsbeitrag",
			"der Rechnung", "dem Termin", "der Wohnung", "den Häusern", "unserem Haus", "der Kündigung",
			"der Veranstaltung", "dem Ehrenamt", "der Rampe", "dem Aufzug", "der Nebenkostenabrechnung", "dem Formular",
			"der Bestellung", "dem Passwort", "der Überweisung", "dem Kindergarten", "der Schule", "dem Sportverein",
			"der Beratung", "dem Antrag", "der Bescheinigung", "dem Schlüssel", "dem Briefkasten", "der Mülltonne",
			"dem Fahrrad", "der Garage", "dem Garten", "den Fenstern", "dem Dach", "der Treppe", "dem Keller" };

	private static final String[] EN_NOUNS = { "my registration", "my contract", "the delivery", "my account",
			"the heating", "the parking permit", "your opening hours", "the donation receipt", "the membership fee",
			"the invoice", "my appointment", "the flat", "the houses", "our house", "the cancellation", "the event",
			"volunteering", "the ramp", "the lift", "the service charge statement", "the form", "my order",
			"my password", "the bank transfer", "the nursery", "the school", "the sports club", "the consultation",
			"my application", "the certificate", "the keys", "the letterbox", "the bins", "the bicycle", "the garage",
			"the garden", "the windows", "the roof", "the stairs", "the basement" };

	private static final String[] DE_SENTENCES = { "ich habe eine Frage zu %s.", "Können Sie mir bitte bei %s helfen?",
			"Seit gestern gibt es ein Problem mit %s.", "Wann ist mit %s zu rechnen?",
			"Die Rechnung Nr. %d ist leider falsch, bitte prüfen Sie das.", "Ich möchte meinen Termin am %s verschieben.",
			"Unser Haus braucht eine Rampe, damit meine Mutter hineinkommt.",
			"Die Häuser in der Gartenstraße sind noch nicht angeschlossen.",
			"Bitte kündigen Sie meinen Vertrag zum %s.", "Meine Kündigung vom %s wurde noch nicht bestätigt.",
			"Ich warte seit %d Tagen auf eine Antwort zu %s.", "Vielen Dank für die schnelle Hilfe mit %s!",
			"Leider konnte ich mich heute nicht anmelden, das Passwort wird nicht angenommen.",
			"Ist die Veranstaltung am Samstag barrierefrei?", "Meine neue Adresse lautet %s %d, 10115 Berlin.",
			"Die Lieferung ist beschädigt angekommen, was soll ich tun?",
			"Könnten Sie mir eine Spendenquittung für %d schicken?", "Wir haben noch Rückfragen zu %s.",
			"Die Heizung in der Wohnung funktioniert seit Tagen nicht.", "Gibt es noch freie Plätze für %s?" };

	private static final String[] EN_SENTENCES = { "I have a question about %s.", "Could you please help me with %s?",
			"Since yesterday there has been a problem with %s.", "When can I expect %s?",
			"Invoice no. %d seems to be wrong, could you check it?", "I would like to reschedule my appointment on %s.",
			"Our house needs a ramp so that my mother can get in.",
			"The houses on Garden Street are still not connected.", "Please cancel my contract as of %s.",
			"My cancellation from %s has not been confirmed yet.", "I have been waiting %d days for an answer about %s.",
			"Thanks a lot for the quick help with %s!", "I could not log in today, my password is not accepted.",
			"Is the event on Saturday wheelchair accessible?", "My new address is %s %d, London N1 9GU.",
			"The delivery arrived damaged, what should I do?", "Could you send me a donation receipt for %d?",
			"We still have some questions about %s.", "The heating in the flat has not been working for days.",
			"Are there any places left for %s?" };

	private static final String[] STREETS = { "Gartenstraße", "Hauptstraße", "Bahnhofstraße", "Lindenweg", "Schulstraße" };

	private static final String[] DE_GREET = { "Hallo,", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Liebes Team,",
			"Moin,", "Hallo zusammen," };

	private static final String[] EN_GREET = { "Hello,", "Hi,", "Dear team,", "Good morning,", "Hi there," };

	private static final String[] DE_CLOSE = { "Viele Grüße", "Mit freundlichen Grüßen", "Danke im Voraus!", "Beste Grüße", "LG" };

	private static final String[] EN_CLOSE = { "Best regards", "Kind regards", "Thanks in advance!", "Cheers", "Thank you" };

	/** Words searched for in the query benchmark, German and English, with inflections. */
	static final List<String> SEARCH_TERMS = List.of("Häuser", "Rechnung", "Kündigung bestätigt", "Heizung Wohnung",
			"Spendenquittung", "invoice", "delivery damaged", "houses", "password", "Rampe", "48213", "Wasserschaden",
			"refund");

	private BenchText() {
	}

	record Text(String subject, String body) {
	}

	static Text message(Random random) {
		boolean german = random.nextInt(10) < 6;
		String[] greet = german ? DE_GREET : EN_GREET;
		String[] sentences = german ? DE_SENTENCES : EN_SENTENCES;
		String[] nouns = german ? DE_NOUNS : EN_NOUNS;
		String[] close = german ? DE_CLOSE : EN_CLOSE;
		String[] subjects = german ? DE_SUBJECTS : EN_SUBJECTS;
		StringBuilder body = new StringBuilder(400);
		body.append(pick(random, greet)).append("\n\n");
		int n = 1 + random.nextInt(3);
		for (int i = 0; i < n; i++) {
			if (i > 0) {
				body.append(' ');
			}
			String sentence = pick(random, sentences);
			body.append(fill(random, sentence, nouns));
		}
		body.append("\n\n").append(pick(random, close)).append('\n').append(pick(random, FIRST));
		String subject = pick(random, subjects);
		if (random.nextInt(4) == 0) {
			subject = subject + " #" + (10000 + random.nextInt(90000));
		}
		return new Text(subject, body.toString());
	}

	private static String fill(Random random, String template, String[] nouns) {
		if (!template.contains("%")) {
			return template;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < template.length(); i++) {
			char c = template.charAt(i);
			if (c == '%' && i + 1 < template.length()) {
				char t = template.charAt(++i);
				if (t == 'd') {
					out.append(1 + random.nextInt(99999));
				}
				else if (template.startsWith("%s %d", i - 1)) {
					out.append(pick(random, STREETS));
				}
				else if (template.contains(" am %s") || template.contains(" zum %s") || template.contains(" vom %s")
						|| template.contains(" on %s") || template.contains(" of %s") || template.contains(" from %s")) {
					out.append(1 + random.nextInt(28)).append('.').append(1 + random.nextInt(12)).append(".2026");
				}
				else {
					out.append(pick(random, nouns));
				}
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	static String name(Random random) {
		return pick(random, FIRST) + " " + pick(random, LAST);
	}

	/** A distinct, already normalised e-mail address for sender number {@code n}. */
	static String email(String name, long n) {
		String ascii = name.toLowerCase(java.util.Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
			.replace("ß", "ss").replace("ı", "i").replace("ë", "e").replace("é", "e").replace("'", "").replace(' ', '.');
		return ascii + "." + n + "@example.org";
	}

	static Instant at(long secondsAfterStart) {
		return Instant.parse("2025-01-01T08:00:00Z").plusSeconds(secondsAfterStart);
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}
}

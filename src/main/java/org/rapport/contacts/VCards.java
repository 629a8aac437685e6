package org.rapport.contacts;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.github.mangstadt.vinnie.VObjectProperty;
import com.github.mangstadt.vinnie.io.Context;
import com.github.mangstadt.vinnie.io.SyntaxRules;
import com.github.mangstadt.vinnie.io.VObjectDataAdapter;
import com.github.mangstadt.vinnie.io.VObjectPropertyValues;
import com.github.mangstadt.vinnie.io.VObjectReader;
import com.github.mangstadt.vinnie.io.Warning;
import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.property.Telephone;
import ezvcard.property.Uid;
import ezvcard.util.TelUri;

/**
 * vCard 2.1/3.0/4.0 reading of FN, N, EMAIL, TEL, NOTE and CATEGORIES, and vCard 4.0 writing, through ez-vcard. Cards
 * are read with its line reader (vinnie), which unfolds lines, decodes quoted-printable and charsets and says on which
 * line each property stands: ez-vcard's own objects keep no line numbers, and every problem names its line.
 */
public final class VCards {

	private static final String NOT_CLOSED = "The vCard is not closed with END:VCARD.";

	private VCards() {
	}

	/** A card as read: the line its BEGIN is on, and the line of each email and phone for error reports. */
	public record Card(int line, String name, List<Value> emails, List<Value> phones, List<String> categories,
			String note) {
	}

	public record Value(int line, String value) {
	}

	public record Parsed(List<Card> cards, List<Csv.Problem> problems) {
	}

	/** A card to write. */
	public record Out(String uid, String name, List<String> emails, List<String> phones, List<String> categories,
			String note) {
	}

	public static Parsed parse(String text) {
		String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
		// vinnie reads a text that begins with an empty line as empty, so leading line breaks are cut and counted
		String body = s.replaceFirst("^[\r\n]+", "");
		Reading reading = new Reading(s.substring(0, s.length() - body.length()).replace("\r\n", "\n").length());
		try (VObjectReader reader = new VObjectReader(new StringReader(body), SyntaxRules.vcard())) {
			reader.parse(reading);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (reading.card != null) {
			reading.problems.add(new Csv.Problem(reading.card.line, NOT_CLOSED));
		}
		return new Parsed(reading.cards, reading.problems);
	}

	private static final class Builder {

		final int line;
		String name;
		final List<Value> emails = new ArrayList<>();
		final List<Value> phones = new ArrayList<>();
		final List<String> categories = new ArrayList<>();
		String note = "";

		Builder(int line) {
			this.line = line;
		}
	}

	private static final class Reading extends VObjectDataAdapter {

		final int skippedLines;
		final List<Card> cards = new ArrayList<>();
		final List<Csv.Problem> problems = new ArrayList<>();
		Builder card;

		Reading(int skippedLines) {
			this.skippedLines = skippedLines;
		}

		int line(Context context) {
			return context.getLineNumber() + skippedLines;
		}

		void outside(Context context) {
			problems.add(new Csv.Problem(line(context), "Content outside BEGIN:VCARD and END:VCARD."));
		}

		@Override
		public void onComponentBegin(String name, Context context) {
			if (name.equals("VCARD")) {
				if (card != null) {
					problems.add(new Csv.Problem(card.line, NOT_CLOSED));
				}
				card = new Builder(line(context));
			}
			else if (card == null) {
				outside(context);
			}
		}

		@Override
		public void onComponentEnd(String name, Context context) {
			if (card == null) {
				outside(context);
			}
			else if (name.equals("VCARD")) {
				if (card.name == null || card.name.isBlank()) {
					problems.add(new Csv.Problem(card.line, "Missing name: the vCard has neither FN nor N."));
				}
				cards.add(new Card(card.line, card.name == null ? "" : card.name, card.emails, card.phones,
						card.categories, card.note));
				card = null;
			}
		}

		@Override
		public void onWarning(Warning warning, VObjectProperty property, Exception thrown, Context context) {
			if (warning == Warning.MALFORMED_LINE && !context.getUnfoldedLine().isBlank()) {
				problems.add(new Csv.Problem(line(context), "Malformed vCard line: no ':' between property and value."));
			}
			else if (warning == Warning.UNMATCHED_END && card == null) {
				outside(context);
			}
		}

		@Override
		public void onProperty(VObjectProperty property, Context context) {
			if (card == null) {
				outside(context);
				return;
			}
			String raw = property.getValue();
			String value = VObjectPropertyValues.unescape(raw);
			switch (property.getName().toUpperCase(Locale.ROOT)) {
				case "FN" -> card.name = value.strip();
				case "N" -> {
					if (card.name == null || card.name.isBlank()) {
						List<String> n = VObjectPropertyValues.parseSemiStructured(raw);
						String family = n.isEmpty() ? "" : n.get(0).strip();
						String given = n.size() > 1 ? n.get(1).strip() : "";
						card.name = (given + " " + family).strip();
					}
				}
				case "EMAIL" -> card.emails.add(new Value(line(context), value.strip()));
				case "TEL" -> {
					String v = value.strip();
					card.phones.add(new Value(line(context), v.regionMatches(true, 0, "tel:", 0, 4) ? v.substring(4) : v));
				}
				case "NOTE" -> card.note = card.note.isEmpty() ? value : card.note + "\n" + value;
				case "CATEGORIES" -> VObjectPropertyValues.parseList(raw).stream().map(String::strip)
					.filter(c -> !c.isEmpty()).forEach(card.categories::add);
				default -> {
				}
			}
		}
	}

	/** Writes vCard 4.0 with CRLF line ends, folding lines longer than 75 octets. */
	public static String write(List<Out> cards) {
		List<VCard> vcards = new ArrayList<>();
		for (Out c : cards) {
			VCard vcard = new VCard();
			if (c.uid() != null) {
				vcard.setUid(new Uid("urn:uuid:" + c.uid()));
			}
			vcard.setFormattedName(c.name());
			c.emails().forEach(vcard::addEmail);
			c.phones().forEach(p -> vcard.addTelephoneNumber(new Telephone(TelUri.parse("tel:" + p))));
			if (!c.categories().isEmpty()) {
				vcard.setCategories(c.categories().toArray(String[]::new));
			}
			if (c.note() != null && !c.note().isEmpty()) {
				vcard.addNote(c.note());
			}
			vcards.add(vcard);
		}
		StringBuilder out = new StringBuilder();
		for (String line : Ezvcard.write(vcards).version(VCardVersion.V4_0).prodId(false).foldLines(false).go()
			.split("\r\n")) {
			fold(out, line);
		}
		return out.toString();
	}

	/** ez-vcard folds after 75 characters, RFC 6350 after 75 octets, which is fewer characters outside ASCII. */
	private static void fold(StringBuilder out, String line) {
		int octets = 0;
		for (int i = 0; i < line.length();) {
			int cp = line.codePointAt(i);
			int size = Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
			if (octets + size > 75) {
				out.append("\r\n ");
				octets = 1;
			}
			out.appendCodePoint(cp);
			octets += size;
			i += Character.charCount(cp);
		}
		out.append("\r\n");
	}
}

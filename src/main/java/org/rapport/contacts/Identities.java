package org.rapport.contacts;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/**
 * Normalises identifiers so that exact matching finds the same person: email addresses in lower case, phone
 * numbers in E.164 (national numbers read as German), handles without a leading {@code @} and in lower case.
 */
public final class Identities {

	/** An address with a domain name: address literals ({@code a@[127.0.0.1]}) are not taken. */
	private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"\\[\\]]+@[^@\\s<>\"\\[\\]]+\\.[^@\\s<>\"\\[\\]]+");

	/** The longest address a person may enter, in octets (RFC 5321, 4.5.3.1.3 less the angle brackets). */
	public static final int MAX_EMAIL = 254;

	/** The longest part before the @, in octets (RFC 5321, 4.5.3.1.1). */
	public static final int MAX_LOCAL_PART = 64;
	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private Identities() {
	}

	public static boolean isEmail(String value) {
		return value != null && EMAIL.matcher(value.strip()).matches() && value.length() <= 320;
	}

	public static boolean looksLikePhone(String value) {
		return value != null && value.strip().matches("\\+?[0-9 ()/.-]{6,24}");
	}

	/**
	 * Normalises a value that a person entered (by hand, through the API or in an import): the kind must be
	 * {@link IdentityKind#known known}, and an email address must keep RFC 5321's limits, which addresses that come in
	 * with messages need not. Throws {@link IllegalArgumentException} with a readable reason.
	 */
	public static String normaliseEntered(String kind, String value) {
		IdentityKind.requireKnown(kind);
		if (IdentityKind.EMAIL.equals(kind)) {
			String v = value.strip();
			if (v.contains("@[")) {
				throw new IllegalArgumentException("'" + v + "' is not a valid email address: addresses with an IP address "
						+ "in brackets are not accepted.");
			}
			int octets = v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
			if (octets > MAX_EMAIL) {
				throw new IllegalArgumentException("An email address may have at most " + MAX_EMAIL + " characters; this one has "
						+ octets + ".");
			}
			int at = v.lastIndexOf('@');
			int local = at < 0 ? 0 : v.substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
			if (local > MAX_LOCAL_PART) {
				throw new IllegalArgumentException("The part of an email address before the @ may have at most "
						+ MAX_LOCAL_PART + " characters; this one has " + local + ".");
			}
		}
		return normalise(kind, value);
	}

	/** Whether a person may enter the value as an identity of the kind (see {@link #normaliseEntered}). */
	public static boolean isEnterable(String kind, String value) {
		try {
			normaliseEntered(kind, value);
			return true;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/** Normalises a value of a kind; throws {@link IllegalArgumentException} with a readable reason when invalid. */
	public static String normalise(String kind, String value) {
		String v = value.strip();
		return switch (kind) {
			case IdentityKind.EMAIL -> {
				if (!isEmail(v)) {
					throw new IllegalArgumentException("'" + v + "' is not a valid email address.");
				}
				yield v.toLowerCase(Locale.ROOT);
			}
			case IdentityKind.PHONE -> phone(v);
			default -> {
				if (v.length() > 500) {
					throw new IllegalArgumentException("A handle may have at most 500 characters.");
				}
				if (!v.matches("\\S+")) {
					throw new IllegalArgumentException("'" + v + "' is not a handle: it contains spaces.");
				}
				if (v.indexOf('@') > 0 && v.indexOf('@') == v.lastIndexOf('@') && !isEmail(v)) {
					throw new IllegalArgumentException("'" + v + "' is not a valid email address.");
				}
				String handle = v.startsWith("@") ? v.substring(1) : v;
				yield handle.toLowerCase(Locale.ROOT);
			}
		};
	}

	private static String phone(String value) {
		try {
			var number = PHONES.parse(value, "DE");
			if (!PHONES.isPossibleNumber(number)) {
				throw new IllegalArgumentException("'" + value + "' is not a possible phone number.");
			}
			return PHONES.format(number, PhoneNumberFormat.E164);
		}
		catch (NumberParseException e) {
			throw new IllegalArgumentException("'" + value + "' is not a phone number: " + e.getMessage());
		}
	}
}

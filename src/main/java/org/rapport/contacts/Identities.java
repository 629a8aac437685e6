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

	private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private Identities() {
	}

	public static boolean isEmail(String value) {
		return value != null && EMAIL.matcher(value.strip()).matches() && value.length() <= 320;
	}

	public static boolean looksLikePhone(String value) {
		return value != null && value.strip().matches("\\+?[0-9 ()/.-]{6,24}");
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

package org.rapport.federation;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.greenbytes.http.sfv.ByteSequenceItem;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.Parser;
import org.rapport.federation.HttpSignatures.SignatureFailure;

/**
 * Reads the RFC 8941 dictionaries of {@code Signature-Input}, {@code Signature} and {@code Content-Digest} with the
 * structured-fields library. Anything outside the grammar fails with a 400, so that a malformed header never reaches
 * the signature check. RFC 8941 lets a repeated key overwrite the earlier one; here a repeated member or parameter is
 * refused (400) instead, so that no two readers of a signature can see different labels, key ids or digests.
 */
final class SignatureFields {

	/** Strings are the only values that may hold separators; once they are blanked, ',' and ';' are structure. */
	private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]++|\\\\.)*+\"");

	private SignatureFields() {
	}

	/** Members in order; values are items or inner lists. */
	static Map<String, ListElement<?>> dictionary(String value, String field) throws SignatureFailure {
		Map<String, ListElement<?>> members;
		try {
			members = Parser.parseDictionary(value).get();
		}
		catch (IllegalArgumentException e) {
			throw malformed(field, String.valueOf(e.getMessage()));
		}
		requireUniqueKeys(value, field);
		return members;
	}

	/** The bytes of a byte sequence; null for any other value. */
	static byte[] bytes(ListElement<?> value) {
		if (!(value instanceof ByteSequenceItem item)) {
			return null;
		}
		ByteBuffer buffer = item.get();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	/** Runs on a value the parser accepted, whose members are separated by ',' and parameters start with ';'. */
	private static void requireUniqueKeys(String value, String field) throws SignatureFailure {
		Set<String> members = new HashSet<>();
		for (String member : STRINGS.matcher(value).replaceAll("\"\"").split(",")) {
			if (!members.add(key(member))) {
				throw malformed(field, "the key '" + key(member) + "' appears twice");
			}
			// the parameters of the member itself follow its inner list, if it has one
			String[] parameters = member.substring(member.lastIndexOf(')') + 1).split(";");
			Set<String> names = new HashSet<>();
			for (int i = 1; i < parameters.length; i++) {
				if (!names.add(key(parameters[i]))) {
					throw malformed(field, "the parameter '" + key(parameters[i]) + "' appears twice");
				}
			}
		}
	}

	private static String key(String memberOrParameter) {
		return memberOrParameter.strip().split("[=;]", 2)[0];
	}

	private static SignatureFailure malformed(String field, String why) {
		return SignatureFailure.badRequest("The " + field + " header is malformed: " + SignatureChecks.abbreviate(why) + ".");
	}
}

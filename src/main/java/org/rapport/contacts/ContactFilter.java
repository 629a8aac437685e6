package org.rapport.contacts;

import java.util.List;
import java.util.UUID;

/**
 * A filter over the contacts of a workspace; every part is optional and all given parts must hold. A saved
 * {@link Segments segment} is a named filter.
 *
 * @param tags contacts with these tags, all of them or any of them as {@code tagMode} says
 * @param tagMode {@code all} (default) or {@code any}
 * @param stage the key of a relationship stage; contacts nobody moved count as on the ladder's first stage
 * @param organisationId contacts with a current role in this organisation
 * @param organisationKind contacts with a current role in an organisation of this kind (see {@link Organisations#KINDS})
 * @param fields conditions on custom fields
 * @param channel contacts with a conversation on the channel with this key (e.g. {@code email})
 * @param hasOpenConversation {@code true}: contacts with a conversation in status open; {@code false}: without one
 * @param text the name or an identity contains this text
 */
public record ContactFilter(List<String> tags, String tagMode, String stage, UUID organisationId, String organisationKind,
		List<FieldCondition> fields, String channel, Boolean hasOpenConversation, String text) {

	/**
	 * A condition on a custom field.
	 *
	 * @param op {@code equals} (the value in the field's normal form) or {@code contains} (case-insensitive text)
	 */
	public record FieldCondition(String key, String op, String value) {
	}

	public ContactFilter {
		tags = tags == null ? List.of() : List.copyOf(tags);
		fields = fields == null ? List.of() : List.copyOf(fields);
	}

	public static ContactFilter none() {
		return new ContactFilter(List.of(), null, null, null, null, List.of(), null, null, null);
	}

	/** Whether nothing but the text (or nothing at all) is set. */
	public boolean textOnly() {
		return tags.isEmpty() && blank(stage) && organisationId == null && blank(organisationKind) && fields.isEmpty()
				&& blank(channel) && hasOpenConversation == null;
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}

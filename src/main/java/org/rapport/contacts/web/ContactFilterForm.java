package org.rapport.contacts.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.ContactFilter;

/**
 * The filter form of the contact list as request parameters: {@code q}, {@code tags} (comma-separated),
 * {@code tagMode}, {@code stage}, {@code organisation}, {@code kind}, {@code field}, {@code fieldOp},
 * {@code fieldValue}, {@code channel}, {@code open} ({@code yes}/{@code no}).
 */
final class ContactFilterForm {

	static final List<String> NAMES = List.of("q", "tags", "tagMode", "stage", "organisation", "kind", "field", "fieldOp",
			"fieldValue", "channel", "open");

	private ContactFilterForm() {
	}

	static ContactFilter from(Map<String, String> params) {
		List<String> tags = Arrays.stream(params.getOrDefault("tags", "").split("[,;]")).filter(t -> !t.isBlank()).toList();
		UUID organisation = null;
		String org = params.getOrDefault("organisation", "");
		if (!org.isBlank()) {
			try {
				organisation = UUID.fromString(org.strip());
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("'" + org + "' is not an organisation id.");
			}
		}
		String field = params.getOrDefault("field", "");
		List<ContactFilter.FieldCondition> fields = field.isBlank() ? List.of()
				: List.of(new ContactFilter.FieldCondition(field, params.get("fieldOp"), params.get("fieldValue")));
		String open = params.getOrDefault("open", "");
		Boolean hasOpen = open.equals("yes") ? Boolean.TRUE : open.equals("no") ? Boolean.FALSE : null;
		return new ContactFilter(tags, params.get("tagMode"), params.get("stage"), organisation, params.get("kind"), fields,
				params.get("channel"), hasOpen, params.get("q"));
	}

	/** Whether any filter parameter is set. */
	static boolean present(Map<String, String> params) {
		return NAMES.stream().anyMatch(n -> params.get(n) != null && !params.get(n).isBlank());
	}
}

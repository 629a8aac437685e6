package org.rapport.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an access request (Art. 15 GDPR): everything stored about a person, from this module (contact,
 * identities, consents, timeline) and from every {@link PersonalData} of the other modules, as one document.
 */
@Component
public class AccessExport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Contacts contacts;
	private final Consents consents;
	private final List<PersonalData> sources;

	AccessExport(Contacts contacts, Consents consents, List<PersonalData> sources) {
		this.contacts = contacts;
		this.consents = consents;
		this.sources = sources;
	}

	/** A consent as exported: what, on which basis, which wording, when, and whether and by whom withdrawn. */
	public record ExportedConsent(UUID id, String purpose, String lawfulBasis, String source, int textVersion,
			String textShown, String ipMasked, Instant givenAt, Instant withdrawnAt, String withdrawnBy) {
	}

	/** The contact's own record. */
	public record Person(UUID id, String name, String note, Instant createdAt) {
	}

	/**
	 * The whole export.
	 *
	 * @param data what other modules store, by {@link PersonalData#key()} (e.g. {@code conversations})
	 */
	public record Document(Instant exportedAt, Person contact, List<Contact.Identity> identities,
			List<ExportedConsent> consents, Map<String, Object> data, List<TimelineItem> timeline) {
	}

	public Document export(UUID workspaceId, UUID contactId) {
		Contact contact = contacts.get(workspaceId, contactId);
		Map<String, Object> data = new LinkedHashMap<>();
		for (PersonalData source : sources) {
			data.put(source.key(), source.export(workspaceId, contactId));
		}
		List<ExportedConsent> given = consents.of(workspaceId, contactId).stream()
			.map(c -> new ExportedConsent(c.id(), c.purpose(), c.lawfulBasis(), c.source(), c.textVersion(),
					c.textShown(), c.ipMasked(), c.givenAt(), c.withdrawnAt(), c.withdrawnBy()))
			.toList();
		return new Document(Instant.now(), new Person(contact.id(), contact.name(), contact.note(), contact.createdAt()),
				contact.identities(), given, data, contacts.timeline(workspaceId, contactId, 100_000));
	}

	/**
	 * One line of the readable form of a module's data: a heading (objects in lists) or a field and its value,
	 * indented by depth.
	 */
	public record Line(int depth, String label, String value, boolean heading) {
	}

	/** A module's data as indented lines, for the printable page; empty values are left out. */
	public static List<Line> lines(Object data) {
		List<Line> lines = new ArrayList<>();
		flatten(JSON.valueToTree(data), null, 0, lines);
		return lines;
	}

	private static void flatten(JsonNode node, String label, int depth, List<Line> lines) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return;
		}
		if (node.isObject()) {
			if (label != null) {
				lines.add(new Line(depth, label, "", true));
			}
			for (var field : node.properties()) {
				flatten(field.getValue(), field.getKey(), label == null ? depth : depth + 1, lines);
			}
		}
		else if (node.isArray()) {
			if (node.isEmpty()) {
				return;
			}
			if (label != null && !(node.get(0).isObject() || node.get(0).isArray())) {
				List<String> values = new ArrayList<>();
				node.forEach(v -> values.add(v.asString()));
				lines.add(new Line(depth, label, String.join(", ", values), false));
				return;
			}
			int i = 1;
			for (JsonNode element : node) {
				flatten(element, (label == null ? "" : label + " ") + i++, depth, lines);
			}
		}
		else {
			String value = node.asString();
			if (!value.isEmpty()) {
				lines.add(new Line(depth, label, value, false));
			}
		}
	}
}

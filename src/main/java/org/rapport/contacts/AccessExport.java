package org.rapport.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.AuditLog;
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
	private final AuditLog audit;

	AccessExport(Contacts contacts, Consents consents, List<PersonalData> sources, AuditLog audit) {
		this.contacts = contacts;
		this.consents = consents;
		this.sources = sources;
		this.audit = audit;
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

	/** The export, recorded in the audit log as {@code contact.exported} (with the contact's id only). */
	public Document export(UUID workspaceId, UUID contactId, UUID byUser, String ip) {
		Contact contact = contacts.get(workspaceId, contactId);
		audit.record(workspaceId, byUser, "contact.exported", "contact " + contactId, ip);
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
	 * One line of the readable form of a module's data: a heading (an object, e.g. one message) or a field and its
	 * value, indented by depth.
	 *
	 * @param key the field name, e.g. {@code subject} or {@code messages}; the page translates it where it can
	 * @param index for objects in a list, their position (1, 2, …), else 0
	 * @param title for headings, the object's subject or file name if it has one
	 * @param at the value as a point in time, when it is one, for showing in the reader's time zone
	 */
	public record Line(int depth, String key, int index, String title, String value, boolean heading, Instant at) {
	}

	private static final java.util.regex.Pattern INSTANT = java.util.regex.Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

	private static Instant instant(String value) {
		if (!INSTANT.matcher(value).matches()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (java.time.format.DateTimeParseException e) {
			return null;
		}
	}

	/** A module's data as indented lines, for the printable page; empty values are left out. */
	public static List<Line> lines(String key, Object data) {
		List<Line> lines = new ArrayList<>();
		flatten(JSON.valueToTree(data), key, 0, 0, lines);
		return lines;
	}

	private static void flatten(JsonNode node, String key, int index, int depth, List<Line> lines) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return;
		}
		if (node.isObject()) {
			String title = node.has("subject") ? node.get("subject").asString()
					: node.has("fileName") ? node.get("fileName").asString() : "";
			lines.add(new Line(depth, key, index, title, "", true, null));
			for (var field : node.properties()) {
				flatten(field.getValue(), field.getKey(), 0, depth + 1, lines);
			}
		}
		else if (node.isArray()) {
			if (node.isEmpty()) {
				return;
			}
			if (!(node.get(0).isObject() || node.get(0).isArray())) {
				List<String> values = new ArrayList<>();
				node.forEach(v -> values.add(v.asString()));
				lines.add(new Line(depth, key, 0, "", String.join(", ", values), false, null));
				return;
			}
			int i = 1;
			for (JsonNode element : node) {
				flatten(element, key, i++, depth, lines);
			}
		}
		else {
			String value = node.asString();
			if (!value.isEmpty()) {
				lines.add(new Line(depth, key, 0, "", value, false, instant(value)));
			}
		}
	}
}

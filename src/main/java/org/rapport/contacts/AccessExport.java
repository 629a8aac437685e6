package org.rapport.contacts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.AuditLog;
import org.springframework.stereotype.Component;

/**
 * Answers an access request (Art. 15 GDPR): everything stored about a person, from this module (contact,
 * identities, consents, timeline) and from every {@link PersonalData} of the other modules, as one document.
 */
@Component
public class AccessExport {

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
			data.put(source.key(), source.export(workspaceId, ContactId.of(contactId)));
		}
		List<ExportedConsent> given = consents.of(workspaceId, ContactId.of(contactId)).stream()
			.map(c -> new ExportedConsent(c.id(), c.purpose(), c.lawfulBasis(), c.source(), c.textVersion(),
					c.textShown(), c.ipMasked(), c.givenAt(), c.withdrawnAt(), c.withdrawnBy()))
			.toList();
		return new Document(Instant.now(), new Person(contact.id(), contact.name(), contact.note(), contact.createdAt()),
				contact.identities(), given, data, contacts.timeline(workspaceId, ContactId.of(contactId), 100_000));
	}
}

package org.rapport.contacts;

import java.util.List;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person (Art. 17 GDPR) in one transaction: every {@link PersonalData} of the other modules (conversations
 * with their messages and attachments, keeping only anonymised statistics), quarantined mails that mention one of
 * the person's identifiers, then the contact with its identities and consents. Optionally the identifiers are put
 * on the {@link ErasureBlocks} list (as salted hashes) so that new messages from them are dropped instead of
 * recreating the person. Final; the audit log records that it happened, never whom it concerned.
 */
@Component
public class Erasure {

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final List<PersonalData> sources;
	private final ErasureBlocks blocks;
	private final AuditLog audit;

	Erasure(JdbcClient jdbc, Contacts contacts, List<PersonalData> sources, ErasureBlocks blocks, AuditLog audit) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.sources = sources;
		this.blocks = blocks;
		this.audit = audit;
	}

	/** What an erasure removed, in numbers only. */
	public record Outcome(int records, int blockedIdentifiers) {
	}

	/** What an erasure would remove, to show before asking for confirmation. */
	public record Scope(Contact contact, int consents, List<PersonalData.Item> items) {
	}

	public Scope scope(UUID workspaceId, UUID contactId) {
		Contact contact = contacts.get(workspaceId, contactId);
		int consents = jdbc.sql("select count(*) from consents where contact_id = ? and workspace_id = ?")
			.params(contactId, workspaceId).query(Integer.class).single();
		return new Scope(contact, consents, sources.stream().flatMap(s -> s.itemsOf(workspaceId, ContactId.of(contactId)).stream()).toList());
	}

	/** Erases the contact on request of a member (or the API), and records it in the audit log. */
	@Transactional
	public Outcome erase(UUID workspaceId, UUID contactId, boolean blockRecreation, UUID byUser, String ip) {
		Outcome outcome = eraseQuietly(workspaceId, contactId, blockRecreation);
		audit.record(workspaceId, byUser, "contact.erased", "contact " + contactId + ": " + outcome.records()
				+ " records (conversations, quarantined mails, …)"
				+ (blockRecreation ? ", re-creation blocked for " + outcome.blockedIdentifiers() + " identifiers" : ""), ip);
		return outcome;
	}

	/** Erases without an audit entry of its own, for retention runs, which record one entry per run. */
	@Transactional
	Outcome eraseQuietly(UUID workspaceId, UUID contactId, boolean blockRecreation) {
		Contact contact = contacts.get(workspaceId, contactId);
		int records = 0;
		for (PersonalData source : sources) {
			records += source.itemsOf(workspaceId, ContactId.of(contactId)).size();
			source.erase(workspaceId, ContactId.of(contactId));
		}
		int identifiers = contact.identities().size();
		if (blockRecreation) {
			blocks.block(workspaceId, contact.identities());
		}
		// Identities and consents go with the contact (on delete cascade).
		// A merge record holds a snapshot of the absorbed person: it goes too, and that merge can no longer be undone.
		jdbc.sql("delete from contact_merges where workspace_id = ? and (survivor_id = ? or absorbed_id = ?)")
			.params(workspaceId, contactId, contactId)
			.update();
		jdbc.sql("delete from contacts where id = ? and workspace_id = ?").params(contactId, workspaceId).update();
		return new Outcome(records, blockRecreation ? identifiers : 0);
	}
}

package org.rapport.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.IpAddresses;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a person agreed to, for which purpose, on which lawful basis, when, where and to which wording. The IP
 * address is stored masked only. A consent can be withdrawn by staff or by the person through a signed link
 * ({@link ConsentLinks}); the record stays, with the time and who withdrew it.
 */
@Component
public class Consents {

	/** The lawful bases of Art. 6(1) GDPR, a to f. */
	public static final List<String> BASES_IN_ORDER = List.of("consent", "contract", "legal_obligation",
			"vital_interests", "public_task", "legitimate_interest");

	public static final Set<String> LAWFUL_BASES = Set.copyOf(BASES_IN_ORDER);

	/** The lawful bases in the order of the regulation, for choosing one. */
	public List<String> lawfulBases() {
		return BASES_IN_ORDER;
	}

	/** Who withdrew a consent: a member of the workspace, or the person through their link. */
	public static final String BY_STAFF = "staff";

	public static final String BY_PERSON = "person";

	private static final String COLUMNS = """
			id, purpose, lawful_basis, source, text_version, text_shown, ip_masked, given_at, withdrawn_at, withdrawn_by,
			contact_id, workspace_id""";

	private final JdbcClient jdbc;

	Consents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One consent (or other lawful basis) of a person for one purpose. */
	public record Consent(UUID id, String purpose, String lawfulBasis, String source, int textVersion, String textShown,
			String ipMasked, Instant givenAt, Instant withdrawnAt, String withdrawnBy, UUID contactId,
			UUID workspaceId) {

		public boolean active() {
			return withdrawnAt == null;
		}
	}

	/** Records a consent the person gave; does nothing without a contact (an erased person who is blocked). */
	public UUID record(UUID workspaceId, ContactId contact, String purpose, String source, int textVersion,
			String textShown, String ip) {
		return record(workspaceId, contact, purpose, "consent", source, textVersion, textShown, ip);
	}

	/** Records a purpose with its lawful basis; does nothing without a contact. */
	public UUID record(UUID workspaceId, ContactId contact, String purpose, String lawfulBasis, String source,
			int textVersion, String textShown, String ip) {
		if (contact == null) {
			return null;
		}
		UUID contactId = contact == null ? null : contact.value();
		if (purpose == null || purpose.isBlank() || purpose.length() > 100) {
			throw new IllegalArgumentException("A consent needs a purpose of at most 100 characters, e.g. 'newsletter'.");
		}
		String basis = lawfulBasis == null || lawfulBasis.isBlank() ? "consent" : lawfulBasis.strip();
		if (!LAWFUL_BASES.contains(basis)) {
			throw new IllegalArgumentException("Unknown lawful basis '" + basis + "'; use one of " + LAWFUL_BASES + ".");
		}
		if (source == null || source.isBlank()) {
			throw new IllegalArgumentException("A consent needs a source, e.g. 'blog' or 'event'.");
		}
		if (textShown == null || textShown.isBlank()) {
			throw new IllegalArgumentException("A consent needs the wording the person agreed to.");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into consents(id, workspace_id, contact_id, purpose, lawful_basis, source, text_version, text_shown, ip_masked)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, contactId, purpose.strip(), basis, source.strip(), textVersion, textShown.strip(),
					IpAddresses.mask(ip))
			.update();
		return id;
	}

	public List<Consent> of(UUID workspaceId, ContactId contact) {
		UUID contactId = contact == null ? null : contact.value();
		return jdbc.sql("select " + COLUMNS + " from consents where workspace_id = ? and contact_id = ? order by given_at desc, id")
			.params(workspaceId, contactId)
			.query((rs, n) -> map(rs))
			.list();
	}

	/** A consent of any workspace, for the person's own withdrawal link. */
	public Optional<Consent> find(UUID consentId) {
		return jdbc.sql("select " + COLUMNS + " from consents where id = ?").param(consentId).query((rs, n) -> map(rs)).optional();
	}

	/**
	 * Withdraws a consent, recording when and by whom ({@link #BY_STAFF} or {@link #BY_PERSON}). Withdrawing again
	 * changes nothing. Returns the consent as it is now.
	 */
	public Consent withdraw(UUID workspaceId, UUID consentId, String by) {
		if (!BY_STAFF.equals(by) && !BY_PERSON.equals(by)) {
			throw new IllegalArgumentException("A consent is withdrawn by 'staff' or 'person'.");
		}
		jdbc.sql("update consents set withdrawn_at = now(), withdrawn_by = ? where id = ? and workspace_id = ? and withdrawn_at is null")
			.params(by, consentId, workspaceId)
			.update();
		return find(consentId).filter(c -> c.workspaceId().equals(workspaceId))
			.orElseThrow(() -> new NotFoundException("No consent " + consentId + " in this workspace."));
	}

	private static Consent map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Consent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
				rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
				rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(), rs.getString(10),
				rs.getObject(11, UUID.class), rs.getObject(12, UUID.class));
	}
}

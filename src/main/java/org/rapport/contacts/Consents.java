package org.rapport.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.IpAddresses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a person agreed to, when, where and to which wording. The IP address is stored masked only.
 */
@Component
public class Consents {

	private final JdbcClient jdbc;

	Consents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Consent(UUID id, String purpose, String lawfulBasis, String source, int textVersion, String textShown,
			String ipMasked, Instant givenAt, Instant withdrawnAt) {
	}

	public UUID record(UUID workspaceId, UUID contactId, String purpose, String source, int textVersion,
			String textShown, String ip) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into consents(id, workspace_id, contact_id, purpose, source, text_version, text_shown, ip_masked)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, contactId, purpose, source, textVersion, textShown, IpAddresses.mask(ip))
			.update();
		return id;
	}

	public List<Consent> of(UUID workspaceId, UUID contactId) {
		return jdbc.sql("""
				select id, purpose, lawful_basis, source, text_version, text_shown, ip_masked, given_at, withdrawn_at
				from consents where workspace_id = ? and contact_id = ? order by given_at desc""")
			.params(workspaceId, contactId)
			.query((rs, n) -> new Consent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
					rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()))
			.list();
	}
}

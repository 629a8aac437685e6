package org.rapport.contacts;

import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Identifiers of erased people who asked not to be recorded again. Only a salted hash (HMAC-SHA256 with a secret
 * of the installation) of {@code kind:value} is stored, so the list itself names nobody; a blocked identifier is
 * never turned into a contact by {@link Contacts#resolve}, and the ingestion pipeline drops its messages.
 */
@Component
public class ErasureBlocks {

	private static final String SALT = "erasure-block-salt";

	private final JdbcClient jdbc;
	private final InstallationSecrets secrets;

	ErasureBlocks(JdbcClient jdbc, InstallationSecrets secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	String hash(String kind, String normalisedValue) {
		return HexFormat.of().formatHex(secrets.hmac(SALT, kind + ":" + normalisedValue));
	}

	void block(UUID workspaceId, Collection<Contact.Identity> identities) {
		for (Contact.Identity identity : identities) {
			jdbc.sql("insert into erasure_blocks(workspace_id, identifier_hash) values (?, ?) on conflict do nothing")
				.params(workspaceId, hash(identity.kind(), identity.value()))
				.update();
		}
	}

	/** Whether the (normalised) identifier belongs to an erased person who asked not to be recreated. */
	public boolean isBlocked(UUID workspaceId, String kind, String normalisedValue) {
		return !blocked(workspaceId, List.of(new IdentityClaim(kind, normalisedValue, null))).isEmpty();
	}

	/** Those of the (normalised) claims that are blocked. */
	Set<IdentityClaim> blocked(UUID workspaceId, Collection<IdentityClaim> claims) {
		if (claims.isEmpty()) {
			return Set.of();
		}
		List<IdentityClaim> list = List.copyOf(claims);
		String[] hashes = list.stream().map(c -> hash(c.kind(), c.value())).toArray(String[]::new);
		Set<String> found = new HashSet<>(jdbc.sql(
				"select identifier_hash from erasure_blocks where workspace_id = ? and identifier_hash = any(?::text[])")
			.params(workspaceId, hashes)
			.query(String.class)
			.list());
		Set<IdentityClaim> result = new HashSet<>();
		for (int i = 0; i < list.size(); i++) {
			if (found.contains(hashes[i])) {
				result.add(list.get(i));
			}
		}
		return result;
	}

	/** How many identifiers of the workspace are blocked. */
	public int count(UUID workspaceId) {
		return jdbc.sql("select count(*) from erasure_blocks where workspace_id = ?").param(workspaceId)
			.query(Integer.class).single();
	}
}

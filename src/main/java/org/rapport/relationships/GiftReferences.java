package org.rapport.relationships;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.ContactReferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves gifts when contacts are merged, in both columns that name a contact: what was given to the absorbed
 * contact ({@code contact_id}, key {@code gifts}) and introductions of others to them ({@code other_contact_id}, key
 * {@code introductions}, a second bean below). Undo moves exactly those rows back.
 */
@Component
class GiftReferences implements ContactReferences {

	private final JdbcClient jdbc;

	GiftReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "gifts";
	}

	@Override
	public Set<String> tables() {
		return Set.of("gifts");
	}

	@Override
	public List<UUID> move(UUID workspaceId, UUID from, UUID to) {
		return jdbc.sql("update gifts set contact_id = ? where contact_id = ? and workspace_id = ? returning id")
			.params(to, from, workspaceId)
			.query(UUID.class)
			.list();
	}

	@Override
	public int restore(UUID workspaceId, UUID from, UUID to, List<UUID> moved) {
		return jdbc.sql("update gifts set contact_id = ? where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?")
			.params(from, moved.toArray(UUID[]::new), to, workspaceId)
			.update();
	}

	/** The other side of introductions. */
	@Component
	static class Introductions implements ContactReferences {

		private final JdbcClient jdbc;

		Introductions(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String key() {
			return "introductions";
		}

		@Override
		public Set<String> tables() {
			return Set.of("gifts");
		}

		@Override
		public List<UUID> move(UUID workspaceId, UUID from, UUID to) {
			return jdbc.sql("update gifts set other_contact_id = ? where other_contact_id = ? and workspace_id = ? returning id")
				.params(to, from, workspaceId)
				.query(UUID.class)
				.list();
		}

		@Override
		public int restore(UUID workspaceId, UUID from, UUID to, List<UUID> moved) {
			return jdbc.sql("""
					update gifts set other_contact_id = ?
					where id = any(?::uuid[]) and other_contact_id = ? and workspace_id = ?""")
				.params(from, moved.toArray(UUID[]::new), to, workspaceId)
				.update();
		}
	}
}

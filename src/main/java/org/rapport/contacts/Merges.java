package org.rapport.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.RecordId;
import org.rapport.platform.AuditLog;
import org.rapport.platform.ContactId;
import org.rapport.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges one contact into another and undoes merges exactly. A merge moves everything that belongs to the
 * absorbed contact (identities, consents, conversations and any other row that references it) to the survivor,
 * keeps the survivor's name unless it is empty, appends the absorbed contact's note, and removes the absorbed
 * contact. It records a snapshot of the absorbed contact and the id of every moved row, so that an undo puts both
 * contacts back as they were, with the same ids. Nothing here merges on its own; a person asks for each merge.
 */
@Component
public class Merges {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Tables this module moves itself; contact_keys follows identities and names by trigger. */
	private static final Set<String> OWN_TABLES = Set.of("identities", "consents", "contact_keys");

	private final JdbcClient jdbc;
	private final List<ContactReferences> references;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;

	Merges(JdbcClient jdbc, List<ContactReferences> references, ApplicationEventPublisher events, AuditLog audit) {
		this.jdbc = jdbc;
		this.references = references;
		this.events = events;
		this.audit = audit;
	}

	/**
	 * A recorded merge.
	 *
	 * @param survivorName the survivor's name now, or {@code null} if it no longer exists
	 * @param absorbedName the absorbed contact's name as it was before the merge
	 */
	public record Merge(UUID id, UUID survivorId, UUID absorbedId, String survivorName, String absorbedName,
			Instant mergedAt, UUID mergedBy, Instant undoneAt) {
	}

	/** What an undo did. {@code keptEdits} lists fields of the survivor that were edited after the merge and kept. */
	public record Undone(UUID mergeId, UUID survivorId, UUID restoredId, List<String> keptEdits) {
	}

	/**
	 * Merges contact {@code otherId} into contact {@code survivorId} in one transaction.
	 *
	 * @return the id of the merge, to undo it with
	 * @throws IllegalArgumentException when both ids are the same contact
	 * @throws NotFoundException when either contact is not in the workspace
	 * @throws IllegalStateException when a row cannot be moved (a unique constraint of another module)
	 */
	@Transactional
	public UUID merge(UUID workspaceId, UUID userId, UUID survivorId, UUID otherId, String ip) {
		if (survivorId == null || otherId == null) {
			throw new IllegalArgumentException("A merge needs the contact to keep and otherId, the contact to merge into it.");
		}
		if (survivorId.equals(otherId)) {
			throw new IllegalArgumentException("A contact cannot be merged into itself: choose a different contact.");
		}
		// Lock both rows, in id order so that two opposite merges cannot deadlock. Ingestion that wants to add a
		// conversation to either contact waits for this transaction (its foreign key check needs a share lock).
		List<UUID> locked = jdbc.sql("""
				select id from contacts where workspace_id = ? and id = any(?::uuid[]) order by id for update""")
			.params(workspaceId, new UUID[] { survivorId, otherId })
			.query(UUID.class)
			.list();
		for (UUID id : List.of(survivorId, otherId)) {
			if (!locked.contains(id)) {
				throw new NotFoundException("No contact " + id + " in this workspace.");
			}
		}
		String absorbed = rowJson(otherId);
		String survivorBefore = rowJson(survivorId);
		String identities = jdbc.sql("""
				select coalesce(jsonb_agg(to_jsonb(i) order by i.id), '[]')::text from identities i where i.contact_id = ?""")
			.param(otherId).query(String.class).single();
		String consents = jdbc.sql("""
				select coalesce(jsonb_agg(to_jsonb(k) order by k.id), '[]')::text from consents k where k.contact_id = ?""")
			.param(otherId).query(String.class).single();

		ObjectNode moved = JSON.createObjectNode();
		moved.set("identities", ids(jdbc.sql("""
				update identities set contact_id = ? where contact_id = ? and workspace_id = ? returning id""")
			.params(survivorId, otherId, workspaceId).query(UUID.class).list()));
		moved.set("consents", ids(jdbc.sql("""
				update consents set contact_id = ? where contact_id = ? and workspace_id = ? returning id""")
			.params(survivorId, otherId, workspaceId).query(UUID.class).list()));
		ObjectNode byReference = moved.putObject("references");
		Set<String> claimed = new HashSet<>(OWN_TABLES);
		for (ContactReferences reference : references) {
			byReference.set(reference.key(),
					ids(reference.move(workspaceId, ContactId.of(otherId), ContactId.of(survivorId)).stream().map(RecordId::value).toList()));
			claimed.addAll(reference.tables());
		}
		moved.set("rows", moveUnclaimedRows(claimed, otherId, survivorId));

		jdbc.sql("""
				update contacts s set
				  name = case when btrim(s.name) = '' then o.name else s.name end,
				  note = case when btrim(o.note) = '' then s.note when btrim(s.note) = '' then o.note
				              else s.note || E'\\n\\n' || o.note end,
				  updated_at = now()
				from contacts o where s.id = ? and o.id = ?""")
			.params(survivorId, otherId)
			.update();
		jdbc.sql("delete from contacts where id = ? and workspace_id = ?").params(otherId, workspaceId).update();
		String survivorAfter = rowJson(survivorId);

		UUID mergeId = UUID.randomUUID();
		jdbc.sql("""
				insert into contact_merges(id, workspace_id, survivor_id, absorbed_id, absorbed, identities, consents,
				  survivor_before, survivor_after, moved, merged_by)
				values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?)""")
			.params(mergeId, workspaceId, survivorId, otherId, absorbed, identities, consents, survivorBefore,
					survivorAfter, JSON.writeValueAsString(moved), userId)
			.update();
		audit.record(workspaceId, userId, "contact.merged", "Merged contact " + otherId + " into " + survivorId
				+ " (merge " + mergeId + ", " + summary(moved) + ")", ip);
		events.publishEvent(new ContactsMerged(workspaceId, mergeId, survivorId, otherId));
		return mergeId;
	}

	/**
	 * Undoes a merge: the absorbed contact exists again with its id, name, note, identities and consents, and every
	 * moved row goes back to it. The survivor gets back its name and note unless someone edited them after the
	 * merge; such edits are kept and reported.
	 *
	 * @throws NotFoundException when there is no such merge in the workspace
	 * @throws IllegalStateException when the merge was already undone, a later merge involved either contact, or
	 *         the survivor no longer exists
	 */
	@Transactional
	public Undone undo(UUID workspaceId, UUID userId, UUID mergeId, String ip) {
		var m = jdbc.sql("""
				select seq, survivor_id, absorbed_id, absorbed::text, identities::text, consents::text,
				  survivor_before::text, survivor_after::text, moved::text, undone_at
				from contact_merges where id = ? and workspace_id = ? for update""")
			.params(mergeId, workspaceId)
			.query((rs, n) -> new Recorded(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getString(9), rs.getTimestamp(10)))
			.optional()
			.orElseThrow(() -> new NotFoundException("No merge " + mergeId + " in this workspace."));
		if (m.undoneAt() != null) {
			throw new IllegalStateException("This merge was already undone.");
		}
		// Lock the survivor first: a merge into it that commits meanwhile is then seen by the check below.
		boolean survivorExists = !jdbc.sql("select id from contacts where id = ? and workspace_id = ? for update")
			.params(m.survivorId(), workspaceId).query(UUID.class).list().isEmpty();
		Optional<UUID> later = jdbc.sql("""
				select id from contact_merges
				where workspace_id = ? and seq > ? and undone_at is null
				  and (survivor_id = any(?::uuid[]) or absorbed_id = any(?::uuid[]))
				order by seq desc limit 1""")
			.params(workspaceId, m.seq(), new UUID[] { m.survivorId(), m.absorbedId() },
					new UUID[] { m.survivorId(), m.absorbedId() })
			.query(UUID.class)
			.optional();
		if (later.isPresent()) {
			throw new IllegalStateException("A later merge (" + later.get()
					+ ") involved the same contacts; undo that one first.");
		}
		if (!survivorExists) {
			throw new IllegalStateException("The contact this merge went into no longer exists, so it cannot be undone.");
		}
		if (!jdbc.sql("select id from contacts where id = ?").param(m.absorbedId()).query(UUID.class).list().isEmpty()) {
			throw new IllegalStateException("Contact " + m.absorbedId() + " exists again already.");
		}
		JsonNode moved = JSON.readTree(m.moved());
		UUID from = m.absorbedId();
		UUID to = m.survivorId();

		jdbc.sql("insert into contacts select * from jsonb_populate_record(null::contacts, ?::jsonb)")
			.param(m.absorbed()).update();
		jdbc.sql("update identities set contact_id = ? where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?")
			.params(from, uuids(moved.get("identities")), to, workspaceId).update();
		// Identities or consents removed after the merge come back too, unless the same identity exists again.
		jdbc.sql("""
				insert into identities select * from jsonb_populate_recordset(null::identities, ?::jsonb)
				on conflict do nothing""")
			.param(m.identities()).update();
		jdbc.sql("update consents set contact_id = ? where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?")
			.params(from, uuids(moved.get("consents")), to, workspaceId).update();
		jdbc.sql("""
				insert into consents select * from jsonb_populate_recordset(null::consents, ?::jsonb)
				on conflict do nothing""")
			.param(m.consents()).update();
		JsonNode byReference = moved.get("references");
		for (ContactReferences reference : references) {
			JsonNode ids = byReference.get(reference.key());
			if (ids != null && !ids.isEmpty()) {
				reference.restore(workspaceId, ContactId.of(from), ContactId.of(to),
						Arrays.stream(uuids(ids)).map(RecordId::of).toList());
			}
		}
		restoreRows(moved.get("rows"), from, to);

		List<String> keptEdits = new ArrayList<>();
		JsonNode before = JSON.readTree(m.survivorBefore());
		JsonNode after = JSON.readTree(m.survivorAfter());
		var now = jdbc.sql("select name, note from contacts where id = ?").param(to)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).single();
		boolean nameUnchanged = now[0].equals(after.get("name").asString());
		boolean noteUnchanged = now[1].equals(after.get("note").asString());
		if (!nameUnchanged) {
			keptEdits.add("name");
		}
		if (!noteUnchanged) {
			keptEdits.add("note");
		}
		jdbc.sql("""
				update contacts set name = ?, note = ?,
				  updated_at = case when ? then (?::jsonb ->> 'updated_at')::timestamptz else now() end
				where id = ?""")
			.params(nameUnchanged ? before.get("name").asString() : now[0],
					noteUnchanged ? before.get("note").asString() : now[1], nameUnchanged && noteUnchanged,
					m.survivorBefore(), to)
			.update();

		jdbc.sql("update contact_merges set undone_at = now(), undone_by = ? where id = ?").params(userId, mergeId).update();
		audit.record(workspaceId, userId, "contact.merge-undone", "Undid merge " + mergeId + ": contact " + from
				+ " separated again from " + to, ip);
		events.publishEvent(new MergeUndone(workspaceId, mergeId, to, from));
		return new Undone(mergeId, to, from, keptEdits);
	}

	/** A merge of the workspace, or empty. */
	public Optional<Merge> find(UUID workspaceId, UUID mergeId) {
		return jdbc.sql("""
				select m.id, m.survivor_id, m.absorbed_id, s.name, m.absorbed ->> 'name', m.merged_at, m.merged_by, m.undone_at
				from contact_merges m left join contacts s on s.id = m.survivor_id
				where m.id = ? and m.workspace_id = ?""")
			.params(mergeId, workspaceId)
			.query((rs, n) -> new Merge(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
					rs.getObject(7, UUID.class), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
			.optional();
	}

	private record Recorded(long seq, UUID survivorId, UUID absorbedId, String absorbed, String identities,
			String consents, String survivorBefore, String survivorAfter, String moved, java.sql.Timestamp undoneAt) {
	}

	private record ForeignKey(String table, String relname, String column, String[] primaryKey) {
	}

	/** Every single-column foreign key to contacts(id), with the primary key columns of its table. */
	private List<ForeignKey> foreignKeys() {
		return jdbc.sql("""
				select con.conrelid::regclass::text, cl.relname, a.attname,
				  (select array_agg(pa.attname::text order by k.ord)
				   from pg_index ix cross join unnest(ix.indkey) with ordinality as k(attnum, ord)
				   join pg_attribute pa on pa.attrelid = ix.indrelid and pa.attnum = k.attnum
				   where ix.indrelid = con.conrelid and ix.indisprimary)
				from pg_constraint con
				join pg_class cl on cl.oid = con.conrelid
				join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
				where con.contype = 'f' and con.confrelid = 'contacts'::regclass and cardinality(con.conkey) = 1
				order by 1, 3""")
			.query((rs, n) -> new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getArray(4) == null ? null : (String[]) rs.getArray(4).getArray()))
			.list();
	}

	private ArrayNode moveUnclaimedRows(Set<String> claimed, UUID from, UUID to) {
		ArrayNode result = JSON.createArrayNode();
		for (ForeignKey fk : foreignKeys()) {
			if (claimed.contains(fk.relname())) {
				continue;
			}
			if (fk.primaryKey() == null) {
				int rows = jdbc.sql("select count(*) from " + fk.table() + " where " + quote(fk.column()) + " = ?")
					.param(from).query(Integer.class).single();
				if (rows > 0) {
					throw new IllegalStateException("Rows of " + fk.table() + " refer to the contact but the table has no "
							+ "primary key, so a merge could not be undone. Nothing was merged.");
				}
				continue;
			}
			List<String> keys;
			try {
				keys = jdbc.sql("update " + fk.table() + " set " + quote(fk.column()) + " = ? where "
						+ quote(fk.column()) + " = ? returning " + keyExpression(fk) + "::text")
					.params(to, from)
					.query(String.class)
					.list();
			}
			catch (DataIntegrityViolationException e) {
				throw new IllegalStateException("Could not move the rows of " + fk.table() + " to the other contact "
						+ "(both contacts have a conflicting entry there). Nothing was merged.", e);
			}
			if (!keys.isEmpty()) {
				ObjectNode entry = result.addObject();
				entry.put("table", fk.table());
				entry.put("column", fk.column());
				ArrayNode keyArray = entry.putArray("keys");
				keys.forEach(k -> keyArray.add(JSON.readTree(k)));
			}
		}
		return result;
	}

	private void restoreRows(JsonNode rows, UUID from, UUID to) {
		if (rows == null) {
			return;
		}
		Map<String, ForeignKey> known = new LinkedHashMap<>();
		for (ForeignKey fk : foreignKeys()) {
			known.put(fk.table() + "." + fk.column(), fk);
		}
		for (JsonNode entry : rows) {
			ForeignKey fk = known.get(entry.get("table").asString() + "." + entry.get("column").asString());
			if (fk == null || fk.primaryKey() == null) {
				continue; // the table or its reference is gone since: nothing to put back
			}
			jdbc.sql("update " + fk.table() + " set " + quote(fk.column()) + " = ? where " + quote(fk.column())
					+ " = ? and " + keyExpression(fk) + " in (select jsonb_array_elements(?::jsonb))")
				.params(from, to, JSON.writeValueAsString(entry.get("keys")))
				.update();
		}
	}

	private static String keyExpression(ForeignKey fk) {
		StringBuilder sql = new StringBuilder("jsonb_build_object(");
		for (int i = 0; i < fk.primaryKey().length; i++) {
			String column = fk.primaryKey()[i];
			sql.append(i == 0 ? "" : ", ").append("'").append(column.replace("'", "''")).append("', ").append(quote(column));
		}
		return sql.append(")").toString();
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private String rowJson(UUID contactId) {
		return jdbc.sql("select to_jsonb(c)::text from contacts c where c.id = ?").param(contactId).query(String.class).single();
	}

	private static ArrayNode ids(List<UUID> ids) {
		ArrayNode array = JSON.createArrayNode();
		ids.forEach(id -> array.add(id.toString()));
		return array;
	}

	private static UUID[] uuids(JsonNode array) {
		List<UUID> result = new ArrayList<>();
		if (array != null) {
			array.forEach(n -> result.add(UUID.fromString(n.asString())));
		}
		return result.toArray(UUID[]::new);
	}

	private static String summary(JsonNode moved) {
		StringBuilder text = new StringBuilder();
		text.append(moved.get("identities").size()).append(" identities, ").append(moved.get("consents").size())
			.append(" consents");
		moved.get("references").properties().forEach(e -> text.append(", ").append(e.getValue().size()).append(' ')
			.append(e.getKey()));
		moved.get("rows").forEach(r -> text.append(", ").append(r.get("keys").size()).append(" rows of ")
			.append(r.get("table").asString()));
		return text.toString();
	}
}

package org.rapport.contacts;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every contact of a workspace as CSV or vCard 4.0. */
@Component
public class ContactExports {

	public static final List<String> CSV_COLUMNS = List.of("id", "name", "emails", "phones", "tags", "note",
			"created_at");

	private final JdbcClient jdbc;

	ContactExports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Exported(UUID id, String name, List<String> emails, List<String> phones, List<String> tags, String note,
			Instant createdAt) {
	}

	List<Exported> all(UUID workspaceId) {
		return jdbc.sql("""
				select c.id, c.name, c.note, c.created_at,
				  array(select value from identities i where i.contact_id = c.id and i.kind = 'email' order by i.created_at, i.value),
				  array(select value from identities i where i.contact_id = c.id and i.kind = 'phone' order by i.created_at, i.value),
				  array(select tag from contact_tags t where t.contact_id = c.id order by t.tag)
				from contacts c where c.workspace_id = ? order by lower(c.name), c.id""")
			.param(workspaceId)
			.query((rs, n) -> new Exported(rs.getObject(1, UUID.class), rs.getString(2), strings(rs.getArray(5)),
					strings(rs.getArray(6)), strings(rs.getArray(7)), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
	}

	private static List<String> strings(Array array) throws SQLException {
		Object[] values = (Object[]) array.getArray();
		List<String> result = new ArrayList<>(values.length);
		for (Object v : values) {
			result.add((String) v);
		}
		return result;
	}

	/** The columns of {@link #CSV_COLUMNS}, then one column per custom field, named by its key. */
	public String csv(UUID workspaceId) {
		List<String> fieldKeys = jdbc.sql("select key from custom_fields where workspace_id = ? order by created_at, key")
			.param(workspaceId).query(String.class).list();
		List<String> header = new ArrayList<>(CSV_COLUMNS);
		header.addAll(fieldKeys);
		Map<UUID, Map<String, String>> values = new HashMap<>();
		jdbc.sql("""
				select v.contact_id, f.key, v.value from contact_field_values v join custom_fields f on f.id = v.field_id
				where v.workspace_id = ? and v.held_for is null""")
			.param(workspaceId)
			.query(rs -> {
				values.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
			});
		StringBuilder out = new StringBuilder(Csv.line(header));
		for (Exported c : all(workspaceId)) {
			List<String> line = new ArrayList<>(List.of(c.id().toString(), c.name(), String.join("; ", c.emails()),
					String.join("; ", c.phones()), String.join("; ", c.tags()), c.note() == null ? "" : c.note(),
					c.createdAt().toString()));
			Map<String, String> own = values.getOrDefault(c.id(), Map.of());
			fieldKeys.forEach(k -> line.add(own.getOrDefault(k, "")));
			out.append(Csv.line(line));
		}
		return out.toString();
	}

	public String vcard(UUID workspaceId) {
		return VCards.write(all(workspaceId).stream()
			.map(c -> new VCards.Out(c.id().toString(), c.name(), c.emails(), c.phones(), c.tags(), c.note()))
			.toList());
	}
}

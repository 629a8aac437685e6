package org.rapport.federation;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * Notes and activities the workspace sent, kept so that each can be fetched at its id: remote servers dereference
 * the notes a reply answers, and some check an Accept's Follow or a Like before they trust it.
 */
@Component
public class LocalObjectStore {

	private final JdbcClient jdbc;

	LocalObjectStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void save(UUID id, UUID workspaceId, String kind, UUID messageId, ObjectNode object) {
		ObjectNode stored = object.deepCopy();
		jdbc.sql("""
				insert into ap_local_objects(id, workspace_id, kind, message_id, object) values (?, ?, ?, ?, ?::jsonb)
				on conflict (id) do update set object = excluded.object""")
			.params(id, workspaceId, kind, messageId, Documents.JSON.writeValueAsString(stored))
			.update();
	}

	public Optional<ObjectNode> find(UUID workspaceId, String kind, UUID id) {
		return jdbc.sql("select object::text from ap_local_objects where id = ? and workspace_id = ? and kind = ?")
			.params(id, workspaceId, kind)
			.query(String.class).optional()
			.map(text -> (ObjectNode) Documents.JSON.readTree(text));
	}

	/** The note sent for an inbox reply, if one was. */
	Optional<UUID> noteOfMessage(UUID messageId) {
		return jdbc.sql("select id from ap_local_objects where message_id = ?").param(messageId).query(UUID.class).optional();
	}
}

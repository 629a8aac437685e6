package org.rapport.authenticity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * The team's judgements of accounts and comments, and the models each workspace learned from them.
 */
@Repository
class Judgements {

	static final String PROFILES = "profiles";
	static final String COMMENTS = "comments";
	static final String TRIAGE = "triage";
	static final String TRIAGE_KIND = "triage-kind";
	static final String TRIAGE_SENTIMENT = "triage-sentiment";
	static final String TRIAGE_LANGUAGE = "triage-language";

	/** A stored model and how many judgements it learned from; {@code version} grows with every training. */
	record StoredModel(byte[] model, int trainedOn, long version) {
	}

	/** A judgement: what it is about ({@code key}), what was judged (a profile as JSON, a comment's text), the label. */
	record Judged(String key, String item, String label, UUID contactId) {

		Judged(String key, String item, String label) {
			this(key, item, label, null);
		}
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	Judgements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the team's judgements of one kind and answers all of the workspace's judgements of that kind, the
	 * newest {@code limit}, in a fixed order. Holds the workspace's model of this kind until the transaction ends, so
	 * that two calls that teach it train one after the other and the later model includes both.
	 */
	List<Judged> judge(UUID workspaceId, String kind, UUID by, List<Judged> judged, int limit) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('authenticity:' || ?::text || ':' || ?))").param(workspaceId)
			.param(kind).query().listOfRows();
		for (Judged j : judged) {
			jdbc.sql("""
					insert into authenticity_judgements (workspace_id, kind, item_key, item, label, labelled_by, contact_id)
					values (?, ?, ?, ?, ?, ?, ?)
					on conflict (workspace_id, kind, item_key) do update
					set item = excluded.item, label = excluded.label, labelled_by = excluded.labelled_by, labelled_at = now(),
					  contact_id = coalesce(excluded.contact_id, authenticity_judgements.contact_id)""")
				.params(workspaceId, kind, j.key(), j.item(), j.label(), by, j.contactId()).update();
		}
		return jdbc.sql("""
				select item_key, item, label from (select * from authenticity_judgements where workspace_id = ? and kind = ?
				order by labelled_at desc, item_key limit ?) newest order by item_key""")
			.params(workspaceId, kind, limit)
			.query((rs, n) -> new Judged(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** A judgement made on a contact's message: for the person's access export. */
	record OfContact(String kind, String label, String text, java.time.Instant labelledAt) {
	}

	/** The judgements made on the contact's messages, oldest first. */
	List<OfContact> ofContact(UUID workspaceId, UUID contactId) {
		return jdbc.sql("""
				select kind, label, item, labelled_at from authenticity_judgements
				where workspace_id = ? and contact_id = ? order by labelled_at, item_key""")
			.params(workspaceId, contactId)
			.query((rs, n) -> new OfContact(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Removes the judgements made on the contact's messages; answers the kinds that lost one. */
	List<String> eraseContact(UUID workspaceId, UUID contactId) {
		return jdbc.sql("""
				delete from authenticity_judgements where workspace_id = ? and contact_id = ? returning kind""")
			.params(workspaceId, contactId)
			.query(String.class)
			.list().stream().distinct().toList();
	}

	/** The workspace's judgements of one kind, the newest {@code limit}, in a fixed order; without recording any. */
	List<Judged> of(UUID workspaceId, String kind, int limit) {
		return jdbc.sql("""
				select item_key, item, label from (select * from authenticity_judgements where workspace_id = ? and kind = ?
				order by labelled_at desc, item_key limit ?) newest order by item_key""")
			.params(workspaceId, kind, limit)
			.query((rs, n) -> new Judged(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	static String json(Profile profile) {
		return JSON.writeValueAsString(profile);
	}

	static Profile profile(String json) {
		return JSON.readValue(json, Profile.class);
	}

	Optional<StoredModel> model(UUID workspaceId, String kind) {
		return jdbc.sql("select model, trained_on, version from authenticity_models where workspace_id = ? and kind = ?")
			.params(workspaceId, kind)
			.query((rs, n) -> new StoredModel(rs.getBytes(1), rs.getInt(2), rs.getLong(3)))
			.optional();
	}

	Optional<Long> version(UUID workspaceId, String kind) {
		return jdbc.sql("select version from authenticity_models where workspace_id = ? and kind = ?")
			.params(workspaceId, kind).query(Long.class).optional();
	}

	void saveModel(UUID workspaceId, String kind, byte[] model, int trainedOn) {
		jdbc.sql("""
				insert into authenticity_models (workspace_id, kind, model, trained_on, version) values (?, ?, ?, ?, 1)
				on conflict (workspace_id, kind) do update
				set model = excluded.model, trained_on = excluded.trained_on, version = authenticity_models.version + 1,
				    trained_at = now()""")
			.params(workspaceId, kind, model, trainedOn).update();
	}
}

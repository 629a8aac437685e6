package org.rapport.authenticity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * The team's judgements of accounts and comments, and the models each workspace learned from them. Callers that
 * learn hold {@link #lock}, so that two teaching calls of one workspace train one after the other and the later
 * model includes both.
 */
@Repository
class Judgements {

	static final String PROFILES = "profiles";
	static final String COMMENTS = "comments";

	/** A stored model and how many judgements it learned from; {@code version} grows with every training. */
	record StoredModel(byte[] model, int trainedOn, long version) {
	}

	/** A judged comment. */
	record JudgedComment(String text, boolean spam) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	Judgements(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Holds the workspace's model of this kind until the transaction ends. */
	void lock(UUID workspaceId, String kind) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('authenticity:' || ?::text || ':' || ?))").param(workspaceId)
			.param(kind).query().listOfRows();
	}

	void judgeProfiles(UUID workspaceId, UUID by, List<Profile> profiles) {
		for (Profile profile : profiles) {
			String key = (profile.network() == null ? "" : profile.network()) + ':' + profile.id();
			jdbc.sql("""
					insert into authenticity_profile_labels (workspace_id, profile_key, profile, label, labelled_by)
					values (?, ?, cast(? as jsonb), ?, ?)
					on conflict (workspace_id, profile_key) do update
					set profile = excluded.profile, label = excluded.label, labelled_by = excluded.labelled_by, labelled_at = now()""")
				.params(workspaceId, key, JSON.writeValueAsString(profile), profile.label(), by).update();
		}
	}

	List<Profile> judgedProfiles(UUID workspaceId) {
		return jdbc.sql("select profile::text, label from authenticity_profile_labels where workspace_id = ? order by profile_key")
			.param(workspaceId)
			.query((rs, n) -> JSON.readValue(rs.getString(1), Profile.class).labelled(rs.getString(2)))
			.list();
	}

	void judgeComments(UUID workspaceId, UUID by, List<Comment> comments) {
		for (Comment comment : comments) {
			jdbc.sql("""
					insert into authenticity_comment_labels (workspace_id, comment_key, text, label, labelled_by)
					values (?, ?, ?, ?, ?)
					on conflict (workspace_id, comment_key) do update
					set text = excluded.text, label = excluded.label, labelled_by = excluded.labelled_by, labelled_at = now()""")
				.params(workspaceId, comment.id(), comment.text(), comment.label(), by).update();
		}
	}

	/** The newest {@code limit} judged comments, in a fixed order. */
	List<JudgedComment> judgedComments(UUID workspaceId, int limit) {
		return jdbc.sql("""
				select text, label from (select * from authenticity_comment_labels where workspace_id = ?
				order by labelled_at desc, comment_key limit ?) newest order by comment_key""")
			.params(workspaceId, limit)
			.query((rs, n) -> new JudgedComment(rs.getString(1), rs.getString(2).equals("spam")))
			.list();
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

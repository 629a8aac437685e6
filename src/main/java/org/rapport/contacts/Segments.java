package org.rapport.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Saved segments: named {@link ContactFilter filters} over contacts. A filter becomes one set-based SQL query of
 * contact ids ({@link Selection}), which the contact list runs and the inbox embeds as
 * {@code contact_id in (…)}, so no filter ever loops over contacts one by one. The conditions on conversations
 * (channel, open conversation) ask the inbox once for the set of contacts they hold for
 * ({@link ContactConversations}) and embed it as an array of ids.
 */
@Component("segments")
public class Segments {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A saved segment. */
	public record Segment(UUID id, String name, ContactFilter filter, Instant createdAt) {
	}

	/**
	 * A query that selects the ids of the matching contacts (one column), with named parameters that all start with
	 * {@code seg_}, so it can be embedded in other queries.
	 */
	public record Selection(String sql, Map<String, Object> params) {
	}

	private final JdbcClient jdbc;
	private final Stages stages;
	private final Organisations organisations;
	private final CustomFields fields;
	private final Contacts contacts;
	private final ChannelDirectory channels;
	private final ContactConversations conversations;

	Segments(JdbcClient jdbc, Stages stages, Organisations organisations, CustomFields fields, Contacts contacts,
			ChannelDirectory channels, ContactConversations conversations) {
		this.jdbc = jdbc;
		this.stages = stages;
		this.organisations = organisations;
		this.fields = fields;
		this.contacts = contacts;
		this.channels = channels;
		this.conversations = conversations;
	}

	public List<Segment> list(UUID workspaceId) {
		return jdbc.sql("select id, name, filter::text, created_at from segments where workspace_id = ? order by lower(name), id")
			.param(workspaceId)
			.query((rs, n) -> new Segment(rs.getObject(1, UUID.class), rs.getString(2),
					JSON.readValue(rs.getString(3), ContactFilter.class), rs.getTimestamp(4).toInstant()))
			.list();
	}

	public Optional<Segment> find(UUID workspaceId, UUID id) {
		return list(workspaceId).stream().filter(s -> s.id().equals(id)).findFirst();
	}

	public Segment get(UUID workspaceId, UUID id) {
		return find(workspaceId, id).orElseThrow(() -> new NotFoundException("No segment " + id + " in this workspace."));
	}

	/**
	 * Saves a filter under a name, after checking it (see {@link #check}).
	 *
	 * @throws IllegalArgumentException for a blank or taken name or an invalid filter
	 */
	@Transactional
	public Segment create(UUID workspaceId, UUID userId, String name, ContactFilter filter) {
		if (name == null || name.isBlank() || name.strip().length() > 80) {
			throw new IllegalArgumentException("A segment needs a name of at most 80 characters.");
		}
		if (filter == null) {
			throw new IllegalArgumentException("A segment needs a filter, e.g. {\"tags\": [\"press\"]}.");
		}
		ContactFilter checked = check(workspaceId, filter);
		boolean taken = jdbc.sql("select count(*) from segments where workspace_id = ? and lower(name) = lower(?)")
			.params(workspaceId, name.strip()).query(Integer.class).single() > 0;
		if (taken) {
			throw new IllegalArgumentException("There is already a segment named '" + name.strip() + "'.");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into segments(id, workspace_id, name, filter, created_by) values (?, ?, ?, ?::jsonb, ?)")
			.params(id, workspaceId, name.strip(), JSON.writeValueAsString(checked), userId)
			.update();
		return get(workspaceId, id);
	}

	/** Deletes a segment and returns it as it was, for {@link #restore}. */
	@Transactional
	public Segment delete(UUID workspaceId, UUID id) {
		Segment segment = get(workspaceId, id);
		jdbc.sql("delete from segments where id = ? and workspace_id = ?").params(id, workspaceId).update();
		return segment;
	}

	/**
	 * Puts a deleted segment back under its id, so that links to it work again (the undo after {@link #delete}).
	 *
	 * @throws IllegalArgumentException when its name has been taken since, or its filter is no longer valid
	 * @throws IllegalStateException when a segment with its id exists already (it was restored before)
	 */
	@Transactional
	public Segment restore(UUID workspaceId, UUID userId, Segment deleted) {
		if (find(workspaceId, deleted.id()).isPresent()) {
			throw new IllegalStateException("The segment '" + deleted.name() + "' is back already.");
		}
		Segment created = create(workspaceId, userId, deleted.name(), deleted.filter());
		jdbc.sql("update segments set id = ?, created_at = ? where id = ?")
			.params(deleted.id(), java.sql.Timestamp.from(deleted.createdAt()), created.id())
			.update();
		return get(workspaceId, deleted.id());
	}

	/**
	 * The filter in normal form: tags normalised, blanks dropped, field values in their field's normal form.
	 * Unknown tags and channels are fine (they match nothing); unknown stages, kinds, organisations and fields are
	 * not, because they are likely typing errors.
	 *
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public ContactFilter check(UUID workspaceId, ContactFilter filter) {
		List<String> tags = Tags.normaliseAll(filter.tags());
		String mode = ContactFilter.blank(filter.tagMode()) ? "all" : filter.tagMode().strip().toLowerCase(Locale.ROOT);
		if (!mode.equals("all") && !mode.equals("any")) {
			throw new IllegalArgumentException("tagMode is 'all' or 'any', not '" + filter.tagMode() + "'.");
		}
		String stage = ContactFilter.blank(filter.stage()) ? null : filter.stage().strip();
		if (stage != null && stages.ladder(workspaceId).indexOf(stage) < 0) {
			throw new IllegalArgumentException("Unknown stage '" + stage + "'.");
		}
		if (filter.organisationId() != null && organisations.find(workspaceId, filter.organisationId()).isEmpty()) {
			throw new IllegalArgumentException("No organisation " + filter.organisationId() + " in this workspace.");
		}
		String kind = ContactFilter.blank(filter.organisationKind()) ? null : Organisations.kind(filter.organisationKind());
		List<ContactFilter.FieldCondition> conditions = new ArrayList<>();
		for (ContactFilter.FieldCondition c : filter.fields()) {
			if (c == null || ContactFilter.blank(c.key())) {
				continue;
			}
			CustomFields.Field field = fields.field(workspaceId, c.key().strip())
				.orElseThrow(() -> new IllegalArgumentException("Unknown custom field '" + c.key() + "' in the filter."));
			String op = ContactFilter.blank(c.op()) ? "equals" : c.op().strip().toLowerCase(Locale.ROOT);
			if (!op.equals("equals") && !op.equals("contains")) {
				throw new IllegalArgumentException("A field condition is 'equals' or 'contains', not '" + c.op() + "'.");
			}
			String value = op.equals("equals") ? CustomFields.normalise(field, c.value())
					: (c.value() == null ? null : c.value().strip());
			if (value == null || value.isEmpty()) {
				throw new IllegalArgumentException("The condition on field '" + field.key() + "' needs a value.");
			}
			conditions.add(new ContactFilter.FieldCondition(field.key(), op, value));
		}
		return new ContactFilter(tags, mode, stage, filter.organisationId(), kind, conditions,
				ContactFilter.blank(filter.channel()) ? null : filter.channel().strip(), filter.hasOpenConversation(),
				ContactFilter.blank(filter.text()) ? null : filter.text().strip());
	}

	/** The workspace's channels by key with their names, for choosing one in a filter. */
	public Map<String, String> channels(UUID workspaceId) {
		Map<String, String> choices = new LinkedHashMap<>();
		for (ChannelDirectory.Entry channel : channels.of(workspaceId)) {
			choices.put(channel.key(), channel.name());
		}
		return choices;
	}

	/** The saved segment's query; throws {@link NotFoundException} when the workspace has no such segment. */
	public Selection selection(UUID workspaceId, UUID segmentId) {
		return selection(workspaceId, get(workspaceId, segmentId).filter());
	}

	/** The query of the ids of the workspace's contacts that match the (checked) filter. */
	public Selection selection(UUID workspaceId, ContactFilter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("seg_ws", workspaceId);
		StringBuilder sql = new StringBuilder("select ct.id from contacts ct where ct.workspace_id = :seg_ws");
		if (!filter.tags().isEmpty()) {
			params.put("seg_tags", filter.tags().toArray(String[]::new));
			if ("any".equals(filter.tagMode())) {
				sql.append(" and exists (select 1 from contact_tags t where t.contact_id = ct.id and t.tag = any(cast(:seg_tags as text[])))");
			}
			else {
				params.put("seg_tag_count", filter.tags().size());
				sql.append(" and ct.id in (select t.contact_id from contact_tags t where t.workspace_id = :seg_ws")
					.append(" and t.tag = any(cast(:seg_tags as text[])) group by t.contact_id having count(*) = :seg_tag_count)");
			}
		}
		if (filter.stage() != null) {
			params.put("seg_stage", filter.stage());
			params.put("seg_first_stage", stages.ladder(workspaceId).first());
			sql.append(" and coalesce((select s.stage from contact_stages s where s.contact_id = ct.id), :seg_first_stage) = :seg_stage");
		}
		if (filter.organisationId() != null || filter.organisationKind() != null) {
			sql.append(" and exists (select 1 from organisation_members m join organisations o on o.id = m.organisation_id")
				.append(" where m.contact_id = ct.id and m.held_for is null and (m.until is null or m.until >= current_date)");
			if (filter.organisationId() != null) {
				params.put("seg_org", filter.organisationId());
				sql.append(" and o.id = :seg_org");
			}
			if (filter.organisationKind() != null) {
				params.put("seg_kind", filter.organisationKind());
				sql.append(" and o.kind = :seg_kind");
			}
			sql.append(")");
		}
		for (int i = 0; i < filter.fields().size(); i++) {
			ContactFilter.FieldCondition c = filter.fields().get(i);
			params.put("seg_fk" + i, c.key());
			sql.append(" and exists (select 1 from contact_field_values v join custom_fields f on f.id = v.field_id")
				.append(" where v.contact_id = ct.id and v.held_for is null and f.workspace_id = :seg_ws and f.key = :seg_fk")
				.append(i);
			if ("contains".equals(c.op())) {
				params.put("seg_fv" + i, c.value().toLowerCase(Locale.ROOT));
				sql.append(" and strpos(lower(v.value), :seg_fv").append(i).append(") > 0)");
			}
			else {
				params.put("seg_fv" + i, c.value());
				sql.append(" and v.value = :seg_fv").append(i).append(")");
			}
		}
		if (filter.channel() != null) {
			List<ChannelId> channel = channels.of(workspaceId).stream().filter(c -> c.key().equals(filter.channel()))
				.map(ChannelDirectory.Entry::id).toList();
			params.put("seg_channel_contacts", ContactId.values(conversations.contactsOnChannels(workspaceId, channel)));
			// "in (select unnest …)", not a correlated exists: the planner hashes the set once instead of scanning it per row
			sql.append(" and ct.id in (select unnest(cast(:seg_channel_contacts as uuid[])))");
		}
		if (filter.hasOpenConversation() != null) {
			params.put("seg_open_contacts", ContactId.values(conversations.contactsWithOpenConversation(workspaceId)));
			sql.append(filter.hasOpenConversation() ? " and ct.id in" : " and ct.id not in")
				.append(" (select unnest(cast(:seg_open_contacts as uuid[])))");
		}
		if (filter.text() != null) {
			params.put("seg_text", "%" + filter.text().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
			sql.append(" and (lower(ct.name) like :seg_text")
				.append(" or exists (select 1 from identities i where i.contact_id = ct.id and i.value like :seg_text))");
		}
		return new Selection(sql.toString(), params);
	}

	/** The contacts matching the filter (checked first, see {@link #check}) by name, {@code limit} from {@code offset}. */
	public List<Contact> contacts(UUID workspaceId, ContactFilter filter, int limit, int offset) {
		return contacts(workspaceId, selection(workspaceId, check(workspaceId, filter)), limit, offset);
	}

	/**
	 * The saved segment's contacts by name. A segment whose organisation or field was deleted since matches no
	 * one through that condition, just as in the inbox.
	 */
	public List<Contact> contacts(UUID workspaceId, UUID segmentId, int limit, int offset) {
		return contacts(workspaceId, selection(workspaceId, segmentId), limit, offset);
	}

	private List<Contact> contacts(UUID workspaceId, Selection selection, int limit, int offset) {
		Map<String, Object> params = new LinkedHashMap<>(selection.params());
		params.put("seg_limit", limit);
		params.put("seg_offset", offset);
		List<UUID> ids = jdbc.sql("select c.id from contacts c where c.id in (" + selection.sql() + ")"
				+ " order by lower(c.name), c.id limit :seg_limit offset :seg_offset")
			.params(params)
			.query(UUID.class)
			.list();
		return contacts.all(workspaceId, ContactId.all(ids));
	}
}

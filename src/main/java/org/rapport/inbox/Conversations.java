package org.rapport.inbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.contacts.ChannelDirectory;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.contacts.Segments;
import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.RecurringWork;
import org.rapport.platform.Workspaces;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The conversations of a workspace: the inbox list and the state changes people make. */
@Component
public class Conversations {

	private static final String COLUMNS = """
			select c.id, c.subject, c.status, c.labels, c.last_message_at, c.preview, c.message_count, c.waiting_since,
			  c.snoozed_until, c.created_at, c.first_response_at, c.first_response_business_seconds, c.resolved_at,
			  c.resolution_business_seconds, c.spam, c.triage_kind, c.triage_sentiment, c.triage_language,
			  c.channel_id, c.contact_id, c.assignee_id, c.triage_corrected_at, c.triage_corrected_by""";

	/*
	 * Only the inbox's own tables: the names of channels, contacts and members come afterwards from their modules,
	 * one question each for the whole page (see named).
	 */
	private static final String FROM = """

			from conversations c
			""";

	private static final String SELECT = COLUMNS + ", false as unread" + FROM;

	/**
	 * Unread for the member of {@code :member}: a message from the contact arrived after the member last opened the
	 * conversation, or the member marked it unread (no time read). One row per (conversation, member), joined by its
	 * primary key: the list keeps its index.
	 */
	static final String UNREAD = "(case when r.conversation_id is null then c.last_inbound_at is not null"
			+ " else r.read_at is null or r.read_at < c.last_inbound_at end)";

	private static final String MEMBER_READS = "left join inbox_reads r on r.conversation_id = c.id and r.member_id = :member\n";

	private static final String SELECT_FOR_MEMBER = COLUMNS + ", " + UNREAD + " as unread" + FROM + MEMBER_READS;

	private final JdbcClient jdbc;
	private final Members members;
	private final Workspaces workspaces;
	private final Segments segments;
	private final Contacts contacts;
	private final ChannelDirectory channels;
	private final ApplicationEventPublisher events;
	private final ObjectProvider<CoordinatedConversations> coordinated;

	Conversations(JdbcClient jdbc, Members members, Workspaces workspaces, Segments segments, Contacts contacts,
			ChannelDirectory channels, ApplicationEventPublisher events,
			ObjectProvider<CoordinatedConversations> coordinated) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.channels = channels;
		this.coordinated = coordinated;
		this.members = members;
		this.workspaces = workspaces;
		this.segments = segments;
		this.events = events;
	}

	/** In the filter's order, {@code limit} at a time, continued by the cursor of the previous page. */
	public Page<ConversationSummary> list(UUID workspaceId, InboxFilter filter, int limit, String cursor) {
		return list(workspaceId, null, filter, limit, cursor);
	}

	/**
	 * As {@link #list(UUID, InboxFilter, int, String)}, with each conversation's unread state for a member (and the
	 * filter's {@code unread} for that member).
	 */
	public Page<ConversationSummary> list(UUID workspaceId, UUID memberId, InboxFilter filter, int limit, String cursor) {
		if (filter.unread() && memberId == null) {
			throw new IllegalArgumentException("Only a member's list can hold what is unread.");
		}
		if (limit < 1 || limit > 200) {
			throw new IllegalArgumentException("limit must be between 1 and 200, not " + limit + ".");
		}
		boolean afterCursor = cursor != null && !cursor.isBlank();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("ws", workspaceId);
		if (filter.status() != null) {
			params.put("status", filter.status().key());
		}
		if (!filter.unassigned() && filter.assignee() != null) {
			params.put("assignee", filter.assignee());
		}
		Map<ChannelId, ChannelDirectory.Entry> workspaceChannels = channels.byId(workspaceId);
		if (filter.channel() != null && !filter.channel().isBlank()) {
			// A key of no channel of the workspace finds nothing, as it did when the list joined the channels.
			params.put("channel", workspaceChannels.values().stream().filter(ch -> ch.key().equals(filter.channel()))
				.map(e -> e.id().value()).findFirst().orElse(null));
		}
		if (filter.label() != null && !filter.label().isBlank()) {
			params.put("label", filter.label().strip().toLowerCase(Locale.ROOT));
		}
		if (filter.contact() != null) {
			params.put("contact", filter.contact());
		}
		if (filter.kind() != null) {
			params.put("kind", filter.kind());
		}
		if (filter.sentiment() != null) {
			params.put("sentiment", filter.sentiment());
		}
		CoordinatedConversations groups = coordinated.getIfAvailable();
		if (filter.coordinated()) {
			params.put("coordinated", groups == null ? new UUID[0] : ConversationId.values(groups.all(workspaceId)));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			params.put("q", filter.q().strip());
			IdentityClaim identity = identitySearched(filter.q());
			if (identity != null) {
				params.put("persons", contacts.withIdentity(workspaceId, identity).stream().toArray(UUID[]::new));
			}
		}
		if (afterCursor && filter.sort() == InboxSort.NEWEST) {
			Cursor at = Cursor.parse(cursor);
			params.put("cursorAt", Timestamp.from(at.at()));
			params.put("cursorId", at.id());
		}
		else if (afterCursor) {
			SortCursor at = SortCursor.parse(cursor, filter.sort());
			for (int i = 0; i < at.keys().size(); i++) {
				params.put("cursor" + i, at.keys().get(i));
			}
			params.put("cursorId", at.id());
		}
		Segments.Selection segment = null;
		if (filter.segment() != null) {
			segment = segments.selection(workspaceId, filter.segment());
			params.putAll(segment.params());
		}
		params.put("limit", limit + 1);
		if (memberId != null) {
			params.put("member", memberId);
		}
		int keys = sortKeys(filter.sort()).size();
		List<Row> rows = jdbc.sql(listSql(filter, afterCursor, segment, memberId != null)).params(params)
			.query((rs, n) -> new Row(detail(rs), sortValues(rs, keys))).list();
		List<ConversationSummary> items = marked(workspaceId,
				named(workspaceId, rows.stream().limit(limit).map(Row::detail).toList(), workspaceChannels).stream()
					.map(ConversationDetail::summary).toList(),
				groups);
		String next = null;
		if (rows.size() > limit) {
			Row last = rows.get(limit - 1);
			next = filter.sort() == InboxSort.NEWEST
					? new Cursor(items.getLast().lastMessageAt(), items.getLast().id()).encode()
					: new SortCursor(filter.sort(), last.keys(), items.getLast().id()).encode();
		}
		return new Page<>(items, next);
	}

	/**
	 * The conversations as read from the inbox's tables, with the names of their channels, contacts, assignees and
	 * triage correctors: one question to each owner for the whole page, never one per line. An assignee or corrector
	 * whose account is gone is no one, as before: no assignee, a correction by nobody known.
	 */
	private List<ConversationDetail> named(UUID workspaceId, List<ConversationDetail> read,
			Map<ChannelId, ChannelDirectory.Entry> workspaceChannels) {
		if (read.isEmpty()) {
			return read;
		}
		Map<ContactId, Contacts.NameAndHandle> people = contacts.namesAndHandles(workspaceId,
				ContactId.all(read.stream().map(d -> d.summary().contact().id()).toList()));
		java.util.Set<UUID> memberIds = new java.util.HashSet<>();
		for (ConversationDetail d : read) {
			if (d.summary().assignee() != null) {
				memberIds.add(d.summary().assignee().id());
			}
			if (d.triageCorrected() != null && d.triageCorrected().memberId() != null) {
				memberIds.add(d.triageCorrected().memberId());
			}
		}
		Map<UUID, String> names = members.displayNames(memberIds);
		return read.stream().map(d -> {
			ConversationSummary s = d.summary();
			ChannelDirectory.Entry channel = workspaceChannels.get(ChannelId.of(s.channel().id()));
			Contacts.NameAndHandle person = people.get(ContactId.of(s.contact().id()));
			ConversationSummary.AssigneeRef assignee = s.assignee() == null || !names.containsKey(s.assignee().id())
					? null : new ConversationSummary.AssigneeRef(s.assignee().id(), names.get(s.assignee().id()));
			ConversationSummary summary = new ConversationSummary(s.id(), s.subject(), s.status(),
					new ConversationSummary.ChannelRef(s.channel().id(), channel == null ? null : channel.key(),
							channel == null ? null : channel.kind(), channel == null ? null : channel.name()),
					new ConversationSummary.ContactRef(s.contact().id(), person == null ? null : person.name(),
							person == null ? null : person.handle()),
					s.lastMessageAt(), s.preview(), s.messageCount(), s.waitingSince(), s.snoozedUntil(), assignee,
					s.labels(), s.unread(), s.spam(), s.triage(), s.coordinatedGroup());
			ConversationDetail.TriageCorrection corrected = d.triageCorrected();
			if (corrected != null) {
				UUID by = corrected.memberId();
				corrected = by != null && names.containsKey(by)
						? new ConversationDetail.TriageCorrection(by, names.get(by), corrected.at())
						: new ConversationDetail.TriageCorrection(null, null, corrected.at());
			}
			return new ConversationDetail(summary, d.createdAt(), d.firstResponseAt(), d.firstResponseBusinessSeconds(),
					d.resolvedAt(), d.resolutionBusinessSeconds(), corrected);
		}).toList();
	}

	/** The lines, each with its coordinated group if it has one: one question for the whole page. */
	private static List<ConversationSummary> marked(UUID workspaceId, List<ConversationSummary> items,
			CoordinatedConversations groups) {
		if (groups == null || items.isEmpty()) {
			return items;
		}
		Map<ConversationId, String> of = groups.groupsOf(workspaceId,
				items.stream().map(i -> ConversationId.of(i.id())).toList());
		if (of.isEmpty()) {
			return items;
		}
		return items.stream().map(i -> {
			String group = of.get(ConversationId.of(i.id()));
			return group == null ? i : i.inCoordinatedGroup(group);
		}).toList();
	}

	/** A row of the list with the values it is ordered by (none for newest first). */
	private record Row(ConversationDetail detail, List<BigDecimal> keys) {
	}

	private static List<BigDecimal> sortValues(ResultSet rs, int keys) throws SQLException {
		List<BigDecimal> values = new ArrayList<>(keys);
		for (int i = 0; i < keys; i++) {
			values.add(rs.getBigDecimal("sort_" + i));
		}
		return values;
	}

	/*
	 * The sort keys are columns a trigger keeps (V68, conversations_sort_keys), so that the indexes conversations_oldest
	 * and conversations_priority serve each order:
	 * - sort_wait_rank: 0 for a conversation waiting for an answer, 1 for one that is not;
	 * - sort_wait_time: waiting ones by how long they wait (longest first), the others by their latest activity
	 *   (latest first): the epoch of waiting_since, else minus the epoch of last_message_at;
	 * - sort_kind_rank: data requests and complaints 0, questions 1, everything else (and not triaged) 2;
	 * - sort_sentiment_rank: negative sentiment 0, anything else 1.
	 */
	private static final String WAIT_RANK = "c.sort_wait_rank";

	private static final String WAIT_TIME = "c.sort_wait_time";

	private static final String KIND_RANK = "c.sort_kind_rank";

	private static final String SENTIMENT_RANK = "c.sort_sentiment_rank";

	/**
	 * What a sort orders by, each ascending and followed by {@code c.id} ascending; none for {@link InboxSort#NEWEST},
	 * which orders by {@code c.last_message_at desc, c.id desc} along its indexes.
	 */
	static List<String> sortKeys(InboxSort sort) {
		return switch (sort) {
			case NEWEST -> List.of();
			case OLDEST -> List.of(WAIT_RANK, WAIT_TIME);
			case PRIORITY -> List.of(KIND_RANK, SENTIMENT_RANK, WAIT_RANK, WAIT_TIME);
		};
	}

	/**
	 * The query behind {@link #list}, with named parameters {@code :ws}, {@code :status}, {@code :assignee},
	 * {@code :channel} (the id of the channel the filter's key names, null for none), {@code :label},
	 * {@code :contact}, {@code :q}, {@code :persons} (for a search of an address or phone number: the ids of the
	 * contacts with that identity), {@code :cursorAt}, {@code :cursorId} and {@code :limit} as the filter needs them.
	 * Public for query-plan inspection in benchmarks.
	 */
	public static String listSql(InboxFilter filter, boolean afterCursor) {
		if (filter.segment() != null) {
			throw new IllegalArgumentException("A filter with a segment needs the segment's selection.");
		}
		return listSql(filter, afterCursor, null);
	}

	/**
	 * The query behind {@link #list} for a filter with a segment: the segment's contacts are one set-based
	 * condition ({@code c.contact_id in (…)}) with the segment's own {@code :seg_…} parameters.
	 */
	public static String listSql(InboxFilter filter, boolean afterCursor, Segments.Selection segment) {
		return listSql(filter, afterCursor, segment, false);
	}

	/**
	 * The query behind {@link #list}; for a member ({@code :member}) with each conversation's unread state, joined
	 * by the primary key of {@code inbox_reads}.
	 */
	public static String listSql(InboxFilter filter, boolean afterCursor, Segments.Selection segment, boolean forMember) {
		List<String> keys = sortKeys(filter.sort());
		String select = SELECT;
		String memberSelect = SELECT_FOR_MEMBER;
		if (!keys.isEmpty()) {
			StringBuilder columns = new StringBuilder();
			for (int i = 0; i < keys.size(); i++) {
				columns.append(", ").append(keys.get(i)).append(" as sort_").append(i);
			}
			select = COLUMNS + columns + ", false as unread" + FROM;
			memberSelect = COLUMNS + columns + ", " + UNREAD + " as unread" + FROM + MEMBER_READS;
		}
		if (forMember) {
			select = memberSelect;
		}
		StringBuilder where = new StringBuilder(" where c.workspace_id = :ws");
		where.append(filter.spam() ? " and c.spam" : " and not c.spam");
		if (filter.status() != null) {
			where.append(" and c.status = :status");
		}
		if (filter.unassigned()) {
			where.append(" and c.assignee_id is null");
		}
		else if (filter.assignee() != null) {
			where.append(" and c.assignee_id = :assignee");
		}
		if (filter.channel() != null && !filter.channel().isBlank()) {
			where.append(" and c.channel_id = cast(:channel as uuid)");
		}
		if (filter.label() != null && !filter.label().isBlank()) {
			where.append(" and c.labels @> array[:label]::text[]");
		}
		if (filter.contact() != null) {
			where.append(" and c.contact_id = :contact");
		}
		if (filter.kind() != null) {
			where.append(" and c.triage_kind = :kind");
		}
		if (filter.sentiment() != null) {
			where.append(" and c.triage_sentiment = :sentiment");
		}
		if (filter.coordinated()) {
			where.append(" and c.id = any(:coordinated)");
		}
		if (segment != null) {
			where.append(" and c.contact_id in (").append(segment.sql()).append(")");
		}
		if (filter.unread() && forMember) {
			where.append(" and ").append(UNREAD);
		}
		if (afterCursor && keys.isEmpty()) {
			where.append(" and (c.last_message_at, c.id) < (:cursorAt, :cursorId)");
		}
		else if (afterCursor) {
			where.append(" and (").append(String.join(", ", keys)).append(", c.id) > (");
			for (int i = 0; i < keys.size(); i++) {
				where.append(":cursor").append(i).append(", ");
			}
			where.append(":cursorId)");
		}
		String order = " order by c.last_message_at desc, c.id desc limit :limit";
		String outerOrder = " order by last_message_at desc, id desc limit :limit";
		if (!keys.isEmpty()) {
			order = " order by " + String.join(", ", keys) + ", c.id limit :limit";
			StringBuilder outer = new StringBuilder(" order by ");
			for (int i = 0; i < keys.size(); i++) {
				outer.append("sort_").append(i).append(", ");
			}
			outerOrder = outer.append("id limit :limit").toString();
		}
		if (filter.q() == null || filter.q().isBlank()) {
			return select + where + order;
		}
		String words = " and c.id in (select m.conversation_id from messages m where m.workspace_id = :ws and m.search @@"
				+ " (websearch_to_tsquery('german', :q) || websearch_to_tsquery('english', :q)))";
		if (identitySearched(filter.q()) == null) {
			return select + where + words + order;
		}
		// An address or a phone number however written (030 5550 1234 finds +49 30 55501234) also finds the person's
		// conversations: a second branch through the identities' unique index; each branch ordered and limited on
		// its own so that each keeps its index, together the page.
		String person = " and c.contact_id = any(:persons)";
		return "select * from ((" + select + where + words + order + ") union (" + select + where + person + order
				+ ")) found" + outerOrder;
	}

	/** The identity a search is for, normalised as identities are stored, or null for a search of words. */
	static IdentityClaim identitySearched(String q) {
		if (q == null || q.isBlank()) {
			return null;
		}
		String value = q.strip();
		String kind = Identities.isEmail(value) ? IdentityKind.EMAIL : Identities.looksLikePhone(value) ? IdentityKind.PHONE : null;
		if (kind == null) {
			return null;
		}
		try {
			return new IdentityClaim(kind, value, null).normalised();
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	public Optional<ConversationDetail> find(UUID workspaceId, UUID id) {
		Optional<ConversationDetail> found = jdbc.sql(SELECT + " where c.workspace_id = ? and c.id = ?")
			.params(workspaceId, id)
			.query((rs, n) -> detail(rs)).optional()
			.map(d -> named(workspaceId, List.of(d), channels.byId(workspaceId)).getFirst());
		CoordinatedConversations groups = coordinated.getIfAvailable();
		if (found.isEmpty() || groups == null) {
			return found;
		}
		ConversationId conversation = ConversationId.of(id);
		String group = groups.groupsOf(workspaceId, List.of(conversation)).get(conversation);
		ConversationDetail d = found.get();
		return group == null ? found : Optional.of(new ConversationDetail(d.summary().inCoordinatedGroup(group),
				d.createdAt(), d.firstResponseAt(), d.firstResponseBusinessSeconds(), d.resolvedAt(),
				d.resolutionBusinessSeconds(), d.triageCorrected()));
	}

	public ConversationDetail get(UUID workspaceId, UUID id) {
		return find(workspaceId, id)
			.orElseThrow(() -> new NotFoundException("No conversation " + id + " in this workspace."));
	}

	/** Sets the status; {@code done} stops the resolution timer, anything else restarts it. */
	@Transactional
	public ConversationDetail changeStatus(CurrentUser user, ConversationId conversation, ConversationStatus status) {
		UUID id = conversation == null ? null : conversation.value();
		user.requireWorker();
		Conversation before = load(user.workspaceId(), id);
		Conversation after = switch (status) {
			case DONE -> {
				Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
				var workspace = workspaces.get(user.workspaceId());
				yield before.markDone(now,
						workspace.businessHours().between(before.createdAt(), now, workspace.timeZone()).toSeconds());
			}
			case OPEN -> before.reopen();
			case PENDING -> before.awaitAnswer();
			case SNOOZED -> throw new IllegalArgumentException("To snooze, say until when (snoozeUntil).");
		};
		boolean done = after.status() == ConversationStatus.DONE;
		if (done != (before.status() == ConversationStatus.DONE)) {
			Instant at = done ? after.resolvedAt() : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
			jdbc.sql("insert into conversation_status_log(workspace_id, conversation_id, done, member_id, at) values (?, ?, ?, ?, ?)")
				.params(user.workspaceId(), id, done, user.userId(), Timestamp.from(at))
				.update();
			events.publishEvent(new ConversationStatusChanged(user.workspaceId(), id, done, user.userId(), at));
		}
		return store(before, after);
	}

	@Transactional
	public ConversationDetail snooze(CurrentUser user, ConversationId conversation, Instant until) {
		UUID id = conversation == null ? null : conversation.value();
		user.requireWorker();
		Conversation before = load(user.workspaceId(), id);
		return store(before, before.snoozeUntil(until, Instant.now()));
	}

	/** Assigns to a member of the workspace, or unassigns with {@code null}. */
	@Transactional
	public ConversationDetail assign(CurrentUser user, UUID id, UUID assignee) {
		user.requireWorker();
		Conversation before = load(user.workspaceId(), id);
		if (assignee != null) {
			var member = members.of(user.workspaceId(), assignee)
				.orElseThrow(() -> new IllegalArgumentException("User " + assignee + " is not a member of this workspace."));
			if (!member.role().canWork()) {
				throw new IllegalArgumentException("A member who may only read cannot be given conversations.");
			}
		}
		ConversationDetail stored = store(before, before.assignTo(assignee));
		if (!java.util.Objects.equals(before.assigneeId(), assignee)) {
			events.publishEvent(new ConversationAssigned(user.workspaceId(), id, assignee, user.userId(), Instant.now()));
		}
		return stored;
	}

	/** Replaces the labels; they are kept in lower case, without duplicates. */
	@Transactional
	public ConversationDetail label(CurrentUser user, ConversationId conversation, List<String> labels) {
		UUID id = conversation == null ? null : conversation.value();
		user.requireWorker();
		Conversation before = load(user.workspaceId(), id);
		Conversation after = before.labelled(labels);
		ConversationDetail stored = store(before, after);
		if (!after.labels().equals(before.labels())) {
			events.publishEvent(new ConversationLabelled(user.workspaceId(), id, after.labels(), user.userId(),
					Instant.now()));
		}
		return stored;
	}

	/** The most conversations one bulk change may name. */
	public static final int MAX_BULK = 500;

	/**
	 * One change for many conversations. Every part is optional, but one must be there.
	 *
	 * @param status the new status; {@code snoozed} needs {@code snoozeUntil}, which alone means snoozed too
	 * @param assign whether to change the assignee; then {@code assigneeId} is the member, or null for nobody
	 * @param addLabels labels to add to those each conversation has
	 * @param spam judge spam ({@code true}) or not spam ({@code false}), as {@link #judge} does; null leaves it
	 */
	public record BulkChange(List<UUID> ids, ConversationStatus status, Instant snoozeUntil, boolean assign,
			UUID assigneeId, List<String> addLabels, Boolean spam) {

		/** A change that judges nothing. */
		public BulkChange(List<UUID> ids, ConversationStatus status, Instant snoozeUntil, boolean assign,
				UUID assigneeId, List<String> addLabels) {
			this(ids, status, snoozeUntil, assign, assigneeId, addLabels, null);
		}
	}

	/** What a bulk change made of one conversation: whether anything changed, and how it is now. */
	public record BulkResult(UUID id, boolean changed, String statusBefore, Instant snoozedUntilBefore,
			ConversationSummary conversation) {
	}

	/**
	 * Applies one change to up to {@value #MAX_BULK} conversations, all or nothing: an unknown id or a change one
	 * conversation refuses changes none. Goes through the same steps as a single change, so done and reopened
	 * conversations are logged and announced ({@link ConversationStatusChanged}) one by one.
	 *
	 * @return one result per id, in the order asked, each id once
	 */
	@Transactional
	public List<BulkResult> bulk(CurrentUser user, BulkChange change) {
		user.requireWorker();
		if (change.ids() == null || change.ids().isEmpty()) {
			throw new InvalidFieldException("ids", "Name at least one conversation in ids.");
		}
		if (change.ids().size() > MAX_BULK) {
			throw new InvalidFieldException("ids",
					"At most " + MAX_BULK + " conversations can be changed at once, not " + change.ids().size() + ".");
		}
		if (change.ids().contains(null)) {
			throw new InvalidFieldException("ids", "ids holds an empty entry.");
		}
		ConversationStatus status = change.status() == null && change.snoozeUntil() != null ? ConversationStatus.SNOOZED
				: change.status();
		boolean addLabels = change.addLabels() != null && !change.addLabels().isEmpty();
		if (status == null && !change.assign() && !addLabels && change.spam() == null) {
			throw new IllegalArgumentException("Say what to change: status, snoozeUntil, assigneeId, addLabels or spam.");
		}
		List<UUID> ids = change.ids().stream().distinct().toList();
		List<UUID> known = jdbc.sql("select id from conversations where workspace_id = ? and id = any(?) order by id for no key update")
			.params(user.workspaceId(), ids.toArray(UUID[]::new))
			.query(UUID.class).list();
		for (UUID id : ids) {
			if (!known.contains(id)) {
				throw new NotFoundException("No conversation " + id + " in this workspace.");
			}
		}
		List<BulkResult> results = new java.util.ArrayList<>();
		for (UUID id : ids) {
			ConversationId conversation = ConversationId.of(id);
			ConversationDetail before = get(user.workspaceId(), id);
			ConversationDetail after = before;
			if (change.assign()) {
				after = assign(user, id, change.assigneeId());
			}
			if (addLabels) {
				List<String> labels = new java.util.ArrayList<>(after.summary().labels());
				labels.addAll(change.addLabels());
				after = label(user, conversation, labels);
			}
			if (change.spam() != null) {
				after = judge(user, id, change.spam());
			}
			if (status == ConversationStatus.SNOOZED) {
				after = snooze(user, conversation, change.snoozeUntil());
			}
			else if (status != null) {
				after = changeStatus(user, conversation, status);
			}
			results.add(new BulkResult(id, !after.equals(before), before.summary().status(), before.summary().snoozedUntil(),
					after.summary()));
		}
		return results;
	}

	/** A conversation's status before a bulk change, to go back to. */
	public record Earlier(UUID id, ConversationStatus status, Instant snoozedUntil) {
	}

	/**
	 * Undoes a bulk status change: each conversation gets its earlier status again, all or nothing. One that was
	 * snoozed until a time now past is open.
	 */
	@Transactional
	public void restore(CurrentUser user, List<Earlier> earlier) {
		user.requireWorker();
		if (earlier.size() > MAX_BULK) {
			throw new InvalidFieldException("ids",
					"At most " + MAX_BULK + " conversations can be changed at once, not " + earlier.size() + ".");
		}
		Instant now = Instant.now();
		for (Earlier e : earlier) {
			if (e.status() == ConversationStatus.SNOOZED && e.snoozedUntil() != null && e.snoozedUntil().isAfter(now)) {
				snooze(user, ConversationId.of(e.id()), e.snoozedUntil());
			}
			else {
				changeStatus(user, ConversationId.of(e.id()), e.status() == ConversationStatus.SNOOZED ? ConversationStatus.OPEN : e.status());
			}
		}
	}

	/** The conversation's state, locked until the caller's transaction ends so that changes do not cross. */
	private Conversation load(UUID workspaceId, UUID id) {
		return jdbc.sql("""
				select id, workspace_id, status, snoozed_until, assignee_id, labels, created_at, resolved_at,
				  resolution_business_seconds
				from conversations where workspace_id = ? and id = ? for no key update""")
			.params(workspaceId, id)
			.query((rs, n) -> {
				Array labels = rs.getArray("labels");
				return new Conversation(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
						ConversationStatus.of(rs.getString("status")), instant(rs, "snoozed_until"),
						rs.getObject("assignee_id", UUID.class),
						labels == null ? List.of() : Arrays.asList((String[]) labels.getArray()), instant(rs, "created_at"),
						instant(rs, "resolved_at"), (Long) rs.getObject("resolution_business_seconds"));
			})
			.optional()
			.orElseThrow(() -> new NotFoundException("No conversation " + id + " in this workspace."));
	}

	/** Writes what a change made different, and answers the conversation as it now is. */
	private ConversationDetail store(Conversation before, Conversation after) {
		if (!after.equals(before)) {
			jdbc.sql("""
					update conversations set status = ?, snoozed_until = ?, assignee_id = ?, labels = ?::text[],
					  resolved_at = ?, resolution_business_seconds = ?
					where id = ? and workspace_id = ?""")
				.params(after.status().key(), timestamp(after.snoozedUntil()), after.assigneeId(),
						after.labels().toArray(String[]::new), timestamp(after.resolvedAt()),
						after.resolutionBusinessSeconds(), after.id(), after.workspaceId())
				.update();
		}
		return get(after.workspaceId(), after.id());
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	/** All labels in use in the workspace, for the navigation. */
	public List<String> labels(UUID workspaceId) {
		return jdbc.sql("select distinct unnest(labels) l from conversations where workspace_id = ? order by l")
			.param(workspaceId).query(String.class).list();
	}

	/** The channels of the workspace as (key, name), for the navigation. */
	public Map<String, String> channelKeys(UUID workspaceId) {
		Map<String, String> keys = new LinkedHashMap<>();
		channels.of(workspaceId).stream()
			.sorted(java.util.Comparator.comparing(ChannelDirectory.Entry::kind).thenComparing(ChannelDirectory.Entry::key))
			.forEach(ch -> keys.put(ch.key(), ch.name()));
		return keys;
	}

	public Map<String, Integer> countsByStatus(UUID workspaceId) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (ConversationStatus s : ConversationStatus.values()) {
			counts.put(s.key(), 0);
		}
		jdbc.sql("select status, count(*) from conversations where workspace_id = ? and not spam group by status").param(workspaceId)
			.query(rs -> {
				counts.put(rs.getString(1), rs.getInt(2));
			});
		return counts;
	}

	/** How many conversations the Spam view holds. */
	public int spamCount(UUID workspaceId) {
		return jdbc.sql("select count(*) from conversations where workspace_id = ? and spam").param(workspaceId)
			.query(Integer.class).single();
	}

	/** The most message texts one judgement of a conversation passes on to learn from, the newest. */
	public static final int MAX_JUDGED_TEXTS = 200;

	/** The most characters of one message's text a judgement passes on. */
	static final int MAX_JUDGED_CHARS = 20_000;

	private static final String WAITS_SINCE = """
			(select min(m.sent_at) from messages m where m.conversation_id = c.id and m.direction = 'in'
			  and m.kind = 'message' and not m.automated and not m.spam
			  and m.sent_at > coalesce((select max(a.sent_at) from messages a where a.conversation_id = c.id
			    and a.direction = 'out' and a.kind in ('reply', 'activity')), '-infinity'::timestamptz))""";

	/**
	 * The team judges a conversation spam or not. Spam leaves the normal views for the Spam view (nothing is
	 * deleted) and waits for no answer; not spam comes back, waiting again if a message waits for an answer. Its
	 * inbound messages from people are marked the same way, and {@link ConversationJudged} carries their texts, so
	 * that the spam filter learns from the decision at once. The status, assignee and labels stay as they are.
	 * Judging a conversation as it already is (and its messages) changes nothing and announces nothing.
	 */
	@Transactional
	public ConversationDetail judge(CurrentUser user, UUID id, boolean spam) {
		user.requireWorker();
		load(user.workspaceId(), id);
		int messagesChanged = jdbc.sql("""
				update messages set spam = ? where conversation_id = ? and workspace_id = ? and direction = 'in'
				  and kind = 'message' and not automated and spam <> ?""")
			.params(spam, id, user.workspaceId(), spam)
			.update();
		int conversationChanged = jdbc.sql("update conversations c set spam = ? where c.id = ? and c.workspace_id = ? and c.spam <> ?")
			.params(spam, id, user.workspaceId(), spam)
			.update();
		if (messagesChanged == 0 && conversationChanged == 0) {
			return get(user.workspaceId(), id);
		}
		jdbc.sql("update conversations c set waiting_since = " + (spam ? "null" : WAITS_SINCE) + " where c.id = ?")
			.param(id).update();
		List<ConversationJudged.JudgedMessage> texts = jdbc.sql("""
				select id, body_text from messages where conversation_id = ? and direction = 'in' and kind = 'message'
				  and not automated and body_text <> '' order by sent_at desc, id limit ?""")
			.params(id, MAX_JUDGED_TEXTS)
			.query((rs, n) -> {
				String text = rs.getString(2);
				return new ConversationJudged.JudgedMessage(rs.getObject(1, UUID.class),
						text.length() <= MAX_JUDGED_CHARS ? text : text.substring(0, MAX_JUDGED_CHARS));
			})
			.list();
		events.publishEvent(new ConversationJudged(user.workspaceId(), id, contactOf(id), spam, user.userId(),
				Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), texts));
		return get(user.workspaceId(), id);
	}

	/**
	 * The team judges one message, known by its channel's id for it (a blog comment judged in the blog's moderation),
	 * spam or not. Its conversation follows: spam once no message a person sent in it is left that is not spam, not
	 * spam as soon as this one is not. {@link ConversationJudged} carries this message's text only, so that the filter
	 * learns from it and not from the sender's other messages. Unknown messages and a judgement the message has
	 * already change nothing.
	 */
	@Transactional
	public void judgeMessage(CurrentUser user, ChannelId channel, String externalId, boolean spam) {
		UUID channelId = channel == null ? null : channel.value();
		user.requireWorker();
		record Found(UUID messageId, UUID conversationId, String text) {
		}
		Found found = jdbc.sql("""
				select id, conversation_id, body_text from messages where workspace_id = ? and channel_id = ? and external_id = ?
				  and direction = 'in' and kind = 'message' and not automated""")
			.params(user.workspaceId(), channelId, externalId)
			.query((rs, n) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
			.optional()
			.orElse(null);
		if (found == null) {
			return;
		}
		UUID messageId = found.messageId();
		UUID conversationId = found.conversationId();
		load(user.workspaceId(), conversationId);
		int changed = jdbc.sql("update messages set spam = ? where id = ? and spam <> ?").params(spam, messageId, spam).update();
		if (changed == 0) {
			return;
		}
		jdbc.sql("""
				update conversations c set spam = ? and not exists (select 1 from messages m where m.conversation_id = c.id
				  and m.direction = 'in' and m.kind = 'message' and not m.automated and not m.spam)
				where c.id = ?""").params(spam, conversationId).update();
		jdbc.sql("update conversations c set waiting_since = case when c.spam then null else " + WAITS_SINCE + " end where c.id = ?")
			.param(conversationId).update();
		String text = found.text().length() <= MAX_JUDGED_CHARS ? found.text() : found.text().substring(0, MAX_JUDGED_CHARS);
		events.publishEvent(new ConversationJudged(user.workspaceId(), conversationId, contactOf(conversationId), spam,
				user.userId(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
				text.isBlank() ? List.of() : List.of(new ConversationJudged.JudgedMessage(messageId, text))));
	}

	private UUID contactOf(UUID conversationId) {
		return jdbc.sql("select contact_id from conversations where id = ?").param(conversationId).query(UUID.class).single();
	}

	/** Runs {@link #wakeSnoozed} as recurring background work, on one node at a time. */
	@Bean
	RecurringWork wakeSnoozedRecurring(@Value("${rapport.inbox.wake-interval:30s}") Duration interval) {
		return RecurringWork.every("inbox-wake-snoozed", interval, this::wakeSnoozed);
	}

	/** Snoozed conversations whose time has come are open again. Safe to run on every node. */
	public int wakeSnoozed() {
		return jdbc.sql("update conversations set status = 'open', snoozed_until = null where status = 'snoozed' and snoozed_until <= now()")
			.update();
	}

	/** A conversation as its row holds it: channel, contact and members by id, their names still to come. */
	private static ConversationDetail detail(ResultSet rs) throws SQLException {
		Array labels = rs.getArray("labels");
		UUID assigneeId = rs.getObject("assignee_id", UUID.class);
		var summary = new ConversationSummary(rs.getObject("id", UUID.class), rs.getString("subject"),
				rs.getString("status"),
				new ConversationSummary.ChannelRef(rs.getObject("channel_id", UUID.class), null, null, null),
				new ConversationSummary.ContactRef(rs.getObject("contact_id", UUID.class), null, null),
				instant(rs, "last_message_at"), rs.getString("preview"), rs.getInt("message_count"),
				instant(rs, "waiting_since"), instant(rs, "snoozed_until"),
				assigneeId == null ? null : new ConversationSummary.AssigneeRef(assigneeId, null),
				labels == null ? List.of() : Arrays.asList((String[]) labels.getArray()), rs.getBoolean("unread"),
				rs.getBoolean("spam"), triage(rs));
		Instant corrected = instant(rs, "triage_corrected_at");
		return new ConversationDetail(summary, instant(rs, "created_at"), instant(rs, "first_response_at"),
				(Long) rs.getObject("first_response_business_seconds"), instant(rs, "resolved_at"),
				(Long) rs.getObject("resolution_business_seconds"),
				corrected == null ? null : new ConversationDetail.TriageCorrection(
						rs.getObject("triage_corrected_by", UUID.class), null, corrected));
	}

	private static Triage triage(ResultSet rs) throws SQLException {
		Triage triage = new Triage(rs.getString("triage_kind"), rs.getString("triage_sentiment"),
				rs.getString("triage_language"));
		return triage.isEmpty() ? null : triage;
	}

	/**
	 * A member corrects the triage of a conversation: each value given (null leaves it) must be one of
	 * {@link Triage}'s, else {@link InvalidFieldException} names the field. The conversation and its newest message
	 * from a person take the values, and {@link TriageCorrected} carries that message's text so that the triage
	 * learns from the correction at once. Viewers may not correct.
	 */
	@Transactional
	public ConversationDetail correctTriage(CurrentUser user, UUID id, String kind, String sentiment, String language) {
		user.requireWorker();
		check("kind", kind, Triage.KINDS);
		check("sentiment", sentiment, Triage.SENTIMENTS);
		check("language", language, Triage.LANGUAGES);
		if (kind == null && sentiment == null && language == null) {
			throw new InvalidFieldException("kind", "Say what to correct: kind, sentiment or language.");
		}
		load(user.workspaceId(), id);
		jdbc.sql("""
				insert into inbox_triage_corrections (id, workspace_id, conversation_id, member_id, kind_from, kind_to,
				  sentiment_from, sentiment_to, language_from, language_to)
				select ?, workspace_id, id, ?, case when ?::text is null then null else triage_kind end, ?,
				  case when ?::text is null then null else triage_sentiment end, ?,
				  case when ?::text is null then null else triage_language end, ?
				from conversations where id = ? and workspace_id = ?""")
			.params(UUID.randomUUID(), user.userId(), kind, kind, sentiment, sentiment, language, language, id,
					user.workspaceId())
			.update();
		jdbc.sql("""
				update conversations set triage_kind = coalesce(?, triage_kind), triage_sentiment = coalesce(?, triage_sentiment),
				  triage_language = coalesce(?, triage_language), triage_corrected = true, triage_corrected_by = ?,
				  triage_corrected_at = now() where id = ? and workspace_id = ?""")
			.params(kind, sentiment, language, user.userId(), id, user.workspaceId()).update();
		record Newest(UUID id, String text) {
		}
		Newest newest = jdbc.sql("""
				select id, body_text from messages where conversation_id = ? and direction = 'in' and kind = 'message'
				  and not automated order by sent_at desc, id limit 1""")
			.param(id)
			.query((rs, n) -> new Newest(rs.getObject(1, UUID.class), rs.getString(2)))
			.optional().orElse(null);
		if (newest != null) {
			jdbc.sql("""
					update messages set triage_kind = coalesce(?, triage_kind), triage_sentiment = coalesce(?, triage_sentiment),
					  triage_language = coalesce(?, triage_language) where id = ?""")
				.params(kind, sentiment, language, newest.id()).update();
			String text = newest.text() == null ? "" : newest.text();
			if (!text.isBlank()) {
				events.publishEvent(new TriageCorrected(user.workspaceId(), id, contactOf(id), newest.id(), user.userId(),
						text.length() <= MAX_JUDGED_CHARS ? text : text.substring(0, MAX_JUDGED_CHARS),
						new Triage(kind, sentiment, language)));
			}
		}
		return get(user.workspaceId(), id);
	}

	/**
	 * One correction of a conversation's triage: who made it (null for one who is no member any more: {@code by} is
	 * then null too) and when, and for each of kind, sentiment and language the value before and after, both null
	 * where the correction left it.
	 */
	public record TriageChange(UUID memberId, String by, Instant at, String kindFrom, String kindTo, String sentimentFrom,
			String sentimentTo, String languageFrom, String languageTo) {
	}

	/** Every correction of the conversation's triage, newest first. */
	public List<TriageChange> triageCorrections(UUID workspaceId, UUID id) {
		load(workspaceId, id);
		List<TriageChange> changes = jdbc.sql("""
				select member_id, at, kind_from, kind_to, sentiment_from, sentiment_to, language_from, language_to
				from inbox_triage_corrections where conversation_id = ? and workspace_id = ? order by at desc, id""")
			.params(id, workspaceId)
			.query((rs, n) -> new TriageChange(rs.getObject(1, UUID.class), null, rs.getTimestamp(2).toInstant(),
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
		Map<UUID, String> names = members.displayNames(changes.stream().map(TriageChange::memberId)
			.filter(java.util.Objects::nonNull).toList());
		return changes.stream().map(c -> new TriageChange(c.memberId(), names.get(c.memberId()), c.at(), c.kindFrom(),
				c.kindTo(), c.sentimentFrom(), c.sentimentTo(), c.languageFrom(), c.languageTo())).toList();
	}

	private static void check(String field, String value, List<String> allowed) {
		if (value != null && !allowed.contains(value)) {
			throw new InvalidFieldException(field, field + " is one of " + String.join(", ", allowed) + ", not '" + value
					+ "'.");
		}
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	/** Where a page of a list in another order than newest first ended: the sort, its values there, and the id. */
	record SortCursor(InboxSort sort, List<BigDecimal> keys, UUID id) {

		String encode() {
			StringBuilder raw = new StringBuilder(sort.key());
			keys.forEach(k -> raw.append('|').append(k.toPlainString()));
			raw.append('|').append(id);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
		}

		static SortCursor parse(String cursor, InboxSort sort) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
				int keys = sortKeys(sort).size();
				if (!parts[0].equals(sort.key()) || parts.length != keys + 2) {
					throw new IllegalArgumentException("another order");
				}
				List<BigDecimal> values = new ArrayList<>();
				for (int i = 1; i <= keys; i++) {
					values.add(new BigDecimal(parts[i]));
				}
				return new SortCursor(sort, values, UUID.fromString(parts[keys + 1]));
			}
			catch (RuntimeException e) {
				throw new IllegalArgumentException("The cursor '" + cursor + "' is not one this API handed out for sort="
						+ sort.key() + ".");
			}
		}
	}

	record Cursor(Instant at, UUID id) {

		String encode() {
			String raw = at.getEpochSecond() + "." + at.getNano() + ":" + id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Cursor parse(String cursor) {
			try {
				String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				String[] parts = raw.split(":", 2);
				String[] time = parts[0].split("\\.");
				return new Cursor(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
						UUID.fromString(parts[1]));
			}
			catch (RuntimeException e) {
				throw new IllegalArgumentException("The cursor '" + cursor + "' is not one this API handed out.");
			}
		}
	}
}

package org.rapport.authenticity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.inbox.InboxHistory;
import org.rapport.inbox.MessageView;
import org.rapport.inbox.Messages;
import org.rapport.inbox.MessagesStored;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Jobs;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.RecurringWork;
import org.rapport.platform.Workspaces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The storm early warning's live path: whenever the inbox stores messages, the inbound ones a person wrote are scored
 * ({@link NegativeTone}), counted into the channel's five-minute buckets and handed to the channel's
 * {@link StormDetector}, in the inbox's transaction. A signal of a new episode raises a {@link StormAlert} (shown to
 * every member as a banner, mailed once to the managers); later signals of the same storm update it. Messages dated
 * more than an hour ago (an import, a backfill) are learnt from but raise nothing.
 */
@Component
public class StormWatch {

	/** The job that mails a new alert to the workspace's managers. */
	public static final String MAIL_JOB = "storm-alert-mail";

	/** The job that records the contacts of the inbox's history as seen, once per workspace. */
	public static final String SEEN_JOB = "storm-seen-rebuild";

	/** Messages dated earlier than this before now only teach the baseline. */
	static final Duration LIVE = Duration.ofHours(1);

	/** How long the recent messages are kept for the windows (the longest window is one hour). */
	static final Duration KEEP_RECENT = Duration.ofDays(2);

	private final JdbcClient jdbc;
	private final Messages messages;
	private final Workspaces workspaces;
	private final Jobs jobs;
	private final InboxHistory history;
	private final org.springframework.transaction.support.TransactionTemplate nested;
	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StormWatch.class);

	StormWatch(JdbcClient jdbc, Messages messages, Workspaces workspaces, @Lazy Jobs jobs, InboxHistory history,
			org.springframework.transaction.PlatformTransactionManager transactions) {
		this.nested = new org.springframework.transaction.support.TransactionTemplate(transactions);
		this.nested.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
		this.jdbc = jdbc;
		this.messages = messages;
		this.workspaces = workspaces;
		this.jobs = jobs;
		this.history = history;
	}

	/**
	 * What one detector watches: a channel's inbound messages or a topic's hits (a listening monitor's); exactly one of
	 * the two ids is set.
	 */
	record Stream(UUID channelId, UUID monitorId) {

		static Stream channel(UUID id) {
			return new Stream(id, null);
		}

		static Stream topic(UUID id) {
			return new Stream(null, id);
		}

		boolean topic() {
			return monitorId != null;
		}

		UUID id() {
			return topic() ? monitorId : channelId;
		}

		/** The column that names the stream in the storm tables (a constant, never input). */
		String column() {
			return topic() ? "monitor_id" : "channel_id";
		}
	}

	@EventListener
	void on(MessagesStored stored) {
		// By channel id, so that concurrent batches lock the channels' baselines in the same order.
		Map<UUID, List<MessagesStored.Stored>> byChannel = new java.util.TreeMap<>();
		for (MessagesStored.Stored m : stored.messages()) {
			if (m.inbound() && "message".equals(m.kind()) && !m.automated() && !m.spam() && m.contactId() != null
					&& m.channelId() != null) {
				byChannel.computeIfAbsent(m.channelId(), c -> new ArrayList<>()).add(m);
			}
		}
		for (List<MessagesStored.Stored> batch : byChannel.values()) {
			// In a savepoint: should the warning fail, the messages are stored all the same.
			try {
				nested.executeWithoutResult(status -> take(batch));
			}
			catch (RuntimeException e) {
				log.warn("The storm warning could not take {} messages of channel {}: {}", batch.size(),
						batch.getFirst().channelId(), e.toString());
			}
		}
	}

	/** Takes one channel's new inbound messages. */
	private void take(List<MessagesStored.Stored> batch) {
		UUID workspaceId = batch.getFirst().workspaceId();
		UUID channelId = batch.getFirst().channelId();
		List<MessagesStored.Stored> sorted = new ArrayList<>(batch);
		sorted.sort(java.util.Comparator.comparing(MessagesStored.Stored::at).thenComparing(MessagesStored.Stored::messageId));
		Map<UUID, UUID> conversationOf = new HashMap<>();
		StormDetector detector = load(workspaceId, channelId, sorted, conversationOf);
		Set<UUID> newContacts = markSeen(workspaceId, channelId, sorted);
		Set<UUID> firstOfContact = new HashSet<>();
		List<StormDetector.Signal> signals = new ArrayList<>();
		List<Object[]> recentRows = new ArrayList<>();
		for (MessagesStored.Stored m : sorted) {
			boolean isNew = newContacts.contains(m.contactId()) && firstOfContact.add(m.contactId());
			boolean negative = m.text() != null && NegativeTone.isNegative(text(m.subject(), m.text()));
			conversationOf.put(m.messageId(), m.conversationId());
			recentRows.add(new Object[] { m, negative, isNew });
			StormDetector.Signal s = detector.observe(new StormDetector.Observation(m.messageId(), m.contactId(), m.at(),
					negative, isNew));
			if (s != null) {
				signals.add(s);
			}
		}
		save(workspaceId, channelId, detector, recentRows);
		alertOn(workspaceId, Stream.channel(channelId), signals, conversationOf);
	}

	/**
	 * Raises or updates the alerts of a stream's signals, but for those dated more than an hour ago.
	 *
	 * @param conversationOf the conversation of each message (a channel's), empty for a topic's hits
	 */
	void alertOn(UUID workspaceId, Stream stream, List<StormDetector.Signal> signals, Map<UUID, UUID> conversationOf) {
		Instant liveFrom = Instant.now().minus(LIVE);
		for (StormDetector.Signal s : signals) {
			if (s.at().isBefore(liveFrom)) {
				continue;
			}
			List<UUID> conversations = s.sample().stream().map(conversationOf::get).filter(java.util.Objects::nonNull)
				.distinct().toList();
			Optional<UUID> open = s.opensEpisode() ? Optional.empty() : latestWithin(stream, s.at());
			if (open.isPresent()) {
				update(open.get(), s, conversations);
			}
			else {
				raise(workspaceId, stream, s, conversations);
			}
		}
	}

	private static String text(String subject, String body) {
		return (subject == null ? "" : subject + "\n") + (body == null ? "" : body);
	}

	/** From where the recent messages matter: the open bucket and the longest window before it. */
	static Instant windowStart(StormDetector d) {
		if (d.closedThrough < 0) {
			return Instant.now().minus(KEEP_RECENT);
		}
		return Instant.ofEpochSecond((d.closedThrough + 1 - StormDetector.LONGEST) * StormDetector.BUCKET_SECONDS);
	}

	/**
	 * The channel's detector as stored (locked for this transaction), with its threshold and, where the batch needs
	 * them ({@link StormDetector#onlyKeeps}), its recent messages, read once: their conversations go into
	 * {@code conversationOf}, for the alerts.
	 */
	private StormDetector load(UUID workspaceId, UUID channelId, List<MessagesStored.Stored> batch,
			Map<UUID, UUID> conversationOf) {
		StormDetector detector = loadBaseline(workspaceId, Stream.channel(channelId));
		// Before its first message a channel has no recent ones: they are stored with the baseline that learns them.
		if (detector.closedThrough < 0 || detector.onlyKeeps(batch.stream().map(MessagesStored.Stored::at).toList())) {
			return detector;
		}
		jdbc.sql("""
				select message_id, contact_id, at, negative, new_author, conversation_id from storm_recent
				where channel_id = ? and at >= ? order by at, message_id""")
			.params(channelId, Timestamp.from(windowStart(detector)))
			.query(rs -> {
				UUID messageId = rs.getObject(1, UUID.class);
				conversationOf.put(messageId, rs.getObject(6, UUID.class));
				detector.recent.addLast(new StormDetector.Observation(messageId, rs.getObject(2, UUID.class),
						rs.getTimestamp(3).toInstant(), rs.getBoolean(4), rs.getBoolean(5)));
			});
		return detector;
	}

	/** A stream's detector with its threshold and learnt rates as stored (locked for this transaction), without its recent messages. */
	StormDetector loadBaseline(UUID workspaceId, Stream stream) {
		String column = stream.column();
		StormDetector detector = new StormDetector(workspaces.get(workspaceId).timeZone(), settings(workspaceId, stream));
		int created = jdbc.sql("""
				insert into storm_baselines(%s, workspace_id, rates, learnt, closed_through)
				values (?, ?, ?::double precision[], ?::int[], -1) on conflict (%s) do nothing""".formatted(column, column))
			.params(stream.id(), workspaceId, flatten(detector.rates), boxed(detector.learnt))
			.update();
		if (created == 1 && !stream.topic() && jdbc.sql(
				"select count(*) from storm_baselines where workspace_id = ? and channel_id is not null").param(workspaceId)
			.query(Integer.class).single() == 1) {
			jobs.enqueue(SEEN_JOB, workspaceId, "{\"workspaceId\":\"" + workspaceId + "\"}", null);
		}
		jdbc.sql("select rates, learnt, closed_through, last_signal_at from storm_baselines where " + column + " = ? for update")
			.param(stream.id())
			.query(rs -> {
				Double[] rates = (Double[]) rs.getArray(1).getArray();
				Integer[] learnt = (Integer[]) rs.getArray(2).getArray();
				for (int s = 0; s < 3; s++) {
					for (int i = 0; i < 168; i++) {
						detector.rates[s][i] = rates[s * 168 + i];
					}
				}
				for (int i = 0; i < 168; i++) {
					detector.learnt[i] = learnt[i];
				}
				detector.closedThrough = rs.getLong(3);
				Timestamp last = rs.getTimestamp(4);
				detector.lastSignal = last == null ? null : last.toInstant();
			});
		return detector;
	}

	private void save(UUID workspaceId, UUID channelId, StormDetector detector, List<Object[]> rows) {
		int n = rows.size();
		UUID[] ids = new UUID[n];
		UUID[] conversations = new UUID[n];
		UUID[] contacts = new UUID[n];
		String[] at = new String[n];
		Boolean[] negative = new Boolean[n];
		Boolean[] isNew = new Boolean[n];
		for (int i = 0; i < n; i++) {
			MessagesStored.Stored m = (MessagesStored.Stored) rows.get(i)[0];
			ids[i] = m.messageId();
			conversations[i] = m.conversationId();
			contacts[i] = m.contactId();
			at[i] = m.at().toString();
			negative[i] = (Boolean) rows.get(i)[1];
			isNew[i] = (Boolean) rows.get(i)[2];
		}
		jdbc.sql("""
				insert into storm_recent(message_id, workspace_id, channel_id, conversation_id, contact_id, at, negative, new_author)
				select m, ?, ?, c, p, t, n, w from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::timestamptz[], ?::boolean[], ?::boolean[])
				  as x(m, c, p, t, n, w)
				on conflict (message_id) do nothing""")
			.params(workspaceId, channelId, ids, conversations, contacts, at, negative, isNew)
			.update();
		saveBaseline(workspaceId, Stream.channel(channelId), detector, at, negative, isNew);
	}

	/** Stores a stream's learnt rates and counts its new messages (times, negative, new author) into its buckets. */
	void saveBaseline(UUID workspaceId, Stream stream, StormDetector detector, String[] at, Boolean[] negative,
			Boolean[] isNew) {
		String column = stream.column();
		jdbc.sql("""
				update storm_baselines set rates = ?::double precision[], learnt = ?::int[], closed_through = ?,
				  last_signal_at = ?, updated_at = now() where %s = ?""".formatted(column))
			.params(flatten(detector.rates), boxed(detector.learnt), detector.closedThrough,
					detector.lastSignal == null ? null : Timestamp.from(detector.lastSignal), stream.id())
			.update();
		jdbc.sql("""
				insert into storm_buckets(%s, bucket_start, workspace_id, messages, negative, new_authors)
				select ?, to_timestamp(floor(extract(epoch from t) / 300) * 300), ?, count(*), count(*) filter (where n),
				  count(*) filter (where w)
				from unnest(?::timestamptz[], ?::boolean[], ?::boolean[]) as x(t, n, w) group by 2
				on conflict (%s, bucket_start) do update set messages = storm_buckets.messages + excluded.messages,
				  negative = storm_buckets.negative + excluded.negative,
				  new_authors = storm_buckets.new_authors + excluded.new_authors""".formatted(column, column))
			.params(stream.id(), workspaceId, at, negative, isNew)
			.update();
	}

	/** Records the batch's contacts as seen on the channel; answers those never seen before. */
	private Set<UUID> markSeen(UUID workspaceId, UUID channelId, List<MessagesStored.Stored> batch) {
		Map<UUID, Instant> first = new LinkedHashMap<>();
		batch.forEach(m -> first.putIfAbsent(m.contactId(), m.at()));
		UUID[] contacts = first.keySet().toArray(UUID[]::new);
		String[] at = first.values().stream().map(Instant::toString).toArray(String[]::new);
		return new HashSet<>(jdbc.sql("""
				insert into storm_seen_contacts(channel_id, contact_id, workspace_id, first_seen)
				select ?, c, ?, t from unnest(?::uuid[], ?::timestamptz[]) as x(c, t)
				on conflict (channel_id, contact_id) do nothing returning contact_id""")
			.params(channelId, workspaceId, contacts, at)
			.query(UUID.class)
			.list());
	}

	private Optional<UUID> latestWithin(Stream stream, Instant at) {
		return jdbc.sql("select id from storm_alerts where " + stream.column()
				+ " = ? and last_signal_at > ? order by raised_at desc limit 1")
			.params(stream.id(), Timestamp.from(at.minus(StormDetector.COOLDOWN)))
			.query(UUID.class)
			.optional();
	}

	private void raise(UUID workspaceId, Stream stream, StormDetector.Signal s, List<UUID> conversations) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into storm_alerts(id, workspace_id, %s, started_at, raised_at, last_signal_at, messages,
				  negative, negative_authors, new_authors, expected, negative_share, growth, p_value, sample_message_ids,
				  conversation_ids)
				values (?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?::uuid[])""".formatted(stream.column()))
			.params(id, workspaceId, stream.id(), Timestamp.from(s.startedAt()), Timestamp.from(s.at()), s.messages(),
					s.negative(), s.negativeAuthors(), s.newAuthors(), s.expected(), s.negativeShare(), s.growth(),
					s.pValue(), s.sample().toArray(UUID[]::new), conversations.toArray(UUID[]::new))
			.update();
		jobs.enqueue(MAIL_JOB, workspaceId, "{\"alertId\":\"" + id + "\"}", null);
	}

	/** A later signal of the same storm: the alert keeps the larger window's figures and gathers more messages. */
	private void update(UUID alertId, StormDetector.Signal s, List<UUID> conversations) {
		jdbc.sql("""
				update storm_alerts set last_signal_at = greatest(last_signal_at, ?),
				  started_at = least(started_at, ?),
				  messages = greatest(messages, ?), negative = greatest(negative, ?),
				  negative_authors = greatest(negative_authors, ?), new_authors = greatest(new_authors, ?),
				  expected = case when ? > negative_authors then ? else expected end,
				  negative_share = case when ? > negative_authors then ? else negative_share end,
				  growth = ?, p_value = least(p_value, ?),
				  sample_message_ids = (select array(select x from unnest(?::uuid[] || sample_message_ids) with ordinality as t(x, i)
				    group by x order by min(i) limit 50)),
				  conversation_ids = (select array(select x from unnest(?::uuid[] || conversation_ids) with ordinality as t(x, i)
				    group by x order by min(i) limit 50))
				where id = ?""")
			.params(Timestamp.from(s.at()), Timestamp.from(s.startedAt()), s.messages(), s.negative(), s.negativeAuthors(),
					s.newAuthors(), s.negativeAuthors(), s.expected(), s.negativeAuthors(), s.negativeShare(), s.growth(),
					s.pValue(), s.sample().toArray(UUID[]::new), conversations.toArray(UUID[]::new), alertId)
			.update();
	}

	// --- alerts ---------------------------------------------------------------------------------------------------

	/** Open alerts (not acknowledged) and those of the last 30 days, newest first. */
	public List<StormAlert> recent(UUID workspaceId, int limit) {
		return jdbc.sql("""
				select * from storm_alerts where workspace_id = ?
				  and (acknowledged_at is null or raised_at > now() - interval '30 days')
				order by acknowledged_at is null desc, raised_at desc limit ?""")
			.params(workspaceId, limit)
			.query((rs, n) -> alert(rs))
			.list();
	}

	/** The alerts nobody acknowledged yet, newest first: what the banner shows. */
	public List<StormAlert> open(UUID workspaceId) {
		return jdbc.sql("select * from storm_alerts where workspace_id = ? and acknowledged_at is null order by raised_at desc limit 5")
			.param(workspaceId)
			.query((rs, n) -> alert(rs))
			.list();
	}

	/** @throws NotFoundException when the workspace has no such alert */
	public StormAlert get(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from storm_alerts where workspace_id = ? and id = ?")
			.params(workspaceId, id)
			.query((rs, n) -> alert(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No storm alert " + id + " in this workspace."));
	}

	/** A member acknowledges an alert (again: nothing changes); the banner goes for everyone. */
	@Transactional
	public StormAlert acknowledge(CurrentUser user, UUID id) {
		user.requireWorker();
		get(user.workspaceId(), id);
		jdbc.sql("""
				update storm_alerts set acknowledged_by = ?, acknowledged_at = now()
				where workspace_id = ? and id = ? and acknowledged_at is null""")
			.params(user.userId(), user.workspaceId(), id)
			.update();
		return get(user.workspaceId(), id);
	}

	/** The messages that caused an alert, newest first, through the inbox's public API (those since erased are left out). */
	public List<MessageView> messagesOf(StormAlert alert) {
		List<MessageView> found = new ArrayList<>(messages.find(alert.workspaceId(), alert.sampleMessageIds()));
		found.sort(java.util.Comparator.comparing(MessageView::sentAt, java.util.Comparator.nullsLast(
				java.util.Comparator.<Instant>reverseOrder())));
		return found;
	}

	/** The conversation each of an alert's messages belongs to. */
	public Map<UUID, UUID> conversationsOf(StormAlert alert) {
		Map<UUID, UUID> map = new HashMap<>();
		jdbc.sql("select message_id, conversation_id from storm_recent where workspace_id = ? and message_id = any(?::uuid[])")
			.params(alert.workspaceId(), alert.sampleMessageIds().toArray(UUID[]::new))
			.query(rs -> {
				map.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
			});
		return map;
	}

	/** Whether the mail about an alert already went to an address. */
	boolean mailedTo(UUID alertId, String address) {
		return Boolean.TRUE.equals(jdbc.sql("select ? = any(mailed_to) from storm_alerts where id = ?")
			.params(address, alertId).query(Boolean.class).optional().orElse(false));
	}

	void markMailed(UUID alertId, String address) {
		jdbc.sql("update storm_alerts set mailed_to = array_append(mailed_to, ?) where id = ? and not (? = any(mailed_to))")
			.params(address, alertId, address).update();
	}

	Optional<StormAlert> find(UUID id) {
		return jdbc.sql("select * from storm_alerts where id = ?").param(id).query((rs, n) -> alert(rs)).optional();
	}

	private static StormAlert alert(ResultSet rs) throws SQLException {
		Timestamp ack = rs.getTimestamp("acknowledged_at");
		return new StormAlert(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("channel_id", UUID.class), rs.getObject("monitor_id", UUID.class),
				rs.getTimestamp("started_at").toInstant(),
				rs.getTimestamp("raised_at").toInstant(), rs.getTimestamp("last_signal_at").toInstant(),
				rs.getInt("messages"), rs.getInt("negative"), rs.getInt("negative_authors"), rs.getInt("new_authors"),
				rs.getDouble("expected"), rs.getDouble("negative_share"), rs.getDouble("growth"), rs.getDouble("p_value"),
				uuids(rs.getArray("sample_message_ids")), uuids(rs.getArray("conversation_ids")),
				rs.getObject("acknowledged_by", UUID.class), ack == null ? null : ack.toInstant());
	}

	private static List<UUID> uuids(Array array) throws SQLException {
		return array == null ? List.of() : List.copyOf(Arrays.asList((UUID[]) array.getArray()));
	}

	// --- thresholds ------------------------------------------------------------------------------------------------

	/** A channel's threshold, the default when none was set. */
	public StormDetector.Settings settings(UUID workspaceId, UUID channelId) {
		return settings(workspaceId, Stream.channel(channelId));
	}

	/** A topic's (a listening monitor's) threshold, the default when none was set. */
	public StormDetector.Settings topicSettings(UUID workspaceId, UUID monitorId) {
		return settings(workspaceId, Stream.topic(monitorId));
	}

	StormDetector.Settings settings(UUID workspaceId, Stream stream) {
		return jdbc.sql("select sensitivity, min_authors from storm_settings where workspace_id = ? and " + stream.column() + " = ?")
			.params(workspaceId, stream.id())
			.query((rs, n) -> new StormDetector.Settings(StormDetector.Sensitivity.of(rs.getString(1)), rs.getInt(2)))
			.optional()
			.orElse(StormDetector.Settings.DEFAULT);
	}

	/** The thresholds set per channel (channels not named use the default). */
	public Map<UUID, StormDetector.Settings> settings(UUID workspaceId) {
		Map<UUID, StormDetector.Settings> map = new LinkedHashMap<>();
		jdbc.sql("select channel_id, sensitivity, min_authors from storm_settings where workspace_id = ? and channel_id is not null")
			.param(workspaceId)
			.query(rs -> {
				map.put(rs.getObject(1, UUID.class),
						new StormDetector.Settings(StormDetector.Sensitivity.of(rs.getString(2)), rs.getInt(3)));
			});
		return map;
	}

	/**
	 * A manager sets a channel's threshold.
	 *
	 * @param sensitivity {@code low}, {@code normal} or {@code high}; null keeps the current one
	 * @param minAuthors 2 to 500; null keeps the current one
	 * @throws InvalidFieldException naming the field that is out of range
	 */
	@Transactional
	public StormDetector.Settings setSettings(CurrentUser user, UUID channelId, String sensitivity, Integer minAuthors) {
		return setSettings(user, Stream.channel(channelId), sensitivity, minAuthors);
	}

	/**
	 * A manager sets a topic's (a listening monitor's) threshold, as {@link #setSettings} a channel's.
	 *
	 * @throws InvalidFieldException naming the field that is out of range
	 */
	@Transactional
	public StormDetector.Settings setTopicSettings(CurrentUser user, UUID monitorId, String sensitivity, Integer minAuthors) {
		return setSettings(user, Stream.topic(monitorId), sensitivity, minAuthors);
	}

	private StormDetector.Settings setSettings(CurrentUser user, Stream stream, String sensitivity, Integer minAuthors) {
		user.requireManager();
		StormDetector.Settings current = settings(user.workspaceId(), stream);
		StormDetector.Sensitivity s = sensitivity == null ? current.sensitivity() : StormDetector.Sensitivity.of(sensitivity);
		if (s == null) {
			throw new InvalidFieldException("sensitivity", "sensitivity must be low, normal or high, not '" + sensitivity + "'.");
		}
		int min = minAuthors == null ? current.minAuthors() : minAuthors;
		if (min < StormDetector.Settings.MIN_AUTHORS_LOW || min > StormDetector.Settings.MIN_AUTHORS_HIGH) {
			throw new InvalidFieldException("minAuthors", "minAuthors must lie between " + StormDetector.Settings.MIN_AUTHORS_LOW
					+ " and " + StormDetector.Settings.MIN_AUTHORS_HIGH + ", not " + min + ".");
		}
		jdbc.sql("""
				insert into storm_settings(%s, workspace_id, sensitivity, min_authors, updated_by)
				values (?, ?, ?, ?, ?)
				on conflict (%s) do update set sensitivity = excluded.sensitivity, min_authors = excluded.min_authors,
				  updated_by = excluded.updated_by, updated_at = now()""".formatted(stream.column(), stream.column()))
			.params(stream.id(), user.workspaceId(), s.key(), min, user.userId())
			.update();
		return new StormDetector.Settings(s, min);
	}

	// --- housekeeping ---------------------------------------------------------------------------------------------

	@Bean
	RecurringWork stormPruneRecurring() {
		return RecurringWork.every("storm-prune", Duration.ofHours(1), this::prune);
	}

	/**
	 * Forgets recent messages and topics' hits older than two days (but those an alert names: its page links them to
	 * their conversations) and buckets older than 90 days.
	 */
	public void prune() {
		jdbc.sql("""
				delete from storm_recent r where r.at < ?
				  and not exists (select 1 from storm_alerts a where a.workspace_id = r.workspace_id
				    and r.message_id = any(a.sample_message_ids))""")
			.param(Timestamp.from(Instant.now().minus(KEEP_RECENT))).update();
		jdbc.sql("""
				delete from storm_topic_recent r where r.at < ?
				  and not exists (select 1 from storm_alerts a where a.monitor_id = r.monitor_id
				    and r.hit_id = any(a.sample_message_ids))""")
			.param(Timestamp.from(Instant.now().minus(KEEP_RECENT))).update();
		jdbc.sql("delete from storm_buckets where bucket_start < ?")
			.param(Timestamp.from(Instant.now().minus(Duration.ofDays(90)))).update();
	}

	/**
	 * Records every contact who ever wrote on each channel of the workspace as seen, from the inbox's history, so that
	 * after installing (or a restore) the old contacts are not taken for new authors. Answers how many were added.
	 */
	@Transactional
	public int rebuildSeen(UUID workspaceId) {
		Map<UUID, Map<UUID, Instant>> firstSeen = new HashMap<>();
		history.forEachConversation(workspaceId, h -> {
			for (MessagesStored.Stored m : h.messages()) {
				if (m.inbound() && m.contactId() != null && m.channelId() != null) {
					firstSeen.computeIfAbsent(m.channelId(), c -> new HashMap<>()).merge(m.contactId(), m.at(),
							(a, b) -> a.isBefore(b) ? a : b);
				}
			}
		});
		int added = 0;
		for (Map.Entry<UUID, Map<UUID, Instant>> channel : firstSeen.entrySet()) {
			UUID[] contacts = channel.getValue().keySet().toArray(UUID[]::new);
			String[] at = channel.getValue().values().stream().map(Instant::toString).toArray(String[]::new);
			added += jdbc.sql("""
					insert into storm_seen_contacts(channel_id, contact_id, workspace_id, first_seen)
					select ?, c, ?, t from unnest(?::uuid[], ?::timestamptz[]) as x(c, t)
					on conflict (channel_id, contact_id) do update set first_seen = least(storm_seen_contacts.first_seen, excluded.first_seen)""")
				.params(channel.getKey(), workspaceId, contacts, at)
				.update();
		}
		return added;
	}

	private static Double[] flatten(double[][] rates) {
		Double[] flat = new Double[rates.length * 168];
		for (int s = 0; s < rates.length; s++) {
			for (int i = 0; i < 168; i++) {
				flat[s * 168 + i] = rates[s][i];
			}
		}
		return flat;
	}

	private static Integer[] boxed(int[] values) {
		return Arrays.stream(values).boxed().toArray(Integer[]::new);
	}

}

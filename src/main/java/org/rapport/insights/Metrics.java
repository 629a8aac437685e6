package org.rapport.insights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.blog.Posts;
import org.rapport.channels.Channel;
import org.rapport.channels.ChannelPosts;
import org.rapport.channels.Channels;
import org.rapport.contacts.Segments;
import org.rapport.events.Meetings;
import org.rapport.platform.ChannelId;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Members;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.rapport.relationships.Reminders;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the dialogue figures for a period from {@code insight_openings} — never from the inbox's messages.
 * Periods are whole days in the workspace's time zone; an opening belongs to the day it began.
 */
@Component
public class Metrics {

	/** The longest period one request may ask for (three years, so a year can be compared with the one before). */
	public static final int MAX_DAYS = 1_100;

	public enum Grouping {
		DAY, WEEK, MONTH;

		static Grouping of(String text) {
			if (text == null || text.isBlank()) {
				return WEEK;
			}
			try {
				return valueOf(text.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidFieldException("groupBy", "groupBy must be day, week or month, not '" + text + "'.");
			}
		}

		LocalDate bucket(LocalDate day) {
			return switch (this) {
				case DAY -> day;
				case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
				case MONTH -> day.withDayOfMonth(1);
			};
		}

		LocalDate next(LocalDate bucket) {
			return switch (this) {
				case DAY -> bucket.plusDays(1);
				case WEEK -> bucket.plusWeeks(1);
				case MONTH -> bucket.plusMonths(1);
			};
		}
	}

	/**
	 * What to count: days {@code from} through {@code to} (both included), optionally one channel, one member (who
	 * answered first), one segment of contacts and one label of conversations (as the inbox keeps it: lower case).
	 */
	public record Query(LocalDate from, LocalDate to, UUID channelId, UUID memberId, UUID segmentId, Grouping groupBy,
			String label) {

		public Query(LocalDate from, LocalDate to, UUID channelId, UUID memberId, UUID segmentId, Grouping groupBy) {
			this(from, to, channelId, memberId, segmentId, groupBy, null);
		}
	}

	/**
	 * The figures of the period, of the period of equal length just before it, and per bucket.
	 *
	 * @param exact whether the period's figures were counted from every opening; {@code false} when they were added
	 * up from daily summaries (large periods), whose medians and p90 are within 0.1 % of the exact value
	 */
	public record Report(LocalDate from, LocalDate to, String timeZone, String groupBy, Figures totals,
			Figures previous, List<Figures> series, boolean exact, Personal personal, Personal previousPersonal) {
	}

	/**
	 * What the team did beyond answering, for the whole workspace (filters do not apply): personal contact that was
	 * planned for the period and what came of it — one-off reminders due in it and marked done, meetings at events
	 * planned in it and held — and the blog posts and network posts published in it that started a dialogue. Only
	 * the network posts follow the channel filter: they belong to a channel.
	 *
	 * @param reachOutShare {@code reachOutDone / reachOutPlanned}, {@code null} when nothing was planned
	 * @param meetingsShare {@code meetingsHeld / meetingsPlanned}, {@code null} when nothing was planned
	 * @param postsPublished blog posts published in the period
	 * @param postsStartedDialogue of those, the ones that drew a reader's comment or a verified linkback
	 * @param postsShare {@code postsStartedDialogue / postsPublished}, {@code null} when nothing was published
	 * @param networkPostsPublished posts the channels' accounts published on their networks in the period
	 * @param networkPostsStartedDialogue of those, the ones someone other than the account commented on
	 * @param networkPostsShare {@code networkPostsStartedDialogue / networkPostsPublished}, {@code null} when nothing
	 * was published
	 * @param networkPostLikes the likes (favourites) the networks count on those posts, as last read
	 * @param networkPostShares the shares (boosts, reposts) the networks count on those posts, as last read
	 */
	public record Personal(long reachOutPlanned, long reachOutDone, Double reachOutShare, long meetingsPlanned,
			long meetingsHeld, long meetingsNotMet, Double meetingsShare, long postsPublished,
			long postsStartedDialogue, Double postsShare, long networkPostsPublished, long networkPostsStartedDialogue,
			Double networkPostsShare, long networkPostLikes, long networkPostShares) {

		static Personal of(Reminders.Planned reachOut, Meetings.Held meetings, Posts.Dialogue posts,
				ChannelPosts.Dialogue networkPosts) {
			return new Personal(reachOut.planned(), reachOut.done(), share(reachOut.done(), reachOut.planned()),
					meetings.planned(), meetings.met(), meetings.notMet(), share(meetings.met(), meetings.planned()),
					posts.published(), posts.started(), share(posts.started(), posts.published()),
					networkPosts.published(), networkPosts.started(), share(networkPosts.started(), networkPosts.published()),
					networkPosts.likes(), networkPosts.shares());
		}

		private static Double share(long part, long whole) {
			return whole == 0 ? null : (double) part / whole;
		}
	}

	private final NamedParameterJdbcTemplate jdbc;
	private final Workspaces workspaces;
	private final Channels channels;
	private final Members members;
	private final Segments segments;
	private final DaySummaries summaries;
	private final Reminders reminders;
	private final Meetings meetings;
	private final Posts posts;
	private final ChannelPosts networkPosts;
	private final ConversationLabels labels;

	Metrics(NamedParameterJdbcTemplate jdbc, Workspaces workspaces, Channels channels, Members members,
			Segments segments, DaySummaries summaries, Reminders reminders, Meetings meetings, Posts posts,
			ChannelPosts networkPosts, ConversationLabels labels) {
		this.jdbc = jdbc;
		this.networkPosts = networkPosts;
		this.labels = labels;
		this.posts = posts;
		this.summaries = summaries;
		this.reminders = reminders;
		this.meetings = meetings;
		this.workspaces = workspaces;
		this.channels = channels;
		this.members = members;
		this.segments = segments;
	}

	/**
	 * Reads and checks a query as it comes from a request: dates as {@code YYYY-MM-DD} (default: the last 28 days
	 * up to today), the channel by id or key, the member and segment by id.
	 *
	 * @throws InvalidFieldException naming the parameter that is wrong
	 */
	public Query query(UUID workspaceId, String from, String to, String channel, String member, String segment,
			String groupBy) {
		return query(workspaceId, from, to, channel, member, segment, groupBy, null);
	}

	/**
	 * As {@link #query(UUID, String, String, String, String, String, String)}, with a label of conversations by its
	 * name (as the inbox shows it; case does not matter).
	 *
	 * @throws InvalidFieldException naming the parameter that is wrong, {@code label} for a label no conversation has
	 */
	public Query query(UUID workspaceId, String from, String to, String channel, String member, String segment,
			String groupBy, String label) {
		Workspace workspace = workspaces.get(workspaceId);
		LocalDate today = LocalDate.now(workspace.timeZone());
		LocalDate end = date("to", to, today);
		LocalDate start = date("from", from, end.minusDays(27));
		if (start.isAfter(end)) {
			throw new InvalidFieldException("from", "The period must start on or before its end (" + start + " > " + end + ").");
		}
		if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
			throw new InvalidFieldException("from", "A period may have at most " + MAX_DAYS + " days.");
		}
		Channel named = channel(workspaceId, channel);
		return new Query(start, end, named == null ? null : named.id(), member(workspaceId, member),
				segment(workspaceId, segment), Grouping.of(groupBy), label(workspaceId, label));
	}

	/** The first instant of the query's period. */
	public java.time.Instant start(UUID workspaceId, Query q) {
		return q.from().atStartOfDay(workspaces.get(workspaceId).timeZone()).toInstant();
	}

	/** The first instant after the query's period. */
	public java.time.Instant end(UUID workspaceId, Query q) {
		return q.to().plusDays(1).atStartOfDay(workspaces.get(workspaceId).timeZone()).toInstant();
	}

	public Report report(UUID workspaceId, Query q) {
		Workspace workspace = workspaces.get(workspaceId);
		ZoneId zone = workspace.timeZone();
		long days = ChronoUnit.DAYS.between(q.from(), q.to()) + 1;
		Figures previous = totals(workspaceId, q, q.from().minusDays(days), q.from().minusDays(1), zone);
		var summarised = summaries.tallies(workspaceId, q, q.from(), q.to(), zone, false, q.groupBy()::bucket);
		String groupBy = q.groupBy().name().toLowerCase(Locale.ROOT);
		Personal personal = personal(workspaceId, q.channelId(), q.from(), q.to(), zone);
		Personal personalBefore = personal(workspaceId, q.channelId(), q.from().minusDays(days), q.from().minusDays(1),
				zone);
		if (summarised.isPresent()) {
			Map<LocalDate, Tally> perBucket = summarised.get().values().stream().findFirst().orElse(Map.of());
			List<Figures> series = new ArrayList<>();
			for (LocalDate b = q.groupBy().bucket(q.from()); !b.isAfter(q.to()); b = q.groupBy().next(b)) {
				series.add(perBucket.containsKey(b) ? perBucket.get(b).figures(b) : empty(b));
			}
			return new Report(q.from(), q.to(), zone.getId(), groupBy, sum(perBucket.values()).figures(null), previous,
					series, false, personal, personalBefore);
		}
		return new Report(q.from(), q.to(), zone.getId(), groupBy, totals(workspaceId, q, q.from(), q.to(), zone),
				previous, series(workspaceId, q, zone), true, personal, personalBefore);
	}

	private Personal personal(UUID workspaceId, UUID channelId, LocalDate from, LocalDate to, ZoneId zone) {
		java.time.Instant start = from.atStartOfDay(zone).toInstant();
		java.time.Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		return Personal.of(reminders.plannedBetween(workspaceId, start, end), meetings.heldBetween(workspaceId, start, end),
				posts.dialogueBetween(workspaceId, start, end),
				networkPosts.dialogueBetween(workspaceId, ChannelId.of(channelId), start, end));
	}

	private static Tally sum(java.util.Collection<Tally> tallies) {
		Tally sum = new Tally();
		tallies.forEach(sum::add);
		return sum;
	}

	/** The figures of the period for each channel that had openings in it, largest first. */
	public Map<UUID, Figures> byChannel(UUID workspaceId, Query q) {
		ZoneId zone = workspaces.get(workspaceId).timeZone();
		Map<UUID, Figures> result = new java.util.LinkedHashMap<>();
		var summarised = summaries.tallies(workspaceId, q, q.from(), q.to(), zone, true, day -> q.from());
		if (summarised.isPresent()) {
			summarised.get().entrySet().stream()
				.map(e -> Map.entry(e.getKey(), sum(e.getValue().values())))
				// as the query below orders: most openings first, then by id (PostgreSQL orders uuids as their text)
				.sorted(java.util.Comparator
					.comparingLong((Map.Entry<UUID, Tally> e) -> -e.getValue().conversations)
					.thenComparing(e -> e.getKey().toString()))
				.forEach(e -> result.put(e.getKey(), e.getValue().figures(null)));
			return result;
		}
		MapSqlParameterSource params = params(workspaceId, q, q.from(), q.to(), zone);
		jdbc.query("select channel_id, " + FIGURES + " from insight_openings o " + where(q, params)
				+ " group by channel_id order by count(*) desc, channel_id", params, rs -> {
			result.put(rs.getObject("channel_id", UUID.class), figures(rs, null));
		});
		return result;
	}

	/** The columns of {@link #writeOpenings}. */
	public static final List<String> CSV_COLUMNS = List.of("conversation_id", "opening", "channel", "opened_at",
			"needs_answer", "waiting_since", "answered_at", "answered_by", "first_response_seconds",
			"first_response_business_seconds", "resolved_at", "resolution_seconds", "resolution_business_seconds",
			"inbound", "replies", "turns");

	/**
	 * Writes one CSV row per opening of the period (the figures' raw material), oldest first, for those who want
	 * to compute their own: times in UTC (ISO 8601), durations in seconds, channel and member by name.
	 */
	public void writeOpenings(UUID workspaceId, Query q, Appendable out) throws java.io.IOException {
		ZoneId zone = workspaces.get(workspaceId).timeZone();
		Map<UUID, String> channelNames = new HashMap<>();
		channels.of(workspaceId).forEach(c -> channelNames.put(c.id(), c.name()));
		Map<UUID, String> memberNames = new HashMap<>();
		members.of(workspaceId).forEach(m -> memberNames.put(m.userId(), m.displayName()));
		MapSqlParameterSource params = params(workspaceId, q, q.from(), q.to(), zone);
		// Not closed: closing the printer would close the caller's stream.
		org.apache.commons.csv.CSVPrinter csv = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
			.setHeader(CSV_COLUMNS.toArray(String[]::new)).get().print(out);
		jdbc.query("select o.* from insight_openings o " + where(q, params) + " order by o.opened_at, o.conversation_id, o.seq",
				params, rs -> {
					try {
						UUID answeredBy = rs.getObject("answered_by", UUID.class);
						csv.printRecord(rs.getObject("conversation_id"), rs.getInt("seq") + 1,
								channelNames.getOrDefault(rs.getObject("channel_id", UUID.class), ""),
								iso(rs, "opened_at"), rs.getBoolean("needs_answer"), iso(rs, "waiting_since"),
								iso(rs, "answered_at"), answeredBy == null ? "" : memberNames.getOrDefault(answeredBy, ""),
								rs.getObject("first_response_seconds"), rs.getObject("first_response_business_seconds"),
								iso(rs, "resolved_at"), rs.getObject("resolution_seconds"),
								rs.getObject("resolution_business_seconds"), rs.getInt("inbound"), rs.getInt("replies"),
								rs.getInt("turns"));
					}
					catch (java.io.IOException e) {
						throw new java.io.UncheckedIOException(e);
					}
				});
		csv.flush();
	}

	private static String iso(ResultSet rs, String column) throws SQLException {
		java.sql.Timestamp at = rs.getTimestamp(column);
		return at == null ? "" : at.toInstant().toString();
	}

	private Figures totals(UUID workspaceId, Query q, LocalDate from, LocalDate to, ZoneId zone) {
		var summarised = summaries.tallies(workspaceId, q, from, to, zone, false, day -> from);
		if (summarised.isPresent()) {
			return sum(summarised.get().values().stream().flatMap(d -> d.values().stream()).toList()).figures(null);
		}
		MapSqlParameterSource params = params(workspaceId, q, from, to, zone);
		return jdbc.queryForObject("select " + FIGURES + " from insight_openings o " + where(q, params), params,
				(rs, n) -> figures(rs, null));
	}

	private List<Figures> series(UUID workspaceId, Query q, ZoneId zone) {
		MapSqlParameterSource params = params(workspaceId, q, q.from(), q.to(), zone);
		params.addValue("unit", q.groupBy().name().toLowerCase(Locale.ROOT));
		Map<LocalDate, Figures> found = new HashMap<>();
		jdbc.query("select date_trunc(:unit, o.opened_at at time zone :zone)::date as bucket, " + FIGURES
				+ " from insight_openings o " + where(q, params) + " group by 1", params, rs -> {
			LocalDate bucket = rs.getObject("bucket", LocalDate.class);
			found.put(bucket, figures(rs, bucket));
		});
		List<Figures> series = new ArrayList<>();
		for (LocalDate b = q.groupBy().bucket(q.from()); !b.isAfter(q.to()); b = q.groupBy().next(b)) {
			series.add(found.getOrDefault(b, empty(b)));
		}
		return series;
	}

	// One sort per duration gives both percentiles (percentile_cont over an array of fractions).
	private static final String FIGURES = """
			count(*) as conversations,
			count(*) filter (where o.needs_answer) as needing,
			count(*) filter (where o.needs_answer and o.answered_at is not null) as answered,
			count(*) filter (where o.inbound > 0 and o.replies > 0) as two_way,
			avg(o.turns) as depth,
			percentile_cont(array[0.5, 0.9]) within group (order by o.first_response_seconds) as frt,
			avg(o.first_response_seconds) as frt_mean,
			percentile_cont(array[0.5, 0.9]) within group (order by o.first_response_business_seconds) as frtb,
			avg(o.first_response_business_seconds) as frtb_mean,
			percentile_cont(array[0.5, 0.9]) within group (order by o.resolution_seconds) as res,
			avg(o.resolution_seconds) as res_mean,
			percentile_cont(array[0.5, 0.9]) within group (order by o.resolution_business_seconds) as resb,
			avg(o.resolution_business_seconds) as resb_mean""";

	private MapSqlParameterSource params(UUID workspaceId, Query q, LocalDate from, LocalDate to, ZoneId zone) {
		return new MapSqlParameterSource().addValue("ws", workspaceId)
			.addValue("from", java.sql.Timestamp.from(from.atStartOfDay(zone).toInstant()))
			.addValue("to", java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
			.addValue("zone", zone.getId())
			.addValue("channel", q.channelId())
			.addValue("member", q.memberId());
	}

	private String where(Query q, MapSqlParameterSource params) {
		StringBuilder where = new StringBuilder(" where o.workspace_id = :ws and o.opened_at >= :from and o.opened_at < :to");
		if (q.channelId() != null) {
			where.append(" and o.channel_id = :channel");
		}
		if (q.memberId() != null) {
			where.append(" and o.answered_by = :member");
		}
		if (q.label() != null) {
			params.addValue("label", q.label());
			where.append(" and o.conversation_id in (select l.conversation_id from insight_conversation_labels l")
				.append(" where l.workspace_id = :ws and l.label = :label)");
		}
		if (q.segmentId() != null) {
			Segments.Selection selection = segments.selection((UUID) params.getValue("ws"), q.segmentId());
			selection.params().forEach(params::addValue);
			where.append(" and o.contact_id in (").append(selection.sql()).append(")");
		}
		return where.toString();
	}

	private static Figures figures(ResultSet rs, LocalDate bucket) throws SQLException {
		long conversations = rs.getLong("conversations");
		long needing = rs.getLong("needing");
		long answered = rs.getLong("answered");
		return new Figures(bucket, conversations, needing, answered, needing == 0 ? null : (double) answered / needing,
				spread(rs, "frt"), spread(rs, "frtb"), spread(rs, "res"), spread(rs, "resb"),
				conversations == 0 ? null : (double) rs.getLong("two_way") / conversations,
				number(rs, "depth"));
	}

	private static Figures empty(LocalDate bucket) {
		Figures.Spread none = new Figures.Spread(null, null, null);
		return new Figures(bucket, 0, 0, 0, null, none, none, none, none, null, null);
	}

	private static Figures.Spread spread(ResultSet rs, String prefix) throws SQLException {
		java.sql.Array percentiles = rs.getArray(prefix);
		Double median = null;
		Double p90 = null;
		if (percentiles != null) {
			Object[] values = (Object[]) percentiles.getArray();
			median = values[0] == null ? null : ((Number) values[0]).doubleValue();
			p90 = values[1] == null ? null : ((Number) values[1]).doubleValue();
		}
		return new Figures.Spread(median, p90, number(rs, prefix + "_mean"));
	}

	private static Double number(ResultSet rs, String column) throws SQLException {
		java.math.BigDecimal value = rs.getBigDecimal(column);
		return value == null ? null : value.doubleValue();
	}

	private static LocalDate date(String field, String text, LocalDate fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			LocalDate date = LocalDate.parse(text.strip());
			if (!org.rapport.platform.SaneDates.sane(date)) {
				throw new InvalidFieldException(field, field + " must be a date between 1900 and 9999, not '" + text + "'.");
			}
			return date;
		}
		catch (java.time.format.DateTimeParseException e) {
			throw new InvalidFieldException(field, field + " must be a date written as YYYY-MM-DD, not '" + text + "'.");
		}
	}

	/**
	 * The channel a request names by id or key, {@code null} when it names none.
	 *
	 * @throws InvalidFieldException naming {@code channel} when the workspace has no such channel
	 */
	public Channel channel(UUID workspaceId, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		UUID id = uuid(text);
		java.util.Optional<Channel> channel = id != null
				? channels.of(workspaceId).stream().filter(c -> c.id().equals(id)).findFirst()
				: channels.byKey(workspaceId, text.strip());
		return channel
			.orElseThrow(() -> new InvalidFieldException("channel", "There is no channel '" + text + "' in this workspace."));
	}

	private UUID member(UUID workspaceId, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		UUID id = uuid(text);
		if (id == null || members.of(workspaceId, id).isEmpty()) {
			throw new InvalidFieldException("member", "There is no member '" + text + "' in this workspace.");
		}
		return id;
	}

	private String label(UUID workspaceId, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String label = text.strip().toLowerCase(Locale.ROOT);
		if (label.length() > org.rapport.inbox.Conversation.MAX_LABEL || !labels.known(workspaceId, label)) {
			throw new InvalidFieldException("label", "No conversation of this workspace has the label '"
					+ (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'.");
		}
		return label;
	}

	private UUID segment(UUID workspaceId, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		UUID id = uuid(text);
		if (id == null || segments.find(workspaceId, id).isEmpty()) {
			throw new InvalidFieldException("segment", "There is no segment '" + text + "' in this workspace.");
		}
		return id;
	}

	private static UUID uuid(String text) {
		try {
			return UUID.fromString(text.strip());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}

package org.rapport.listening;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.HeardPost;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.IdentityClaim;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.TextLanguages;
import org.rapport.relationships.Gifts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The posts a workspace heard and what its monitors made of them: each post stored once per workspace (by its
 * address, else its source's id), linked to every monitor it matched; listed newest first with a cursor; dismissed,
 * shared (a boost or repost, recorded as giving first to the author) or answered (a conversation in the inbox).
 */
@Service
public class Heard {

	public static final int MAX_LIMIT = 200;

	/** Posts nobody acted on are forgotten after this many days. */
	static final int KEEP_DAYS = 90;

	private final JdbcClient jdbc;
	private final Channels channels;
	private final Ingestion ingestion;
	private final Contacts contacts;
	private final Gifts gifts;
	private final ApplicationEventPublisher events;
	private final TextLanguages languages;

	Heard(JdbcClient jdbc, Channels channels, Ingestion ingestion, Contacts contacts, Gifts gifts,
			ApplicationEventPublisher events, TextLanguages languages) {
		this.languages = languages;
		this.jdbc = jdbc;
		this.channels = channels;
		this.ingestion = ingestion;
		this.contacts = contacts;
		this.gifts = gifts;
		this.events = events;
	}

	/** What one read added: new posts, and new hits per monitor. */
	record Taken(int posts, Map<UUID, Integer> hits) {
	}

	/**
	 * Stores what a channel heard, oldest first, so that among posts heard in one read the newest is listed first. A
	 * post from a searching source is kept only if one of the monitors matches it; a feed's items are all kept. A
	 * post the workspace heard before (from this or another source) gains the new monitors' hits and nothing else.
	 * The new hits are published as one {@link HitsHeard}, in this transaction.
	 *
	 * @param monitors the workspace's monitors that listen on this channel
	 */
	@Transactional
	Taken take(Channel channel, boolean searches, List<HeardPost> posts, List<Monitor> monitors) {
		Matching matching = new Matching(monitors, languages);
		int added = 0;
		Map<UUID, Integer> hits = new HashMap<>();
		List<HitsHeard.Item> newHits = new ArrayList<>();
		Instant heardAt = Instant.now();
		List<HeardPost> oldestFirst = new ArrayList<>(posts);
		oldestFirst.sort(java.util.Comparator.comparing(HeardPost::postedAt,
				java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
		for (HeardPost post : oldestFirst) {
			String text = post.text() == null ? "" : post.text();
			List<Monitor> matched = matching.matches(post.title() == null ? text : post.title() + "\n" + text,
					post.language());
			if (searches && matched.isEmpty()) {
				continue;
			}
			UUID id = UUID.randomUUID();
			String key = dedupKey(channel, post);
			List<UUID> inserted = jdbc.sql("""
					insert into listening_posts(id, workspace_id, channel_id, external_id, dedup_key, url, author,
					  author_name, author_url, author_identity_kind, author_identity, title, text, language, posted_at, ref,
					  heard_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())
					on conflict (workspace_id, dedup_key) do nothing returning id""")
				.params(id, channel.workspaceId(), channel.id(), post.externalId(), key, post.url(),
						post.author(), post.authorName(), post.authorUrl(),
						post.from() == null ? null : post.from().kind(), post.from() == null ? null : post.from().value(),
						post.title(), text, post.language(),
						post.postedAt() == null ? null : Timestamp.from(post.postedAt()), post.ref())
				.query(UUID.class).list();
			UUID postId = inserted.isEmpty() ? jdbc.sql("select id from listening_posts where workspace_id = ? and dedup_key = ?")
				.params(channel.workspaceId(), key).query(UUID.class).single() : id;
			added += inserted.size();
			for (Monitor monitor : matched) {
				int hit = jdbc.sql("""
						insert into listening_hits(monitor_id, post_id, workspace_id) values (?, ?, ?)
						on conflict do nothing""").params(monitor.id(), postId, channel.workspaceId()).update();
				if (hit == 1) {
					hits.merge(monitor.id(), 1, Integer::sum);
					newHits.add(new HitsHeard.Item(monitor.id(), postId, authorOf(post),
							post.title() == null ? text : post.title() + "\n" + text, post.postedAt(), heardAt));
				}
			}
		}
		if (!newHits.isEmpty()) {
			events.publishEvent(new HitsHeard(channel.workspaceId(), channel.id(), newHits));
		}
		return new Taken(added, hits);
	}

	/** Who wrote a post, as one key per person: the identity the network gives, else how the author is addressed. */
	private static String authorOf(HeardPost post) {
		if (post.from() != null) {
			return post.from().kind() + ":" + post.from().value();
		}
		if (post.author() != null && !post.author().isBlank()) {
			return post.author().strip();
		}
		return post.authorUrl();
	}

	/** How many hits a monitor had within the last hour. */
	int hitsInLastHour(UUID monitorId) {
		return jdbc.sql("select count(*) from listening_hits where monitor_id = ? and matched_at > now() - interval '1 hour'")
			.param(monitorId).query(Integer.class).single();
	}

	/** Forgets posts nobody acted on after {@link #KEEP_DAYS} days. */
	int forgetOld() {
		return jdbc.sql("delete from listening_posts where status in ('new', 'dismissed') and heard_at < now() - make_interval(days => ?)")
			.param(KEEP_DAYS).update();
	}

	/** Whom a post is the same as: its address without fragment, tracking parameters or a trailing slash, else its id. */
	static String dedupKey(Channel channel, HeardPost post) {
		if (post.url() != null) {
			try {
				URI uri = URI.create(post.url().strip());
				if (uri.getHost() != null) {
					String query = uri.getRawQuery() == null ? null
							: String.join("&", Arrays.stream(uri.getRawQuery().split("&"))
								.filter(p -> !p.toLowerCase(Locale.ROOT).startsWith("utm_")).toList());
					String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
					return "url:" + uri.getHost().toLowerCase(Locale.ROOT) + path
							+ (query == null || query.isEmpty() ? "" : "?" + query);
				}
			}
			catch (IllegalArgumentException e) {
				// not an address: the id decides
			}
		}
		return "id:" + channel.id() + ":" + post.externalId();
	}

	/** A page of hits and the cursor of the next one ({@code null} at the end). */
	public record Page(List<Hit> items, String next) {
	}

	/**
	 * The workspace's hits, newest first.
	 *
	 * @param monitorId only this monitor's, or {@code null} for every post heard (a feed's items too)
	 * @param status {@code new} (the default), {@code dismissed}, {@code shared}, {@code answered} or {@code all}
	 * @param channelId only what this channel heard, or {@code null}
	 * @param cursor from the page before, or {@code null}
	 */
	public Page list(UUID workspaceId, UUID monitorId, String status, UUID channelId, String cursor, int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidFieldException("limit", "Between 1 and " + MAX_LIMIT + " hits a page.");
		}
		String wanted = status == null || status.isBlank() ? "new" : status.strip();
		if (!Set.of("new", "dismissed", "shared", "answered", "all").contains(wanted)) {
			throw new InvalidFieldException("status", "One of new, dismissed, shared, answered or all.");
		}
		Instant afterAt = null;
		UUID afterId = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split("\\|");
				afterAt = Instant.parse(parts[0]);
				afterId = UUID.fromString(parts[1]);
			}
			catch (RuntimeException e) {
				throw new InvalidFieldException("cursor", "This cursor was not given by this list.");
			}
		}
		StringBuilder sql = new StringBuilder("select p.* from listening_posts p where p.workspace_id = ?");
		List<Object> params = new ArrayList<>(List.of(workspaceId));
		if (monitorId != null) {
			sql.append(" and exists (select 1 from listening_hits h where h.post_id = p.id and h.monitor_id = ?)");
			params.add(monitorId);
		}
		if (!wanted.equals("all")) {
			sql.append(" and p.status = ?");
			params.add(wanted);
		}
		if (channelId != null) {
			sql.append(" and p.channel_id = ?");
			params.add(channelId);
		}
		if (afterAt != null) {
			sql.append(" and (p.heard_at, p.id) < (?, ?)");
			params.add(Timestamp.from(afterAt));
			params.add(afterId);
		}
		sql.append(" order by p.heard_at desc, p.id desc limit ?");
		params.add(limit + 1);
		List<Row> rows = jdbc.sql(sql.toString()).params(params).query(Heard::row).list();
		boolean more = rows.size() > limit;
		List<Row> page = more ? rows.subList(0, limit) : rows;
		List<Hit> items = hits(workspaceId, page);
		String next = null;
		if (more) {
			Row last = page.get(page.size() - 1);
			next = Base64.getUrlEncoder().withoutPadding()
				.encodeToString((last.heardAt + "|" + last.id).getBytes(StandardCharsets.UTF_8));
		}
		return new Page(items, next);
	}

	public Hit get(UUID workspaceId, UUID id) {
		Row row = find(workspaceId, id);
		return hits(workspaceId, List.of(row)).get(0);
	}

	/** The workspace's hits of the given ids that are still kept, in the order of the ids. */
	public List<Hit> some(UUID workspaceId, List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<UUID, Row> found = new HashMap<>();
		jdbc.sql("select * from listening_posts where workspace_id = ? and id = any(?::uuid[])")
			.params(workspaceId, ids.toArray(UUID[]::new))
			.query(Heard::row).list().forEach(r -> found.put(r.id, r));
		List<Row> ordered = ids.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
		return hits(workspaceId, ordered);
	}

	/** How many new hits each monitor has. */
	public Map<UUID, Integer> newCounts(UUID workspaceId) {
		Map<UUID, Integer> counts = new HashMap<>();
		jdbc.sql("""
				select h.monitor_id, count(*) as n from listening_hits h join listening_posts p on p.id = h.post_id
				where h.workspace_id = ? and p.status = 'new' group by h.monitor_id""")
			.param(workspaceId).query((rs, n) -> counts.put(rs.getObject("monitor_id", UUID.class), rs.getInt("n"))).list();
		return counts;
	}

	/** Dismisses a hit: it leaves the list of new hits, nothing is sent. */
	public Hit dismiss(CurrentUser by, UUID id) {
		by.requireWorker();
		find(by.workspaceId(), id);
		mark(by, id, "dismissed", null);
		return get(by.workspaceId(), id);
	}

	/** Brings a dismissed hit back to the new ones. */
	public Hit restore(CurrentUser by, UUID id) {
		by.requireWorker();
		find(by.workspaceId(), id);
		jdbc.sql("update listening_posts set status = 'new', acted_by = null, acted_at = null where id = ? and status = 'dismissed'")
			.param(id).update();
		return get(by.workspaceId(), id);
	}

	/**
	 * Recommends a hit to the channel's followers (a boost, a repost) and records it as giving first to its author:
	 * a share on the author's contact page.
	 *
	 * @throws ShareFailed when the network refused or did not answer; nothing is recorded then
	 */
	public Hit share(CurrentUser by, UUID id) throws ShareFailed {
		by.requireWorker();
		Row row = find(by.workspaceId(), id);
		Channel channel = channelOf(by.workspaceId(), row);
		ChannelConnector.Listener listener = listenerOf(channel);
		if (!listener.shares()) {
			throw new InvalidFieldException("id", "Posts heard on this channel cannot be shared from Rapport.");
		}
		if (!row.status.equals("shared")) {
			try {
				listener.share(row.post());
			}
			catch (DeliveryException e) {
				throw new ShareFailed(e.getMessage(), e.retryable());
			}
			mark(by, id, "shared", null);
			giveFirst(by, row, null);
		}
		return get(by.workspaceId(), id);
	}

	/** Records a recommendation as a share given to the post's author, on their contact page; with the quote's words. */
	private void giveFirst(CurrentUser by, Row row, String quoted) {
		if (row.post().from() != null && row.url != null && row.url.startsWith("http")) {
			UUID contactId = contacts.resolve(by.workspaceId(), List.of(row.post().from())).get(row.post().from());
			if (contactId != null) {
				gifts.record(by, ContactId.of(contactId), "share", null, row.url,
						quoted == null ? shareNote(row) : shareNote(row) + " — „" + quoted + "“", null);
			}
		}
	}

	/** The longest text a quote may have here; each network's own limit (Bluesky: 300 characters) applies too. */
	public static final int MAX_QUOTE = 5_000;

	/**
	 * Recommends a hit in the team's own words: posts the text as the channel's account, quoting the hit, and records
	 * it as giving first to its author, as a share does. A hit is recommended once, by a share or by a quote: a hit
	 * shared already is answered as it is.
	 *
	 * @throws ShareFailed when the network refused or did not answer; nothing is recorded then
	 */
	public Hit quote(CurrentUser by, UUID id, String text) throws ShareFailed {
		by.requireWorker();
		if (text == null || text.isBlank()) {
			throw new InvalidFieldException("text", "Write what the quote should say.");
		}
		if (text.length() > MAX_QUOTE) {
			throw new InvalidFieldException("text", "A quote has at most " + MAX_QUOTE + " characters.");
		}
		Row row = find(by.workspaceId(), id);
		Channel channel = channelOf(by.workspaceId(), row);
		ChannelConnector.Listener listener = listenerOf(channel);
		if (!listener.quotes()) {
			throw new InvalidFieldException("id", "Posts heard on this channel cannot be quoted from Rapport.");
		}
		Optional<String> refused = listener.refusesQuote(text.strip());
		if (refused.isPresent()) {
			throw new InvalidFieldException("text", refused.get());
		}
		if (!row.status.equals("shared")) {
			try {
				listener.quote(row.post(), text.strip(), "rapport-quote-" + id);
			}
			catch (DeliveryException e) {
				throw new ShareFailed(e.getMessage(), e.retryable());
			}
			mark(by, id, "shared", null);
			giveFirst(by, row, text.strip());
		}
		return get(by.workspaceId(), id);
	}

	/**
	 * Opens a conversation in the inbox with the hit as its first message, so that the team answers it on its
	 * network; a hit answered before leads to the same conversation.
	 *
	 * @return the conversation's id
	 * @throws ShareFailed when the network had to be asked about the post and did not answer
	 */
	public UUID answer(CurrentUser by, UUID id) throws ShareFailed {
		by.requireWorker();
		Row row = find(by.workspaceId(), id);
		if (row.conversationId != null) {
			return row.conversationId;
		}
		Channel channel = channelOf(by.workspaceId(), row);
		ChannelConnector.Listener listener = listenerOf(channel);
		Optional<InboundMessage> message;
		try {
			message = listener.answers() ? listener.conversation(row.post()) : Optional.empty();
		}
		catch (DeliveryException e) {
			throw new ShareFailed(e.getMessage(), e.retryable());
		}
		if (message.isEmpty()) {
			throw new InvalidFieldException("id", "Posts heard on this channel cannot be answered from Rapport; answer where they were written.");
		}
		Ingestion.Result result = ingestion.ingest(channel, List.of(message.get()));
		UUID conversationId = result.conversationIds().get(message.get().externalId());
		if (conversationId == null) {
			throw new InvalidFieldException("id", "The author of this post may not be recorded (erased at their request).");
		}
		mark(by, id, "answered", conversationId);
		return conversationId;
	}

	/** The network refused or did not answer; {@link #retryable()} says whether trying again later may help. */
	public static class ShareFailed extends Exception {

		private final boolean retryable;

		ShareFailed(String message, boolean retryable) {
			super(message);
			this.retryable = retryable;
		}

		public boolean retryable() {
			return retryable;
		}
	}

	private static String shareNote(Row row) {
		String text = row.title != null ? row.title : row.text;
		return text.length() > 200 ? text.substring(0, 199) + "…" : text;
	}

	private void mark(CurrentUser by, UUID id, String status, UUID conversationId) {
		jdbc.sql("""
				update listening_posts set status = ?, acted_by = ?, acted_at = now(),
				  conversation_id = coalesce(?, conversation_id) where id = ?""")
			.params(status, by.userId(), conversationId, id).update();
	}

	private Channel channelOf(UUID workspaceId, Row row) {
		return channels.find(row.channelId).filter(c -> c.workspaceId().equals(workspaceId) && c.enabled())
			.orElseThrow(() -> new InvalidFieldException("id", "The channel that heard this post is switched off or gone."));
	}

	private ChannelConnector.Listener listenerOf(Channel channel) {
		return channels.connector(channel.kind()).listener(channel)
			.orElseThrow(() -> new InvalidFieldException("id", "The channel that heard this post no longer listens."));
	}

	private Row find(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from listening_posts where workspace_id = ? and id = ?").params(workspaceId, id)
			.query(Heard::row).optional().orElseThrow(() -> new NotFoundException("No such hit."));
	}

	private List<Hit> hits(UUID workspaceId, List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<UUID>> monitors = new HashMap<>();
		jdbc.sql("select post_id, monitor_id from listening_hits where post_id = any(?::uuid[]) order by matched_at")
			.param(rows.stream().map(r -> r.id).toArray(UUID[]::new))
			.query((rs, n) -> monitors.computeIfAbsent(rs.getObject("post_id", UUID.class), k -> new ArrayList<>())
				.add(rs.getObject("monitor_id", UUID.class)))
			.list();
		Map<UUID, Channel> byId = new LinkedHashMap<>();
		channels.of(workspaceId).forEach(c -> byId.put(c.id(), c));
		List<Hit> out = new ArrayList<>();
		for (Row r : rows) {
			Channel channel = byId.get(r.channelId);
			Optional<ChannelConnector.Listener> listener = channel == null || !channel.enabled() ? Optional.empty()
					: channels.connector(channel.kind()).listener(channel);
			out.add(new Hit(r.id, r.channelId, channel == null ? "" : channel.name(), r.url, r.author, r.authorName,
					r.authorUrl, r.title, r.text, r.language, r.postedAt, r.heardAt, r.status,
					List.copyOf(monitors.getOrDefault(r.id, List.of())), r.conversationId,
					listener.map(ChannelConnector.Listener::shares).orElse(false),
					listener.map(ChannelConnector.Listener::answers).orElse(false),
					listener.map(ChannelConnector.Listener::quotes).orElse(false)));
		}
		return out;
	}

	private record Row(UUID id, UUID channelId, String externalId, String url, String author, String authorName,
			String authorUrl, String identityKind, String identity, String title, String text, String language, Instant postedAt, Instant heardAt,
			String status, UUID conversationId, String ref) {

		/** The post as its channel handed it over, for acting on it there. */
		HeardPost post() {
			IdentityClaim from = identityKind == null ? null
					: new IdentityClaim(identityKind, identity, authorName != null ? authorName : author);
			return new HeardPost(externalId, url, from, author, authorName, authorUrl, title, text, language, postedAt, ref);
		}
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		Timestamp posted = rs.getTimestamp("posted_at");
		return new Row(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class), rs.getString("external_id"),
				rs.getString("url"), rs.getString("author"), rs.getString("author_name"), rs.getString("author_url"),
				rs.getString("author_identity_kind"), rs.getString("author_identity"), rs.getString("title"), rs.getString("text"), rs.getString("language"),
				posted == null ? null : posted.toInstant(), rs.getTimestamp("heard_at").toInstant(), rs.getString("status"),
				rs.getObject("conversation_id", UUID.class), rs.getString("ref"));
	}
}

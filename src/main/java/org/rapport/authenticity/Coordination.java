package org.rapport.authenticity;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.channels.HtmlSanitizing;
import org.rapport.contacts.Contacts;
import org.rapport.inbox.MessageView;
import org.rapport.inbox.Messages;
import org.rapport.inbox.MessagesStored;
import org.rapport.platform.ContactId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coordinated comments: near-duplicate messages written by different people — a template handed to bought accounts
 * or to a campaign, with a word changed here and there — across conversations, posts, channels and days. Every
 * message a person sends is fingerprinted as it is stored ({@link Fingerprint}, in a savepoint: a failure here
 * never loses a message); a group is messages of at least {@value #MIN_AUTHORS} different contacts whose texts are
 * at least {@value #MIN_SIMILARITY} alike, linked pair by pair. Bursts of praise from new or look-alike accounts
 * ({@link PraiseBursts}, under one post where the post is known, or spread thin over several) are groups too, of another kind. Groups are found when asked, over a period, and shown side
 * by side for the team to judge; nothing is hidden by itself, and the inbox only marks the conversations.
 */
@Component
public class Coordination {

	private static final Logger log = LoggerFactory.getLogger(Coordination.class);

	/** Estimated Jaccard similarity of two texts' words and word pairs from which they count as one template. */
	public static final double MIN_SIMILARITY = 0.6;

	/** Different people a group needs: two alike messages may be chance, or one person writing twice. */
	public static final int MIN_AUTHORS = 3;

	/** The longest period looked at. */
	public static final Duration LONGEST = Duration.ofDays(90);

	/** Groups answered at most. */
	static final int MAX_GROUPS = 100;

	/** The kind of a group of near-duplicate texts. */
	public static final String NEAR_DUPLICATES = "near-duplicates";

	/** The kind of a group of praise from new or look-alike accounts within minutes. */
	public static final String PRAISE_BURST = "praise-burst";

	private final JdbcClient jdbc;
	private final Messages messages;
	private final PraiseBursts praise;
	private final TransactionTemplate nested;
	private final Clock clock;
	private final Contacts contacts;

	Coordination(JdbcClient jdbc, Messages messages, PraiseBursts praise, PlatformTransactionManager transactions,
			Contacts contacts) {
		this.contacts = contacts;
		this.jdbc = jdbc;
		this.messages = messages;
		this.praise = praise;
		this.clock = Clock.systemUTC();
		this.nested = new TransactionTemplate(transactions);
		this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * One message of a group.
	 *
	 * @param newAccount (bursts) its author was first seen at most a day before it, or its account is at most 30 days old
	 * @param lookAlike (bursts) its author's name or handle shares a stem with another author's of the burst
	 */
	public record Item(String id, UUID conversationId, UUID channelId, UUID contactId, String author, String text,
			Instant at, boolean newAccount, boolean lookAlike) {

		public Item(String id, UUID conversationId, UUID channelId, UUID contactId, String author, String text,
				Instant at) {
			this(id, conversationId, channelId, contactId, author, text, at, false, false);
		}
	}

	/**
	 * Messages that look written from one template, or that praise in a burst from new or look-alike accounts.
	 *
	 * @param authors different people among them
	 * @param similarity the smallest estimated similarity of a linked pair, 0..1 (0 for a burst of praise)
	 * @param key the group's key: its kind's letter and its first message's id, the anchor on the page
	 * @param kind {@link #NEAR_DUPLICATES} or {@link #PRAISE_BURST}
	 * @param reason why the messages form a group, in words
	 * @param newAuthors (bursts) the authors first seen at most a day before their message or with accounts at most 30
	 * days old
	 * @param lookAlikeAuthors (bursts) the authors whose names or handles share a stem with another's
	 * @param post (bursts) the post of the channel's own account its messages comment on, by its id on the network;
	 * null when the burst was found among the channel's praise without a known post or spread over several posts (and
	 * for near-duplicates)
	 * @param posts (bursts) the posts its messages comment on, by their ids on the network: one for a burst under one
	 * post, several for a burst spread thin over several posts of a channel at once; empty where no post is known (and
	 * for near-duplicates)
	 */
	public record Group(int authors, double similarity, Instant first, Instant last, List<Item> items, String key,
			String kind, String reason, int newAuthors, int lookAlikeAuthors, String post, List<String> posts) {

		public Group(int authors, double similarity, Instant first, Instant last, List<Item> items) {
			this(authors, similarity, first, last, items, items.isEmpty() ? null : "d-" + items.getFirst().id(),
					NEAR_DUPLICATES, nearDuplicatesReason(items.size(), authors, similarity), 0, 0, null, List.of());
		}

		/** Minutes from the first message to the last. */
		public long minutes() {
			return first == null || last == null ? 0 : Duration.between(first, last).toMinutes();
		}
	}

	static String nearDuplicatesReason(int messages, int authors, double similarity) {
		return String.format(java.util.Locale.ROOT, "Near-duplicate texts: %d messages from %d different people, each at "
				+ "least %d %% alike to another of them.", messages, authors, Math.round(similarity * 100));
	}

	/**
	 * Why a burst is a group, in words: {@code onePost} when it was found under one post, else across {@code posts}
	 * posts of one channel when they are more than one, else on one channel.
	 */
	static String burstReason(int messages, boolean onePost, int posts, int authors, long minutes, int newAuthors,
			int lookAlike) {
		return String.format(java.util.Locale.ROOT, "Burst of praise from new or look-alike accounts: %d positive messages "
				+ "%s within %d minutes from %d different people, %d of them new (first seen that day or an account "
				+ "at most 30 days old), %d with "
				+ "look-alike names or handles.", messages,
				onePost ? "under one post" : posts > 1 ? "spread over " + posts + " posts of one channel" : "on one channel",
				minutes, authors, newAuthors, lookAlike);
	}

	@EventListener
	void on(MessagesStored stored) {
		List<MessagesStored.Stored> taken = stored.messages().stream()
			.filter(m -> m.inbound() && "message".equals(m.kind()) && !m.automated() && m.contactId() != null
					&& m.channelId() != null)
			.toList();
		if (taken.isEmpty()) {
			return;
		}
		try {
			nested.executeWithoutResult(status -> {
				Map<MessagesStored.Stored, String> texts = new LinkedHashMap<>();
				for (MessagesStored.Stored m : taken) {
					if (m.text() != null) { // every message that arrived through a channel carries its text
						texts.put(m, m.text());
					}
				}
				fingerprint(texts);
				praise.note(texts);
			});
		}
		catch (RuntimeException e) {
			log.warn("Could not fingerprint {} messages: {}", taken.size(), e.toString());
		}
	}

	/** Stores the fingerprints of a batch's texts, with their bands, in one statement. */
	private void fingerprint(Map<MessagesStored.Stored, String> texts) {
		List<MessagesStored.Stored> signed = new ArrayList<>();
		List<int[]> signatures = new ArrayList<>();
		texts.forEach((m, text) -> {
			int[] signature = Fingerprint.of(text);
			if (signature != null) {
				signed.add(m);
				signatures.add(signature);
			}
		});
		if (signed.isEmpty()) {
			return;
		}
		int n = signed.size();
		UUID[] ids = new UUID[n];
		UUID[] workspaces = new UUID[n];
		UUID[] channels = new UUID[n];
		UUID[] conversations = new UUID[n];
		UUID[] contacts = new UUID[n];
		String[] at = new String[n];
		String[] literals = new String[n];
		String[] bands = new String[n];
		for (int i = 0; i < n; i++) {
			MessagesStored.Stored m = signed.get(i);
			ids[i] = m.messageId();
			workspaces[i] = m.workspaceId();
			channels[i] = m.channelId();
			conversations[i] = m.conversationId();
			contacts[i] = m.contactId();
			at[i] = m.at().toString();
			literals[i] = arrayLiteral(signatures.get(i));
			bands[i] = arrayLiteral(Fingerprint.bands(signatures.get(i)));
		}
		jdbc.sql("""
				insert into authenticity_fingerprints (message_id, workspace_id, channel_id, conversation_id, contact_id, at,
				  signature, bands)
				select m, w, ch, cv, ct, t, s::integer[], b::integer[] from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[],
				  ?::uuid[], ?::timestamptz[], ?::text[], ?::text[]) as x(m, w, ch, cv, ct, t, s, b)
				on conflict do nothing""")
			.params(ids, workspaces, channels, conversations, contacts, at, literals, bands)
			.update();
	}

	/** An array's values as a PostgreSQL array literal, {@code {1,2,3}}. */
	private static String arrayLiteral(int[] values) {
		return Arrays.toString(values).replace('[', '{').replace(']', '}');
	}

	private static String text(MessageView v) {
		return v.body() == null ? "" : HtmlSanitizing.toText(v.body());
	}

	/**
	 * The workspace's groups among messages written in the last {@code days} days (1..90): near-duplicate texts and
	 * bursts of praise, largest first.
	 */
	public List<Group> groups(UUID workspaceId, int days) {
		Instant since = since(days);
		List<Group> groups = new ArrayList<>();
		List<List<Row>> linked = linked(workspaceId, since);
		List<PraiseBursts.Burst> bursts = praise.since(workspaceId, since);
		Map<UUID, Written> written = written(workspaceId, linked, bursts);
		for (List<Row> members : linked) {
			List<Item> items = new ArrayList<>();
			for (Row r : members) {
				Written w = written.get(r.id());
				if (w != null) {
					items.add(new Item(r.id().toString(), r.conversationId(), r.channelId(), r.contactId(), w.author(),
							text(w.view()), r.at()));
				}
			}
			Set<UUID> authors = new HashSet<>();
			members.forEach(r -> authors.add(r.contactId()));
			double similarity = members.stream().mapToDouble(Row::weakest).min().orElse(0);
			groups.add(new Group(authors.size(), similarity, members.getFirst().at(), members.getLast().at(), items,
					"d-" + members.getFirst().id(), NEAR_DUPLICATES,
					nearDuplicatesReason(members.size(), authors.size(), similarity), 0, 0, null, List.of()));
		}
		for (PraiseBursts.Burst b : bursts) {
			List<Item> items = new ArrayList<>();
			for (PraiseBursts.Praise p : b.items()) {
				Written w = written.get(p.messageId());
				if (w != null) {
					items.add(new Item(p.messageId().toString(), p.conversationId(), p.channelId(), p.contactId(),
							w.author(), text(w.view()), p.at(), b.newAuthors().contains(p.contactId()),
							b.lookAlikeAuthors().contains(p.contactId())));
				}
			}
			Instant first = b.items().getFirst().at();
			Instant last = b.items().getLast().at();
			groups.add(new Group(b.authors(), 0, first, last, items, "b-" + b.items().getFirst().messageId(), PRAISE_BURST,
					burstReason(b.items().size(), b.post() != null, b.posts().size(), b.authors(), b.span().toMinutes(),
							b.newAuthors().size(), b.lookAlikeAuthors().size()),
					b.newAuthors().size(), b.lookAlikeAuthors().size(), b.post(), b.posts()));
		}
		groups.sort(Comparator.comparingInt(Group::authors).reversed().thenComparing(Group::last, Comparator.reverseOrder()));
		return groups.size() > MAX_GROUPS ? groups.subList(0, MAX_GROUPS) : groups;
	}

	/** A message of a group as the inbox keeps it, and who wrote it. */
	private record Written(MessageView view, String author) {
	}

	/**
	 * The messages of all the groups, asked of the inbox at once, each with its author: the name it arrived with, or
	 * where it names none (a form or an integration that gave none) its contact's name, asked of the contacts at once.
	 */
	private Map<UUID, Written> written(UUID workspaceId, List<List<Row>> linked, List<PraiseBursts.Burst> bursts) {
		Map<UUID, UUID> contactOf = new LinkedHashMap<>();
		linked.forEach(members -> members.forEach(r -> contactOf.put(r.id(), r.contactId())));
		bursts.forEach(b -> b.items().forEach(p -> contactOf.put(p.messageId(), p.contactId())));
		List<MessageView> views = messages.find(workspaceId, contactOf.keySet());
		Set<ContactId> unnamed = new HashSet<>();
		for (MessageView v : views) {
			if (isBlank(v.senderName()) && contactOf.get(v.id()) != null) {
				unnamed.add(ContactId.of(contactOf.get(v.id())));
			}
		}
		Map<ContactId, Contacts.NameAndHandle> names = unnamed.isEmpty() ? Map.of()
				: contacts.namesAndHandles(workspaceId, unnamed);
		Map<UUID, Written> written = new HashMap<>();
		for (MessageView v : views) {
			UUID contact = contactOf.get(v.id());
			Contacts.NameAndHandle who = isBlank(v.senderName()) && contact != null ? names.get(ContactId.of(contact)) : null;
			written.put(v.id(), new Written(v, who != null ? who.name() : v.senderName()));
		}
		return written;
	}

	private static boolean isBlank(String s) {
		return s == null || s.isBlank();
	}

	/**
	 * The conversations with a message in a group of the last {@code days} days, each with its group's key (a
	 * conversation in several groups: the largest's); from fingerprints and notes alone, without the messages' texts.
	 */
	public Map<UUID, String> conversationGroups(UUID workspaceId, int days) {
		Instant since = since(days);
		Map<UUID, String> of = new HashMap<>();
		for (List<Row> members : linked(workspaceId, since)) {
			String key = "d-" + members.getFirst().id();
			members.forEach(r -> of.putIfAbsent(r.conversationId(), key));
		}
		for (PraiseBursts.Burst b : praise.since(workspaceId, since)) {
			String key = "b-" + b.items().getFirst().messageId();
			b.items().forEach(p -> of.putIfAbsent(p.conversationId(), key));
		}
		return of;
	}

	private Instant since(int days) {
		if (days < 1 || days > LONGEST.toDays()) {
			throw new org.rapport.platform.InvalidFieldException("days", "The period is between 1 and 90 days.");
		}
		return clock.instant().minus(Duration.ofDays(days));
	}

	/** A fingerprinted message with the weakest similarity of its links. */
	private record Row(UUID id, UUID conversationId, UUID channelId, UUID contactId, Instant at, int[] signature,
			double weakest) {
	}

	/** The groups of near-duplicates since then, each in time order, largest first. */
	private List<List<Row>> linked(UUID workspaceId, Instant since) {
		Map<UUID, Set<UUID>> candidates = new HashMap<>();
		jdbc.sql("""
				with f as (
				  select message_id, contact_id, b.n, b.hash from authenticity_fingerprints,
				    unnest(bands) with ordinality as b(hash, n)
				  where workspace_id = ? and at >= ?)
				select distinct a.message_id, b.message_id from f a
				join f b on b.n = a.n and b.hash = a.hash and b.message_id > a.message_id and b.contact_id <> a.contact_id""")
			.params(workspaceId, Timestamp.from(since))
			.query(rs -> {
				candidates.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>()).add(rs.getObject(2, UUID.class));
			});
		if (candidates.isEmpty()) {
			return List.of();
		}
		Set<UUID> involved = new HashSet<>(candidates.keySet());
		candidates.values().forEach(involved::addAll);
		Map<UUID, Row> rows = new HashMap<>();
		jdbc.sql("""
				select message_id, conversation_id, channel_id, contact_id, at, signature from authenticity_fingerprints
				where workspace_id = ? and message_id = any(?)""")
			.params(workspaceId, involved.toArray(UUID[]::new))
			.query(rs -> {
				rows.put(rs.getObject(1, UUID.class), new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant(),
						unboxed(rs.getArray(6)), 1));
			});
		UnionFind<UUID> linked = new UnionFind<>();
		Map<UUID, Double> weakest = new HashMap<>();
		candidates.forEach((a, bs) -> {
			for (UUID b : bs) {
				double similarity = Fingerprint.similarity(rows.get(a).signature(), rows.get(b).signature());
				if (similarity >= MIN_SIMILARITY) {
					linked.union(a, b);
					weakest.merge(a, similarity, Math::min);
					weakest.merge(b, similarity, Math::min);
				}
			}
		});
		Map<UUID, List<Row>> byRoot = new LinkedHashMap<>();
		for (UUID id : weakest.keySet()) {
			Row r = rows.get(id);
			byRoot.computeIfAbsent(linked.find(id), k -> new ArrayList<>())
				.add(new Row(r.id(), r.conversationId(), r.channelId(), r.contactId(), r.at(), r.signature(), weakest.get(id)));
		}
		List<List<Row>> groups = new ArrayList<>();
		for (List<Row> members : byRoot.values()) {
			Set<UUID> authors = new HashSet<>();
			members.forEach(r -> authors.add(r.contactId()));
			if (authors.size() < MIN_AUTHORS) {
				continue;
			}
			members.sort(Comparator.comparing(Row::at).thenComparing(Row::id));
			groups.add(members);
		}
		return groups;
	}

	/**
	 * Groups among comments a user supplies (up to 5,000, checked as for scoring): by their ids, the author standing
	 * for the person (comments without an author count as written by different people).
	 */
	public List<Group> groupsOf(List<Comment> comments) {
		InputChecks.comments(comments, false, clock.instant());
		int n = comments.size();
		int[][] signatures = new int[n][];
		Map<Integer, List<Integer>> byBand = new HashMap<>();
		for (int i = 0; i < n; i++) {
			signatures[i] = Fingerprint.of(comments.get(i).text());
			if (signatures[i] == null) {
				continue;
			}
			int[] bands = Fingerprint.bands(signatures[i]);
			for (int b = 0; b < bands.length; b++) {
				byBand.computeIfAbsent(31 * bands[b] + b, k -> new ArrayList<>()).add(i);
			}
		}
		UnionFind<Integer> linked = new UnionFind<>();
		Map<Integer, Double> weakest = new HashMap<>();
		Set<Long> compared = new HashSet<>();
		for (List<Integer> bucket : byBand.values()) {
			for (int x = 0; x < bucket.size(); x++) {
				for (int y = x + 1; y < bucket.size(); y++) {
					int a = bucket.get(x);
					int b = bucket.get(y);
					if (!compared.add((long) Math.min(a, b) * n + Math.max(a, b)) || sameAuthor(comments.get(a), comments.get(b))) {
						continue;
					}
					double similarity = Fingerprint.similarity(signatures[a], signatures[b]);
					if (similarity >= MIN_SIMILARITY) {
						linked.union(a, b);
						weakest.merge(a, similarity, Math::min);
						weakest.merge(b, similarity, Math::min);
					}
				}
			}
		}
		Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
		weakest.keySet().stream().sorted().forEach(i -> byRoot.computeIfAbsent(linked.find(i), k -> new ArrayList<>()).add(i));
		List<Group> groups = new ArrayList<>();
		for (List<Integer> members : byRoot.values()) {
			Set<String> authors = new HashSet<>();
			for (int i : members) {
				String author = comments.get(i).author();
				authors.add(author == null || author.isBlank() ? "#" + i : author.strip().toLowerCase(java.util.Locale.ROOT));
			}
			if (authors.size() < MIN_AUTHORS) {
				continue;
			}
			List<Item> items = members.stream().map(i -> {
				Comment c = comments.get(i);
				return new Item(c.id(), null, null, null, c.author(), c.text(), c.postedAt());
			}).toList();
			Instant first = items.stream().map(Item::at).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
			Instant last = items.stream().map(Item::at).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
			double similarity = members.stream().mapToDouble(weakest::get).min().orElse(0);
			groups.add(new Group(authors.size(), similarity, first, last, items));
		}
		groups.sort(Comparator.comparingInt(Group::authors).reversed());
		return groups;
	}

	private static boolean sameAuthor(Comment a, Comment b) {
		return a.author() != null && !a.author().isBlank() && b.author() != null
				&& a.author().strip().equalsIgnoreCase(b.author().strip());
	}

	private static int[] unboxed(Array array) throws SQLException {
		Object[] values = (Object[]) array.getArray();
		int[] out = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = ((Number) values[i]).intValue();
		}
		return out;
	}

	/** Disjoint sets with path halving: which messages are linked through a chain of alike pairs. */
	private static final class UnionFind<T> {

		private final Map<T, T> parent = new HashMap<>();

		T find(T x) {
			parent.putIfAbsent(x, x);
			T p = parent.get(x);
			while (!p.equals(parent.get(p))) {
				parent.put(x, parent.get(parent.get(p)));
				x = p;
				p = parent.get(x);
			}
			return p;
		}

		void union(T a, T b) {
			T ra = find(a);
			T rb = find(b);
			if (!ra.equals(rb)) {
				parent.put(ra, rb);
			}
		}
	}
}

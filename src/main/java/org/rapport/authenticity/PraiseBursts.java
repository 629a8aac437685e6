package org.rapport.authenticity;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.inbox.Messages;
import org.rapport.inbox.MessagesStored;
import org.rapport.inbox.Triage;
import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bursts of praise from new or look-alike accounts: many positive messages under one post (or, where the post is not
 * known, on one channel) within minutes, or spread thin over several posts of one channel at once, from
 * contacts first seen the same day or whose network accounts are at most 30 days old (where their public profiles
 * tell it), or whose names or handles share a stem ("sunny_fan12", "sunny.fan77") — bought
 * applause, found even when the texts are too short or too different to be near-duplicates. Every message a person
 * sends that the triage calls praise or positive is noted by channel and time ({@link #note}); bursts are found when
 * asked ({@link #find}), from these notes, the posts their conversations discuss (as the inbox tells), the contacts'
 * names and handles, and when each first wrote on the channel.
 */
@Component
class PraiseBursts {

	/** A contact first seen at most this long before a message is new. */
	static final Duration NEW_WITHIN = Duration.ofDays(1);

	/**
	 * An account its network says was created at most this long before a message is new too: bought applause comes
	 * from fresh accounts even where they wrote on the channel long ago (or, imported, seem to have).
	 */
	static final Duration YOUNG_ACCOUNT = Duration.ofDays(30);

	/** How far apart two messages of look-alike authors may be for the authors to count as look-alike. */
	static final Duration LOOK_ALIKE_WITHIN = Duration.ofHours(6);

	/** The shortest stem two names or handles must share to look alike. */
	static final int MIN_STEM = 4;

	/**
	 * When messages form a burst.
	 *
	 * @param maxGap the longest quiet time between two suspect messages of one burst
	 * @param minAuthors the fewest different people in a burst
	 * @param minShare the smallest share of the post's praise (the channel's, where the post is not known) in the
	 * burst's time that the burst's messages make: bought applause comes alone, while a post that is shared widely
	 * also brings the channel's regulars
	 */
	record Settings(Duration maxGap, int minAuthors, double minShare) {

		/** Tuned on simulated streams of seeds 1–10 ({@code PraiseBurstEvaluationTests}). */
		static final Settings DEFAULT = new Settings(Duration.ofMinutes(15), 6, 0.85);
	}

	/**
	 * One positive message.
	 *
	 * @param post the post of the channel's own account that its conversation comments on, by its id on the network
	 * (null: not known, or none)
	 * @param contactSince when its author first wrote on the channel (null: unknown, never new)
	 * @param accountCreated when its author's network account was created, as its public profile says (null: not told)
	 */
	record Praise(UUID messageId, UUID conversationId, UUID channelId, String post, UUID contactId, String name,
			String handle, Instant contactSince, Instant accountCreated, Instant at) {

		/** Praise whose post is not known. */
		Praise(UUID messageId, UUID conversationId, UUID channelId, UUID contactId, String name, String handle,
				Instant contactSince, Instant accountCreated, Instant at) {
			this(messageId, conversationId, channelId, null, contactId, name, handle, contactSince, accountCreated, at);
		}

		/** Praise whose post and author's account age are not known. */
		Praise(UUID messageId, UUID conversationId, UUID channelId, UUID contactId, String name, String handle,
				Instant contactSince, Instant at) {
			this(messageId, conversationId, channelId, null, contactId, name, handle, contactSince, null, at);
		}

		/** The same praise, as a comment on this post (null: not known). */
		Praise onPost(String post) {
			return new Praise(messageId, conversationId, channelId, post, contactId, name, handle, contactSince,
					accountCreated, at);
		}

		/** Whether its author first wrote within a day of it, or its network account is at most 30 days old. */
		boolean fromNewAccount() {
			return contactSince != null && !contactSince.isBefore(at.minus(NEW_WITHIN)) && !contactSince.isAfter(at)
					|| accountCreated != null && !accountCreated.isBefore(at.minus(YOUNG_ACCOUNT));
		}
	}

	/** A burst, in time order, with the authors that were new and those that looked alike. */
	record Burst(List<Praise> items, Set<UUID> newAuthors, Set<UUID> lookAlikeAuthors) {

		/**
		 * The post its messages comment on when it was found under one post; null when it was found among the channel's
		 * praise without a post or spread over several posts.
		 */
		String post() {
			List<String> posts = posts();
			return posts.size() == 1 && items.stream().allMatch(p -> posts.getFirst().equals(p.post())) ? posts.getFirst() : null;
		}

		/** The known posts its messages comment on, in the order of their first message: several for a burst across posts. */
		List<String> posts() {
			return items.stream().map(Praise::post).filter(Objects::nonNull).distinct().toList();
		}

		int authors() {
			Set<UUID> all = new HashSet<>();
			items.forEach(p -> all.add(p.contactId()));
			return all.size();
		}

		Duration span() {
			return Duration.between(items.getFirst().at(), items.getLast().at());
		}
	}

	private final JdbcClient jdbc;
	private final MessageTriage triage;
	private final Contacts contacts;
	private final Messages messages;

	PraiseBursts(JdbcClient jdbc, MessageTriage triage, Contacts contacts, Messages messages) {
		this.jdbc = jdbc;
		this.triage = triage;
		this.contacts = contacts;
		this.messages = messages;
	}

	/** Whether a triage says the text praises or is positive. */
	static boolean praises(Triage t) {
		return t != null && ("praise".equals(t.kind()) || "positive".equals(t.sentiment()));
	}

	/**
	 * Notes the messages a person sent that praise or are positive, by the triage the inbox gave them on the way in
	 * (messages it did not triage are triaged here, a workspace's at once), with one statement.
	 */
	void note(Map<MessagesStored.Stored, String> texts) {
		Map<UUID, List<MessagesStored.Stored>> untriaged = new LinkedHashMap<>();
		List<MessagesStored.Stored> praising = new ArrayList<>();
		texts.forEach((m, text) -> {
			if (text == null || text.isBlank()) {
				return;
			}
			if (m.triage() == null) {
				untriaged.computeIfAbsent(m.workspaceId(), w -> new ArrayList<>()).add(m);
			}
			else if (praises(m.triage())) {
				praising.add(m);
			}
		});
		untriaged.forEach((workspaceId, list) -> {
			List<Triage> triaged = triage.triage(workspaceId, list.stream().map(texts::get).toList());
			for (int i = 0; i < list.size(); i++) {
				if (praises(triaged.get(i))) {
					praising.add(list.get(i));
				}
			}
		});
		if (praising.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into authenticity_praise (message_id, workspace_id, channel_id, conversation_id, contact_id, at)
				select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::timestamptz[])
				on conflict do nothing""")
			.params(praising.stream().map(MessagesStored.Stored::messageId).toArray(UUID[]::new),
					praising.stream().map(MessagesStored.Stored::workspaceId).toArray(UUID[]::new),
					praising.stream().map(MessagesStored.Stored::channelId).toArray(UUID[]::new),
					praising.stream().map(MessagesStored.Stored::conversationId).toArray(UUID[]::new),
					praising.stream().map(MessagesStored.Stored::contactId).toArray(UUID[]::new),
					praising.stream().map(m -> m.at().toString()).toArray(String[]::new))
			.update();
	}

	/**
	 * The workspace's bursts among positive messages written since then, with the default settings. An author is new
	 * by the first time they wrote on the channel, as the storm early warning keeps it (rebuilt from the whole inbox,
	 * so that an imported history counts as it happened). The post each message comments on is its conversation's, as
	 * the inbox tells for all the conversations at once.
	 */
	List<Burst> since(UUID workspaceId, Instant since) {
		record Row(UUID messageId, UUID conversationId, UUID channelId, UUID contactId, Instant at, Instant firstSeen) {
		}
		List<Row> rows = jdbc.sql("""
				select p.message_id, p.conversation_id, p.channel_id, p.contact_id, p.at, s.first_seen
				from authenticity_praise p
				left join storm_seen_contacts s on s.channel_id = p.channel_id and s.contact_id = p.contact_id
				where p.workspace_id = ? and p.at >= ? order by p.at, p.message_id""")
			.params(workspaceId, Timestamp.from(since))
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant(),
					rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
			.list();
		if (rows.size() < Settings.DEFAULT.minAuthors()) {
			return List.of();
		}
		Map<UUID, Contact> people = new HashMap<>();
		List<UUID> authors = rows.stream().map(Row::contactId).distinct().toList();
		contacts.all(workspaceId, ContactId.all(authors)).forEach(c -> people.put(c.id(), c));
		Map<ContactId, Instant> created = contacts.accountsCreated(workspaceId, ContactId.all(authors));
		Map<ConversationId, String> posts = messages.discussedPosts(workspaceId,
				rows.stream().map(r -> ConversationId.of(r.conversationId())).collect(Collectors.toSet()));
		List<Praise> praise = new ArrayList<>();
		for (Row r : rows) {
			Contact c = people.get(r.contactId());
			if (c != null) {
				praise.add(new Praise(r.messageId(), r.conversationId(), r.channelId(),
						posts.get(ConversationId.of(r.conversationId())), r.contactId(), c.name(), c.primaryHandle(),
						r.firstSeen(), created.get(ContactId.of(r.contactId())), r.at()));
			}
		}
		return find(praise, Settings.DEFAULT);
	}

	/**
	 * The bursts among positive messages, on two levels. A message is suspect when its author is new or looks like
	 * another author of praise on the channel (under any post) within {@link #LOOK_ALIKE_WITHIN}.
	 *
	 * <p><b>Per post</b> where the post is known (a comment thread under one post is a conversation of its own), else
	 * per channel among the channel's praise without a post: the suspect messages of a post are chained while at most
	 * {@code maxGap} apart, and a chain of at least {@code minAuthors} different people that makes at least
	 * {@code minShare} of that post's praise from its first message to its last is a burst. Organic praise under the
	 * channel's other posts at the same time thus neither hides bought applause under one post nor joins it.
	 *
	 * <p><b>Across posts</b> ({@link #acrossPosts}), where a channel's praise is under more than one post: what the
	 * per-post level left undecided — suspect messages in no per-post burst and in no chain of {@code minAuthors} people
	 * or more that a post's share turned down (a post shared widely, already judged organic) — is chained over all the
	 * channel's posts (and its praise without a post) in the same way, so that applause spread thin over several posts
	 * at once, fewer than {@code minAuthors} people under each, is found too. Such a chain must touch two posts or more
	 * and hold {@code minAuthors} people within one {@code maxGap} (bought applause comes at once; scattered newcomers
	 * across a busy channel's posts chain up over an hour). Its share is taken of the praise on the posts it touches,
	 * not of the whole channel: a busy conversation on a post it does not touch does not hide it; one that falls short
	 * leaves out its post with the smallest share (the one most like an organic conversation with a few newcomers) and
	 * is chained again. A message is in one burst at most.
	 */
	static List<Burst> find(List<Praise> praise, Settings settings) {
		return find(praise, settings, true);
	}

	/** The bursts per post, and ({@code acrossPosts}) those spread over several posts of a channel too. */
	static List<Burst> find(List<Praise> praise, Settings settings, boolean acrossPosts) {
		Map<UUID, List<Praise>> byChannel = new LinkedHashMap<>();
		praise.stream().sorted(Comparator.comparing(Praise::at).thenComparing(Praise::messageId))
			.forEach(p -> byChannel.computeIfAbsent(p.channelId(), k -> new ArrayList<>()).add(p));
		List<Burst> bursts = new ArrayList<>();
		for (List<Praise> channel : byChannel.values()) {
			Set<UUID> lookAlike = lookAlike(channel);
			Map<String, List<Praise>> byPost = new LinkedHashMap<>();
			channel.forEach(p -> byPost.computeIfAbsent(p.post(), k -> new ArrayList<>()).add(p));
			List<Burst> perPost = new ArrayList<>();
			Set<UUID> judged = new HashSet<>();
			for (List<Praise> conversation : byPost.values()) {
				chains(conversation, lookAlike, settings, perPost, judged);
			}
			bursts.addAll(perPost);
			if (acrossPosts && byPost.size() > 1) {
				Set<UUID> taken = new HashSet<>();
				perPost.forEach(b -> b.items().forEach(p -> taken.add(p.messageId())));
				bursts.addAll(acrossPosts(channel, taken, judged, lookAlike, settings));
			}
		}
		return bursts;
	}

	/**
	 * The bursts spread over several posts of one channel (its praise in time order), among the messages in no per-post
	 * burst ({@code taken}) and in no per-post chain its share turned down ({@code judged}): suspect messages at most
	 * {@code maxGap} apart over all the channel's posts are chained; a chain under two posts or more, with at least
	 * {@code minAuthors} people within one {@code maxGap}, that makes at least {@code minShare} of the praise on its
	 * posts (outside per-post bursts) from its first message to its last is a burst. When it falls short of the share,
	 * its post with the smallest share of suspect praise is left out and the rest chained again.
	 */
	private static List<Burst> acrossPosts(List<Praise> channel, Set<UUID> taken, Set<UUID> judged, Set<UUID> lookAlike,
			Settings settings) {
		Map<String, List<Praise>> open = new HashMap<>();
		List<Praise> suspect = new ArrayList<>();
		for (Praise p : channel) {
			if (!taken.contains(p.messageId())) {
				open.computeIfAbsent(p.post(), k -> new ArrayList<>()).add(p);
				if ((p.fromNewAccount() || lookAlike.contains(p.messageId())) && !judged.contains(p.messageId())) {
					suspect.add(p);
				}
			}
		}
		List<Burst> bursts = new ArrayList<>();
		List<List<Praise>> pending = chained(suspect, settings.maxGap());
		while (!pending.isEmpty()) {
			List<Praise> chain = pending.removeLast();
			Map<String, List<Praise>> byPost = new LinkedHashMap<>();
			chain.forEach(p -> byPost.computeIfAbsent(p.post(), k -> new ArrayList<>()).add(p));
			if (byPost.size() < 2 || authors(chain) < settings.minAuthors()
					|| densest(chain, settings.maxGap()) < settings.minAuthors()) {
				continue;
			}
			Instant first = chain.getFirst().at();
			Instant last = chain.getLast().at();
			int during = 0;
			String weakest = null;
			double weakestShare = 2;
			for (Map.Entry<String, List<Praise>> post : byPost.entrySet()) {
				int onPost = (int) open.get(post.getKey()).stream().filter(p -> !p.at().isBefore(first) && !p.at().isAfter(last))
					.count();
				during += onPost;
				double share = post.getValue().size() / (double) onPost;
				if (share < weakestShare || share == weakestShare && post.getValue().size() < byPost.get(weakest).size()) {
					weakest = post.getKey();
					weakestShare = share;
				}
			}
			if (chain.size() >= settings.minShare() * during) {
				bursts.add(burst(chain, lookAlike));
			}
			else {
				String left = weakest;
				pending.addAll(chained(chain.stream().filter(p -> !Objects.equals(p.post(), left)).toList(),
						settings.maxGap()));
			}
		}
		bursts.sort(Comparator.comparing((Burst b) -> b.items().getFirst().at()));
		return bursts;
	}

	/** The most different people of a chain (in time order) within {@code window} of one another. */
	private static int densest(List<Praise> chain, Duration window) {
		int most = 0;
		int from = 0;
		for (int i = 0; i < chain.size(); i++) {
			while (Duration.between(chain.get(from).at(), chain.get(i).at()).compareTo(window) > 0) {
				from++;
			}
			most = Math.max(most, authors(chain.subList(from, i + 1)));
		}
		return most;
	}

	/** Messages (in time order) cut into chains wherever two are more than {@code maxGap} apart. */
	private static List<List<Praise>> chained(List<Praise> messages, Duration maxGap) {
		List<List<Praise>> chains = new ArrayList<>();
		List<Praise> chain = new ArrayList<>();
		for (Praise p : messages) {
			if (!chain.isEmpty() && Duration.between(chain.getLast().at(), p.at()).compareTo(maxGap) > 0) {
				chains.add(chain);
				chain = new ArrayList<>();
			}
			chain.add(p);
		}
		if (!chain.isEmpty()) {
			chains.add(chain);
		}
		return chains;
	}

	private static int authors(List<Praise> chain) {
		Set<UUID> authors = new HashSet<>();
		chain.forEach(p -> authors.add(p.contactId()));
		return authors.size();
	}

	/**
	 * The bursts among the praise of one post, or of one channel's praise without a post, in time order; the messages
	 * of chains with enough people that fall short of the share go to {@code judged}.
	 */
	private static void chains(List<Praise> praise, Set<UUID> lookAlike, Settings settings, List<Burst> bursts,
			Set<UUID> judged) {
		List<Praise> chain = new ArrayList<>();
		int chainStart = 0;
		for (int i = 0; i < praise.size(); i++) {
			Praise p = praise.get(i);
			if (!p.fromNewAccount() && !lookAlike.contains(p.messageId())) {
				continue;
			}
			if (!chain.isEmpty() && Duration.between(chain.getLast().at(), p.at()).compareTo(settings.maxGap()) > 0) {
				close(chain, praise, chainStart, lookAlike, settings, bursts, judged);
				chain = new ArrayList<>();
			}
			if (chain.isEmpty()) {
				chainStart = i;
			}
			chain.add(p);
		}
		close(chain, praise, chainStart, lookAlike, settings, bursts, judged);
	}

	private static void close(List<Praise> chain, List<Praise> praise, int from, Set<UUID> lookAlike, Settings settings,
			List<Burst> bursts, Set<UUID> judged) {
		if (authors(chain) < settings.minAuthors()) {
			return;
		}
		int during = 0;
		for (int i = from; i < praise.size() && !praise.get(i).at().isAfter(chain.getLast().at()); i++) {
			during++;
		}
		if (chain.size() < settings.minShare() * during) {
			chain.forEach(p -> judged.add(p.messageId()));
			return;
		}
		bursts.add(burst(chain, lookAlike));
	}

	/** A burst of these messages, with its new and look-alike authors. */
	private static Burst burst(List<Praise> chain, Set<UUID> lookAlike) {
		Set<UUID> fresh = new LinkedHashSet<>();
		Set<UUID> alike = new LinkedHashSet<>();
		for (Praise p : chain) {
			if (p.fromNewAccount()) {
				fresh.add(p.contactId());
			}
			if (lookAlike.contains(p.messageId())) {
				alike.add(p.contactId());
			}
		}
		return new Burst(List.copyOf(chain), fresh, alike);
	}

	/** The messages (of one channel, in time order) whose author shares a stem with another author's nearby. */
	private static Set<UUID> lookAlike(List<Praise> channel) {
		List<Set<String>> stems = channel.stream().map(p -> stems(p.name(), p.handle())).toList();
		Set<UUID> alike = new HashSet<>();
		int from = 0;
		for (int i = 0; i < channel.size(); i++) {
			Praise p = channel.get(i);
			while (channel.get(from).at().isBefore(p.at().minus(LOOK_ALIKE_WITHIN))) {
				from++;
			}
			for (int j = from; j < i; j++) {
				Praise q = channel.get(j);
				if (!q.contactId().equals(p.contactId()) && shares(stems.get(i), stems.get(j))) {
					alike.add(p.messageId());
					alike.add(q.messageId());
				}
			}
		}
		return alike;
	}

	private static boolean shares(Set<String> a, Set<String> b) {
		for (String s : a) {
			if (b.contains(s)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The stems of a name and a handle: lower case, accents, digits, punctuation and spaces gone, an e-mail address's
	 * domain and a leading {@code @} too ("Sunny_Fan 12" and "@sunny.fan77" both give "sunnyfan"); stems shorter than
	 * {@link #MIN_STEM} letters are left out.
	 */
	static Set<String> stems(String name, String handle) {
		Set<String> stems = new HashSet<>();
		for (String s : new String[] { name, handle == null ? null : handle.replaceFirst("^@", "").replaceFirst("@[^@]*$", "") }) {
			if (s == null) {
				continue;
			}
			String stem = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}]+", "");
			if (stem.length() >= MIN_STEM) {
				stems.add(stem);
			}
		}
		return stems;
	}
}

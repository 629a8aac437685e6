package org.rapport.relationships;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.rapport.blog.Comments;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Tags;
import org.rapport.inbox.ContactActivity;
import org.rapport.platform.ContactId;
import org.rapport.platform.UuidOrder;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Suggests what to give first, from what the workspace already knows:
 * <ul>
 * <li>{@code introduce}: two contacts who share a tag and are both in dialogue with us (a conversation with messages
 * in both directions in the last 180 days) and were not introduced to each other yet;</li>
 * <li>{@code share}: the newest post on a contact's site that linked to one of ours (a verified linkback), unless
 * we shared it already;</li>
 * <li>{@code give_back}: a contact who helped us at least twice in six months (links to our posts, approved blog
 * comments) while we gave them nothing in that time.</li>
 * </ul>
 * Each kind asks the owners in bulk (the inbox's recent dialogues, the contacts' tags and names, the blog's linkbacks
 * and comments) and combines their answers here; introductions only pair the 500 contacts most recently in dialogue,
 * so the pairing stays small however large the workspace is.
 */
@Component
public class GiftSuggestions {

	/** How many contacts most recently in dialogue are paired for introductions. */
	static final int DIALOGUE_POOL = 500;

	/**
	 * A suggestion.
	 *
	 * @param kind {@code introduce}, {@code share} or {@code give_back}
	 * @param other for {@code introduce}, the second contact
	 * @param tag for {@code introduce}, a tag both share
	 * @param url for {@code share}, the address to share
	 * @param count for {@code give_back}, how often they helped us
	 * @param text the suggestion as a sentence in the reader's language
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Suggestion(String kind, ReachOut.ContactRef contact, ReachOut.ContactRef other, String tag, String url,
			Integer count, String text) {
	}

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final Tags tags;
	private final Comments comments;
	private final ContactLinks links;
	private final ContactActivity activity;
	private final MessageSource messages;

	GiftSuggestions(JdbcClient jdbc, Contacts contacts, Tags tags, Comments comments, ContactLinks links,
			ContactActivity activity, MessageSource messages) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.tags = tags;
		this.comments = comments;
		this.links = links;
		this.activity = activity;
		this.messages = messages;
	}

	/** Suggestions for the whole workspace ({@code contactId} null) or those involving one contact. */
	public List<Suggestion> suggest(UUID workspaceId, UUID contactId, int limit, Locale locale) {
		Instant now = Instant.now();
		List<Suggestion> all = new ArrayList<>();
		all.addAll(giveBack(workspaceId, contactId, now, limit, locale));
		all.addAll(introductions(workspaceId, contactId, now, limit, locale));
		all.addAll(shares(workspaceId, contactId, limit, locale));
		return all.stream().limit(limit).toList();
	}

	/** Two contacts of the dialogue pool who share tags: the first of them in tag order, how many, their latest dialogue. */
	private record Pair(UUID a, UUID b, String tag, int shared, Instant last) {
	}

	private List<Suggestion> introductions(UUID workspaceId, UUID contactId, Instant now, int limit, Locale locale) {
		Map<UUID, Instant> dialogue = ContactId.byValue(activity.inDialogue(workspaceId, now, 180, DIALOGUE_POOL));
		if (dialogue.size() < 2) {
			return List.of();
		}
		Map<UUID, String> names = names(workspaceId, dialogue.keySet());
		Map<UUID, List<String>> tagged = ContactId.byValue(tags.ofEach(workspaceId, ContactId.all(names.keySet())));
		Map<String, List<UUID>> byTag = new HashMap<>();
		tagged.forEach((contact, its) -> its.forEach(tag -> byTag.computeIfAbsent(tag, k -> new ArrayList<>()).add(contact)));
		Set<List<UUID>> introduced = new HashSet<>();
		UUID[] pool = tagged.keySet().toArray(UUID[]::new);
		jdbc.sql("""
				select contact_id, other_contact_id from gifts where workspace_id = ? and kind = 'introduction'
				  and contact_id = any(?) and other_contact_id = any(?)""")
			.params(workspaceId, pool, pool)
			.query(rs -> {
				introduced.add(List.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
			});
		Set<List<UUID>> seen = new HashSet<>();
		List<Pair> pairs = new ArrayList<>();
		for (List<UUID> sharing : byTag.values()) {
			for (UUID x : sharing) {
				for (UUID y : sharing) {
					if (UuidOrder.DATABASE.compare(x, y) >= 0 || !seen.add(List.of(x, y))) {
						continue;
					}
					if (contactId != null && !contactId.equals(x) && !contactId.equals(y)) {
						continue;
					}
					if (introduced.contains(List.of(x, y)) || introduced.contains(List.of(y, x))) {
						continue;
					}
					// Tags come sorted as the database collates them, so the first shared one is the least.
					Set<String> ofY = Set.copyOf(tagged.get(y));
					List<String> shared = tagged.get(x).stream().filter(ofY::contains).toList();
					Instant last = dialogue.get(x).isAfter(dialogue.get(y)) ? dialogue.get(x) : dialogue.get(y);
					pairs.add(new Pair(x, y, shared.getFirst(), shared.size(), last));
				}
			}
		}
		return pairs.stream()
			.sorted(Comparator.comparingInt(Pair::shared).reversed()
				.thenComparing(Pair::last, Comparator.reverseOrder())
				.thenComparing(Pair::a, UuidOrder.DATABASE)
				.thenComparing(Pair::b, UuidOrder.DATABASE))
			.limit(limit)
			.map(p -> {
				var a = new ReachOut.ContactRef(p.a(), names.get(p.a()));
				var b = new ReachOut.ContactRef(p.b(), names.get(p.b()));
				// On a contact's page, that contact comes first.
				if (contactId != null && contactId.equals(b.id())) {
					var swap = a;
					a = b;
					b = swap;
				}
				return new Suggestion("introduce", a, b, p.tag(), null, null,
						messages.getMessage("reachout.suggest.introduce", new Object[] { a.name(), b.name(), p.tag() }, locale));
			})
			.toList();
	}

	private List<Suggestion> shares(UUID workspaceId, UUID contactId, int limit, Locale locale) {
		// Newest first, so the first link of a contact is its newest.
		Map<UUID, ContactLinks.Link> newest = new LinkedHashMap<>();
		for (ContactLinks.Link link : links.since(workspaceId, Instant.EPOCH)) {
			if (contactId == null || contactId.equals(link.contactId())) {
				newest.putIfAbsent(link.contactId(), link);
			}
		}
		if (newest.isEmpty()) {
			return List.of();
		}
		Set<List<Object>> shared = new HashSet<>();
		jdbc.sql("select contact_id, url from gifts where workspace_id = ? and kind = 'share' and contact_id = any(?)")
			.params(workspaceId, newest.keySet().toArray(UUID[]::new))
			.query(rs -> {
				shared.add(List.of(rs.getObject(1, UUID.class), rs.getString(2)));
			});
		Map<UUID, String> names = names(workspaceId, newest.keySet());
		return newest.values()
			.stream()
			.filter(l -> names.containsKey(l.contactId()) && !shared.contains(List.of(l.contactId(), l.source())))
			.sorted(Comparator.comparing(ContactLinks.Link::receivedAt, Comparator.reverseOrder())
				.thenComparing(ContactLinks.Link::contactId, UuidOrder.DATABASE))
			.limit(limit)
			.map(l -> {
				var who = new ReachOut.ContactRef(l.contactId(), names.get(l.contactId()));
				return new Suggestion("share", who, null, null, l.source(), null,
						messages.getMessage("reachout.suggest.share", new Object[] { who.name(), l.source() }, locale));
			})
			.toList();
	}

	/** How often a contact helped us, and when last. */
	private record Help(UUID contactId, int count, Instant last) {
	}

	private List<Suggestion> giveBack(UUID workspaceId, UUID contactId, Instant now, int limit, Locale locale) {
		Instant since = now.atZone(ZoneId.systemDefault()).minusMonths(6).toInstant();
		Map<UUID, List<Instant>> helped = new HashMap<>();
		for (ContactLinks.Link link : links.since(workspaceId, since)) {
			helped.computeIfAbsent(link.contactId(), k -> new ArrayList<>()).add(link.receivedAt());
		}
		comments.approvedByContactsSince(workspaceId, since)
			.forEach((contact, written) -> helped.computeIfAbsent(contact.value(), k -> new ArrayList<>()).addAll(written));
		List<Help> counted = helped.entrySet()
			.stream()
			.filter(e -> e.getValue().size() >= 2 && (contactId == null || contactId.equals(e.getKey())))
			.map(e -> new Help(e.getKey(), e.getValue().size(), e.getValue().stream().max(Comparator.naturalOrder()).orElseThrow()))
			.toList();
		if (counted.isEmpty()) {
			return List.of();
		}
		UUID[] ids = counted.stream().map(Help::contactId).toArray(UUID[]::new);
		Set<UUID> given = new HashSet<>();
		jdbc.sql("""
				select contact_id, other_contact_id from gifts where workspace_id = ? and occurred_at >= ?
				  and (contact_id = any(?) or other_contact_id = any(?))""")
			.params(workspaceId, Timestamp.from(since), ids, ids)
			.query(rs -> {
				given.add(rs.getObject(1, UUID.class));
				given.add(rs.getObject(2, UUID.class));
			});
		Map<UUID, String> names = names(workspaceId, List.of(ids));
		return counted.stream()
			.filter(h -> names.containsKey(h.contactId()) && !given.contains(h.contactId()))
			.sorted(Comparator.comparingInt(Help::count).reversed()
				.thenComparing(Help::last, Comparator.reverseOrder())
				.thenComparing(Help::contactId, UuidOrder.DATABASE))
			.limit(limit)
			.map(h -> {
				var who = new ReachOut.ContactRef(h.contactId(), names.get(h.contactId()));
				return new Suggestion("give_back", who, null, null, null, h.count(),
						messages.getMessage("reachout.suggest.giveBack", new Object[] { who.name(), h.count() }, locale));
			})
			.toList();
	}

	/** The names of those of the contacts that are in the workspace. */
	private Map<UUID, String> names(UUID workspaceId, Collection<UUID> contactIds) {
		Map<UUID, String> names = new HashMap<>();
		contacts.all(workspaceId, ContactId.all(contactIds)).forEach(c -> names.put(c.id(), c.name()));
		return names;
	}
}

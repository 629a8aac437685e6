package org.rapport.relationships;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * Each kind is one set-based query; introductions only pair the 500 contacts most recently in dialogue, so the
 * pairing stays small however large the workspace is.
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
	private final MessageSource messages;

	GiftSuggestions(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
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

	private List<Suggestion> introductions(UUID workspaceId, UUID contactId, Instant now, int limit, Locale locale) {
		return jdbc.sql("""
				with dialogue as (
				  select c.contact_id, max(c.last_message_at) as last from conversations c
				  where c.workspace_id = :ws and c.last_message_at >= cast(:now as timestamptz) - interval '180 days'
				    and exists (select 1 from messages m where m.conversation_id = c.id and m.direction = 'in' and m.kind <> 'note')
				    and exists (select 1 from messages m where m.conversation_id = c.id and m.direction = 'out' and m.kind <> 'note')
				  group by c.contact_id order by last desc limit :pool),
				pairs as (
				  select ta.contact_id as a, tb.contact_id as b, min(ta.tag) as tag, count(*) as shared,
				    greatest(max(da.last), max(db.last)) as last
				  from dialogue da join contact_tags ta on ta.contact_id = da.contact_id
				  join contact_tags tb on tb.workspace_id = :ws and tb.tag = ta.tag and tb.contact_id > ta.contact_id
				  join dialogue db on db.contact_id = tb.contact_id
				  where (cast(:contact as uuid) is null or ta.contact_id = cast(:contact as uuid) or tb.contact_id = cast(:contact as uuid))
				    and not exists (select 1 from gifts g where g.workspace_id = :ws and g.kind = 'introduction'
				      and ((g.contact_id = ta.contact_id and g.other_contact_id = tb.contact_id)
				        or (g.contact_id = tb.contact_id and g.other_contact_id = ta.contact_id)))
				  group by ta.contact_id, tb.contact_id)
				select p.a, ka.name, p.b, kb.name, p.tag from pairs p
				join contacts ka on ka.id = p.a join contacts kb on kb.id = p.b
				order by p.shared desc, p.last desc, p.a, p.b limit :limit""")
			.param("ws", workspaceId)
			.param("now", Timestamp.from(now))
			.param("pool", DIALOGUE_POOL)
			.param("contact", contactId)
			.param("limit", limit)
			.query((rs, n) -> {
				var a = new ReachOut.ContactRef(rs.getObject(1, UUID.class), rs.getString(2));
				var b = new ReachOut.ContactRef(rs.getObject(3, UUID.class), rs.getString(4));
				// On a contact's page, that contact comes first.
				if (contactId != null && contactId.equals(b.id())) {
					var swap = a;
					a = b;
					b = swap;
				}
				String tag = rs.getString(5);
				return new Suggestion("introduce", a, b, tag, null, null,
						messages.getMessage("reachout.suggest.introduce", new Object[] { a.name(), b.name(), tag }, locale));
			})
			.list();
	}

	private List<Suggestion> shares(UUID workspaceId, UUID contactId, int limit, Locale locale) {
		return jdbc.sql("with " + ReachOut.SITES + ", " + ReachOut.LINKS + """
				, newest as (
				  select distinct on (l.contact_id) l.contact_id, l.source, l.received_at from links l
				  where (cast(:contact as uuid) is null or l.contact_id = cast(:contact as uuid))
				  order by l.contact_id, l.received_at desc)
				select n.contact_id, k.name, n.source from newest n join contacts k on k.id = n.contact_id
				where not exists (select 1 from gifts g where g.workspace_id = :ws and g.contact_id = n.contact_id
				                  and g.kind = 'share' and g.url = n.source)
				order by n.received_at desc, n.contact_id limit :limit""")
			.param("ws", workspaceId)
			.param("contact", contactId)
			.param("limit", limit)
			.query((rs, n) -> {
				var who = new ReachOut.ContactRef(rs.getObject(1, UUID.class), rs.getString(2));
				String url = rs.getString(3);
				return new Suggestion("share", who, null, null, url, null,
						messages.getMessage("reachout.suggest.share", new Object[] { who.name(), url }, locale));
			})
			.list();
	}

	private List<Suggestion> giveBack(UUID workspaceId, UUID contactId, Instant now, int limit, Locale locale) {
		return jdbc.sql("with " + ReachOut.SITES + ", " + ReachOut.LINKS + """
				, helped as (
				  select l.contact_id, l.received_at as at from links l where l.received_at >= cast(:now as timestamptz) - interval '6 months'
				  union all
				  select b.contact_id, b.created_at from blog_comments b
				  where b.workspace_id = :ws and b.contact_id is not null and b.from_team = false and b.status = 'approved'
				    and b.created_at >= cast(:now as timestamptz) - interval '6 months'),
				counted as (
				  select h.contact_id, count(*) as n, max(h.at) as last from helped h
				  where (cast(:contact as uuid) is null or h.contact_id = cast(:contact as uuid))
				  group by h.contact_id having count(*) >= 2)
				select c.contact_id, k.name, c.n from counted c join contacts k on k.id = c.contact_id
				where not exists (select 1 from gifts g where g.workspace_id = :ws
				                  and (g.contact_id = c.contact_id or g.other_contact_id = c.contact_id)
				                  and g.occurred_at >= cast(:now as timestamptz) - interval '6 months')
				order by c.n desc, c.last desc, c.contact_id limit :limit""")
			.param("ws", workspaceId)
			.param("now", Timestamp.from(now))
			.param("contact", contactId)
			.param("limit", limit)
			.query((rs, n) -> {
				var who = new ReachOut.ContactRef(rs.getObject(1, UUID.class), rs.getString(2));
				int count = rs.getInt(3);
				return new Suggestion("give_back", who, null, null, null, count,
						messages.getMessage("reachout.suggest.giveBack", new Object[] { who.name(), count }, locale));
			})
			.list();
	}
}

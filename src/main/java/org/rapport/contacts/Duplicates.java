package org.rapport.contacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Suggests pairs of contacts that are probably the same person, with the reasons, for a person to merge or
 * dismiss. Never merges anything itself.
 *
 * <p>
 * Candidates are found by blocking: every contact gets keys computed in SQL (normalised name, email address
 * without domain, phone number digits, handle without instance) and only contacts that share a key are compared.
 * Keys shared by very many contacts (a common name, {@code info@}) say little and are skipped, so the work grows
 * with the number of contacts, not with its square. A name on its own is never enough: a pair needs a phone
 * number, an email address or a handle in common or close.
 */
@Component
public class Duplicates {

	/** Largest block of contacts sharing one key that is still compared pair by pair. */
	static final int MAX_BLOCK = 25;

	/** Local parts that many different people and organisations share. */
	private static final Set<String> GENERIC_LOCAL_PARTS = Set.of("info", "kontakt", "contact", "mail", "email", "post",
			"office", "buero", "hallo", "hello", "hi", "service", "support", "team", "admin", "noreply", "newsletter",
			"verwaltung", "sekretariat", "presse", "press", "sales", "vertrieb", "anfrage", "anfragen", "webmaster");

	/** Why two contacts may be the same person; {@link #text} is what the API shows. */
	public enum Reason {

		SAME_PHONE("samePhone", "same phone number", 0.9),
		SAME_HANDLE("sameHandle", "same handle on two networks", 0.75),
		SIMILAR_EMAIL("similarEmail", "similar email address", 0.7),
		SAME_EMAIL_NAME("sameEmailName", "same email name on another domain", 0.55),
		SAME_NAME("sameName", "same name", 0.4);

		private final String code;
		private final String text;
		private final double weight;

		Reason(String code, String text, double weight) {
			this.code = code;
			this.text = text;
			this.weight = weight;
		}

		/** A key for messages, e.g. {@code samePhone}. */
		public String code() {
			return code;
		}

		/** The reason in English, e.g. {@code same phone number}. */
		public String text() {
			return text;
		}
	}

	/**
	 * Two contacts that may be one person.
	 *
	 * @param score from 0 to 1; the higher, the more likely
	 */
	public record Suggestion(Contact contact, Contact other, double score, List<Reason> reasons) {
	}

	/** The lowest score that is suggested. */
	static final double THRESHOLD = 0.5;

	private final JdbcClient jdbc;
	private final Contacts contacts;

	Duplicates(JdbcClient jdbc, Contacts contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	/** Signals of one candidate pair, as SQL found them. */
	record Candidate(UUID a, UUID b, boolean phone, boolean emailLocal, boolean emailClose, boolean handleCross,
			boolean sameName, boolean aUnnamed, boolean bUnnamed, String localPart) {
	}

	/** The most likely duplicates of the workspace, best first. */
	public List<Suggestion> suggest(UUID workspaceId, int limit) {
		return rank(candidates(workspaceId, null), limit, workspaceId);
	}

	/** The most likely duplicates of one contact, best first. */
	public List<Suggestion> suggestFor(UUID workspaceId, UUID contactId, int limit) {
		contacts.get(workspaceId, contactId);
		return rank(candidates(workspaceId, contactId), limit, workspaceId);
	}

	private List<Suggestion> rank(List<Candidate> candidates, int limit, UUID workspaceId) {
		record Scored(Candidate candidate, double score, List<Reason> reasons) {
		}
		List<Scored> scored = new ArrayList<>();
		for (Candidate c : candidates) {
			EnumSet<Reason> reasons = reasons(c);
			double score = score(c, reasons);
			if (score >= THRESHOLD) {
				scored.add(new Scored(c, score, List.copyOf(reasons)));
			}
		}
		scored.sort(Comparator.comparingDouble(Scored::score).reversed()
			.thenComparing(s -> s.candidate().a()).thenComparing(s -> s.candidate().b()));
		List<Suggestion> result = new ArrayList<>();
		for (Scored s : scored.subList(0, Math.min(limit, scored.size()))) {
			var a = contacts.find(workspaceId, s.candidate().a());
			var b = contacts.find(workspaceId, s.candidate().b());
			if (a.isPresent() && b.isPresent()) {
				// The contact to keep comes first: the one with a real name, else the older one.
				boolean swap = s.candidate().aUnnamed() != s.candidate().bUnnamed() ? s.candidate().aUnnamed()
						: b.get().createdAt().isBefore(a.get().createdAt());
				Contact keep = swap ? b.get() : a.get();
				Contact other = swap ? a.get() : b.get();
				result.add(new Suggestion(keep, other, Math.round(s.score() * 100) / 100.0, s.reasons()));
			}
		}
		return result;
	}

	static EnumSet<Reason> reasons(Candidate c) {
		EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
		if (c.phone()) {
			reasons.add(Reason.SAME_PHONE);
		}
		if (c.handleCross()) {
			reasons.add(Reason.SAME_HANDLE);
		}
		// A close address (a typo, another domain) counts with the same name; on its own it is often a colleague.
		if (c.sameName() && (c.emailClose() || c.emailLocal())) {
			reasons.add(Reason.SIMILAR_EMAIL);
		}
		else if (c.emailLocal() && !GENERIC_LOCAL_PARTS.contains(c.localPart()) && c.localPart().length() >= 4) {
			reasons.add(Reason.SAME_EMAIL_NAME);
		}
		if (c.sameName() && !reasons.isEmpty()) {
			reasons.add(Reason.SAME_NAME);
		}
		return reasons;
	}

	/**
	 * Combines the reasons like independent evidence; a pair whose two real names differ counts less, as a shared
	 * landline or a handle that two people picked.
	 */
	static double score(Candidate c, Set<Reason> reasons) {
		if (reasons.isEmpty() || reasons.equals(EnumSet.of(Reason.SAME_NAME))) {
			return 0;
		}
		double unlikely = 1;
		for (Reason r : reasons) {
			unlikely *= 1 - r.weight;
		}
		double score = 1 - unlikely;
		boolean namesDiffer = !c.sameName() && !c.aUnnamed() && !c.bUnnamed();
		if (namesDiffer) {
			score *= 0.6;
		}
		return score;
	}

	/**
	 * The candidate pairs: contacts sharing a blocking key, with the signals found. With {@code only}, just the
	 * pairs of that contact.
	 */
	List<Candidate> candidates(UUID workspaceId, UUID only) {
		var statement = jdbc.sql(candidateSql(only != null)).param("ws", workspaceId).param("maxBlock", MAX_BLOCK);
		if (only != null) {
			statement = statement.param("only", only);
		}
		return statement.query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
				rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7),
				rs.getBoolean(8), rs.getBoolean(9), rs.getString(10)))
			.list();
	}

	/** The query for {@link #candidates}, with parameters {@code ws}, {@code maxBlock} and maybe {@code only}. */
	static String candidateSql(boolean forOne) {
		// Blocks are the keys that 2 to maxBlock contacts share; the keys are kept in contact_keys by triggers. For a
		// whole workspace this is one pass over the index in key order, without sorting.
		String blocks = forOne ? """
				with keys as (
				  select distinct x.contact_id, x.sig, x.k from contact_keys mine
				  join contact_keys x on x.workspace_id = mine.workspace_id and x.sig = mine.sig and x.k = mine.k
				  where mine.contact_id = :only and mine.workspace_id = :ws
				),
				blocks as (
				  select * from (select contact_id, sig, k, count(*) over (partition by sig, k) as size from keys) s
				  where size between 2 and :maxBlock
				),
				""" : """
				with blocks as (
				  select * from (select contact_id, sig, k, count(*) over (partition by sig, k) as size
				                 from contact_keys where workspace_id = :ws) s
				  where size between 2 and :maxBlock
				),
				""";
		return blocks + """
				pairs as (
				  select x.contact_id as a, y.contact_id as b, x.sig, x.k
				  from blocks x join blocks y on y.sig = x.sig and y.k = x.k and x.contact_id < y.contact_id
				  where x.size between 2 and :maxBlock
				),
				grouped as (
				  select a, b, bool_or(sig = 'p') as phone, bool_or(sig = 'e') as email_local, bool_or(sig = 'h') as handle,
				    bool_or(sig = 'n') as same_name, min(k) filter (where sig = 'e') as local_part
				  from pairs group by a, b
				),
				checked as (
				  select g.*,
				    -- Addresses at most two edits apart, not counting ones that differ in their digits only:
				    -- anna.schmidt12@ and anna.schmidt13@ are usually two people, anna.schmitd@ is a typo.
				    -- levenshtein takes at most 255 characters, and addresses that came with messages may be
				    -- longer; the case keeps it from seeing them (PostgreSQL may evaluate "and" in any order).
				    exists (select 1 from identities x join identities y on y.contact_id = g.b and y.kind = 'email'
				            where x.contact_id = g.a and x.kind = 'email'
				              and case when length(x.value) <= 255 and length(y.value) <= 255
				                       then levenshtein(x.value, y.value) <= 2 else x.value = y.value end
				              and regexp_replace(x.value, '[^0-9]', '', 'g') = regexp_replace(y.value, '[^0-9]', '', 'g'))
				      as email_close
				  from grouped g
				)
				select g.a, g.b, g.phone, g.email_local, g.email_close,
				  g.handle and exists (select 1 from identities x join identities y on y.contact_id = g.b
				          and y.kind like 'handle:%' and contact_handle_key(y.value) = contact_handle_key(x.value)
				          where x.contact_id = g.a and x.kind like 'handle:%' and x.kind <> y.kind) as handle_cross,
				  -- The same name, also where the name's block was too big to compare (a common name).
				  g.same_name or exists (select 1 from contact_keys na join contact_keys nb on nb.k = na.k
				          where na.source_id = g.a and na.sig = 'n' and nb.source_id = g.b and nb.sig = 'n') as same_name,
				  exists (select 1 from identities i join contacts c on c.id = i.contact_id
				          where c.id = g.a and lower(c.name) = i.value) as a_unnamed,
				  exists (select 1 from identities i join contacts c on c.id = i.contact_id
				          where c.id = g.b and lower(c.name) = i.value) as b_unnamed,
				  coalesce(g.local_part, '')
				from checked g
				where (g.phone or g.email_local or g.handle or g.email_close)
				  and not exists (select 1 from duplicate_dismissals d
				                  where d.workspace_id = :ws and d.contact_a = g.a and d.contact_b = g.b)
				""" + (forOne ? "  and :only in (g.a, g.b)\n" : "");
	}

	/** Remembers that two contacts are different people, so that they are not suggested again. */
	public void dismiss(UUID workspaceId, UUID userId, UUID contactId, UUID otherId) {
		if (contactId == null || otherId == null) {
			throw new IllegalArgumentException("Dismissing a suggestion needs contactId and otherId.");
		}
		if (contactId.equals(otherId)) {
			throw new IllegalArgumentException("contactId and otherId are the same contact.");
		}
		contacts.get(workspaceId, contactId);
		contacts.get(workspaceId, otherId);
		// Ordered as PostgreSQL orders uuids, which is not how java.util.UUID compares them.
		jdbc.sql("""
				insert into duplicate_dismissals(workspace_id, contact_a, contact_b, dismissed_by)
				values (?, least(?::uuid, ?::uuid), greatest(?::uuid, ?::uuid), ?)
				on conflict do nothing""")
			.params(workspaceId, contactId, otherId, contactId, otherId, userId)
			.update();
	}

	/** How many candidate pairs the blocking produced, for tests and diagnostics. */
	int candidateCount(UUID workspaceId) {
		return candidates(workspaceId, null).size();
	}
}

package org.rapport.contacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.RecordId;
import org.rapport.platform.ContactId;
import org.rapport.platform.AuditLog;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention rules of a workspace: contacts with no activity (message, change, consent) for N months are erased
 * with all their conversations; closed conversations are deleted N months after they were closed. Erased
 * conversations leave anonymised statistics only. {@link #preview} and {@link #run} use the same selection
 * ({@link #select}), so the dry run lists exactly what a run deletes. Runs nightly on every node; a PostgreSQL
 * advisory lock per workspace makes sure only one node works on a workspace at a time.
 */
@Component
public class Retention {

	/** The first half of the advisory lock key ("RETN"), so other advisory locks never collide. */
	static final int LOCK = 0x5245544E;

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private final JdbcClient jdbc;
	private final List<PersonalData> sources;
	private final Erasure erasure;
	private final AuditLog audit;
	private final TransactionTemplate transactions;

	Retention(JdbcClient jdbc, List<PersonalData> sources, Erasure erasure, AuditLog audit,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.sources = sources;
		this.erasure = erasure;
		this.audit = audit;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * The rules; {@code null} months mean "keep forever".
	 *
	 * @param lastRunAt when a run last deleted (or found nothing), with what it deleted
	 */
	public record Rules(Integer inactiveContactMonths, Integer closedConversationMonths, Instant lastRunAt,
			Integer lastRunContacts, Integer lastRunConversations) {

		public boolean any() {
			return inactiveContactMonths != null || closedConversationMonths != null;
		}
	}

	/**
	 * Something retention deletes.
	 *
	 * @param type {@code contact} or {@code conversation}
	 * @param rule why: {@code inactive_contact}, {@code contact_erased} (a conversation of an inactive contact) or
	 * {@code closed_conversation}
	 */
	public record Candidate(String type, UUID id, String label, Instant lastActivity, String rule) {
	}

	/** Everything one run deletes, as of a moment. */
	public record Selection(Instant asOf, Instant contactCutoff, Instant conversationCutoff, List<Candidate> contacts,
			List<Candidate> conversations) {

		public int size() {
			return contacts.size() + conversations.size();
		}
	}

	public Rules rules(UUID workspaceId) {
		return jdbc.sql("""
				select inactive_contact_months, closed_conversation_months, last_run_at, last_run_contacts, last_run_conversations
				from retention_rules where workspace_id = ?""")
			.param(workspaceId)
			.query((rs, n) -> new Rules((Integer) rs.getObject(1), (Integer) rs.getObject(2),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), (Integer) rs.getObject(4),
					(Integer) rs.getObject(5)))
			.optional()
			.orElse(new Rules(null, null, null, null, null));
	}

	public Rules save(UUID workspaceId, Integer inactiveContactMonths, Integer closedConversationMonths) {
		check(inactiveContactMonths);
		check(closedConversationMonths);
		jdbc.sql("""
				insert into retention_rules(workspace_id, inactive_contact_months, closed_conversation_months) values (?, ?, ?)
				on conflict (workspace_id) do update set inactive_contact_months = excluded.inactive_contact_months,
				  closed_conversation_months = excluded.closed_conversation_months, updated_at = now()""")
			.params(workspaceId, inactiveContactMonths, closedConversationMonths)
			.update();
		return rules(workspaceId);
	}

	private static void check(Integer months) {
		if (months != null && (months < 1 || months > 1200)) {
			throw new IllegalArgumentException("A retention period is 1 to 1200 months, or empty for 'keep forever'.");
		}
	}

	/** The dry run: what a run would delete now, deleting nothing. */
	public Selection preview(UUID workspaceId) {
		return select(workspaceId, Instant.now());
	}

	/**
	 * Deletes what the rules select now, in one transaction, and records the run in the audit log. Throws
	 * {@link IllegalStateException} when another node is running retention for the workspace at this moment.
	 */
	public Selection run(UUID workspaceId, UUID byUser, String ip) {
		return transactions.execute(status -> {
			Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?, hashtext(?))")
				.params(LOCK, workspaceId.toString())
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(locked)) {
				throw new IllegalStateException("Retention is running for this workspace on another node right now.");
			}
			Selection selection = select(workspaceId, Instant.now());
			for (Candidate contact : selection.contacts()) {
				erasure.eraseQuietly(workspaceId, contact.id(), false);
			}
			List<RecordId> closed = selection.conversations().stream()
				.filter(c -> c.rule().equals("closed_conversation"))
				.map(c -> RecordId.of(c.id()))
				.toList();
			if (!closed.isEmpty()) {
				sources.forEach(s -> s.delete(workspaceId, closed));
			}
			jdbc.sql("""
					insert into retention_rules(workspace_id, last_run_at, last_run_contacts, last_run_conversations)
					values (?, now(), ?, ?) on conflict (workspace_id) do update set last_run_at = now(),
					  last_run_contacts = excluded.last_run_contacts, last_run_conversations = excluded.last_run_conversations""")
				.params(workspaceId, selection.contacts().size(), selection.conversations().size())
				.update();
			if (selection.size() > 0 || byUser != null) {
				audit.record(workspaceId, byUser, "retention.run", selection.contacts().size() + " contacts, "
						+ selection.conversations().size() + " conversations deleted", ip);
			}
			return selection;
		});
	}

	/** Runs {@link #nightly} as recurring background work, on one node at a time. */
	@Bean
	RecurringWork nightlyRecurring(@Value("${rapport.retention.cron:0 17 3 * * *}") String cron) {
		return RecurringWork.cron("retention-nightly", cron, this::nightly);
	}

	/** Runs the rules of every workspace that has some, every night. */
	void nightly() {
		List<UUID> workspaces = jdbc.sql("""
				select workspace_id from retention_rules
				where inactive_contact_months is not null or closed_conversation_months is not null""")
			.query(UUID.class)
			.list();
		for (UUID workspaceId : workspaces) {
			try {
				Selection done = run(workspaceId, null, null);
				log.info("Retention deleted {} contacts and {} conversations in workspace {}", done.contacts().size(),
						done.conversations().size(), workspaceId);
			}
			catch (IllegalStateException e) {
				log.info("Retention for workspace {} skipped: {}", workspaceId, e.getMessage());
			}
			catch (RuntimeException e) {
				log.warn("Retention for workspace {} failed", workspaceId, e);
			}
		}
	}

	/** The one selection used by both the dry run and the real run. */
	Selection select(UUID workspaceId, Instant now) {
		Rules rules = rules(workspaceId);
		List<Candidate> contacts = new ArrayList<>();
		List<Candidate> conversations = new ArrayList<>();
		Set<UUID> taken = new HashSet<>();
		Instant contactCutoff = null;
		Instant conversationCutoff = null;
		if (rules.inactiveContactMonths() != null) {
			contactCutoff = now.atOffset(ZoneOffset.UTC).minusMonths(rules.inactiveContactMonths()).toInstant();
			Map<UUID, Instant> activity = new HashMap<>();
			for (PersonalData source : sources) {
				source.lastActivity(workspaceId).forEach((id, at) -> activity.merge(id.value(), at, (a, b) -> a.isAfter(b) ? a : b));
			}
			Instant cutoff = contactCutoff;
			List<Candidate> stale = jdbc.sql("""
					select c.id, c.name, greatest(c.created_at, c.updated_at,
					  (select max(coalesce(k.withdrawn_at, k.given_at)) from consents k where k.contact_id = c.id)) as last
					from contacts c where c.workspace_id = ? and c.created_at < ? and c.updated_at < ?
					order by c.id""")
				.params(workspaceId, Timestamp.from(cutoff), Timestamp.from(cutoff))
				.query((rs, n) -> {
					UUID id = rs.getObject(1, UUID.class);
					Instant last = rs.getTimestamp(3).toInstant();
					Instant elsewhere = activity.get(id);
					if (elsewhere != null && elsewhere.isAfter(last)) {
						last = elsewhere;
					}
					return new Candidate("contact", id, rs.getString(2), last, "inactive_contact");
				})
				.list();
			for (Candidate contact : stale) {
				if (contact.lastActivity().isBefore(cutoff)) {
					contacts.add(contact);
					for (PersonalData source : sources) {
						for (PersonalData.Item item : source.itemsOf(workspaceId, ContactId.of(contact.id()))) {
							if (taken.add(item.id().value())) {
								conversations.add(new Candidate(item.type(), item.id().value(), item.label(), item.lastActivity(),
										"contact_erased"));
							}
						}
					}
				}
			}
		}
		if (rules.closedConversationMonths() != null) {
			conversationCutoff = now.atOffset(ZoneOffset.UTC).minusMonths(rules.closedConversationMonths()).toInstant();
			for (PersonalData source : sources) {
				for (PersonalData.Item item : source.closedBefore(workspaceId, conversationCutoff)) {
					if (taken.add(item.id().value())) {
						conversations.add(new Candidate(item.type(), item.id().value(), item.label(), item.lastActivity(),
								"closed_conversation"));
					}
				}
			}
		}
		Comparator<Candidate> order = Comparator.comparing(Candidate::lastActivity).thenComparing(Candidate::id);
		contacts.sort(order);
		conversations.sort(order);
		return new Selection(now, contactCutoff, conversationCutoff, List.copyOf(contacts), List.copyOf(conversations));
	}
}

package org.rapport.insights;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.rapport.blog.NewsletterSubscribed;
import org.rapport.channels.Channels;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.inbox.ConversationJudged;
import org.rapport.inbox.InboxHistory;
import org.rapport.inbox.MessagesStored;
import org.rapport.platform.ConversationId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.SaneDates;
import org.rapport.platform.Workspaces;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records outcomes — by hand, through the API, from a CSV (checked whole before anything is stored), and
 * automatically: a new conversation on a channel whose kind declares an outcome (a web form: an enquiry), and a
 * confirmed newsletter sign-up (a registration).
 */
@Component
public class Outcomes {

	/** The most rows one CSV import may hold. */
	public static final int MAX_ROWS = 10_000;

	private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
	private static final BigDecimal MAX_VALUE = new BigDecimal("999999999999.99");

	/** What a person or a system says happened. */
	public record NewOutcome(String kind, String value, String currency, String occurredAt, UUID contactId,
			String contact, String note) {
	}

	/** How an import went: on a dry run, or when a line is wrong, nothing is stored. */
	public record Imported(boolean dryRun, int rows, int imported, List<LineError> errors) {
	}

	/** A line that cannot be taken; serialisable, as pages keep it in the session for one redirect. */
	public record LineError(int line, String field, String message) implements java.io.Serializable {
	}

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final Channels channels;
	private final Workspaces workspaces;
	private final InboxHistory history;
	private final Map<UUID, Optional<String>> outcomeOfChannel = new ConcurrentHashMap<>();

	Outcomes(JdbcClient jdbc, Contacts contacts, Channels channels, Workspaces workspaces, InboxHistory history) {
		this.jdbc = jdbc;
		this.history = history;
		this.contacts = contacts;
		this.channels = channels;
		this.workspaces = workspaces;
	}

	/** Records one outcome entered by hand or sent through the API. */
	@Transactional
	public Outcome record(CurrentUser user, NewOutcome input, Outcome.Source source) {
		user.requireWorker();
		Checked checked = check(user.workspaceId(), input, "", true);
		return insert(user.workspaceId(), checked, source.key(), null, user.userId());
	}

	/** The contact's outcomes, newest first. */
	public List<Outcome> of(UUID workspaceId, UUID contactId) {
		return jdbc.sql("select * from outcomes where workspace_id = ? and contact_id = ? order by occurred_at desc, id")
			.params(workspaceId, contactId)
			.query((rs, n) -> outcome(rs))
			.list();
	}

	/** The outcomes of a period, oldest first, at most {@code limit}. */
	public List<Outcome> between(UUID workspaceId, Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select * from outcomes where workspace_id = ? and occurred_at >= ? and occurred_at < ?
				order by occurred_at, id limit ?""")
			.params(workspaceId, Timestamp.from(from), Timestamp.from(to), limit)
			.query((rs, n) -> outcome(rs))
			.list();
	}

	/** The kinds in use in the workspace besides the built-in ones, for suggestions. */
	public List<String> kinds(UUID workspaceId) {
		List<String> kinds = new ArrayList<>(Outcome.KINDS);
		jdbc.sql("select distinct kind from outcomes where workspace_id = ? order by kind").param(workspaceId)
			.query(String.class).list().stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
		return kinds;
	}

	/** Deletes an outcome and answers it, so that it can be recorded again (undo). */
	@Transactional
	public Outcome delete(CurrentUser user, UUID id) {
		user.requireWorker();
		Outcome outcome = jdbc.sql("delete from outcomes where workspace_id = ? and id = ? returning *")
			.params(user.workspaceId(), id)
			.query((rs, n) -> outcome(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No outcome " + id + " in this workspace."));
		return outcome;
	}

	/**
	 * Imports outcomes from CSV with the columns {@code kind, value, currency, occurredAt, contact, note}
	 * ({@code contact}: a contact's id, an email address or a phone number; a new address becomes a new contact).
	 * Every line is checked first; when one is wrong, or on a dry run, nothing is stored.
	 */
	@Transactional
	public Imported importCsv(CurrentUser user, String csv, boolean dryRun) {
		user.requireWorker();
		List<CSVRecord> records;
		try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
			.setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(new StringReader(csv == null ? "" : csv))) {
			List<String> header = parser.getHeaderNames();
			for (String required : List.of("kind", "occurredAt", "contact")) {
				if (!header.contains(required)) {
					throw new InvalidFieldException("csv", "The CSV needs the columns kind, value, currency, occurredAt, "
							+ "contact and note in its first line; '" + required + "' is missing.");
				}
			}
			for (String column : header) {
				if (!List.of("kind", "value", "currency", "occurredAt", "contact", "note").contains(column)) {
					throw new InvalidFieldException("csv", "Unknown column '" + column
							+ "': the CSV may have kind, value, currency, occurredAt, contact and note.");
				}
			}
			records = parser.getRecords();
		}
		catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
			if (e instanceof InvalidFieldException invalid) {
				throw invalid;
			}
			throw new InvalidFieldException("csv", "The CSV cannot be read: " + e.getMessage());
		}
		if (records.size() > MAX_ROWS) {
			throw new InvalidFieldException("csv", "One import may hold at most " + MAX_ROWS + " outcomes, not " + records.size() + ".");
		}
		List<LineError> errors = new ArrayList<>();
		List<Checked> rows = new ArrayList<>();
		for (CSVRecord r : records) {
			int line = (int) r.getRecordNumber() + 1;
			NewOutcome input = new NewOutcome(get(r, "kind"), get(r, "value"), get(r, "currency"), get(r, "occurredAt"),
					null, get(r, "contact"), get(r, "note"));
			try {
				rows.add(check(user.workspaceId(), input, "", false));
			}
			catch (InvalidFieldException e) {
				errors.add(new LineError(line, e.field(), e.getMessage()));
			}
		}
		if (!errors.isEmpty() || dryRun) {
			return new Imported(dryRun, records.size(), 0, errors);
		}
		for (Checked row : rows) {
			insert(user.workspaceId(), row.withContact(row.contactId() != null ? row.contactId()
					: contacts.resolve(user.workspaceId(), List.of(row.claim())).get(row.claim())), "import", null, user.userId());
		}
		return new Imported(false, records.size(), rows.size(), List.of());
	}

	private static String get(CSVRecord r, String column) {
		return r.isMapped(column) && r.isSet(column) ? r.get(column) : null;
	}

	/** A new conversation on a channel whose kind counts as an outcome (a web form: an enquiry) records one. */
	@EventListener
	void on(MessagesStored stored) {
		for (MessagesStored.Stored m : stored.messages()) {
			if (!m.waitsForAnswer()) {
				continue;
			}
			Optional<String> kind = outcomeOfChannel.computeIfAbsent(m.channelId(),
					id -> channels.connector(channels.get(m.workspaceId(), ChannelId.of(id)).kind()).outcome());
			kind.ifPresent(k -> jdbc.sql("""
					insert into outcomes(id, workspace_id, kind, occurred_at, contact_id, source, source_ref)
					values (?, ?, ?, ?, ?, 'automatic', ?) on conflict do nothing""")
				.params(UUID.randomUUID(), m.workspaceId(), k, Timestamp.from(m.at()), m.contactId(),
						"conversation:" + m.conversationId())
				.update());
		}
	}

	/**
	 * Spam is no enquiry: a conversation of which the team judged spam every message that waited loses the outcome it
	 * recorded by itself; one with a message that waits (again) records it as a new conversation would have, from its
	 * first message that waits for an answer.
	 */
	@EventListener
	void on(ConversationJudged judged) {
		for (InboxHistory.ConversationHistory h : history.of(judged.workspaceId(), List.of(ConversationId.of(judged.conversationId())))) {
			List<MessagesStored.Stored> inOrder = new ArrayList<>(h.messages());
			inOrder.sort(java.util.Comparator.comparing(MessagesStored.Stored::at));
			if (inOrder.stream().noneMatch(MessagesStored.Stored::waitsForAnswer)) {
				jdbc.sql("delete from outcomes where workspace_id = ? and source = 'automatic' and source_ref = ?")
					.params(judged.workspaceId(), "conversation:" + judged.conversationId())
					.update();
			}
			else {
				on(new MessagesStored(inOrder));
			}
		}
	}

	/** A confirmed newsletter sign-up is a registration. */
	@EventListener
	void on(NewsletterSubscribed subscribed) {
		jdbc.sql("""
				insert into outcomes(id, workspace_id, kind, occurred_at, contact_id, source, source_ref)
				values (?, ?, 'registration', ?, ?, 'automatic', ?) on conflict do nothing""")
			.params(UUID.randomUUID(), subscribed.workspaceId(), Timestamp.from(subscribed.at()), subscribed.contactId(),
					"newsletter:" + subscribed.subscriberId())
			.update();
	}

	private record Checked(String kind, BigDecimal value, String currency, Instant occurredAt, UUID contactId,
			IdentityClaim claim, String note) {

		Checked withContact(UUID contact) {
			return new Checked(kind, value, currency, occurredAt, contact, null, note);
		}
	}

	private Checked check(UUID workspaceId, NewOutcome in, String at, boolean resolve) {
		String kind = in.kind() == null ? "" : in.kind().strip().toLowerCase(Locale.ROOT);
		if (kind.isEmpty() || kind.length() > 40 || !KIND.matcher(kind).matches()) {
			throw new InvalidFieldException(at + "kind", "kind must be one of " + String.join(", ", Outcome.KINDS)
					+ " or a word of your own in lower-case letters and dashes (at most 40), not '" + in.kind() + "'.");
		}
		BigDecimal value = null;
		String currency = null;
		boolean hasValue = in.value() != null && !in.value().isBlank();
		boolean hasCurrency = in.currency() != null && !in.currency().isBlank();
		if (hasValue) {
			try {
				value = new BigDecimal(in.value().strip().replace(',', '.'));
			}
			catch (NumberFormatException e) {
				throw new InvalidFieldException(at + "value", "value must be a number such as 25.50, not '" + in.value() + "'.");
			}
			if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0 || value.scale() > 2) {
				throw new InvalidFieldException(at + "value",
						"value must lie between 0 and 999,999,999,999.99 with at most two decimals, not '" + in.value() + "'.");
			}
			if (!hasCurrency) {
				throw new InvalidFieldException(at + "currency", "A value needs its currency, such as EUR.");
			}
		}
		if (hasCurrency) {
			currency = in.currency().strip().toUpperCase(Locale.ROOT);
			try {
				Currency.getInstance(currency);
			}
			catch (IllegalArgumentException e) {
				throw new InvalidFieldException(at + "currency", "currency must be an ISO 4217 code such as EUR, not '" + in.currency() + "'.");
			}
			if (!hasValue) {
				throw new InvalidFieldException(at + "value", "A currency needs a value.");
			}
		}
		Instant occurredAt = occurredAt(workspaceId, in.occurredAt(), at);
		UUID contactId = in.contactId();
		IdentityClaim claim = null;
		if (contactId == null && in.contact() != null && !in.contact().isBlank()) {
			String text = in.contact().strip();
			try {
				contactId = UUID.fromString(text);
			}
			catch (IllegalArgumentException notAnId) {
				String identityKind = Identities.isEmail(text) ? IdentityKind.EMAIL
						: Identities.looksLikePhone(text) ? IdentityKind.PHONE : null;
				if (identityKind == null) {
					throw new InvalidFieldException(at + "contact",
							"contact must be a contact's id, an email address or a phone number, not '" + text + "'.");
				}
				try {
					claim = new IdentityClaim(identityKind, text, null).normalised();
				}
				catch (IllegalArgumentException e) {
					throw new InvalidFieldException(at + "contact", e.getMessage());
				}
				if (resolve) {
					contactId = contacts.resolve(workspaceId, List.of(claim)).get(claim);
					claim = null;
				}
			}
		}
		if (contactId == null && claim == null) {
			throw new InvalidFieldException(at + "contact", "An outcome needs the contact it belongs to.");
		}
		if (contactId != null && contacts.find(workspaceId, ContactId.of(contactId)).isEmpty()) {
			throw new InvalidFieldException(at + "contact", "There is no contact " + contactId + " in this workspace.");
		}
		String note = in.note() == null ? "" : in.note().strip();
		if (note.length() > 2_000) {
			throw new InvalidFieldException(at + "note", "A note may have at most 2,000 characters.");
		}
		return new Checked(kind, value, currency, occurredAt, contactId, claim, note);
	}

	private Instant occurredAt(UUID workspaceId, String text, String at) {
		if (text == null || text.isBlank()) {
			return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		}
		Instant instant;
		try {
			instant = text.strip().length() == 10
					? LocalDate.parse(text.strip()).atStartOfDay(zone(workspaceId)).toInstant()
					: Instant.parse(text.strip());
		}
		catch (DateTimeParseException e) {
			throw new InvalidFieldException(at + "occurredAt",
					"occurredAt must be a date such as 2026-05-04 or an instant such as 2026-05-04T10:15:00Z, not '" + text + "'.");
		}
		SaneDates.require(at + "occurredAt", instant);
		if (instant.isAfter(Instant.now().plusSeconds(300))) {
			throw new InvalidFieldException(at + "occurredAt", "An outcome cannot lie in the future: '" + text + "'.");
		}
		return instant;
	}

	private ZoneId zone(UUID workspaceId) {
		return workspaces.get(workspaceId).timeZone();
	}

	private Outcome insert(UUID workspaceId, Checked c, String source, String sourceRef, UUID userId) {
		UUID id = UUID.randomUUID();
		return jdbc.sql("""
				insert into outcomes(id, workspace_id, kind, value, currency, occurred_at, contact_id, source, source_ref,
				  note, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *""")
			.params(id, workspaceId, c.kind(), c.value(), c.currency(), Timestamp.from(c.occurredAt()), c.contactId(),
					source, sourceRef, c.note(), userId)
			.query((rs, n) -> outcome(rs))
			.single();
	}

	static Outcome outcome(ResultSet rs) throws SQLException {
		Timestamp created = rs.getTimestamp("created_at");
		return new Outcome(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getBigDecimal("value"),
				rs.getString("currency"), rs.getTimestamp("occurred_at").toInstant(),
				rs.getObject("contact_id", UUID.class), rs.getString("source"), rs.getString("note"),
				created == null ? null : created.toInstant());
	}
}

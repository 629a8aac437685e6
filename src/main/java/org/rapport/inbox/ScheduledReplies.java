package org.rapport.inbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Jobs;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replies that leave later ("send later"): written now, kept apart from the conversation's messages until their time,
 * then written as their author would write them, through the conversation's channel. Until then the author or any
 * member who works conversations can send one at once or take it back. One background job per reply, at its time
 * ({@link SendLaterJob}). A planned reply keeps its files until it leaves with them or is taken back, which deletes them.
 */
@Component
public class ScheduledReplies {

	static final String JOB = "inbox-send-later";

	/** The furthest ahead a reply may be planned. */
	public static final Duration MAX_AHEAD = Duration.ofDays(365);

	/**
	 * A reply waiting for its time.
	 *
	 * @param error why it could not leave at its time, else {@code null}
	 * @param attachments the files that leave with it, in the order they were given
	 */
	public record ScheduledReply(UUID id, UUID conversationId, UUID authorId, String authorName, String body,
			Instant sendAt, Instant createdAt, String error, List<PlannedFile> attachments) {

		/** Whether it waits because its author may no longer answer (else, with an error, because of its files). */
		public boolean authorGone() {
			return AUTHOR_GONE.equals(error);
		}
	}

	/** Why a planned reply waits when its author may no longer answer conversations. */
	static final String AUTHOR_GONE = "The author may no longer answer conversations in this workspace.";

	/** A file waiting with a planned reply; its content stays stored until the reply leaves. */
	public record PlannedFile(String fileName, String contentType, long size) {
	}

	private final JdbcClient jdbc;
	private final Messages messages;
	private final Members members;
	private final Jobs jobs;

	ScheduledReplies(JdbcClient jdbc, Messages messages, Members members, Jobs jobs) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.members = members;
		this.jobs = jobs;
	}

	/** Plans a reply to leave at {@code sendAt}: at least a minute and at most a year ahead. */
	@Transactional
	public ScheduledReply schedule(CurrentUser user, UUID conversationId, String body, Instant sendAt) {
		return schedule(user, conversationId, body, sendAt, List.of());
	}

	/**
	 * Plans a reply with files to leave at {@code sendAt}. The files are checked now against what the conversation's
	 * channel carries, as a reply sent now would be, and stored with the planned reply.
	 *
	 * @throws InvalidFieldException naming {@code attachments} (or one of them) when the files cannot go with a reply
	 * on the channel; nothing is planned then
	 */
	@Transactional
	public ScheduledReply schedule(CurrentUser user, UUID conversationId, String body, Instant sendAt,
			List<Messages.Attachment> files) {
		user.requireWorker();
		Messages.check(body);
		check(sendAt);
		UUID id = UUID.randomUUID();
		int rows = jdbc.sql("""
				insert into scheduled_replies(id, workspace_id, conversation_id, author_id, body, send_at)
				select ?, c.workspace_id, c.id, ?, ?, ? from conversations c where c.id = ? and c.workspace_id = ?""")
			.params(id, user.userId(), body, Timestamp.from(sendAt.truncatedTo(ChronoUnit.SECONDS)), conversationId,
					user.workspaceId())
			.update();
		if (rows == 0) {
			throw new NotFoundException("No conversation " + conversationId + " in this workspace.");
		}
		messages.checkReplyFiles(user.workspaceId(), conversationId, files);
		store(user.workspaceId(), id, files);
		enqueue(user.workspaceId(), id, sendAt);
		return find(user.workspaceId(), id).orElseThrow();
	}

	/** Refuses a time to send less than a minute or more than a year ahead. */
	private static void check(Instant sendAt) {
		Instant now = Instant.now();
		if (sendAt == null) {
			throw new InvalidFieldException("sendAt", "Say when the reply should leave.");
		}
		if (sendAt.isBefore(now.plus(Duration.ofMinutes(1)))) {
			throw new InvalidFieldException("sendAt", "The time to send lies in the past; choose a later one or send now.");
		}
		if (sendAt.isAfter(now.plus(MAX_AHEAD))) {
			throw new InvalidFieldException("sendAt", "A reply can be planned at most a year ahead.");
		}
	}

	/** The job that sends the reply at {@code sendAt}; it does nothing if the reply has been moved to another time. */
	private void enqueue(UUID workspaceId, UUID id, Instant sendAt) {
		jobs.enqueue(JOB, workspaceId, "{\"id\": \"" + id + "\", \"sendAt\": \"" + sendAt.truncatedTo(ChronoUnit.SECONDS)
				+ "\"}", sendAt);
	}

	/**
	 * Changes a planned reply before it leaves: what is given replaces what was planned, what is left out
	 * ({@code null}) stays. Its files stay unless {@code files} is given; then they replace them (an empty list takes
	 * them all away), checked as at planning. A new time moves it (the job for the old time then does nothing).
	 *
	 * @param body the new text as it is to leave (no signature is added)
	 */
	@Transactional
	public ScheduledReply edit(CurrentUser user, UUID conversationId, UUID id, String body, Instant sendAt,
			List<Messages.Attachment> files) {
		user.requireWorker();
		boolean known = jdbc.sql("""
				select id from scheduled_replies where id = ? and conversation_id = ? and workspace_id = ? for update""")
			.params(id, conversationId, user.workspaceId()).query(UUID.class).optional().isPresent();
		if (!known) {
			throw new NotFoundException("No planned reply " + id + " in this conversation.");
		}
		if (body != null) {
			Messages.check(body);
			jdbc.sql("update scheduled_replies set body = ? where id = ?").params(body, id).update();
		}
		if (sendAt != null) {
			check(sendAt);
			jdbc.sql("update scheduled_replies set send_at = ? where id = ?")
				.params(Timestamp.from(sendAt.truncatedTo(ChronoUnit.SECONDS)), id).update();
			enqueue(user.workspaceId(), id, sendAt);
		}
		if (files != null) {
			messages.checkReplyFiles(user.workspaceId(), conversationId, files);
			jdbc.sql("delete from scheduled_reply_files where scheduled_reply_id = ?").param(id).update();
			store(user.workspaceId(), id, files);
		}
		return withAuthors(user.workspaceId(), List.of(find(user.workspaceId(), id).orElseThrow())).get(0);
	}

	private void store(UUID workspaceId, UUID id, List<Messages.Attachment> files) {
		for (int i = 0; i < files.size(); i++) {
			Messages.Attachment file = files.get(i);
			jdbc.sql("""
					insert into scheduled_reply_files(id, workspace_id, scheduled_reply_id, position, file_name, content_type,
					  size_bytes, content)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(UUID.randomUUID(), workspaceId, id, i, file.fileName().strip(), Messages.contentType(file),
						file.content().length, file.content())
				.update();
		}
	}

	/** The conversation's planned replies, the next first. */
	public List<ScheduledReply> of(UUID workspaceId, UUID conversationId) {
		boolean known = jdbc.sql("select exists(select 1 from conversations where id = ? and workspace_id = ?)")
			.params(conversationId, workspaceId).query(Boolean.class).single();
		if (!known) {
			throw new NotFoundException("No conversation " + conversationId + " in this workspace.");
		}
		List<ScheduledReply> replies = jdbc.sql(SELECT + " and s.conversation_id = ? order by s.send_at, s.id")
			.params(workspaceId, conversationId)
			.query(this::row)
			.list();
		if (replies.isEmpty()) {
			return replies;
		}
		java.util.Map<UUID, List<PlannedFile>> files = new java.util.HashMap<>();
		jdbc.sql("""
				select f.scheduled_reply_id, f.file_name, f.content_type, f.size_bytes from scheduled_reply_files f
				join scheduled_replies s on s.id = f.scheduled_reply_id
				where s.workspace_id = ? and s.conversation_id = ? order by f.position""")
			.params(workspaceId, conversationId)
			.query((rs, n) -> files.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>())
				.add(new PlannedFile(rs.getString(2), rs.getString(3), rs.getLong(4))))
			.list();
		return replies.stream().map(r -> withFiles(r, files.getOrDefault(r.id(), List.of()))).toList();
	}

	private Optional<ScheduledReply> find(UUID workspaceId, UUID id) {
		return jdbc.sql(SELECT + " and s.id = ?").params(workspaceId, id).query(this::row).optional()
			.map(r -> withFiles(r, filesOf(id)));
	}

	private static ScheduledReply withFiles(ScheduledReply r, List<PlannedFile> files) {
		return new ScheduledReply(r.id(), r.conversationId(), r.authorId(), r.authorName(), r.body(), r.sendAt(),
				r.createdAt(), r.error(), files);
	}

	private List<PlannedFile> filesOf(UUID replyId) {
		return jdbc.sql("""
				select file_name, content_type, size_bytes from scheduled_reply_files where scheduled_reply_id = ?
				order by position""")
			.param(replyId)
			.query((rs, n) -> new PlannedFile(rs.getString(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	/** The files of a planned reply with their content, to leave with it. */
	static List<Messages.Attachment> contentOf(JdbcClient jdbc, UUID replyId) {
		return jdbc.sql("""
				select file_name, content_type, content from scheduled_reply_files where scheduled_reply_id = ?
				order by position""")
			.param(replyId)
			.query((rs, n) -> new Messages.Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)))
			.list();
	}

	private static final String SELECT = """
			select s.id, s.conversation_id, s.author_id, s.body, s.send_at, s.created_at, s.error
			from scheduled_replies s where s.workspace_id = ?""";

	private ScheduledReply row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new ScheduledReply(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
				rs.getObject("author_id", UUID.class), null, rs.getString("body"), rs.getTimestamp("send_at").toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getString("error"), List.of());
	}

	/** The planned replies with their authors' names. */
	public List<ScheduledReply> withAuthors(UUID workspaceId, List<ScheduledReply> replies) {
		if (replies.isEmpty()) {
			return replies;
		}
		var names = members.of(workspaceId).stream()
			.collect(java.util.stream.Collectors.toMap(Member::userId, Member::displayName, (a, b) -> a));
		return replies.stream()
			.map(r -> new ScheduledReply(r.id(), r.conversationId(), r.authorId(), names.get(r.authorId()), r.body(),
					r.sendAt(), r.createdAt(), r.error(), r.attachments()))
			.toList();
	}

	/**
	 * Takes a planned reply back before it leaves, deleting its files; answers it (with the files it had), so that its
	 * text can go back into the composer.
	 */
	@Transactional
	public ScheduledReply cancel(CurrentUser user, UUID conversationId, UUID id) {
		user.requireWorker();
		List<PlannedFile> files = filesOf(id);
		return jdbc.sql("""
				delete from scheduled_replies where id = ? and conversation_id = ? and workspace_id = ?
				returning id, conversation_id, author_id, body, send_at, created_at, error""")
			.params(id, conversationId, user.workspaceId())
			.query(this::row)
			.optional()
			.map(r -> withFiles(r, files))
			.orElseThrow(() -> new NotFoundException("No planned reply " + id + " in this conversation."));
	}

	/** Sends a planned reply now with its files, as the one who sends it. */
	@Transactional
	public MessageView sendNow(CurrentUser user, UUID conversationId, UUID id) {
		List<Messages.Attachment> files = contentOf(jdbc, id);
		ScheduledReply reply = cancel(user, conversationId, id);
		return messages.write(user, conversationId, reply.body(), "reply", files);
	}
}

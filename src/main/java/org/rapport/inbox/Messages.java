package org.rapport.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.rapport.platform.ChannelId;
import org.rapport.platform.ConversationId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspaces;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/** The messages of a conversation, and the replies and notes members write. */
@Component
public class Messages {

	/** The longest reply or note a member may write, in characters. */
	public static final int MAX_BODY = 100_000;

	private final JdbcClient jdbc;
	private final Conversations conversations;
	private final Workspaces workspaces;
	private final ApplicationEventPublisher events;
	private final ReplyCheck replyCheck;
	private final Members members;

	Messages(JdbcClient jdbc, Conversations conversations, Workspaces workspaces, ApplicationEventPublisher events,
			@Lazy ReplyCheck replyCheck, Members members) {
		this.replyCheck = replyCheck;
		this.members = members;
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.workspaces = workspaces;
		this.events = events;
	}

	/**
	 * The post of the channel's own account that the conversation's messages comment on (the first message that
	 * names one, by the {@code onPost} header its connector set), or empty.
	 */
	public java.util.Optional<String> discussedPost(UUID workspaceId, UUID conversationId) {
		ConversationId id = ConversationId.of(conversationId);
		return java.util.Optional.ofNullable(discussedPosts(workspaceId, List.of(id)).get(id));
	}

	/**
	 * The posts of the channels' own accounts that these conversations' messages comment on, by the same rule as
	 * {@link #discussedPost} and in one query; conversations that discuss no post are left out.
	 */
	public Map<ConversationId, String> discussedPosts(UUID workspaceId, java.util.Collection<ConversationId> conversationIds) {
		if (conversationIds.isEmpty()) {
			return Map.of();
		}
		Map<ConversationId, String> posts = new HashMap<>();
		jdbc.sql("""
				select distinct on (conversation_id) conversation_id, headers ->> 'onPost' from messages
				where workspace_id = ? and conversation_id = any(?) and headers ->> 'onPost' is not null
				order by conversation_id, seq""")
			.params(workspaceId, ConversationId.values(conversationIds))
			.query(rs -> {
				String post = rs.getString(2);
				if (!post.isBlank()) {
					posts.put(ConversationId.of(rs.getObject(1, UUID.class)), post);
				}
			});
		return posts;
	}

	/** Every message of a conversation in time order. */
	public List<MessageView> of(UUID workspaceId, UUID conversationId) {
		conversations.get(workspaceId, conversationId);
		Map<UUID, List<MessageView.AttachmentRef>> attachments = attachments(jdbc.sql("""
				select a.message_id, a.id, a.file_name, a.content_type, a.size_bytes from attachments a
				join messages m on m.id = a.message_id where m.conversation_id = ? order by a.file_name""")
			.param(conversationId));
		return authored(jdbc.sql("""
				select m.* from messages m where m.conversation_id = ? and m.workspace_id = ? order by m.sent_at, m.seq""")
			.params(conversationId, workspaceId)
			.query(row(attachments))
			.list());
	}

	public Optional<MessageView> find(UUID workspaceId, UUID messageId) {
		return find(workspaceId, List.of(messageId)).stream().findFirst();
	}

	/**
	 * The given messages of the workspace, in the order asked (each once; those that do not exist, or no longer, are
	 * left out), with their attachments and authors: three queries for all of them, however many they are.
	 */
	public List<MessageView> find(UUID workspaceId, java.util.Collection<UUID> messageIds) {
		List<UUID> wanted = messageIds.stream().distinct().toList();
		if (wanted.isEmpty()) {
			return List.of();
		}
		UUID[] ids = wanted.toArray(UUID[]::new);
		Map<UUID, List<MessageView.AttachmentRef>> attachments = attachments(jdbc.sql("""
				select message_id, id, file_name, content_type, size_bytes from attachments
				where message_id = any(?::uuid[]) and workspace_id = ? order by file_name""")
			.params(ids, workspaceId));
		Map<UUID, MessageView> found = new HashMap<>();
		authored(jdbc.sql("select m.* from messages m where m.id = any(?::uuid[]) and m.workspace_id = ?")
			.params(ids, workspaceId)
			.query(row(attachments))
			.list()).forEach(v -> found.put(v.id(), v));
		return wanted.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
	}

	/** A message's row, with its attachments from those given, and its author's id. */
	private static RowMapper<Authored> row(Map<UUID, List<MessageView.AttachmentRef>> attachments) {
		return (rs, n) -> new Authored(rs.getObject("author_id", UUID.class),
				view(rs, attachments.getOrDefault(rs.getObject("id", UUID.class), List.of())));
	}

	/** Attachments by their message, from a query of message id, id, file name, content type and size. */
	private static Map<UUID, List<MessageView.AttachmentRef>> attachments(JdbcClient.StatementSpec query) {
		Map<UUID, List<MessageView.AttachmentRef>> attachments = new HashMap<>();
		query.query(rs -> {
			attachments.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(new MessageView.AttachmentRef(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getLong(5)));
		});
		return attachments;
	}

	/**
	 * Writes a reply (which then leaves through the conversation's channel, announced by {@link ReplyWritten}) or an
	 * internal note. A first reply stops the first-response timer in business hours.
	 */
	@Transactional
	public MessageView write(CurrentUser user, UUID conversationId, String body, String kind) {
		return write(user, conversationId, body, kind, List.of());
	}

	/**
	 * Writes a reply or note with files: a reply carries what its channel can send in the conversation
	 * ({@link ReplyCheck#files}), a note, which stays inside, up to {@link #NOTE_FILES}.
	 *
	 * @throws org.rapport.platform.InvalidFieldException naming {@code attachments} (or one of them) when the files
	 * cannot go with the message; nothing is stored then
	 */
	@Transactional
	public MessageView write(CurrentUser user, UUID conversationId, String body, String kind, List<Attachment> files) {
		user.requireWorker();
		if (!"reply".equals(kind) && !"note".equals(kind)) {
			throw new IllegalArgumentException("kind must be 'reply' or 'note', not '" + kind + "'.");
		}
		check(body);
		ConversationDetail conversation = conversations.get(user.workspaceId(), conversationId);
		if (!files.isEmpty()) {
			check(files, "reply".equals(kind)
					? replyCheck.files(user.workspaceId(), ChannelId.of(conversation.summary().channel().id()),
							ConversationId.of(conversationId))
					: NOTE_FILES);
		}
		UUID id = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		boolean reply = "reply".equals(kind);
		boolean sent = reply && replyCheck.sends(user.workspaceId(), ChannelId.of(conversation.summary().channel().id()));
		jdbc.sql("""
				insert into messages(id, workspace_id, conversation_id, channel_id, external_id, direction, kind, author_id,
				  sender_name, subject, body_html, body_text, sent_at, delivery)
				values (?, ?, ?, ?, ?, 'out', ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, user.workspaceId(), conversationId, conversation.summary().channel().id(), "out:" + id, kind,
					user.userId(), user.displayName(), reply ? replySubject(conversation.summary().subject()) : "",
					textToHtml(body), body, Timestamp.from(now), sent ? "queued" : reply ? "logged" : "none")
			.update();
		attach(user.workspaceId(), id, files);
		if (reply) {
			Long businessSeconds = null;
			if (sent && conversation.firstResponseAt() == null) {
				var workspace = workspaces.get(user.workspaceId());
				Instant since = conversation.summary().waitingSince() != null ? conversation.summary().waitingSince()
						: conversation.createdAt();
				businessSeconds = workspace.businessHours().between(since, now, workspace.timeZone()).toSeconds();
			}
			jdbc.sql("""
					update conversations set message_count = message_count + 1, last_message_at = greatest(last_message_at, ?),
					  preview = ?, waiting_since = null,
					  first_response_at = coalesce(first_response_at, ?::timestamptz),
					  first_response_business_seconds = coalesce(first_response_business_seconds, ?)
					where id = ?""")
				.params(Timestamp.from(now), InboxWriter.preview(body), sent ? Timestamp.from(now) : null, businessSeconds,
						conversationId)
				.update();
			events.publishEvent(new ReplyWritten(user.workspaceId(), conversationId, id, conversation.summary().channel().id()));
		}
		else {
			jdbc.sql("update conversations set message_count = message_count + 1 where id = ?").param(conversationId).update();
		}
		events.publishEvent(new MessagesStored(List.of(new MessagesStored.Stored(user.workspaceId(), conversationId, id,
				conversation.summary().channel().id(), conversation.summary().contact().id(), false, kind,
				user.userId(), false, now))));
		return find(user.workspaceId(), id).orElseThrow();
	}

	/**
	 * Refuses files a reply in the conversation could not carry now, as {@link #write} would; stores nothing.
	 *
	 * @throws org.rapport.platform.InvalidFieldException naming {@code attachments} (or one of them)
	 */
	void checkReplyFiles(UUID workspaceId, UUID conversationId, List<Attachment> files) {
		if (files.isEmpty()) {
			return;
		}
		ConversationDetail conversation = conversations.get(workspaceId, conversationId);
		check(files, replyCheck.files(workspaceId, ChannelId.of(conversation.summary().channel().id()),
				ConversationId.of(conversationId)));
	}

	/** What an internal note may carry: screenshots and documents for the team, as much as a mail could. */
	public static final ReplyCheck.Files NOTE_FILES = new ReplyCheck.Files(10, 15_000_000);

	/**
	 * Refuses files a message cannot carry: none at all on a channel without files, more than its count, a kind it
	 * does not carry, a file larger than one may be, more bytes together than it allows, or a file without a name or
	 * content.
	 */
	static void check(List<Attachment> files, ReplyCheck.Files allowed) {
		if (!allowed.any()) {
			throw new org.rapport.platform.InvalidFieldException("attachments",
					"A reply on this channel cannot carry files; send them another way or write a note.");
		}
		if (files.size() > allowed.maxCount()) {
			throw new org.rapport.platform.InvalidFieldException("attachments",
					"At most " + allowed.maxCount() + " files can go with one message, not " + files.size() + ".");
		}
		long bytes = 0;
		for (int i = 0; i < files.size(); i++) {
			Attachment file = files.get(i);
			if (file.fileName() == null || file.fileName().isBlank() || file.content() == null || file.content().length == 0) {
				throw new org.rapport.platform.InvalidFieldException("attachments[" + i + "]",
						"A file needs a name and content.");
			}
			if (file.fileName().length() > 200) {
				throw new org.rapport.platform.InvalidFieldException("attachments[" + i + "].fileName",
						"A file name has at most 200 characters.");
			}
			if (!allowed.carries(contentType(file))) {
				throw new org.rapport.platform.InvalidFieldException("attachments", "'" + file.fileName().strip() + "' ("
						+ contentType(file) + ") cannot go with a reply on this channel; it carries only "
						+ String.join(", ", allowed.types()) + ".");
			}
			if (allowed.maxFileBytes() > 0 && file.content().length > allowed.maxFileBytes()) {
				throw new org.rapport.platform.InvalidFieldException("attachments", "'" + file.fileName().strip() + "' is "
						+ megabytes(file.content().length) + " MB; at most " + allowed.fileMegabytes()
						+ " MB a file can go with a reply on this channel.");
			}
			bytes += file.content().length;
		}
		if (bytes > allowed.maxBytes()) {
			throw new org.rapport.platform.InvalidFieldException("attachments", "The files are "
					+ megabytes(bytes) + " MB together; at most " + allowed.megabytes() + " MB can go with one message.");
		}
	}

	/** The file's content type as it is stored: as given, else as its name suggests, else octet-stream. */
	static String contentType(Attachment file) {
		if (file.contentType() != null && !file.contentType().isBlank()) {
			return file.contentType().strip();
		}
		String guessed = java.net.URLConnection.guessContentTypeFromName(file.fileName().strip());
		return guessed == null ? "application/octet-stream" : guessed;
	}

	private static String megabytes(long bytes) {
		return java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1_000_000), 1,
				java.math.RoundingMode.UP).stripTrailingZeros().toPlainString();
	}

	private void attach(UUID workspaceId, UUID messageId, List<Attachment> files) {
		for (Attachment file : files) {
			jdbc.sql("""
					insert into attachments(id, workspace_id, message_id, file_name, content_type, size_bytes, content)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(UUID.randomUUID(), workspaceId, messageId, file.fileName().strip(), contentType(file),
						file.content().length, file.content())
				.update();
		}
	}

	/** Refuses an empty message and one longer than {@value #MAX_BODY} characters. */
	static void check(String body) {
		if (body == null || body.isBlank()) {
			throw new IllegalArgumentException("The message is empty.");
		}
		if (body.length() > MAX_BODY) {
			throw new IllegalArgumentException("The message has " + body.length() + " characters; at most " + MAX_BODY + " are allowed.");
		}
	}

	/**
	 * Records that a reply left; {@code externalId} is the channel's id for it (a Message-ID, a post id). When
	 * another message of the channel already has that id (the network's copy of the reply arrived first, read back
	 * as it was sent), the reply keeps the id it had: the reply did leave, and failing here would leave it queued to
	 * be sent again.
	 */
	public void delivered(UUID messageId, String externalId, String delivery) {
		jdbc.sql("""
				update messages m set delivery = ?, delivery_error = null, next_attempt_at = null,
				  external_id = case when exists (select 1 from messages o where o.channel_id = m.channel_id
				    and o.external_id = ? and o.id <> m.id) then m.external_id else coalesce(?, m.external_id) end
				where m.id = ?""")
			.params(delivery, externalId, externalId, messageId)
			.update();
	}

	public UUID channelOf(UUID messageId) {
		return jdbc.sql("select channel_id from messages where id = ?").param(messageId).query(UUID.class).single();
	}

	/**
	 * Records that a reply did not leave. With {@code retryAt}, it is tried again then; without, it waits for a
	 * person to send it again.
	 */
	public void failed(UUID messageId, String error, Instant retryAt) {
		jdbc.sql("""
				update messages set delivery = 'failed', delivery_error = ?, delivery_attempts = delivery_attempts + 1,
				  next_attempt_at = ? where id = ?""")
			.params(error, retryAt == null ? null : Timestamp.from(retryAt), messageId)
			.update();
	}

	/** How often delivery of a reply was attempted and failed. */
	public int failedAttempts(UUID messageId) {
		return jdbc.sql("select delivery_attempts from messages where id = ?").param(messageId).query(Integer.class).single();
	}

	/** The raw parts a connector needs to send a reply. */
	public record Outgoing(UUID messageId, UUID conversationId, UUID contactId, String threadKey, String subject,
			String bodyText, String authorName, List<String> references, String delivery, List<Attachment> files) {
	}

	public Outgoing outgoing(UUID workspaceId, UUID messageId) {
		return jdbc.sql("""
				select m.id, m.conversation_id, c.contact_id, c.thread_key, m.subject, m.body_text, m.sender_name, m.delivery
				from messages m join conversations c on c.id = m.conversation_id where m.id = ? and m.workspace_id = ?""")
			.params(messageId, workspaceId)
			.query((rs, n) -> new Outgoing(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
					references(rs.getObject(2, UUID.class), messageId), rs.getString(8), files(messageId)))
			.optional()
			.orElseThrow(() -> new NotFoundException("No message " + messageId));
	}

	private List<Attachment> files(UUID messageId) {
		return jdbc.sql("select file_name, content_type, content from attachments where message_id = ? order by file_name")
			.param(messageId)
			.query((rs, n) -> new Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)))
			.list();
	}

	private List<String> references(UUID conversationId, UUID except) {
		return jdbc.sql("""
				select external_id from messages where conversation_id = ? and id <> ? and kind in ('message', 'reply')
				  and external_id not like 'out:%' order by sent_at""")
			.params(conversationId, except)
			.query(String.class)
			.list();
	}

	public record Attachment(String fileName, String contentType, byte[] content) {
	}

	public Optional<Attachment> attachment(UUID workspaceId, UUID attachmentId) {
		return jdbc.sql("select file_name, content_type, content from attachments where id = ? and workspace_id = ?")
			.params(attachmentId, workspaceId)
			.query((rs, n) -> new Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)))
			.optional();
	}

	private static String replySubject(String subject) {
		if (subject == null || subject.isBlank()) {
			return "";
		}
		return subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject;
	}

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\r?\\n\\s*\\r?\\n");

	private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n");

	/** Plain text as safe HTML: escaped, paragraphs and line breaks kept. */
	public static String textToHtml(String text) {
		StringBuilder html = new StringBuilder();
		for (String paragraph : PARAGRAPH_BREAK.split(text.strip())) {
			html.append("<p>").append(LINE_BREAK.matcher(HtmlUtils.htmlEscape(paragraph.strip())).replaceAll("<br>"))
				.append("</p>");
		}
		return html.toString();
	}

	/** A message as read, with the member who wrote it (null for messages from the contact), whose name comes later. */
	private record Authored(UUID authorId, MessageView view) {
	}

	/** The messages with their authors' names, asked of the members once for all of them. */
	private List<MessageView> authored(List<Authored> read) {
		Map<UUID, String> names = members.displayNames(
				read.stream().map(Authored::authorId).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
		return read.stream().map(a -> {
			MessageView v = a.view();
			return a.authorId() == null ? v : new MessageView(v.id(), v.direction(), v.kind(), v.activityKind(),
					v.subject(), v.body(), v.sentAt(), v.senderName(), v.senderHandle(), names.get(a.authorId()),
					v.delivery(), v.deliveryError(), v.attachments(), v.spam(), v.spamScore());
		}).toList();
	}

	/** A message as its row holds it, without its author's name. */
	private static MessageView view(ResultSet rs, List<MessageView.AttachmentRef> attachments) throws SQLException {
		return new MessageView(rs.getObject("id", UUID.class), rs.getString("direction"), rs.getString("kind"),
				rs.getString("activity_kind"), rs.getString("subject"), rs.getString("body_html"),
				rs.getTimestamp("sent_at").toInstant(), rs.getString("sender_name"), rs.getString("sender_handle"),
				null, rs.getString("delivery"), rs.getString("delivery_error"), attachments,
				rs.getBoolean("spam"), spamScore(rs));
	}

	/** The filter's probability, rounded to three places as the authenticity API gives it; null where not scored. */
	private static Double spamScore(ResultSet rs) throws SQLException {
		float score = rs.getFloat("spam_score");
		return rs.wasNull() ? null : Math.round(score * 1000) / 1000.0;
	}
}

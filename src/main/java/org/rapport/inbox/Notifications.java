package org.rapport.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each member is told about: a conversation given to them ({@code assigned}), a note that mentions them
 * ({@code mentioned}), a new message in a conversation that is theirs ({@code message}), and an answer that is
 * about to be late ({@code deadline}). Every member, viewers too, has their own; reading one changes nothing anyone
 * else sees. A notification copies no text: it points at the conversation and the message.
 */
@Component
public class Notifications {

	public static final List<String> KINDS = List.of("assigned", "mentioned", "message", "deadline");

	/** The most notifications one page or one call answers. */
	public static final int MAX_PAGE = 200;

	/** The most unread notifications the badge counts; more are shown as "99+". */
	public static final int COUNT_CAP = 100;

	/**
	 * One notification, as its member sees it.
	 *
	 * @param title the conversation's subject, or the start of its latest message when it has none
	 * @param excerpt the start of the message it is about (the note, the new message), or empty
	 * @param actorName who assigned or mentioned, {@code null} for a routing rule or the contact
	 * @param count how many new messages a {@code message} notification stands for
	 * @param waitingSince for a {@code deadline}: since when the conversation waits
	 */
	public record Notification(UUID id, String kind, UUID conversationId, UUID messageId, String title, String excerpt,
			UUID actorId, String actorName, String senderName, int count, Instant waitingSince, Instant createdAt,
			Instant readAt) {

		public boolean unread() {
			return readAt == null;
		}
	}

	private final JdbcClient jdbc;
	private final Members members;
	private final MessageSource messages;

	Notifications(JdbcClient jdbc, Members members, MessageSource messages) {
		this.jdbc = jdbc;
		this.members = members;
		this.messages = messages;
	}

	/** What happened, in the reader's language: "Anna Berg mentioned you in a note", "2 new messages from Kim". */
	public String what(Notification n, java.util.Locale locale) {
		String who = n.actorName() != null ? n.actorName() : n.senderName() != null ? n.senderName() : "";
		return messages.getMessage("notifications.kind." + n.kind() + (who.isEmpty() ? ".anonymous" : ""),
				new Object[] { who, n.count() }, locale);
	}

	/** The member's notifications, newest first; only the unread ones with {@code unreadOnly}. */
	public List<Notification> of(CurrentUser me, boolean unreadOnly, int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new InvalidFieldException("limit", "limit is a number from 1 to " + MAX_PAGE + ".");
		}
		return of(me.workspaceId(), me.userId(), unreadOnly ? " and n.read_at is null" : "", limit);
	}

	/** The member's unread notifications created after {@code since}, oldest first, for the daily digest. */
	List<Notification> unreadSince(UUID workspaceId, UUID memberId, Instant since, int limit) {
		List<Notification> newestFirst = jdbc.sql(SELECT + " and n.read_at is null and n.created_at > ?"
				+ " order by n.created_at desc, n.id limit ?")
			.params(memberId, workspaceId, Timestamp.from(since), limit)
			.query(this::row)
			.list();
		return withActors(workspaceId, newestFirst.reversed());
	}

	private static final String SELECT = """
			select n.id, n.kind, n.conversation_id, n.message_id, n.actor_id, n.count, n.waiting_since, n.created_at,
			  n.read_at, c.subject, c.preview, m.body_text, m.sender_name
			from notifications n join conversations c on c.id = n.conversation_id
			left join messages m on m.id = n.message_id
			where n.member_id = ? and n.workspace_id = ?""";

	private List<Notification> of(UUID workspaceId, UUID memberId, String condition, int limit) {
		List<Notification> found = jdbc.sql(SELECT + condition + " order by n.created_at desc, n.id limit ?")
			.params(memberId, workspaceId, limit)
			.query(this::row)
			.list();
		return withActors(workspaceId, found);
	}

	private Notification row(ResultSet rs, int n) throws SQLException {
		String subject = rs.getString("subject");
		String title = subject == null || subject.isBlank() ? shorten(rs.getString("preview"), 80) : subject;
		Timestamp waiting = rs.getTimestamp("waiting_since");
		Timestamp read = rs.getTimestamp("read_at");
		return new Notification(rs.getObject("id", UUID.class), rs.getString("kind"),
				rs.getObject("conversation_id", UUID.class), rs.getObject("message_id", UUID.class), title,
				shorten(rs.getString("body_text"), 160), rs.getObject("actor_id", UUID.class), null,
				rs.getString("sender_name"), rs.getInt("count"), waiting == null ? null : waiting.toInstant(),
				rs.getTimestamp("created_at").toInstant(), read == null ? null : read.toInstant());
	}

	/** The notifications with the names of the members who caused them, read from the workspace's members once. */
	private List<Notification> withActors(UUID workspaceId, List<Notification> found) {
		if (found.stream().allMatch(f -> f.actorId() == null)) {
			return found;
		}
		Map<UUID, Member> byId = members(workspaceId);
		return found.stream()
			.map(f -> f.actorId() == null ? f : new Notification(f.id(), f.kind(), f.conversationId(), f.messageId(),
					f.title(), f.excerpt(), f.actorId(),
					byId.containsKey(f.actorId()) ? byId.get(f.actorId()).displayName() : null, f.senderName(), f.count(),
					f.waitingSince(), f.createdAt(), f.readAt()))
			.toList();
	}

	static String shorten(String text, int max) {
		String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
		return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
	}

	/** How many of the member's notifications are unread, at most {@value #COUNT_CAP}. */
	public int unreadCount(UUID workspaceId, UUID memberId) {
		return jdbc.sql("select count(*) from (select 1 from notifications where member_id = ? and workspace_id = ?"
				+ " and read_at is null limit " + COUNT_CAP + ") unread")
			.params(memberId, workspaceId)
			.query(Integer.class)
			.single();
	}

	/** The member's latest unread notification, for a browser notification when it is new. */
	public java.util.Optional<Notification> latestUnread(UUID workspaceId, UUID memberId) {
		return of(workspaceId, memberId, " and n.read_at is null", 1).stream().findFirst();
	}

	/** Marks the member's notifications read: those named, or all with {@code ids} null. Answers how many. */
	public int markRead(CurrentUser me, Collection<UUID> ids) {
		if (ids == null) {
			return jdbc.sql("update notifications set read_at = clock_timestamp() where member_id = ? and workspace_id = ?"
					+ " and read_at is null")
				.params(me.userId(), me.workspaceId())
				.update();
		}
		if (ids.size() > MAX_PAGE) {
			throw new InvalidFieldException("ids", "At most " + MAX_PAGE + " notifications at a time.");
		}
		return jdbc.sql("update notifications set read_at = clock_timestamp() where member_id = ? and workspace_id = ?"
				+ " and read_at is null and id = any(?::uuid[])")
			.params(me.userId(), me.workspaceId(), ids.toArray(UUID[]::new))
			.update();
	}

	/** Marks one notification read and answers the conversation it is about. */
	public UUID open(CurrentUser me, UUID id) {
		UUID conversationId = jdbc.sql("""
				update notifications set read_at = coalesce(read_at, clock_timestamp())
				where id = ? and member_id = ? and workspace_id = ? returning conversation_id""")
			.params(id, me.userId(), me.workspaceId())
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new org.rapport.platform.NotFoundException("No notification " + id + " of yours."));
		return conversationId;
	}

	/** Opening a conversation reads what told the member about it. */
	void conversationOpened(UUID memberId, UUID conversationId) {
		jdbc.sql("update notifications set read_at = clock_timestamp() where member_id = ? and conversation_id = ?"
				+ " and read_at is null")
			.params(memberId, conversationId)
			.update();
	}

	/** The hour of the workspace's day the digest goes out from, unless a member chose another. */
	public static final int DIGEST_HOUR = 7;

	/**
	 * A member's choices: whether they want the daily digest mail, and from which hour of the workspace's day (0–23).
	 */
	public record Settings(boolean digest, int digestHour) {

		public Settings {
			if (digestHour < 0 || digestHour > 23) {
				throw new InvalidFieldException("digestHour", "The digest's hour is a whole hour from 0 to 23.");
			}
		}

		public Settings(boolean digest) {
			this(digest, DIGEST_HOUR);
		}
	}

	public Settings settings(CurrentUser me) {
		return jdbc.sql("select digest, digest_hour from notification_settings where member_id = ? and workspace_id = ?")
			.params(me.userId(), me.workspaceId())
			.query((rs, n) -> new Settings(rs.getBoolean(1), rs.getInt(2)))
			.optional()
			.orElse(new Settings(false));
	}

	public Settings change(CurrentUser me, Settings settings) {
		jdbc.sql("""
				insert into notification_settings(member_id, workspace_id, digest, digest_hour) values (?, ?, ?, ?)
				on conflict (member_id, workspace_id) do update set digest = excluded.digest,
				  digest_hour = excluded.digest_hour""")
			.params(me.userId(), me.workspaceId(), settings.digest(), settings.digestHour())
			.update();
		return settings(me);
	}

	// --- what creates them -------------------------------------------------------------------------------------

	/** Tells the member a conversation is now theirs; nothing when they gave it to themselves. */
	void assigned(UUID workspaceId, UUID memberId, UUID conversationId, UUID byId, Instant at) {
		if (memberId.equals(byId)) {
			return;
		}
		insert(workspaceId, memberId, "assigned", conversationId, null, byId, null, at);
	}

	/** Tells each mentioned member about the note; never its author. */
	void mentioned(UUID workspaceId, Collection<UUID> memberIds, UUID conversationId, UUID noteId, UUID authorId,
			Instant at) {
		for (UUID memberId : memberIds) {
			if (!memberId.equals(authorId)) {
				insert(workspaceId, memberId, "mentioned", conversationId, noteId, authorId, null, at);
			}
		}
	}

	/**
	 * Tells the member of a new message in their conversation. While they have not read an earlier notice about the
	 * conversation, that one stands for the new message too: one line per conversation, not one per message.
	 */
	void newMessage(UUID workspaceId, UUID memberId, UUID conversationId, UUID messageId, Instant at) {
		int bumped = jdbc.sql("""
				update notifications set message_id = ?, count = count + 1, created_at = greatest(created_at, ?)
				where member_id = ? and conversation_id = ? and kind = 'message' and read_at is null""")
			.params(messageId, Timestamp.from(at), memberId, conversationId)
			.update();
		if (bumped > 0) {
			return;
		}
		boolean toldOfAssignment = jdbc.sql("""
				select exists(select 1 from notifications where member_id = ? and conversation_id = ?
				  and kind = 'assigned' and read_at is null)""")
			.params(memberId, conversationId)
			.query(Boolean.class)
			.single();
		if (!toldOfAssignment) {
			insert(workspaceId, memberId, "message", conversationId, messageId, null, null, at);
		}
	}

	/** Warns the member that an answer is due soon; once per waiting period. Answers whether it was new. */
	boolean deadline(UUID workspaceId, UUID memberId, UUID conversationId, Instant waitingSince, Instant at) {
		return insert(workspaceId, memberId, "deadline", conversationId, null, null, waitingSince, at) > 0;
	}

	private int insert(UUID workspaceId, UUID memberId, String kind, UUID conversationId, UUID messageId, UUID actorId,
			Instant waitingSince, Instant at) {
		return jdbc.sql("""
				insert into notifications(id, workspace_id, member_id, kind, conversation_id, message_id, actor_id,
				  waiting_since, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(UUID.randomUUID(), workspaceId, memberId, kind, conversationId, messageId, actorId,
					waitingSince == null ? null : Timestamp.from(waitingSince), Timestamp.from(at))
			.update();
	}

	/** The members of a workspace by id, for those who build notifications. */
	Map<UUID, Member> members(UUID workspaceId) {
		return members.of(workspaceId).stream().collect(Collectors.toMap(Member::userId, Function.identity(), (a, b) -> a));
	}
}

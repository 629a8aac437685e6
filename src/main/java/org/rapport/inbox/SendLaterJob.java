package org.rapport.inbox;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.JobHandler;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** The job that sends a {@link ScheduledReplies planned reply} at its time. */
@Component
class SendLaterJob implements JobHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;
	private final Messages messages;
	private final Members members;

	SendLaterJob(JdbcClient jdbc, Messages messages, Members members) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.members = members;
	}

	@Override
	public String kind() {
		return ScheduledReplies.JOB;
	}

	/**
	 * At its time: the reply leaves as its author's, if it is still planned (not sent already or taken back). When
	 * the author may no longer answer conversations, it stays, saying why, for a colleague to send or take back; so
	 * it does when its files no longer fit what the channel carries (its settings changed since it was planned). Its
	 * files leave with it, as with a reply sent now. A job for a time the reply has since been moved from does nothing.
	 */
	@Override
	@Transactional
	public void run(String payload) {
		var job = JSON.readTree(payload);
		UUID id = UUID.fromString(job.path("id").asString());
		record Due(UUID workspaceId, UUID conversationId, UUID authorId, String body, java.time.Instant sendAt) {
		}
		Optional<Due> due = jdbc.sql("""
				select workspace_id, conversation_id, author_id, body, send_at from scheduled_replies
				where id = ? and error is null for update skip locked""")
			.param(id)
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.optional();
		if (due.isEmpty()) {
			return;
		}
		String planned = job.path("sendAt").asString("");
		if (!planned.isEmpty() && !java.time.Instant.parse(planned).equals(due.get().sendAt())) {
			return;
		}
		Optional<Member> author = members.of(due.get().workspaceId(), due.get().authorId()).filter(m -> m.role().canWork());
		if (author.isEmpty()) {
			jdbc.sql("update scheduled_replies set error = ? where id = ?")
				.params(ScheduledReplies.AUTHOR_GONE, id)
				.update();
			return;
		}
		List<Messages.Attachment> files = ScheduledReplies.contentOf(jdbc, id);
		try {
			messages.checkReplyFiles(due.get().workspaceId(), due.get().conversationId(), files);
		}
		catch (InvalidFieldException e) {
			jdbc.sql("update scheduled_replies set error = ? where id = ?").params(e.getMessage(), id).update();
			return;
		}
		Member m = author.get();
		jdbc.sql("delete from scheduled_replies where id = ?").param(id).update();
		messages.write(new CurrentUser(m.userId(), m.email(), m.displayName(), due.get().workspaceId(), m.role(), null),
				due.get().conversationId(), due.get().body(), "reply", files);
	}
}

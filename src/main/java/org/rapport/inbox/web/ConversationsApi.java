package org.rapport.inbox.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.inbox.ConversationDetail;
import org.rapport.inbox.ConversationStatus;
import org.rapport.inbox.ConversationSummary;
import org.rapport.inbox.Conversations;
import org.rapport.inbox.InboxFilter;
import org.rapport.inbox.InboxReads;
import org.rapport.inbox.InboxSort;
import org.rapport.inbox.MessageView;
import org.rapport.inbox.Messages;
import org.rapport.inbox.Page;
import org.rapport.inbox.ScheduledReplies;
import org.rapport.inbox.Signatures;
import org.rapport.platform.ConversationId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Conversations", description = "The inbox: list, read, answer, assign, label, snooze, close")
class ConversationsApi {

	private final Conversations conversations;
	private final Messages messages;
	private final InboxReads reads;
	private final ScheduledReplies scheduled;
	private final Signatures signatures;

	ConversationsApi(Conversations conversations, Messages messages, InboxReads reads, ScheduledReplies scheduled,
			Signatures signatures) {
		this.signatures = signatures;
		this.conversations = conversations;
		this.scheduled = scheduled;
		this.messages = messages;
		this.reads = reads;
	}

	@GetMapping("/api/v1/conversations")
	@Operation(summary = "List conversations, newest activity first or in another order (sort)",
			description = "Filters: status (open, pending, snoozed, done), assignee (user id or 'none'), channel (key), label, "
					+ "contact (id), q (full text, German and English stemming), segment (id of a saved contact segment), "
					+ "unread (true: only those unread for the caller), view ('spam': the Spam view, conversations judged spam, "
					+ "whatever their status; without it, every list leaves spam out), kind (triage: question, complaint, praise, "
					+ "data-request, other), sentiment (triage: negative, neutral, positive), sort (newest: latest activity first, the "
					+ "default; oldest: waiting for an answer longest first, those waiting for none after them; priority: data "
					+ "requests and complaints, then questions, then the rest, each negative sentiment first, then as oldest), "
					+ "coordinated (true: only conversations with a message in a coordinated group of the last 30 days). Each item says whether it is unread "
					+ "for the caller, whether it is spam, its triage and its coordinated group (coordinatedGroup, the group's key on "
					+ "/authenticity/coordinated, null where none). Continue with the 'next' cursor.")
	Page<ConversationSummary> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String status, @RequestParam(required = false) String assignee,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String label,
			@RequestParam(required = false) UUID contact, @RequestParam(required = false) String q,
			@RequestParam(required = false) UUID segment, @RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) String view, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String sentiment, @RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "false") boolean coordinated,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
		return conversations.list(user.workspaceId(), user.userId(),
				filter(status, assignee, channel, label, contact, q, segment, unread, spamView(view))
					.withTriage(kind, sentiment).onlyCoordinated(coordinated).sorted(InboxSort.of(sort)), limit, cursor);
	}

	record TriageCorrection(String kind, String sentiment, String language) {
	}

	@PostMapping("/api/v1/conversations/{id}/triage")
	@Operation(summary = "Correct the conversation's triage; the triage learns from it at once",
			description = "{\"kind\"?: question|complaint|praise|data-request|other, \"sentiment\"?: negative|neutral|positive, "
					+ "\"language\"?: de|en|fr|es|it|nl|pl|tr|other|unknown}; what is left out stays. Owners, managers and members.")
	ConversationDetail correctTriage(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody TriageCorrection body) {
		return conversations.correctTriage(user, id, body.kind(), body.sentiment(), body.language());
	}

	record TriageChanges(List<Conversations.TriageChange> items) {
	}

	@GetMapping("/api/v1/conversations/{id}/triage/corrections")
	@Operation(summary = "Every correction of the conversation's triage, newest first: who, when, each value before and after",
			description = "A value a correction left as it was is null before and after; `by` is null for a former member.")
	TriageChanges triageCorrections(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return new TriageChanges(conversations.triageCorrections(user.workspaceId(), id));
	}

	/** Whether {@code view} asks for the Spam view; the only view there is, besides none. */
	static boolean spamView(String view) {
		if (view == null || view.isBlank()) {
			return false;
		}
		if (!"spam".equals(view.strip())) {
			throw new InvalidFieldException("view", "view is 'spam' or left out, not '" + view + "'.");
		}
		return true;
	}

	static InboxFilter filter(String status, String assignee, String channel, String label, UUID contact, String q) {
		return filter(status, assignee, channel, label, contact, q, null);
	}

	static InboxFilter filter(String status, String assignee, String channel, String label, UUID contact, String q,
			UUID segment) {
		return filter(status, assignee, channel, label, contact, q, segment, false);
	}

	static InboxFilter filter(String status, String assignee, String channel, String label, UUID contact, String q,
			UUID segment, boolean unread) {
		return filter(status, assignee, channel, label, contact, q, segment, unread, false);
	}

	static InboxFilter filter(String status, String assignee, String channel, String label, UUID contact, String q,
			UUID segment, boolean unread, boolean spam) {
		boolean unassigned = "none".equals(assignee);
		UUID assigneeId = null;
		if (assignee != null && !assignee.isBlank() && !unassigned) {
			try {
				assigneeId = UUID.fromString(assignee);
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("assignee must be a user id or 'none', not '" + assignee + "'.");
			}
		}
		return new InboxFilter(status == null || status.isBlank() ? null : ConversationStatus.of(status), assigneeId,
				unassigned, channel, label, contact, q, segment, unread, spam);
	}

	@GetMapping("/api/v1/conversations/{id}")
	ConversationDetail get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return conversations.get(user.workspaceId(), id);
	}

	record Items<T>(List<T> items) {
	}

	@GetMapping("/api/v1/conversations/{id}/messages")
	@Operation(summary = "Every message of a conversation in time order; body is sanitised HTML")
	Items<MessageView> messages(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return new Items<>(messages.of(user.workspaceId(), id));
	}

	/** {@code signature}: whether a reply gets the signature that applies; left out, it does. */
	record Write(String body, String kind, Instant sendAt, Boolean signature, List<File> attachments) {
	}

	/** A file to send with a reply or keep with a note; {@code content} in base64. */
	record File(String fileName, String contentType, String content) {
	}

	/** The files of a request, decoded; a content that is not base64 names its field. */
	private static List<Messages.Attachment> files(List<File> attachments) {
		if (attachments == null) {
			return List.of();
		}
		List<Messages.Attachment> files = new java.util.ArrayList<>();
		for (int i = 0; i < attachments.size(); i++) {
			File file = attachments.get(i);
			if (file == null || file.content() == null) {
				throw new InvalidFieldException("attachments[" + i + "].content", "A file needs a name and content.");
			}
			try {
				files.add(new Messages.Attachment(file.fileName(), file.contentType(),
						java.util.Base64.getDecoder().decode(file.content().replaceAll("\\s", ""))));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidFieldException("attachments[" + i + "].content", "The file's content is not base64.");
			}
		}
		return files;
	}

	@PostMapping("/api/v1/conversations/{id}/messages")
	@Operation(summary = "Reply or write an internal note, now or later",
			description = "kind 'reply' leaves through the conversation's channel (email is sent; an offline activity is logged "
					+ "as outgoing); kind 'note' is internal. Answers 201 with the message. With \"sendAt\" (an ISO-8601 instant, "
					+ "at least a minute and at most a year ahead) a reply is planned instead: 202 with the planned reply, which "
					+ "leaves at its time as its author's and is listed under /scheduled until then. A reply gets the signature that "
					+ "applies (the channel's, else the author's own) under a blank line unless \"signature\" is false; a note "
					+ "never does. The stored (or planned) body includes the signature. \"attachments\" ([{fileName, contentType, "
					+ "content in base64}]) go with a reply as far as its channel carries files (a mail: 10 files, 15 MB together; "
					+ "a channel that carries none answers 400) and with a note up to the same. A planned reply keeps its files, "
					+ "checked when it is planned (a refused file answers 400 naming attachments, and nothing is planned), and "
					+ "leaves with them at its time; its view lists them as attachments [{fileName, contentType, size}].")
	ResponseEntity<?> write(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody Write write) {
		String kind = write.kind() == null ? "reply" : write.kind();
		List<Messages.Attachment> files = files(write.attachments());
		String body = signatures.sign(user, id, write.body(), kind, !Boolean.FALSE.equals(write.signature()));
		if (write.sendAt() != null) {
			if (!"reply".equals(kind)) {
				throw new InvalidFieldException("sendAt", "Only replies can be sent later; a note is there at once.");
			}
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(scheduled.schedule(user, id, body, write.sendAt(), files));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(messages.write(user, id, body, kind, files));
	}

	@GetMapping("/api/v1/conversations/{id}/scheduled")
	@Operation(summary = "The conversation's planned replies, the next first",
			description = "attachments lists the files that leave with each ([{fileName, contentType, size}]). error says why "
					+ "one could not leave at its time (its author may no longer answer, or its files no longer fit what the "
					+ "channel carries); it waits then.")
	Items<ScheduledReplies.ScheduledReply> scheduled(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return new Items<>(scheduled.withAuthors(user.workspaceId(), scheduled.of(user.workspaceId(), id)));
	}

	/** What changes in a planned reply; what is left out stays. */
	record PlannedChange(String body, Instant sendAt, List<File> attachments) {
	}

	@PatchMapping("/api/v1/conversations/{id}/scheduled/{replyId}")
	@Operation(summary = "Change a planned reply before it leaves: its text, its time or its files",
			description = "{\"body\"?, \"sendAt\"?, \"attachments\"?: [{fileName, contentType, content in base64}]}; what is "
					+ "left out stays. body replaces the planned text as given (no signature is added). The files stay unless "
					+ "attachments is given: then they replace them, checked as when planning ([] takes them all away). "
					+ "Answers the planned reply.")
	ScheduledReplies.ScheduledReply edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable UUID replyId, @RequestBody PlannedChange change) {
		return scheduled.edit(user, id, replyId, change.body(), change.sendAt(),
				change.attachments() == null ? null : files(change.attachments()));
	}

	@PostMapping("/api/v1/conversations/{id}/scheduled/{replyId}/send")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Send a planned reply now, as the caller, with its files")
	MessageView sendNow(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID replyId) {
		return scheduled.sendNow(user, id, replyId);
	}

	@DeleteMapping("/api/v1/conversations/{id}/scheduled/{replyId}")
	@Operation(summary = "Take a planned reply back before it leaves; answers it with its text",
			description = "Its files are deleted with it; the answer still lists which they were.")
	ScheduledReplies.ScheduledReply cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable UUID replyId) {
		return scheduled.cancel(user, id, replyId);
	}

	record Change(String status, Instant snoozeUntil, String assigneeId, List<String> labels) {
	}

	@PatchMapping("/api/v1/conversations/{id}")
	@Operation(summary = "Change status, snooze, assignee or labels",
			description = "{\"status\": \"done\"}, {\"status\": \"snoozed\", \"snoozeUntil\": \"...\"}, {\"assigneeId\": \"...\" or \"\"}, {\"labels\": [...]}")
	ConversationDetail change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody Change change) {
		ConversationDetail result = conversations.get(user.workspaceId(), id);
		if (change.assigneeId() != null) {
			result = conversations.assign(user, id, change.assigneeId().isBlank() ? null : UUID.fromString(change.assigneeId()));
		}
		if (change.labels() != null) {
			result = conversations.label(user, ConversationId.of(id), change.labels());
		}
		if (change.status() != null) {
			ConversationStatus status = ConversationStatus.of(change.status());
			result = status == ConversationStatus.SNOOZED ? conversations.snooze(user, ConversationId.of(id), change.snoozeUntil())
					: conversations.changeStatus(user, ConversationId.of(id), status);
		}
		return result;
	}

	@PostMapping("/api/v1/conversations/{id}/spam")
	@Operation(summary = "Judge spam: to the Spam view, and the spam filter learns from it",
			description = "The conversation leaves the normal lists (nothing is deleted) and waits for no answer; its inbound "
					+ "messages are marked spam and the workspace's spam filter learns from their texts at once. Members and up.")
	ConversationDetail spam(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return conversations.judge(user, id, true);
	}

	@PostMapping("/api/v1/conversations/{id}/not-spam")
	@Operation(summary = "Judge not spam: back to the inbox, and the spam filter learns from it",
			description = "The conversation returns to the normal lists (waiting again if a message waits for an answer); its "
					+ "inbound messages are marked not spam and the spam filter learns from their texts at once. Members and up.")
	ConversationDetail notSpam(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return conversations.judge(user, id, false);
	}

	record ReadState(UUID id, boolean unread) {
	}

	@PostMapping("/api/v1/conversations/{id}/read")
	@Operation(summary = "Mark read for the caller", description = "Each member has their own unread state.")
	ReadState read(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		reads.markRead(user, id);
		return new ReadState(id, reads.isUnread(user.workspaceId(), user.userId(), id));
	}

	@PostMapping("/api/v1/conversations/{id}/unread")
	@Operation(summary = "Mark unread for the caller", description = "Unread until the caller opens or marks it read again.")
	ReadState unread(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		reads.markUnread(user, id);
		return new ReadState(id, reads.isUnread(user.workspaceId(), user.userId(), id));
	}

	record Bulk(List<UUID> ids, String status, Instant snoozeUntil, String assigneeId, List<String> addLabels,
			Boolean spam) {
	}

	record BulkItem(UUID id, boolean changed, ConversationSummary conversation) {
	}

	@PostMapping("/api/v1/conversations/bulk")
	@Operation(summary = "Change up to 500 conversations at once, all or nothing",
			description = "{\"ids\": [...], \"status\": \"done\"} — and/or \"assigneeId\" (a member, or \"\" for nobody), "
					+ "\"addLabels\": [...], \"snoozeUntil\": \"...\" (snoozes), \"spam\": true or false (judges spam or not "
					+ "spam, as POST .../spam and .../not-spam do). An unknown id answers 404 and changes nothing; "
					+ "more than 500 ids answer 400 naming ids. Answers one result per id.")
	Items<BulkItem> bulk(@AuthenticationPrincipal CurrentUser user, @RequestBody Bulk bulk) {
		UUID assignee = null;
		if (bulk.assigneeId() != null && !bulk.assigneeId().isBlank()) {
			try {
				assignee = UUID.fromString(bulk.assigneeId().strip());
			}
			catch (IllegalArgumentException e) {
				throw new InvalidFieldException("assigneeId", "assigneeId must be a member's id or \"\", not '"
						+ bulk.assigneeId() + "'.");
			}
		}
		var change = new Conversations.BulkChange(bulk.ids(),
				bulk.status() == null || bulk.status().isBlank() ? null : ConversationStatus.of(bulk.status()),
				bulk.snoozeUntil(), bulk.assigneeId() != null, assignee, bulk.addLabels(), bulk.spam());
		return new Items<>(conversations.bulk(user, change).stream()
			.map(r -> new BulkItem(r.id(), r.changed(), r.conversation()))
			.toList());
	}
}

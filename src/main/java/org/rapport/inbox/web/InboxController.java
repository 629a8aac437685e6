package org.rapport.inbox.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.contacts.Consents;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Segments;
import org.rapport.inbox.CannedReplies;
import org.rapport.inbox.ConversationDetail;
import org.rapport.inbox.ConversationSummary;
import org.rapport.inbox.ReplyCheck;
import org.rapport.inbox.ConversationStatus;
import org.rapport.inbox.Conversations;
import org.rapport.inbox.InboxFilter;
import org.rapport.inbox.InboxSort;
import org.rapport.inbox.Triage;
import org.rapport.inbox.InboxReads;
import org.rapport.inbox.Messages;
import org.rapport.inbox.NoteMentions;
import org.rapport.inbox.Presence;
import org.rapport.inbox.SavedViews;
import org.rapport.inbox.Signatures;
import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The three-pane inbox: views and filters, the conversation list, and the open conversation with its contact. */
@Controller
class InboxController {

	private final NoteMentions noteMentions;
	private final Conversations conversations;
	private final Messages messages;
	private final Contacts contacts;
	private final Consents consents;
	private final CannedReplies canned;
	private final Presence presence;
	private final Members members;
	private final Workspaces workspaces;
	private final Segments segments;
	private final ReplyCheck replyCheck;
	private final InboxReads reads;
	private final SavedViews views;
	private final Signatures signatures;

	private final org.springframework.beans.factory.ObjectProvider<org.rapport.inbox.DiscussedPosts> discussedPosts;

	InboxController(Conversations conversations, Messages messages, Contacts contacts, Consents consents,
			CannedReplies canned, Presence presence, Members members, Workspaces workspaces, Segments segments,
			ReplyCheck replyCheck, InboxReads reads, SavedViews views, Signatures signatures, NoteMentions noteMentions,
			org.springframework.beans.factory.ObjectProvider<org.rapport.inbox.DiscussedPosts> discussedPosts) {
		this.discussedPosts = discussedPosts;
		this.noteMentions = noteMentions;
		this.signatures = signatures;
		this.reads = reads;
		this.views = views;
		this.segments = segments;
		this.replyCheck = replyCheck;
		this.conversations = conversations;
		this.messages = messages;
		this.contacts = contacts;
		this.consents = consents;
		this.canned = canned;
		this.presence = presence;
		this.members = members;
		this.workspaces = workspaces;
	}

	@GetMapping("/inbox")
	String inbox(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params, Model model) {
		return show(me, null, params, model);
	}

	@GetMapping("/inbox/{id}")
	String conversation(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam Map<String, String> params, Model model) {
		return show(me, id, params, model);
	}

	/**
	 * The list alone, for an open inbox to refresh itself every two seconds: new and changed conversations appear
	 * without a reload, and the open count goes to the tab's title.
	 */
	@GetMapping("/inbox/list")
	String list(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params,
			@RequestParam(required = false) UUID open, Model model) {
		Map<String, String> filters = new java.util.LinkedHashMap<>(params);
		filters.remove("open");
		listModel(me, filters, model);
		model.addAttribute("openId", open);
		return "inbox :: list";
	}

	/** The filter the list's parameters describe. */
	private InboxFilter filterOf(CurrentUser me, Map<String, String> params) {
		InboxSort sort = InboxSort.of(known(params.get("sort"), InboxSort.KEYS));
		if ("spam".equals(params.get("view"))) {
			return InboxFilter.spamView().sorted(sort);
		}
		String status = params.getOrDefault("status", "open");
		String assignee = params.get("assignee");
		if ("me".equals(assignee)) {
			assignee = me.userId().toString();
		}
		return ConversationsApi.filter("all".equals(status) ? null : status, assignee, params.get("channel"),
				params.get("label"), null, params.get("q"), segment(me, params.get("segment")),
				"true".equals(params.get("unread")))
			.withTriage(known(params.get("kind"), Triage.KINDS), known(params.get("sentiment"), Triage.SENTIMENTS))
			.onlyCoordinated("true".equals(params.get("coordinated")))
			.sorted(sort);
	}

	/** A value of the list's triage filters, or null (no filter) for anything the list does not know. */
	private static String known(String value, List<String> allowed) {
		return value != null && allowed.contains(value) ? value : null;
	}

	/**
	 * The conversation to open after one is done: the next in the list the person works through, else the one
	 * before it, else none.
	 */
	private Optional<UUID> nextAfter(CurrentUser me, UUID id, String back) {
		Map<String, String> params = new java.util.LinkedHashMap<>();
		String query = safe(back);
		if (query.startsWith("?")) {
			for (String pair : query.substring(1).split("&")) {
				String[] kv = pair.split("=", 2);
				if (kv.length == 2) {
					params.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
				}
			}
		}
		List<UUID> ids = conversations.list(me.workspaceId(), me.userId(), filterOf(me, params), 50, null).items().stream()
			.map(ConversationSummary::id).toList();
		int at = ids.indexOf(id);
		if (at < 0) {
			return Optional.empty();
		}
		return at + 1 < ids.size() ? Optional.of(ids.get(at + 1)) : at > 0 ? Optional.of(ids.get(at - 1)) : Optional.empty();
	}

	private void listModel(CurrentUser me, Map<String, String> params, Model model) {
		String status = params.getOrDefault("status", "open");
		var page = conversations.list(me.workspaceId(), me.userId(), filterOf(me, params), 50, params.get("cursor"));
		Workspace ws = workspaces.get(me.workspaceId());
		model.addAttribute("zone", ws.timeZone());
		model.addAttribute("page", page);
		model.addAttribute("counts", conversations.countsByStatus(me.workspaceId()));
		model.addAttribute("unreadCount", reads.unreadCount(me.workspaceId(), me.userId()));
		model.addAttribute("spamCount", conversations.spamCount(me.workspaceId()));
		model.addAttribute("spamView", "spam".equals(params.get("view")));
		model.addAttribute("segmentGone", segmentGone(me, params));
		model.addAttribute("status", status);
		model.addAttribute("params", params);
		model.addAttribute("triageKinds", Triage.KINDS);
		model.addAttribute("triageSentiments", Triage.SENTIMENTS);
		model.addAttribute("triageLanguages", Triage.LANGUAGES);
		model.addAttribute("query", query(params));
	}

	/** The post of the channel's account that the conversation comments on, where it is known. */
	private org.rapport.inbox.DiscussedPosts.Post discussedPost(UUID workspaceId, ConversationDetail conversation) {
		org.rapport.inbox.DiscussedPosts posts = discussedPosts.getIfAvailable();
		if (posts == null) {
			return null;
		}
		return messages.discussedPost(workspaceId, conversation.summary().id())
			.flatMap(id -> posts.post(workspaceId, ChannelId.of(conversation.summary().channel().id()), id))
			.orElse(null);
	}

	private String show(CurrentUser me, UUID id, Map<String, String> params, Model model) {
		if (id != null) {
			reads.markRead(me, id);
		}
		listModel(me, params, model);
		List<Member> team = members.of(me.workspaceId());
		if (me.role().canWork()) {
			Workspace ws = workspaces.get(me.workspaceId());
			model.addAttribute("snoozePresets", SnoozePresets.from(Instant.now(), ws.timeZone()));
			model.addAttribute("workers", team.stream().filter(m -> m.role().canWork()).toList());
		}
		// the navigation, which the list refreshed every two seconds does not need
		model.addAttribute("labels", conversations.labels(me.workspaceId()));
		model.addAttribute("channels", conversations.channelKeys(me.workspaceId()));
		model.addAttribute("segments", segments.list(me.workspaceId()));
		List<SavedViews.SavedView> saved = views.of(me);
		String current = query(params);
		model.addAttribute("savedViews", saved);
		model.addAttribute("activeView", saved.stream().filter(v -> v.query().equals(current)).findFirst().orElse(null));
		model.addAttribute("sorts", InboxSort.KEYS);
		model.addAttribute("viewKeys", SavedViews.KEYS);
		model.addAttribute("openId", id);
		if (id != null) {
			ConversationDetail conversation = conversations.get(me.workspaceId(), id);
			model.addAttribute("c", conversation);
			var thread = messages.of(me.workspaceId(), id);
			model.addAttribute("messages", thread);
			java.util.Map<java.util.UUID, String> noteBodies = new java.util.HashMap<>();
			thread.stream().filter(m -> "note".equals(m.kind()))
				.forEach(m -> noteBodies.put(m.id(), noteMentions.mark(m.body(), team)));
			model.addAttribute("noteBodies", noteBodies);
			model.addAttribute("contact", contacts.get(me.workspaceId(), ContactId.of(conversation.summary().contact().id())));
			model.addAttribute("timeline", contacts.timeline(me.workspaceId(), ContactId.of(conversation.summary().contact().id()), 8));
			model.addAttribute("consents", consents.of(me.workspaceId(), ContactId.of(conversation.summary().contact().id())));
			model.addAttribute("members", team);
			model.addAttribute("replyWarning", replyCheck.before(me.workspaceId(), ChannelId.of(conversation.summary().channel().id()),
					LocaleContextHolder.getLocale()).orElse(null));
			model.addAttribute("replyNotice", replyCheck.notice(me.workspaceId(), ChannelId.of(conversation.summary().channel().id()),
					ConversationId.of(id),
					LocaleContextHolder.getLocale()).orElse(null));
			model.addAttribute("signature", signatures.forReply(me, conversation.summary().channel().id()).orElse(null));
			model.addAttribute("replyFiles", replyCheck.files(me.workspaceId(),
					ChannelId.of(conversation.summary().channel().id()), ConversationId.of(id)));
			model.addAttribute("noteFiles", Messages.NOTE_FILES);
			model.addAttribute("discussedPost", discussedPost(me.workspaceId(), conversation));
			model.addAttribute("triageChanges", conversation.triageCorrected() == null ? List.of()
					: conversations.triageCorrections(me.workspaceId(), id));
		}
		return "inbox";
	}

	/** The current filters as a query string, so actions return to the same list. */
	static String query(Map<String, String> params) {
		StringBuilder q = new StringBuilder();
		for (String key : SavedViews.KEYS) {
			String value = params.get(key);
			if (value != null && !value.isBlank()) {
				q.append(q.isEmpty() ? "?" : "&").append(key).append('=')
					.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		return q.toString();
	}

	/** Saves the list's current filter under a name, as the member's own view, and opens it. */
	@PostMapping("/inbox/views")
	String saveView(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params,
			RedirectAttributes flash) {
		Map<String, String> filter = new java.util.LinkedHashMap<>();
		SavedViews.KEYS.forEach(k -> {
			if (params.get(k) != null && !params.get(k).isBlank()) {
				filter.put(k, params.get(k));
			}
		});
		try {
			var view = views.create(me, params.get("name"), filter);
			flash.addFlashAttribute("notice", "inbox.viewSaved");
			flash.addFlashAttribute("noticeArg", view.name());
			return "redirect:/inbox" + view.query();
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:/inbox" + query(filter);
		}
	}

	@PostMapping("/inbox/views/{id}/rename")
	String renameView(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String name,
			RedirectAttributes flash) {
		SavedViews.SavedView view = views.get(me, id);
		try {
			view = views.rename(me, id, name);
			flash.addFlashAttribute("notice", "inbox.viewRenamed");
			flash.addFlashAttribute("noticeArg", view.name());
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/inbox" + view.query();
	}

	/** Deletes one of the member's views; the notice offers to restore it. */
	@PostMapping("/inbox/views/{id}/delete")
	String deleteView(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash) {
		SavedViews.SavedView view = views.delete(me, id);
		// flash attributes live in the session, which is stored: plain maps only
		flash.addFlashAttribute("viewDeleted", Map.of("name", view.name(), "filter",
				new java.util.LinkedHashMap<>(view.filter())));
		return "redirect:/inbox" + view.query();
	}

	@PostMapping("/inbox/{id}/messages")
	String write(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String body,
			@RequestParam(defaultValue = "reply") String kind, @RequestParam(defaultValue = "") String back,
			@RequestParam(defaultValue = "false") boolean signature,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, RedirectAttributes flash) {
		try {
			messages.write(me, id, signatures.sign(me, id, body, kind, signature), kind, uploads(files));
			presence.seen(me, id, false);
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
			flash.addFlashAttribute("draft", body);
		}
		return "redirect:/inbox/" + id + safe(back);
	}

	/** The files chosen in the composer; an empty file field sends one nameless, empty part, which is no file. */
	static List<Messages.Attachment> uploads(List<MultipartFile> files) {
		if (files == null) {
			return List.of();
		}
		List<Messages.Attachment> chosen = new java.util.ArrayList<>();
		for (MultipartFile file : files) {
			if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
				continue;
			}
			try {
				chosen.add(new Messages.Attachment(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}
		return chosen;
	}

	@PostMapping("/inbox/{id}/status")
	String status(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String status,
			@RequestParam(defaultValue = "") String back, @RequestParam(required = false) String undoTo,
			RedirectAttributes flash) {
		ConversationStatus before = ConversationStatus.of(conversations.get(me.workspaceId(), id).summary().status());
		ConversationStatus after = ConversationStatus.of(status);
		Optional<UUID> next = after == ConversationStatus.DONE && undoTo == null ? nextAfter(me, id, back) : Optional.empty();
		conversations.changeStatus(me, ConversationId.of(id), after);
		if (undoTo == null) {
			flash.addFlashAttribute("undo", Map.of("id", id, "status", before.key(), "done", status));
		}
		return "redirect:/inbox/" + next.orElse(id) + safe(back);
	}

	@PostMapping("/inbox/{id}/snooze")
	String snooze(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String until,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		try {
			Instant at = LocalDateTime.parse(until).atZone(workspaces.get(me.workspaceId()).timeZone()).toInstant();
			conversations.snooze(me, ConversationId.of(id), at);
			flash.addFlashAttribute("notice", "inbox.snoozed");
		}
		catch (DateTimeParseException e) {
			flash.addFlashAttribute("error", "'" + until + "' is not a date and time.");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/inbox/" + id + safe(back);
	}

	@PostMapping("/inbox/{id}/assign")
	String assign(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String assignee, @RequestParam(defaultValue = "") String back) {
		conversations.assign(me, id, assignee.isBlank() ? null : UUID.fromString(assignee));
		return "redirect:/inbox/" + id + safe(back);
	}

	/** A member corrects the conversation's triage; the triage learns from it at once. */
	@PostMapping("/inbox/{id}/triage")
	String triage(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String sentiment,
			@RequestParam(required = false) String language, @RequestParam(defaultValue = "") String back) {
		conversations.correctTriage(me, id, blankToNull(kind), blankToNull(sentiment), blankToNull(language));
		return "redirect:/inbox/" + id + safe(back);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	@PostMapping("/inbox/{id}/labels")
	String labels(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String labels,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		try {
			conversations.label(me, ConversationId.of(id), Arrays.asList(labels.split(",")));
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/inbox/" + id + safe(back);
	}

	/**
	 * "Spam": the conversation goes to the Spam view and the spam filter learns from it; the inbox opens the next
	 * conversation of the list the member works through.
	 */
	@PostMapping("/inbox/{id}/spam")
	String spam(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		Optional<UUID> next = nextAfter(me, id, back);
		conversations.judge(me, id, true);
		flash.addFlashAttribute("notice", "inbox.movedToSpam");
		return next.map(n -> "redirect:/inbox/" + n + safe(back)).orElse("redirect:/inbox" + safe(back));
	}

	/**
	 * "Not spam": back in the inbox, and the spam filter learns from it. From the Spam view's list the member stays
	 * there; from the conversation, it opens in the inbox.
	 */
	@PostMapping("/inbox/{id}/not-spam")
	String notSpam(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String back, @RequestParam(defaultValue = "false") boolean fromList,
			RedirectAttributes flash) {
		conversations.judge(me, id, false);
		flash.addFlashAttribute("notice", "inbox.notSpamDone");
		return fromList ? "redirect:/inbox" + safe(back) : "redirect:/inbox/" + id + "?status=all";
	}

	/** Unread again for this member; back to the list, since opening it would mark it read. */
	@PostMapping("/inbox/{id}/unread")
	String unread(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		reads.markUnread(me, id);
		flash.addFlashAttribute("notice", "inbox.markedUnread");
		return "redirect:/inbox" + safe(back);
	}

	/** One action for the conversations ticked in the list: done, assign, add a label, or snooze to a preset. */
	@PostMapping("/inbox/bulk")
	String bulk(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) List<UUID> ids,
			@RequestParam String action, @RequestParam(defaultValue = "") String assignee,
			@RequestParam(defaultValue = "") String label, @RequestParam(defaultValue = "") String snooze,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		if (ids == null || ids.isEmpty()) {
			flash.addFlashAttribute("error", "Name at least one conversation in ids.");
			return "redirect:/inbox" + safe(back);
		}
		try {
			Conversations.BulkChange change = switch (action) {
				case "done" -> new Conversations.BulkChange(ids, ConversationStatus.DONE, null, false, null, null);
				case "spam" -> new Conversations.BulkChange(ids, null, null, false, null, null, true);
				case "not-spam" -> new Conversations.BulkChange(ids, null, null, false, null, null, false);
				case "assign" -> new Conversations.BulkChange(ids, null, null, true,
						assignee.isBlank() ? null : "me".equals(assignee) ? me.userId() : UUID.fromString(assignee), null);
				case "label" -> new Conversations.BulkChange(ids, null, null, false, null, List.of(label));
				case "snooze" -> {
					var preset = SnoozePresets.from(Instant.now(), workspaces.get(me.workspaceId()).timeZone()).get(snooze);
					if (preset == null) {
						throw new IllegalArgumentException("Unknown snooze preset '" + snooze + "'.");
					}
					yield new Conversations.BulkChange(ids, ConversationStatus.SNOOZED, preset.toInstant(), false, null, null);
				}
				default -> throw new IllegalArgumentException("Unknown action '" + action + "'.");
			};
			if ("label".equals(action) && label.isBlank()) {
				throw new IllegalArgumentException("Say which label to add.");
			}
			var results = conversations.bulk(me, change);
			flash.addFlashAttribute("bulkDone", results.size());
			if ("done".equals(action)) {
				List<Map<String, String>> undo = new java.util.ArrayList<>();
				for (var r : results) {
					if (r.changed()) {
						undo.add(Map.of("id", r.id().toString(), "status", r.statusBefore(), "until",
								r.snoozedUntilBefore() == null ? "" : r.snoozedUntilBefore().toString()));
					}
				}
				flash.addFlashAttribute("bulkUndo", undo);
			}
			else {
				flash.addFlashAttribute("bulkAction", action);
			}
		}
		catch (IllegalArgumentException | NotFoundException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/inbox" + safe(back);
	}

	/** Undoes a bulk "done": each conversation gets the status it had before. */
	@PostMapping("/inbox/bulk/undo")
	String bulkUndo(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) List<UUID> ids,
			@RequestParam(required = false) List<String> statuses, @RequestParam(required = false) List<String> untils,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		if (ids != null && statuses != null && ids.size() == statuses.size()) {
			List<Conversations.Earlier> earlier = new java.util.ArrayList<>();
			for (int i = 0; i < ids.size(); i++) {
				String until = untils != null && i < untils.size() ? untils.get(i) : "";
				earlier.add(new Conversations.Earlier(ids.get(i), ConversationStatus.of(statuses.get(i)),
						until == null || until.isBlank() ? null : Instant.parse(until)));
			}
			conversations.restore(me, earlier);
			flash.addFlashAttribute("notice", "inbox.bulkUndone");
		}
		return "redirect:/inbox" + safe(back);
	}

	/** Reports this viewer and answers with the colleagues who have the conversation open too. */
	@PostMapping("/inbox/{id}/presence")
	String presence(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean composing, Model model) {
		model.addAttribute("viewers", presence.seen(me, id, composing));
		return "fragments :: collision";
	}

	/** Canned replies with this conversation's placeholders filled, for the picker. */
	@GetMapping(path = "/inbox/{id}/canned", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	List<CannedReplies.CannedReply> canned(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		ConversationDetail c = conversations.get(me.workspaceId(), id);
		String name = c.summary().contact().name();
		Map<String, String> values = Map.of("contact.name", name, "contact.firstName", name.split("\\s+")[0],
				"agent.name", me.displayName(), "workspace.name", workspaces.get(me.workspaceId()).name());
		return canned.of(me.workspaceId()).stream()
			.map(r -> new CannedReplies.CannedReply(r.id(), r.shortcut(), r.title(), CannedReplies.fill(r.body(), values)))
			.toList();
	}

	@GetMapping("/attachments/{id}")
	ResponseEntity<byte[]> attachment(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		Messages.Attachment a = messages.attachment(me.workspaceId(), id)
			.orElseThrow(() -> new NotFoundException("No attachment " + id));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(a.fileName(),
					java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(a.content());
	}

	/**
	 * The segment the list is filtered by, or null: also when it no longer exists (a saved view or a bookmark may
	 * outlive its segment), so the list opens without it and {@link #segmentGone} says so.
	 */
	private UUID segment(CurrentUser me, String id) {
		if (id == null || id.isBlank()) {
			return null;
		}
		try {
			UUID segment = UUID.fromString(id.strip());
			return segments.find(me.workspaceId(), segment).isPresent() ? segment : null;
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** Whether the list's parameters name a segment the workspace does not have (any more). */
	private boolean segmentGone(CurrentUser me, Map<String, String> params) {
		String id = params.get("segment");
		return id != null && !id.isBlank() && segment(me, id) == null;
	}

	static String safe(String back) {
		return org.rapport.platform.LocalRedirects.query(back);
	}
}

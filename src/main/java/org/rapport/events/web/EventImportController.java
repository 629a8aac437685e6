package org.rapport.events.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.events.AttendeeImports;
import org.rapport.events.Events;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Importing an attendee list: upload, column mapping, preview with the status of every line, import. */
@Controller
class EventImportController {

	private final Events events;
	private final AttendeeImports imports;
	private final AuditLog audit;

	EventImportController(Events events, AttendeeImports imports, AuditLog audit) {
		this.events = events;
		this.imports = imports;
		this.audit = audit;
	}

	@GetMapping("/events/{id}/import")
	String page(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		me.requireWorker();
		model.addAttribute("event", events.get(me.workspaceId(), id));
		return "event-import";
	}

	@PostMapping("/events/{id}/import/preview")
	String preview(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String content,
			@RequestParam(defaultValue = "false") boolean createContacts, EventsApi.MappingParams mapping, Model model) {
		me.requireWorker();
		boolean fresh = file != null && !file.isEmpty();
		String text = fresh ? text(file) : content;
		return show(me, id, model, text == null ? "" : text, fresh ? null : mapping.mapping(), createContacts, List.of());
	}

	@PostMapping("/events/{id}/import")
	String importAll(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String content,
			@RequestParam(defaultValue = "false") boolean createContacts, EventsApi.MappingParams mapping, Model model) {
		me.requireWorker();
		try {
			AttendeeImports.Result result = imports.importAll(me.workspaceId(), id, content, mapping.mapping(), createContacts);
			if (result.created() > 0) {
				audit.record(me.workspaceId(), me.userId(), "event.attendees-imported", "Imported " + result.added()
						+ " attendees into event " + id + ", creating " + result.created() + " contacts", null);
			}
			model.addAttribute("event", events.get(me.workspaceId(), id));
			model.addAttribute("result", result);
			return "event-import";
		}
		catch (AttendeeImports.ImportRefused e) {
			return show(me, id, model, content, mapping.mapping(), createContacts, e.errors());
		}
	}

	private String show(CurrentUser me, UUID id, Model model, String content, AttendeeImports.Mapping mapping,
			boolean createContacts, List<AttendeeImports.LineError> importErrors) {
		model.addAttribute("event", events.get(me.workspaceId(), id));
		try {
			AttendeeImports.Preview preview = imports.preview(me.workspaceId(), id, content, mapping, createContacts);
			model.addAttribute("preview", preview);
			model.addAttribute("errors", importErrors.isEmpty() ? preview.errors() : importErrors);
			model.addAttribute("shownRows", preview.rows().stream().limit(300).toList());
			AttendeeImports.Mapping m = preview.mapping() == null ? new AttendeeImports.Mapping(null, null, null, null, null)
					: preview.mapping();
			Map<String, String> chosen = new HashMap<>();
			chosen.put("name", m.name());
			chosen.put("email", m.email());
			chosen.put("phone", m.phone());
			chosen.put("organisation", m.organisation());
			chosen.put("role", m.role());
			model.addAttribute("mapping", chosen);
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
		}
		model.addAttribute("content", content);
		model.addAttribute("createContacts", createContacts);
		return "event-import";
	}

	private static String text(MultipartFile file) {
		try {
			return new String(file.getBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

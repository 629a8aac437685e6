package org.rapport.channels.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.channels.manual.Activities;
import org.rapport.contacts.Contacts;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Log contact": a phone call, visit, letter, event encounter or field note, for a known or a new person. */
@Controller
class ActivityController {

	private final Activities activities;
	private final Contacts contacts;
	private final Workspaces workspaces;

	ActivityController(Activities activities, Contacts contacts, Workspaces workspaces) {
		this.activities = activities;
		this.contacts = contacts;
		this.workspaces = workspaces;
	}

	@GetMapping("/log")
	String form(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) UUID contactId, Model model) {
		if (contactId != null) {
			model.addAttribute("contact", contacts.get(me.workspaceId(), ContactId.of(contactId)));
		}
		model.addAttribute("now", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
			.format(Instant.now().atZone(workspaces.get(me.workspaceId()).timeZone())));
		return "log";
	}

	@PostMapping("/log")
	String log(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) UUID contactId,
			@RequestParam(defaultValue = "") String handle, @RequestParam(defaultValue = "") String name,
			@RequestParam String kind, @RequestParam String direction, @RequestParam String summary,
			@RequestParam(defaultValue = "") String occurredAt, Model model) {
		try {
			Instant at = occurredAt.isBlank() ? Instant.now()
					: LocalDateTime.parse(occurredAt).atZone(workspaces.get(me.workspaceId()).timeZone()).toInstant();
			Activities.Logged logged = activities.log(me, contactId, handle, name, kind, direction, summary, at);
			return "redirect:/inbox/" + logged.conversationId() + "?status=all";
		}
		catch (IllegalArgumentException | DateTimeParseException e) {
			model.addAttribute("error", e.getMessage());
			if (contactId != null) {
				model.addAttribute("contact", contacts.get(me.workspaceId(), ContactId.of(contactId)));
			}
			model.addAttribute("form", java.util.Map.of("handle", handle, "name", name, "kind", kind, "direction",
					direction, "summary", summary));
			model.addAttribute("now", occurredAt);
			return "log";
		}
	}
}

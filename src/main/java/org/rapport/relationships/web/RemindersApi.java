package org.rapport.relationships.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.contacts.Contacts;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.relationships.Reminder;
import org.rapport.relationships.Reminders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reminders", description = "Reminders to get in touch: once, or every N weeks after the last contact")
class RemindersApi {

	private final Reminders reminders;
	private final Contacts contacts;

	RemindersApi(Reminders reminders, Contacts contacts) {
		this.reminders = reminders;
		this.contacts = contacts;
	}

	record NewReminder(String note, Instant dueAt, Integer everyWeeks, UUID assigneeId) {
	}

	record Items(List<Reminder> items) {
	}

	@PostMapping("/api/v1/contacts/{id}/reminders")
	@Operation(summary = "Sets a reminder: dueAt for once, or everyWeeks to stay in touch (due N weeks after the last message or activity)")
	ResponseEntity<Reminder> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody NewReminder input) {
		Reminder created = reminders.create(user, ContactId.of(id), input.note(), input.dueAt(), input.everyWeeks(), input.assigneeId());
		return ResponseEntity.status(HttpStatus.CREATED).body(created);
	}

	@GetMapping("/api/v1/contacts/{id}/reminders")
	@Operation(summary = "The open reminders of a contact, due first")
	Items ofContact(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		contacts.get(user.workspaceId(), ContactId.of(id));
		return new Items(reminders.ofContact(user.workspaceId(), id));
	}

	@GetMapping("/api/v1/reminders")
	@Operation(summary = "Open reminders of the workspace, due first; due=true for those due now")
	Items list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "false") boolean due,
			@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 500) {
			throw new IllegalArgumentException("limit must be between 1 and 500, not " + limit + ".");
		}
		return new Items(reminders.open(user.workspaceId(), due, limit));
	}

	@PostMapping("/api/v1/reminders/{id}/done")
	@Operation(summary = "Marks a reminder done; a recurring one starts its next round")
	Reminder done(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return reminders.done(user, id);
	}

	@DeleteMapping("/api/v1/reminders/{id}")
	@Operation(summary = "Deletes a reminder")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		reminders.delete(user, id);
		return ResponseEntity.noContent().build();
	}
}

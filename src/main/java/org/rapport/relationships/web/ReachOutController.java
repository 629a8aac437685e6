package org.rapport.relationships.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspaces;
import org.rapport.relationships.GiftSuggestions;
import org.rapport.relationships.Gifts;
import org.rapport.relationships.ReachOut;
import org.rapport.relationships.Reminders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reach-out page and the forms of the contact page's reach-out panel. */
@Controller
class ReachOutController {

	private final ReachOut reachOut;
	private final GiftSuggestions suggestions;
	private final Reminders reminders;
	private final Gifts gifts;
	private final Contacts contacts;
	private final Workspaces workspaces;

	ReachOutController(ReachOut reachOut, GiftSuggestions suggestions, Reminders reminders, Gifts gifts,
			Contacts contacts, Workspaces workspaces) {
		this.reachOut = reachOut;
		this.suggestions = suggestions;
		this.reminders = reminders;
		this.gifts = gifts;
		this.contacts = contacts;
		this.workspaces = workspaces;
	}

	@GetMapping("/reach-out")
	String page(@AuthenticationPrincipal CurrentUser me, Model model, Locale locale) {
		model.addAttribute("candidates", reachOut.rank(me.workspaceId(), 30, locale));
		model.addAttribute("dueReminders", reminders.open(me.workspaceId(), true, 50));
		model.addAttribute("suggestions", suggestions.suggest(me.workspaceId(), null, 10, locale));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "reach-out";
	}

	@PostMapping("/reach-out/{contactId}/dismiss")
	String dismiss(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID contactId, RedirectAttributes flash) {
		reachOut.dismiss(me, contactId);
		flash.addFlashAttribute("notice", "reachout.dismissed");
		return "redirect:/reach-out";
	}

	@PostMapping("/contacts/{id}/reminders")
	String remind(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam(defaultValue = "") String note,
			@RequestParam(defaultValue = "once") String when, @RequestParam(defaultValue = "") String dueAt,
			@RequestParam(defaultValue = "") String everyWeeks, @RequestParam(defaultValue = "") String assigneeId,
			@RequestParam(defaultValue = "") String back, RedirectAttributes flash) {
		me.requireWorker();
		try {
			Instant due = null;
			Integer weeks = null;
			if (when.equals("every")) {
				weeks = number(everyWeeks);
			}
			else if (!dueAt.isBlank()) {
				due = LocalDateTime.parse(dueAt).atZone(zone(me)).toInstant();
			}
			reminders.create(me, ContactId.of(id), note, due, weeks, assigneeId.isBlank() ? null : UUID.fromString(assigneeId));
			flash.addFlashAttribute("notice", "reachout.reminder.saved");
		}
		catch (IllegalArgumentException | DateTimeParseException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:" + backTo(back, "/contacts/" + id + "#reach-out");
	}

	@PostMapping("/reminders/{id}/done")
	String done(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam(defaultValue = "") String back,
			RedirectAttributes flash) {
		try {
			reminders.done(me, id);
			flash.addFlashAttribute("notice", "reachout.reminder.doneNotice");
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:" + backTo(back, "/reach-out");
	}

	@PostMapping("/reminders/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam(defaultValue = "") String back,
			RedirectAttributes flash) {
		reminders.delete(me, id);
		flash.addFlashAttribute("notice", "reachout.reminder.deleted");
		return "redirect:" + backTo(back, "/reach-out");
	}

	@PostMapping("/contacts/{id}/gifts")
	String give(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String kind,
			@RequestParam(defaultValue = "") String otherContactId, @RequestParam(defaultValue = "") String otherName,
			@RequestParam(defaultValue = "") String url, @RequestParam(defaultValue = "") String note,
			@RequestParam(defaultValue = "") String occurredAt, @RequestParam(defaultValue = "") String back,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			UUID other = !otherContactId.isBlank() ? UUID.fromString(otherContactId)
					: otherName.isBlank() ? null : byName(me, otherName);
			Instant at = occurredAt.isBlank() ? null : LocalDateTime.parse(occurredAt).atZone(zone(me)).toInstant();
			gifts.record(me, ContactId.of(id), kind, ContactId.of(other), url, note, at);
			flash.addFlashAttribute("notice", "reachout.gift.saved");
		}
		catch (IllegalArgumentException | NotFoundException | DateTimeParseException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:" + backTo(back, "/contacts/" + id + "#reach-out");
	}

	/** The one contact whose name or identity matches; refuses none or several, naming them. */
	private UUID byName(CurrentUser me, String text) {
		List<Contact> found = contacts.search(me.workspaceId(), text, 6, 0);
		List<Contact> exact = found.stream().filter(c -> c.name().equalsIgnoreCase(text.strip())).toList();
		if (exact.size() == 1) {
			return exact.getFirst().id();
		}
		if (found.size() == 1) {
			return found.getFirst().id();
		}
		if (found.isEmpty()) {
			throw new IllegalArgumentException("No contact matches '" + text.strip() + "'.");
		}
		throw new IllegalArgumentException("Several contacts match '" + text.strip() + "': "
				+ String.join(", ", found.stream().limit(5).map(Contact::name).toList()) + ". Type more of the name.");
	}

	private ZoneId zone(CurrentUser me) {
		return workspaces.get(me.workspaceId()).timeZone();
	}

	private static Integer number(String text) {
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + text + "' is not a number of weeks.");
		}
	}

	/** Only paths of this site, so that the form cannot be used to redirect elsewhere. */
	private static String backTo(String back, String fallback) {
		return org.rapport.platform.LocalRedirects.path(back, fallback);
	}
}

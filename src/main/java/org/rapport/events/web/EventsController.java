package org.rapport.events.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.Contacts;
import org.rapport.contacts.Stages;
import org.rapport.events.AttendeeRanking;
import org.rapport.events.Attendees;
import org.rapport.events.Event;
import org.rapport.events.EventInput;
import org.rapport.events.Events;
import org.rapport.events.Meetings;
import org.rapport.platform.AuditLog;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspaces;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The events list, the event page (details, attendees, whom to meet, meeting plan) and its forms. */
@Controller
class EventsController {

	private final Events events;
	private final Attendees attendees;
	private final AttendeeRanking ranking;
	private final Meetings meetings;
	private final Contacts contacts;
	private final Members members;
	private final Stages stages;
	private final Workspaces workspaces;
	private final MessageSource messages;
	private final AuditLog audit;

	EventsController(Events events, Attendees attendees, AttendeeRanking ranking, Meetings meetings, Contacts contacts,
			Members members, Stages stages, Workspaces workspaces, MessageSource messages, AuditLog audit) {
		this.events = events;
		this.attendees = attendees;
		this.ranking = ranking;
		this.meetings = meetings;
		this.contacts = contacts;
		this.members = members;
		this.stages = stages;
		this.workspaces = workspaces;
		this.messages = messages;
		this.audit = audit;
	}

	private ZoneId zone(CurrentUser me) {
		return workspaces.get(me.workspaceId()).timeZone();
	}

	@GetMapping("/events")
	String list(@AuthenticationPrincipal CurrentUser me, Model model) {
		Instant now = Instant.now();
		model.addAttribute("upcoming", events.upcoming(me.workspaceId(), now, 200));
		model.addAttribute("past", events.past(me.workspaceId(), now, 200));
		model.addAttribute("kinds", Events.KINDS);
		model.addAttribute("zone", zone(me));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Map.of("kind", "fair"));
		}
		return "events";
	}

	@PostMapping("/events")
	String create(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> form, Model model) {
		me.requireWorker();
		try {
			Event created = events.create(me.workspaceId(), input(form, zone(me)));
			return "redirect:/events/" + created.id();
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("form", form);
			return list(me, model);
		}
	}

	private static EventInput input(Map<String, String> form, ZoneId zone) {
		return new EventInput(form.get("name"), form.get("kind"), EventForms.instant(form.get("startsAt"), zone, "Start"),
				EventForms.instant(form.get("endsAt"), zone, "End"), form.get("place"), form.get("city"),
				form.get("website"), form.get("notes"));
	}

	@GetMapping("/events/{id}")
	String show(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam(required = false) String q,
			Model model, Locale locale) {
		Event event = events.get(me.workspaceId(), id);
		ZoneId zone = zone(me);
		model.addAttribute("event", event);
		model.addAttribute("zone", zone);
		model.addAttribute("past", event.isPast(Instant.now()));
		model.addAttribute("ranking", ranking.rank(me.workspaceId(), id));
		model.addAttribute("meetings", meetings.of(me.workspaceId(), id));
		model.addAttribute("members", members.of(me.workspaceId()));
		model.addAttribute("kinds", Events.KINDS);
		model.addAttribute("stageLabels", stageLabels(me.workspaceId(), locale));
		model.addAttribute("q", q);
		if (q != null && !q.isBlank()) {
			model.addAttribute("found", contacts.search(me.workspaceId(), q, 20, 0));
		}
		if (!model.containsAttribute("form")) {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("name", event.name());
			form.put("kind", event.kind());
			form.put("startsAt", EventForms.local(event.startsAt(), zone));
			form.put("endsAt", EventForms.local(event.endsAt(), zone));
			form.put("place", event.place());
			form.put("city", event.city());
			form.put("website", event.website());
			form.put("notes", event.notes());
			model.addAttribute("form", form);
		}
		if (!model.containsAttribute("meetingForm")) {
			model.addAttribute("meetingForm", Map.of("at", EventForms.local(event.startsAt(), zone)));
		}
		return "event";
	}

	private Map<String, String> stageLabels(UUID workspaceId, Locale locale) {
		Stages.Ladder ladder = stages.ladder(workspaceId);
		Map<String, String> labels = new LinkedHashMap<>();
		for (Stages.Stage s : ladder.stages()) {
			labels.put(s.key(), ladder.configured() ? s.label() : messages.getMessage("stage." + s.key(), null, s.label(), locale));
		}
		return labels;
	}

	@PostMapping("/events/{id}")
	String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam Map<String, String> form,
			Model model, Locale locale, RedirectAttributes flash) {
		me.requireWorker();
		try {
			events.update(me.workspaceId(), id, input(form, zone(me)));
			flash.addFlashAttribute("notice", "events.saved");
			return "redirect:/events/" + id;
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("form", form);
			model.addAttribute("editOpen", true);
			return show(me, id, null, model, locale);
		}
	}

	@PostMapping("/events/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash) {
		me.requireWorker();
		Event event = events.get(me.workspaceId(), id);
		events.delete(me.workspaceId(), id);
		audit.record(me.workspaceId(), me.userId(), "event.deleted", "Deleted event " + id + " (" + event.name() + ")", null);
		flash.addFlashAttribute("notice", "events.deleted");
		return "redirect:/events";
	}

	@PostMapping("/events/{id}/attendees")
	String addAttendee(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam UUID contactId,
			RedirectAttributes flash) {
		me.requireWorker();
		attendees.add(me.workspaceId(), id, ContactId.of(contactId), null, null, "manual");
		flash.addFlashAttribute("notice", "events.attendee.added");
		return "redirect:/events/" + id + "#attendees";
	}

	@PostMapping("/events/{id}/attendees/{contactId}/remove")
	String removeAttendee(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID contactId) {
		me.requireWorker();
		attendees.remove(me.workspaceId(), id, contactId);
		return "redirect:/events/" + id + "#attendees";
	}

	@PostMapping("/events/{id}/meetings")
	String plan(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam Map<String, String> form,
			Model model, Locale locale) {
		me.requireWorker();
		try {
			meetings.plan(me.workspaceId(), id, new Meetings.MeetingInput(uuid(form.get("contactId")),
					EventForms.instant(form.get("at"), zone(me), "Time"), form.get("place"), uuid(form.get("memberId")),
					form.get("goal")));
			return "redirect:/events/" + id + "#plan";
		}
		catch (IllegalArgumentException | NotFoundException e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("meetingForm", form);
			return show(me, id, null, model, locale);
		}
	}

	@PostMapping("/events/{id}/meetings/{meetingId}/delete")
	String deleteMeeting(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID meetingId,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			meetings.delete(me.workspaceId(), id, meetingId);
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/events/" + id + "#plan";
	}

	static UUID uuid(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("'" + value + "' is not an id.");
		}
	}
}

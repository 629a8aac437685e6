package org.rapport.events.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.events.Event;
import org.rapport.events.Events;
import org.rapport.events.Meeting;
import org.rapport.events.MeetingLog;
import org.rapport.events.Meetings;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * After the event, one page for every planned meeting: met or not met, and a short summary. Fields are named
 * {@code outcome-<meetingId>} and {@code summary-<meetingId>}; meetings left undecided are not logged.
 */
@Controller
class MeetingLogController {

	private final Events events;
	private final Meetings meetings;
	private final MeetingLog log;
	private final Workspaces workspaces;

	MeetingLogController(Events events, Meetings meetings, MeetingLog log, Workspaces workspaces) {
		this.events = events;
		this.meetings = meetings;
		this.log = log;
		this.workspaces = workspaces;
	}

	@GetMapping("/events/{id}/log")
	String page(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		me.requireWorker();
		return show(me, events.get(me.workspaceId(), id), Map.of(), model);
	}

	@PostMapping("/events/{id}/log")
	String submit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes flash) {
		me.requireWorker();
		Event event = events.get(me.workspaceId(), id);
		List<MeetingLog.Item> items = new ArrayList<>();
		for (Meeting m : meetings.of(me.workspaceId(), id)) {
			String outcome = form.getOrDefault("outcome-" + m.id(), "");
			if (!m.logged() && (outcome.equals("met") || outcome.equals("not_met"))) {
				items.add(new MeetingLog.Item(m.id(), outcome.equals("met"), form.get("summary-" + m.id())));
			}
		}
		if (items.isEmpty()) {
			model.addAttribute("errorKey", "events.log.nothing");
			return show(me, event, form, model);
		}
		try {
			List<MeetingLog.Logged> logged = log.log(me, id, items);
			flash.addFlashAttribute("notice", "events.log.done");
			flash.addFlashAttribute("loggedCount", logged.size());
			return "redirect:/events/" + id;
		}
		catch (IllegalArgumentException | IllegalStateException | NotFoundException e) {
			model.addAttribute("error", e.getMessage());
			return show(me, event, form, model);
		}
	}

	private String show(CurrentUser me, Event event, Map<String, String> form, Model model) {
		model.addAttribute("event", event);
		model.addAttribute("meetings", meetings.of(me.workspaceId(), event.id()));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		model.addAttribute("form", form);
		return "event-log";
	}
}

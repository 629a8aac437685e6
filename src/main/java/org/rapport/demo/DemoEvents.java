package org.rapport.demo;

import java.util.ArrayList;
import java.util.List;

import org.rapport.events.Attendees;
import org.rapport.events.Event;
import org.rapport.events.EventInput;
import org.rapport.events.Events;
import org.rapport.events.Meeting;
import org.rapport.events.MeetingLog;
import org.rapport.events.Meetings;
import org.rapport.platform.ContactId;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Events around the demo's present: one coming up with attendees and a meeting plan, one past whose meetings were
 * logged the way a team logs them after a fair (which also moves the contacts up to "met in person").
 */
@Component
class DemoEvents {

	private final Events events;
	private final Attendees attendees;
	private final Meetings meetings;
	private final MeetingLog log;

	DemoEvents(Events events, Attendees attendees, Meetings meetings, MeetingLog log) {
		this.events = events;
		this.attendees = attendees;
		this.meetings = meetings;
		this.log = log;
	}

	void load(JsonNode root, DemoContext demo) {
		for (JsonNode e : root.path("events")) {
			long first = e.path("inDays").asLong();
			long last = first + e.path("days").asLong(1) - 1;
			Event event = events.create(demo.workspaceId(), new EventInput(e.path("name").asString(), e.path("kind").asString(),
					demo.at(first, e.path("from").asString("09:00")), demo.at(last, e.path("to").asString("17:00")),
					e.path("place").asString(""), e.path("city").asString(""), e.path("website").asString(""),
					e.path("notes").asString("")));
			for (JsonNode a : e.path("attendees")) {
				attendees.add(demo.workspaceId(), event.id(), ContactId.of(demo.contact(a.path("contact").asString())),
						a.path("organisation").asString(""), a.path("role").asString(""), "manual");
			}
			List<MeetingLog.Item> logged = new ArrayList<>();
			for (JsonNode m : e.path("meetings")) {
				Meeting meeting = meetings.plan(demo.workspaceId(), event.id(), new Meetings.MeetingInput(
						demo.contact(m.path("contact").asString()), demo.at(first + m.path("day").asLong(0), m.path("at").asString()),
						m.path("place").asString(""), demo.member(m.path("member").asString()), m.path("goal").asString("")));
				if (m.has("summary")) {
					logged.add(new MeetingLog.Item(meeting.id(), true, m.path("summary").asString()));
				}
			}
			if (!logged.isEmpty()) {
				log.log(demo.owner(), event.id(), logged);
			}
		}
	}
}

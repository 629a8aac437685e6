package org.rapport.events.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.events.Attendee;
import org.rapport.events.AttendeeImports;
import org.rapport.events.AttendeeRanking;
import org.rapport.events.Attendees;
import org.rapport.events.Event;
import org.rapport.events.EventInput;
import org.rapport.events.Events;
import org.rapport.events.Meeting;
import org.rapport.events.MeetingLog;
import org.rapport.events.Meetings;
import org.rapport.events.RankedAttendee;
import org.rapport.platform.AuditLog;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Events", description = "Fairs, congresses and meetups: attendees, whom to meet, the meeting plan, logging meetings")
class EventsApi {

	private final Events events;
	private final Attendees attendees;
	private final AttendeeImports imports;
	private final AttendeeRanking ranking;
	private final Meetings meetings;
	private final MeetingLog log;
	private final AuditLog audit;

	EventsApi(Events events, Attendees attendees, AttendeeImports imports, AttendeeRanking ranking, Meetings meetings,
			MeetingLog log, AuditLog audit) {
		this.events = events;
		this.attendees = attendees;
		this.imports = imports;
		this.ranking = ranking;
		this.meetings = meetings;
		this.log = log;
		this.audit = audit;
	}

	record Items<T>(List<T> items) {
	}

	record EventList(List<Event> upcoming, List<Event> past) {
	}

	record EventDetail(UUID id, String name, String kind, Instant startsAt, Instant endsAt, String place, String city,
			String website, String notes, Instant createdAt, int attendees, List<RankedAttendee> ranking,
			List<Meeting> meetings) {
	}

	@GetMapping("/api/v1/events")
	@Operation(summary = "Events that have not ended (soonest first) and past events (latest first)")
	EventList list(@AuthenticationPrincipal CurrentUser user) {
		Instant now = Instant.now();
		return new EventList(events.upcoming(user.workspaceId(), now, 500), events.past(user.workspaceId(), now, 500));
	}

	@PostMapping("/api/v1/events")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create an event: name, kind (fair, congress, conference, meetup, other), startsAt, endsAt, place, city, website, notes")
	Event create(@AuthenticationPrincipal CurrentUser user, @RequestBody EventInput input) {
		user.requireWorker();
		return events.create(user.workspaceId(), input);
	}

	@GetMapping("/api/v1/events/{id}")
	@Operation(summary = "An event with its ranked attendees (whom to meet, with reasons) and its meeting plan")
	EventDetail get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		Event e = events.get(user.workspaceId(), id);
		List<RankedAttendee> ranked = ranking.rank(user.workspaceId(), id);
		return new EventDetail(e.id(), e.name(), e.kind(), e.startsAt(), e.endsAt(), e.place(), e.city(), e.website(),
				e.notes(), e.createdAt(), ranked.size(), ranked, meetings.of(user.workspaceId(), id));
	}

	@PatchMapping("/api/v1/events/{id}")
	@Operation(summary = "Change an event; fields left out keep their value")
	Event update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody EventInput change) {
		user.requireWorker();
		if (change == null) {
			throw new IllegalArgumentException("Send the fields to change.");
		}
		return events.update(user.workspaceId(), id, change);
	}

	@DeleteMapping("/api/v1/events/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an event with its attendee list and meeting plan; logged activities stay on the timelines")
	void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		user.requireWorker();
		Event e = events.get(user.workspaceId(), id);
		events.delete(user.workspaceId(), id);
		audit.record(user.workspaceId(), user.userId(), "event.deleted", "Deleted event " + id + " (" + e.name() + ")", null);
	}

	record NewAttendee(UUID contactId, String organisation, String role) {
	}

	@PostMapping("/api/v1/events/{id}/attendees")
	@Operation(summary = "Add a contact as attendee; 201 when added, 200 when the contact attends already")
	ResponseEntity<Attendee> addAttendee(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody NewAttendee request) {
		user.requireWorker();
		if (request == null) {
			throw new IllegalArgumentException("Send {\"contactId\"}.");
		}
		Attendees.Added added = attendees.add(user.workspaceId(), id, ContactId.of(request.contactId()), request.organisation(),
				request.role(), "manual");
		return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK).body(added.attendee());
	}

	@GetMapping("/api/v1/events/{id}/attendees")
	Items<Attendee> attendees(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return new Items<>(attendees.of(user.workspaceId(), id));
	}

	@DeleteMapping("/api/v1/events/{id}/attendees/{contactId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove an attendee, with the meetings planned with them that were not logged")
	void removeAttendee(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID contactId) {
		user.requireWorker();
		attendees.remove(user.workspaceId(), id, contactId);
	}

	/** An attendee list as JSON: the CSV text, an optional column mapping, and whether to create missing contacts. */
	record ImportRequest(String content, AttendeeImports.Mapping mapping, Boolean createContacts) {
	}

	@PostMapping(path = "/api/v1/events/{id}/attendees/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Import an attendee CSV, all or nothing; ?dryRun=true previews without storing")
	Object importJson(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean dryRun, @RequestBody ImportRequest request) {
		user.requireWorker();
		if (request == null) {
			throw new IllegalArgumentException("Send {\"content\": \"<csv>\", \"mapping\": {...}, \"createContacts\": false}.");
		}
		return importOrPreview(user, id, request.content(), request.mapping(),
				Boolean.TRUE.equals(request.createContacts()), dryRun);
	}

	@PostMapping(path = "/api/v1/events/{id}/attendees/import", consumes = { "text/csv", "text/plain" })
	@Operation(summary = "Import an attendee CSV sent as text/csv; mapping as parameters name, email, phone, organisation, role")
	Object importCsv(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody String content,
			@RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(defaultValue = "false") boolean createContacts, MappingParams mapping) {
		user.requireWorker();
		return importOrPreview(user, id, content, mapping.mapping(), createContacts, dryRun);
	}

	/** Mapping as request parameters: {@code name=Full name&email=E-Mail&...}. */
	record MappingParams(String name, String email, String phone, String organisation, String role) {

		AttendeeImports.Mapping mapping() {
			return new AttendeeImports.Mapping(name, email, phone, organisation, role);
		}
	}

	private Object importOrPreview(CurrentUser user, UUID id, String content, AttendeeImports.Mapping mapping,
			boolean createContacts, boolean dryRun) {
		if (dryRun) {
			return imports.preview(user.workspaceId(), id, content, mapping, createContacts);
		}
		AttendeeImports.Result result = imports.importAll(user.workspaceId(), id, content, mapping, createContacts);
		if (result.created() > 0) {
			audit.record(user.workspaceId(), user.userId(), "event.attendees-imported", "Imported " + result.added()
					+ " attendees into event " + id + ", creating " + result.created() + " contacts", null);
		}
		return result;
	}

	@GetMapping("/api/v1/events/{id}/ranking")
	@Operation(summary = "The attendees ranked by how much it matters to meet them, with reasons")
	Items<RankedAttendee> ranking(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return new Items<>(ranking.rank(user.workspaceId(), id));
	}

	@PostMapping("/api/v1/events/{id}/meetings")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Plan a meeting with an attendee: contactId, at, and optionally place, memberId, goal")
	Meeting plan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody Meetings.MeetingInput input) {
		user.requireWorker();
		return meetings.plan(user.workspaceId(), id, input);
	}

	@GetMapping("/api/v1/events/{id}/meetings")
	@Operation(summary = "The team's meeting plan, by time")
	Items<Meeting> meetings(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return new Items<>(meetings.of(user.workspaceId(), id));
	}

	@PatchMapping("/api/v1/events/{id}/meetings/{meetingId}")
	Meeting updateMeeting(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable UUID meetingId, @RequestBody Meetings.MeetingInput change) {
		user.requireWorker();
		if (change == null) {
			throw new IllegalArgumentException("Send the fields to change: at, place, memberId, goal.");
		}
		return meetings.update(user.workspaceId(), id, meetingId, change);
	}

	@DeleteMapping("/api/v1/events/{id}/meetings/{meetingId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteMeeting(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID meetingId) {
		user.requireWorker();
		meetings.delete(user.workspaceId(), id, meetingId);
	}

	record LogRequest(List<MeetingLog.Item> items) {
	}

	@PostMapping("/api/v1/events/{id}/meetings/log")
	@Operation(summary = "Log meetings after the event, all or nothing: met ones become event activities and advance the stage")
	Items<MeetingLog.Logged> logMeetings(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody LogRequest request) {
		return new Items<>(log.log(user, id, request == null ? null : request.items()));
	}

	@ExceptionHandler(AttendeeImports.ImportRefused.class)
	ResponseEntity<ProblemDetail> refused(AttendeeImports.ImportRefused e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
		problem.setTitle("Import refused");
		problem.setProperty("errors", e.errors());
		return ResponseEntity.badRequest().header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.body(problem);
	}
}

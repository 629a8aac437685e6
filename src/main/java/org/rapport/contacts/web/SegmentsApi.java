package org.rapport.contacts.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.contacts.Contact;
import org.rapport.contacts.ContactFilter;
import org.rapport.contacts.CustomFields;
import org.rapport.contacts.Segments;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Custom field definitions and saved segments. */
@RestController
@Tag(name = "Custom fields and segments", description = "Fields the workspace defines for contacts; saved contact filters")
class SegmentsApi {

	private final CustomFields fields;
	private final Segments segments;

	SegmentsApi(CustomFields fields, Segments segments) {
		this.fields = fields;
		this.segments = segments;
	}

	record Items<T>(List<T> items) {
	}

	record FieldInput(String key, String label, String type, List<String> options) {
	}

	@GetMapping("/api/v1/custom-fields")
	Items<CustomFields.Field> fields(@AuthenticationPrincipal CurrentUser user) {
		return new Items<>(fields.fields(user.workspaceId()));
	}

	@PostMapping("/api/v1/custom-fields")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Define a custom field for contacts",
			description = "{\"key\": \"region\", \"label\": \"Region\", \"type\": \"text|number|date|choice\", \"options\": [...]} "
					+ "(options only for choice)")
	CustomFields.Field define(@AuthenticationPrincipal CurrentUser user, @RequestBody FieldInput input) {
		user.requireManager();
		return fields.define(user.workspaceId(), input.key(), input.label(), input.type(), input.options());
	}

	@DeleteMapping("/api/v1/custom-fields/{key}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a custom field and every contact's value of it")
	void remove(@AuthenticationPrincipal CurrentUser user, @PathVariable String key) {
		user.requireManager();
		fields.remove(user.workspaceId(), key);
	}

	record SegmentInput(String name, ContactFilter filter) {
	}

	@GetMapping("/api/v1/segments")
	Items<Segments.Segment> segments(@AuthenticationPrincipal CurrentUser user) {
		return new Items<>(segments.list(user.workspaceId()));
	}

	@PostMapping("/api/v1/segments")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Save a filter over contacts as a segment",
			description = "filter: tags, tagMode (all|any), stage, organisationId, organisationKind, "
					+ "fields [{key, op: equals|contains, value}], channel, hasOpenConversation, text")
	Segments.Segment create(@AuthenticationPrincipal CurrentUser user, @RequestBody SegmentInput input) {
		user.requireWorker();
		return segments.create(user.workspaceId(), user.userId(), input.name(), input.filter());
	}

	@GetMapping("/api/v1/segments/{id}")
	Segments.Segment get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return segments.get(user.workspaceId(), id);
	}

	@DeleteMapping("/api/v1/segments/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		user.requireWorker();
		segments.delete(user.workspaceId(), id);
	}

	@GetMapping("/api/v1/segments/{id}/contacts")
	@Operation(summary = "The segment's contacts by name")
	Items<Contact> contacts(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
		if (limit < 1 || limit > 200 || offset < 0) {
			throw new IllegalArgumentException("limit must be 1-200 and offset at least 0.");
		}
		return new Items<>(segments.contacts(user.workspaceId(), id, limit, offset));
	}
}

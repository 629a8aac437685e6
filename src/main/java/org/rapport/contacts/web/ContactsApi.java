package org.rapport.contacts.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.CustomFields;
import org.rapport.contacts.Organisations;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.ContactId;
import org.rapport.platform.InvalidFieldException;
import org.rapport.contacts.TimelineItem;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Contacts", description = "People, their identities on every channel, and their timeline")
class ContactsApi {

	private final Contacts contacts;
	private final Organisations organisations;
	private final CustomFields customFields;

	ContactsApi(Contacts contacts, Organisations organisations, CustomFields customFields) {
		this.contacts = contacts;
		this.organisations = organisations;
		this.customFields = customFields;
	}

	/** An organisation the contact has a role in, as the contact JSON shows it. */
	record OrganisationRole(UUID id, String name, String kind, String role, java.time.LocalDate since,
			java.time.LocalDate until) {
	}

	private List<OrganisationRole> organisationsOf(UUID workspaceId, UUID contactId) {
		return organisations.ofContact(workspaceId, contactId).stream()
			.map(r -> new OrganisationRole(r.organisationId(), r.organisationName(), r.organisationKind(), r.role(),
					r.since(), r.until()))
			.toList();
	}

	/** A contact as PATCH answers: with its organisations and custom field values. */
	record ContactView(UUID id, String name, String note, java.time.Instant createdAt, List<Contact.Identity> identities,
			List<OrganisationRole> organisations, Map<String, Object> customFields) {
	}

	record Items<T>(List<T> items) {
	}

	/** @param timelineNext the {@code before} for {@code GET /api/v1/contacts/{id}/timeline} to read older items, if any */
	record ContactWithTimeline(UUID id, String name, String note, java.time.Instant createdAt,
			List<Contact.Identity> identities, List<TimelineItem> timeline, java.time.Instant timelineNext,
			List<OrganisationRole> organisations, Map<String, Object> customFields) {
	}

	record TimelinePage(List<TimelineItem> items, java.time.Instant next) {
	}

	@GetMapping("/api/v1/contacts")
	Items<Contact> search(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
		if (limit < 1 || limit > 200 || offset < 0) {
			throw new IllegalArgumentException("limit must be 1-200 and offset at least 0.");
		}
		return new Items<>(contacts.search(user.workspaceId(), q, limit, offset));
	}

	@GetMapping("/api/v1/contacts/{id}")
	@Operation(summary = "A contact with identities and the newest items of the timeline of every conversation and activity",
			description = "timelineLimit items (default 50); timelineNext pages on with GET /api/v1/contacts/{id}/timeline?before=")
	ContactWithTimeline get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "50") int timelineLimit) {
		Contact c = contacts.get(user.workspaceId(), id);
		Contacts.TimelinePage page = contacts.timeline(user.workspaceId(), ContactId.of(id), Math.min(Math.max(timelineLimit, 1), 1000), null);
		return new ContactWithTimeline(c.id(), c.name(), c.note(), c.createdAt(), c.identities(), page.items(), page.next(),
				organisationsOf(user.workspaceId(), id), customFields.valuesOf(user.workspaceId(), id));
	}

	@GetMapping("/api/v1/contacts/{id}/timeline")
	@Operation(summary = "A page of a contact's timeline, newest first: items before 'before' (an instant); next is the 'before' of the next older page")
	TimelinePage timeline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) java.time.Instant before) {
		if (limit < 1 || limit > 1000) {
			throw new IllegalArgumentException("limit must be 1-1000.");
		}
		Contacts.TimelinePage page = contacts.timeline(user.workspaceId(), ContactId.of(id), limit, before);
		return new TimelinePage(page.items(), page.next());
	}

	record IdentityInput(String kind, String value) {
	}

	record NewContact(String name, List<IdentityInput> identities) {
	}

	@PostMapping("/api/v1/contacts")
	@ResponseStatus(HttpStatus.CREATED)
	Contact create(@AuthenticationPrincipal CurrentUser user, @RequestBody NewContact request) {
		user.requireWorker();
		List<IdentityInput> inputs = request.identities() == null ? List.of() : request.identities();
		if (inputs.size() > Contacts.MAX_IDENTITIES) {
			throw new InvalidFieldException("identities", "A contact may have at most " + Contacts.MAX_IDENTITIES
					+ " identities, not " + inputs.size() + ".");
		}
		List<IdentityClaim> claims = new java.util.ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			claims.add(claim("identities[" + i + "]", inputs.get(i)));
		}
		return contacts.create(user.workspaceId(), request.name(), claims);
	}

	/** {@code customFields} maps field keys to values; {@code null} or "" removes a value. */
	record ContactChange(String name, String note, Map<String, Object> customFields) {
	}

	@PatchMapping("/api/v1/contacts/{id}")
	@Operation(summary = "Change name, note or custom field values",
			description = "{\"customFields\": {\"region\": \"Berlin\", \"staff\": 12}}: values are checked against the field's "
					+ "type (text, number, date as YYYY-MM-DD, choice); null or \"\" removes a value.")
	ContactView update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody ContactChange change) {
		user.requireWorker();
		Contact current = contacts.get(user.workspaceId(), id);
		if (change.name() != null && change.name().isBlank()) {
			throw new IllegalArgumentException("A contact needs a name.");
		}
		if (change.customFields() != null) {
			customFields.set(user.workspaceId(), ContactId.of(id), change.customFields());
		}
		Contact c = contacts.update(user.workspaceId(), ContactId.of(id), change.name() != null ? change.name() : current.name(),
				change.note() != null ? change.note() : current.note());
		return new ContactView(c.id(), c.name(), c.note(), c.createdAt(), c.identities(),
				organisationsOf(user.workspaceId(), id), customFields.valuesOf(user.workspaceId(), id));
	}

	@PostMapping("/api/v1/contacts/{id}/identities")
	@ResponseStatus(HttpStatus.CREATED)
	Contact addIdentity(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody IdentityInput input) {
		user.requireWorker();
		IdentityClaim claim = claim("", input);
		return contacts.addIdentity(user.workspaceId(), id, claim.kind(), claim.value());
	}

	/** Checks an identity as entered, naming the field that is wrong ({@code identities[2].kind}). */
	private static IdentityClaim claim(String at, IdentityInput input) {
		String prefix = at.isEmpty() ? "" : at + ".";
		if (input == null) {
			throw new InvalidFieldException(at.isEmpty() ? "kind" : at, "An identity needs kind (" + IdentityKind.KNOWN
					+ ") and value.");
		}
		if (input.kind() == null || input.value() == null || input.value().isBlank()) {
			throw new InvalidFieldException(prefix + (input.kind() == null ? "kind" : "value"), "An identity needs kind ("
					+ IdentityKind.KNOWN + ") and value.");
		}
		try {
			IdentityKind.requireKnown(input.kind());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException(prefix + "kind", e.getMessage());
		}
		try {
			Identities.normaliseEntered(input.kind(), input.value());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException(prefix + "value", e.getMessage());
		}
		return new IdentityClaim(input.kind(), input.value(), null);
	}

	@DeleteMapping("/api/v1/contacts/{id}/identities/{identityId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void removeIdentity(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID identityId) {
		user.requireWorker();
		contacts.removeIdentity(user.workspaceId(), id, identityId);
	}
}

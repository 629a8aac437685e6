package org.rapport.contacts.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.contacts.Organisations;
import org.rapport.platform.ContactId;
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
@Tag(name = "Organisations", description = "Organisations and the contacts who hold roles in them")
class OrganisationsApi {

	private final Organisations organisations;

	OrganisationsApi(Organisations organisations) {
		this.organisations = organisations;
	}

	record Items<T>(List<T> items) {
	}

	/** An organisation with its people and their roles. */
	record OrganisationWithMembers(UUID id, String name, String kind, String website, String notes,
			java.time.Instant createdAt, List<Member> members) {
	}

	record Member(UUID contactId, String name, String role, LocalDate since, LocalDate until, boolean current) {
	}

	record OrganisationInput(String name, String kind, String website, String notes) {
	}

	record MemberInput(UUID contactId, String role, String since, String until) {
	}

	@GetMapping("/api/v1/organisations")
	@Operation(summary = "Organisations by name; q filters by name, kind by kind (partner, company, authority, press, "
			+ "association, education, other)")
	Items<Organisations.Organisation> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String kind) {
		return new Items<>(organisations.list(user.workspaceId(), q, kind == null || kind.isBlank() ? null : Organisations.kind(kind)));
	}

	@PostMapping("/api/v1/organisations")
	@ResponseStatus(HttpStatus.CREATED)
	OrganisationWithMembers create(@AuthenticationPrincipal CurrentUser user, @RequestBody OrganisationInput input) {
		user.requireWorker();
		return withMembers(user, organisations.create(user.workspaceId(), input.name(), input.kind(), input.website(),
				input.notes()));
	}

	@GetMapping("/api/v1/organisations/{id}")
	OrganisationWithMembers get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return withMembers(user, organisations.get(user.workspaceId(), id));
	}

	@PatchMapping("/api/v1/organisations/{id}")
	@Operation(summary = "Change name, kind, website or notes; fields left out stay as they are")
	OrganisationWithMembers update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody OrganisationInput input) {
		user.requireWorker();
		return withMembers(user, organisations.update(user.workspaceId(), id, input.name(), input.kind(), input.website(),
				input.notes()));
	}

	@DeleteMapping("/api/v1/organisations/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an organisation and every role in it; the contacts stay")
	void delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		user.requireWorker();
		organisations.delete(user.workspaceId(), id);
	}

	@PostMapping("/api/v1/organisations/{id}/members")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Give a contact a role in the organisation (or change it)",
			description = "{\"contactId\": \"…\", \"role\": \"press officer\", \"since\": \"2024-01-01\", \"until\": null}")
	Member link(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody MemberInput input) {
		user.requireWorker();
		Organisations.Role r = organisations.link(user.workspaceId(), id, ContactId.of(input.contactId()), input.role(),
				date("since", input.since()), date("until", input.until()));
		return member(r);
	}

	@DeleteMapping("/api/v1/organisations/{id}/members/{contactId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unlink(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID contactId) {
		user.requireWorker();
		organisations.unlink(user.workspaceId(), id, contactId);
	}

	private OrganisationWithMembers withMembers(CurrentUser user, Organisations.Organisation o) {
		return new OrganisationWithMembers(o.id(), o.name(), o.kind(), o.website(), o.notes(), o.createdAt(),
				organisations.membersOf(user.workspaceId(), o.id()).stream().map(OrganisationsApi::member).toList());
	}

	private static Member member(Organisations.Role r) {
		return new Member(r.contactId(), r.contactName(), r.role(), r.since(), r.until(), r.current());
	}

	/** A date as YYYY-MM-DD, or {@code null} when blank. */
	static LocalDate date(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw new IllegalArgumentException(name + " must be a date as YYYY-MM-DD, not '" + value + "'.");
		}
	}
}

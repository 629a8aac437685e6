package org.rapport.contacts.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Duplicates;
import org.rapport.contacts.Merges;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Merging contacts, undoing merges and duplicate suggestions under {@code /api/v1}. */
@RestController
@Tag(name = "Merges", description = "Merge two contacts into one, undo a merge, and review suggested duplicates")
class MergesApi {

	private final Merges merges;
	private final Duplicates duplicates;

	MergesApi(Merges merges, Duplicates duplicates) {
		this.merges = merges;
		this.duplicates = duplicates;
	}

	record MergeRequest(UUID otherId) {
	}

	record Created(UUID mergeId) {
	}

	@PostMapping("/api/v1/contacts/{id}/merge")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Merge contact otherId into this contact, which is kept; returns the merge's id for undo")
	Created merge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody MergeRequest request,
			HttpServletRequest http) {
		user.requireWorker();
		if (request == null || request.otherId() == null) {
			throw new IllegalArgumentException("Give otherId, the id of the contact to merge into this one.");
		}
		return new Created(merges.merge(user.workspaceId(), user.userId(), id, request.otherId(), http.getRemoteAddr()));
	}

	@GetMapping("/api/v1/merges/{mergeId}")
	@Operation(summary = "A merge: which contacts, who, when, and whether it was undone")
	Merges.Merge get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID mergeId) {
		return merges.find(user.workspaceId(), mergeId)
			.orElseThrow(() -> new NotFoundException("No merge " + mergeId + " in this workspace."));
	}

	@PostMapping("/api/v1/merges/{mergeId}/undo")
	@Operation(summary = "Undo a merge: both contacts exactly as before. 409 if already undone or a later merge involved them")
	Merges.Undone undo(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID mergeId, HttpServletRequest http) {
		user.requireWorker();
		return merges.undo(user.workspaceId(), user.userId(), mergeId, http.getRemoteAddr());
	}

	record Items<T>(List<T> items) {
	}

	record SuggestionView(Contact contact, Contact other, double score, List<String> reasons) {
	}

	@GetMapping("/api/v1/contacts/duplicates")
	@Operation(summary = "Pairs of contacts that are probably one person, best first, with reasons. Nothing is merged")
	Items<SuggestionView> duplicates(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) UUID contactId) {
		if (limit < 1 || limit > 1000) {
			throw new IllegalArgumentException("limit must be 1-1000.");
		}
		var found = contactId == null ? duplicates.suggest(user.workspaceId(), limit)
				: duplicates.suggestFor(user.workspaceId(), contactId, limit);
		return new Items<>(found.stream()
			.map(s -> new SuggestionView(s.contact(), s.other(), s.score(),
					s.reasons().stream().map(Duplicates.Reason::text).toList()))
			.toList());
	}

	record Dismissal(UUID contactId, UUID otherId) {
	}

	@PostMapping("/api/v1/contacts/duplicates/dismiss")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remember that two contacts are different people; they are not suggested again")
	void dismiss(@AuthenticationPrincipal CurrentUser user, @RequestBody Dismissal request) {
		user.requireWorker();
		duplicates.dismiss(user.workspaceId(), user.userId(), request.contactId(), request.otherId());
	}
}

package org.rapport.relationships.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.CurrentUser;
import org.rapport.relationships.GiftSuggestions;
import org.rapport.relationships.ReachOut;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reach out", description = "Contacts worth a personal call or meeting now, with their reasons, and what to give first")
class ReachOutApi {

	private final ReachOut reachOut;
	private final GiftSuggestions suggestions;

	ReachOutApi(ReachOut reachOut, GiftSuggestions suggestions) {
		this.reachOut = reachOut;
		this.suggestions = suggestions;
	}

	record Ranked(List<ReachOut.Candidate> items, List<GiftSuggestions.Suggestion> suggestions) {
	}

	record Dismissed(UUID contactId, Instant until) {
	}

	@GetMapping("/api/v1/reach-out")
	@Operation(summary = "Contacts to reach out to now, best first, each with its score and reasons; and suggestions of what to give first")
	Ranked list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "20") int limit, Locale locale) {
		return new Ranked(reachOut.rank(user.workspaceId(), limit, locale),
				suggestions.suggest(user.workspaceId(), null, Math.min(limit, 20), locale));
	}

	@PostMapping("/api/v1/reach-out/{contactId}/dismiss")
	@Operation(summary = "Takes a contact off the list for 30 days")
	Dismissed dismiss(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID contactId) {
		return new Dismissed(contactId, reachOut.dismiss(user, contactId));
	}
}

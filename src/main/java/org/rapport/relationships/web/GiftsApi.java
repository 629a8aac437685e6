package org.rapport.relationships.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.contacts.Contacts;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.relationships.Gift;
import org.rapport.relationships.GiftSuggestions;
import org.rapport.relationships.Gifts;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Giving first", description = "Recommendations, introductions and shares given to contacts, and suggestions")
class GiftsApi {

	private final Gifts gifts;
	private final GiftSuggestions suggestions;
	private final Contacts contacts;

	GiftsApi(Gifts gifts, GiftSuggestions suggestions, Contacts contacts) {
		this.gifts = gifts;
		this.suggestions = suggestions;
		this.contacts = contacts;
	}

	record NewGift(String kind, UUID otherContactId, String url, String note, Instant occurredAt) {
	}

	record Items(List<Gift> items, List<GiftSuggestions.Suggestion> suggestions) {
	}

	@PostMapping("/api/v1/contacts/{id}/gifts")
	@Operation(summary = "Records a recommendation, an introduction (otherContactId) or a share (url) given to the contact")
	ResponseEntity<Gift> create(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody NewGift input) {
		Gift gift = gifts.record(user, ContactId.of(id), input.kind(), ContactId.of(input.otherContactId()), input.url(), input.note(), input.occurredAt());
		return ResponseEntity.status(HttpStatus.CREATED).body(gift);
	}

	@GetMapping("/api/v1/contacts/{id}/gifts")
	@Operation(summary = "What was given to the contact (introductions from either side), newest first, and suggestions")
	Items list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Locale locale) {
		contacts.get(user.workspaceId(), ContactId.of(id));
		return new Items(gifts.of(user.workspaceId(), id, 500), suggestions.suggest(user.workspaceId(), id, 10, locale));
	}

	@DeleteMapping("/api/v1/gifts/{id}")
	@Operation(summary = "Deletes a gift recorded by mistake")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		gifts.delete(user, id);
		return ResponseEntity.noContent().build();
	}
}

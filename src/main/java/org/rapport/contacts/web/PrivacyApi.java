package org.rapport.contacts.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.rapport.contacts.AccessExport;
import org.rapport.contacts.ConsentLinks;
import org.rapport.contacts.Consents;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Erasure;
import org.rapport.contacts.Retention;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Data protection over the API: consents and their withdrawal, access export, erasure and retention. */
@RestController
@Tag(name = "Privacy", description = "Consents, access requests, erasure and retention (GDPR)")
class PrivacyApi {

	private final Contacts contacts;
	private final Consents consents;
	private final ConsentLinks links;
	private final AccessExport exports;
	private final Erasure erasure;
	private final Retention retention;

	PrivacyApi(Contacts contacts, Consents consents, ConsentLinks links, AccessExport exports, Erasure erasure,
			Retention retention) {
		this.contacts = contacts;
		this.consents = consents;
		this.links = links;
		this.exports = exports;
		this.erasure = erasure;
		this.retention = retention;
	}

	record Items<T>(List<T> items) {
	}

	/** A consent with the link the person can use to withdraw it. */
	record ConsentView(UUID id, String purpose, String lawfulBasis, String source, int textVersion, String textShown,
			String ipMasked, Instant givenAt, Instant withdrawnAt, String withdrawnBy, String withdrawLink) {
	}

	private ConsentView view(Consents.Consent c) {
		return new ConsentView(c.id(), c.purpose(), c.lawfulBasis(), c.source(), c.textVersion(), c.textShown(),
				c.ipMasked(), c.givenAt(), c.withdrawnAt(), c.withdrawnBy(), links.link(c.id()));
	}

	@GetMapping("/api/v1/contacts/{id}/consents")
	@Operation(summary = "A contact's consents per purpose, with withdrawal state and the person's withdrawal link")
	Items<ConsentView> consents(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		contacts.get(user.workspaceId(), id);
		return new Items<>(consents.of(user.workspaceId(), ContactId.of(id)).stream().map(this::view).toList());
	}

	record NewConsent(String purpose, String lawfulBasis, String source, Integer textVersion, String text) {
	}

	@PostMapping("/api/v1/contacts/{id}/consents")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Record a consent (or another lawful basis) for a purpose, e.g. given on paper at an event")
	ConsentView record(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody NewConsent input) {
		user.requireWorker();
		contacts.get(user.workspaceId(), id);
		UUID consentId = consents.record(user.workspaceId(), ContactId.of(id), input.purpose(), input.lawfulBasis(),
				input.source() == null ? "staff" : input.source(), input.textVersion() == null ? 1 : input.textVersion(),
				input.text(), null);
		return view(consents.find(consentId).orElseThrow());
	}

	@PostMapping("/api/v1/contacts/{id}/consents/{consentId}/withdraw")
	@Operation(summary = "Withdraw a consent on the person's behalf (recorded as withdrawn by staff)")
	ConsentView withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID consentId) {
		user.requireWorker();
		Consents.Consent consent = consents.find(consentId)
			.filter(c -> c.workspaceId().equals(user.workspaceId()) && c.contactId().equals(id))
			.orElseThrow(() -> new NotFoundException("Contact " + id + " has no consent " + consentId + "."));
		return view(consent.active() ? consents.withdraw(user.workspaceId(), consentId, Consents.BY_STAFF) : consent);
	}

	@GetMapping("/api/v1/contacts/{id}/export")
	@Operation(summary = "Everything stored about a person (access request, Art. 15 GDPR)")
	AccessExport.Document export(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			HttpServletRequest request) {
		user.requireWorker();
		return exports.export(user.workspaceId(), id, user.userId(), request.getRemoteAddr());
	}

	@DeleteMapping("/api/v1/contacts/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Erase a person everywhere (Art. 17 GDPR); final. Requires erase=true",
			description = "Removes the contact, identities, consents, conversations with messages and attachments, and "
					+ "quarantined mails mentioning their identifiers; conversation statistics stay anonymised. "
					+ "blockRecreation=true keeps salted hashes of the identifiers so new messages from them are dropped.")
	void erase(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean erase,
			@RequestParam(defaultValue = "false") boolean blockRecreation, HttpServletRequest request) {
		user.requireManager();
		if (!erase) {
			throw new IllegalArgumentException("Deleting a contact erases all their data for good; confirm with ?erase=true.");
		}
		erasure.erase(user.workspaceId(), id, blockRecreation, user.userId(), request.getRemoteAddr());
	}

	@GetMapping("/api/v1/retention")
	@Operation(summary = "The workspace's retention rules")
	Retention.Rules rules(@AuthenticationPrincipal CurrentUser user) {
		return retention.rules(user.workspaceId());
	}

	record RulesInput(Integer inactiveContactMonths, Integer closedConversationMonths) {
	}

	@PutMapping("/api/v1/retention")
	@Operation(summary = "Set the retention rules; null months mean keep forever")
	Retention.Rules saveRules(@AuthenticationPrincipal CurrentUser user, @RequestBody RulesInput input) {
		user.requireManager();
		return retention.save(user.workspaceId(), input.inactiveContactMonths(), input.closedConversationMonths());
	}

	@GetMapping("/api/v1/retention/preview")
	@Operation(summary = "Dry run: exactly what a retention run would delete now")
	Retention.Selection preview(@AuthenticationPrincipal CurrentUser user) {
		return retention.preview(user.workspaceId());
	}

	@PostMapping("/api/v1/retention/run")
	@Operation(summary = "Run the retention rules now; returns what was deleted")
	Retention.Selection run(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
		user.requireManager();
		return retention.run(user.workspaceId(), user.userId(), request.getRemoteAddr());
	}
}

package org.rapport.contacts.web;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.contacts.AccessExport;
import org.rapport.contacts.ConsentLinks;
import org.rapport.contacts.Consents;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Erasure;
import org.rapport.contacts.Retention;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspaces;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Data protection in the browser: withdrawing consents on the contact page, the printable access export, erasure
 * with an explicit confirmation, the retention settings with their dry run, and the public page on which a person
 * withdraws a consent through their signed link.
 */
@Controller
class PrivacyController {

	private final Consents consents;
	private final ConsentLinks links;
	private final AccessExport exports;
	private final Erasure erasure;
	private final Retention retention;
	private final Workspaces workspaces;

	private final Contacts contacts;
	private final StagePanel stagePanel;
	private final MessageSource messages;

	PrivacyController(Consents consents, ConsentLinks links, AccessExport exports, Erasure erasure, Retention retention,
			Workspaces workspaces, Contacts contacts, StagePanel stagePanel, MessageSource messages) {
		this.contacts = contacts;
		this.stagePanel = stagePanel;
		this.messages = messages;
		this.consents = consents;
		this.links = links;
		this.exports = exports;
		this.erasure = erasure;
		this.retention = retention;
		this.workspaces = workspaces;
	}

	/**
	 * Staff record a consent given outside Rapport — on paper at an event, on the phone — with the wording the
	 * person agreed to; it is kept like one given through a form.
	 */
	@PostMapping("/contacts/{id}/consents")
	String record(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String purpose,
			@RequestParam(defaultValue = "consent") String lawfulBasis, @RequestParam(defaultValue = "staff") String source,
			@RequestParam(defaultValue = "") String text, RedirectAttributes flash) {
		me.requireWorker();
		contacts.get(me.workspaceId(), id);
		try {
			consents.record(me.workspaceId(), ContactId.of(id), purpose.strip(), lawfulBasis, source.isBlank() ? "staff" : source.strip(), 1,
					text.strip(), null);
			flash.addFlashAttribute("notice", "privacy.recorded");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id + "#privacy-actions";
	}

	@PostMapping("/contacts/{id}/consents/{consentId}/withdraw")
	String withdraw(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID consentId,
			RedirectAttributes flash) {
		me.requireWorker();
		consents.find(consentId).filter(c -> c.workspaceId().equals(me.workspaceId()) && c.contactId().equals(id))
			.orElseThrow(() -> new NotFoundException("No such consent."));
		consents.withdraw(me.workspaceId(), consentId, Consents.BY_STAFF);
		flash.addFlashAttribute("notice", "privacy.withdrawn");
		return "redirect:/contacts/" + id;
	}

	/** The printable access export, in the reader's language throughout (see {@link ReadableExport}). */
	@GetMapping("/contacts/{id}/export")
	String export(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model,
			HttpServletRequest request, Locale locale) {
		me.requireWorker();
		AccessExport.Document document = exports.export(me.workspaceId(), id, me.userId(), request.getRemoteAddr());
		ReadableExport readable = new ReadableExport(messages, locale, stagePanel.of(me.workspaceId(), id, locale).labels());
		model.addAttribute("doc", document);
		model.addAttribute("readable", readable);
		model.addAttribute("sections", readable.sections(document.data()));
		model.addAttribute("timeline", readable.timeline(document.timeline()));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "contact-export";
	}

	/**
	 * The export as the API gives it, as a file, for members signed in to the browser (the API takes tokens only).
	 * Recorded in the audit log like every export.
	 */
	@GetMapping(value = "/contacts/{id}/export.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AccessExport.Document> exportJson(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			HttpServletRequest request) {
		me.requireWorker();
		AccessExport.Document document = exports.export(me.workspaceId(), id, me.userId(), request.getRemoteAddr());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("rapport-export-" + id + ".json").build().toString())
			.body(document);
	}

	@GetMapping("/contacts/{id}/erase")
	String confirmErase(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		me.requireManager();
		model.addAttribute("scope", erasure.scope(me.workspaceId(), id));
		return "contact-erase";
	}

	@PostMapping("/contacts/{id}/erase")
	String erase(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean confirm,
			@RequestParam(defaultValue = "false") boolean blockRecreation, HttpServletRequest request,
			RedirectAttributes flash) {
		me.requireManager();
		if (!confirm) {
			flash.addFlashAttribute("notice", "privacy.erase.confirmMissing");
			return "redirect:/contacts/" + id + "/erase";
		}
		erasure.erase(me.workspaceId(), id, blockRecreation, me.userId(), request.getRemoteAddr());
		flash.addFlashAttribute("notice", "privacy.erase.done");
		return "redirect:/contacts";
	}

	@GetMapping("/settings/privacy")
	String settings(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("rules", retention.rules(me.workspaceId()));
		model.addAttribute("preview", retention.preview(me.workspaceId()));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "privacy";
	}

	@PostMapping("/settings/privacy")
	String saveRules(@AuthenticationPrincipal CurrentUser me,
			@RequestParam(defaultValue = "") String inactiveContactMonths,
			@RequestParam(defaultValue = "") String closedConversationMonths, RedirectAttributes flash) {
		me.requireManager();
		try {
			retention.save(me.workspaceId(), months(inactiveContactMonths), months(closedConversationMonths));
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/privacy";
	}

	private static Integer months(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + text + "' is not a number of months.");
		}
	}

	@PostMapping("/settings/privacy/run")
	String run(@AuthenticationPrincipal CurrentUser me, HttpServletRequest request, RedirectAttributes flash) {
		me.requireManager();
		try {
			Retention.Selection done = retention.run(me.workspaceId(), me.userId(), request.getRemoteAddr());
			flash.addFlashAttribute("ranContacts", done.contacts().size());
			flash.addFlashAttribute("ranConversations", done.conversations().size());
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/privacy";
	}

	/** The person's own page, reached through the signed link; no login. */
	@GetMapping("/privacy/withdraw")
	String withdrawPage(@RequestParam(required = false) String c, @RequestParam(required = false) String t, Model model,
			HttpServletResponse response) {
		return withdrawView(links.verify(c, t), c, t, false, model, response);
	}

	@PostMapping("/privacy/withdraw")
	String withdrawByPerson(@RequestParam(required = false) String c, @RequestParam(required = false) String t,
			Model model, HttpServletResponse response) {
		Optional<Consents.Consent> consent = links.verify(c, t);
		boolean done = false;
		if (consent.isPresent()) {
			Consents.Consent current = consent.get();
			if (current.active()) {
				consent = Optional.of(consents.withdraw(current.workspaceId(), current.id(), Consents.BY_PERSON));
				done = true;
			}
		}
		return withdrawView(consent, c, t, done, model, response);
	}

	private String withdrawView(Optional<Consents.Consent> consent, String c, String t, boolean done, Model model,
			HttpServletResponse response) {
		if (consent.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalid", true);
			return "consent-withdraw";
		}
		model.addAttribute("consent", consent.get());
		model.addAttribute("organisation", workspaces.get(consent.get().workspaceId()).name());
		model.addAttribute("zone", workspaces.get(consent.get().workspaceId()).timeZone());
		model.addAttribute("c", c);
		model.addAttribute("t", t);
		model.addAttribute("done", done);
		return "consent-withdraw";
	}
}

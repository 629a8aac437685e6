package org.rapport.contacts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.contacts.Consents;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The contact list and the contact page with identities, timeline, consents and edit form. */
@Controller
class ContactsController {

	private final Contacts contacts;
	private final Consents consents;
	private final Workspaces workspaces;
	private final StagePanel stagePanel;

	ContactsController(Contacts contacts, Consents consents, Workspaces workspaces, StagePanel stagePanel) {
		this.contacts = contacts;
		this.consents = consents;
		this.workspaces = workspaces;
		this.stagePanel = stagePanel;
	}

	@GetMapping("/contacts")
	String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int offset, Model model) {
		List<Contact> found = contacts.search(me.workspaceId(), q, 51, Math.max(offset, 0));
		model.addAttribute("contacts", found.stream().limit(50).toList());
		model.addAttribute("more", found.size() > 50);
		model.addAttribute("q", q);
		model.addAttribute("offset", Math.max(offset, 0));
		return "contacts";
	}

	@PostMapping("/contacts")
	String create(@AuthenticationPrincipal CurrentUser me, @RequestParam String name,
			@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String phone,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			List<IdentityClaim> claims = new ArrayList<>();
			if (!email.isBlank()) {
				claims.add(new IdentityClaim(IdentityKind.EMAIL, email, name));
			}
			if (!phone.isBlank()) {
				claims.add(new IdentityClaim(IdentityKind.PHONE, phone, name));
			}
			Contact created = contacts.create(me.workspaceId(), name, claims);
			return "redirect:/contacts/" + created.id();
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:/contacts";
		}
	}

	@GetMapping("/contacts/{id}")
	String show(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) java.time.Instant before, Model model, java.util.Locale locale) {
		model.addAttribute("contact", contacts.get(me.workspaceId(), id));
		model.addAttribute("stage", stagePanel.of(me.workspaceId(), id, locale));
		Contacts.TimelinePage page = contacts.timeline(me.workspaceId(), id, 50, before);
		model.addAttribute("timeline", page.items());
		model.addAttribute("timelineNext", page.next());
		model.addAttribute("timelineBefore", before);
		model.addAttribute("consents", consents.of(me.workspaceId(), id));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "contact";
	}

	@PostMapping("/contacts/{id}")
	String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String name,
			@RequestParam(defaultValue = "") String note, RedirectAttributes flash) {
		me.requireWorker();
		try {
			contacts.update(me.workspaceId(), id, name, note);
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/identities")
	String addIdentity(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String kind,
			@RequestParam String value, RedirectAttributes flash) {
		me.requireWorker();
		try {
			contacts.addIdentity(me.workspaceId(), id, kind, value);
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/identities/{identityId}/remove")
	String removeIdentity(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID identityId) {
		me.requireWorker();
		contacts.removeIdentity(me.workspaceId(), id, identityId);
		return "redirect:/contacts/" + id;
	}
}

package org.rapport.contacts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.ConsentLinks;
import org.rapport.contacts.Consents;
import org.rapport.contacts.Contact;
import org.rapport.contacts.ContactFilter;
import org.rapport.contacts.Segments;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.contacts.ProfileCheck;
import org.rapport.platform.ContactId;
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
	private final ConsentLinks consentLinks;
	private final Segments segments;
	private final List<ProfileCheck> checks;

	ContactsController(Contacts contacts, Consents consents, Workspaces workspaces, StagePanel stagePanel,
			ConsentLinks consentLinks, Segments segments, List<ProfileCheck> checks) {
		this.checks = checks;
		this.consentLinks = consentLinks;
		this.segments = segments;
		this.contacts = contacts;
		this.consents = consents;
		this.workspaces = workspaces;
		this.stagePanel = stagePanel;
	}

	@GetMapping("/contacts")
	String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int offset, @RequestParam Map<String, String> params, Model model) {
		List<Contact> found = filtered(me, params, Math.max(offset, 0), model);
		if (found == null) {
			found = contacts.search(me.workspaceId(), q, 51, Math.max(offset, 0));
		}
		model.addAttribute("contacts", found.stream().limit(50).toList());
		model.addAttribute("more", found.size() > 50);
		model.addAttribute("q", q);
		model.addAttribute("offset", Math.max(offset, 0));
		return "contacts";
	}

	/**
	 * The contacts of a saved segment or of the filter form, or {@code null} when neither is asked for (or only the
	 * search text). A filter that cannot be applied shows its reason and no contacts.
	 */
	private List<Contact> filtered(CurrentUser me, Map<String, String> params, int offset, Model model) {
		model.addAttribute("filter", params);
		String segment = params.getOrDefault("segment", "");
		if (!segment.isBlank()) {
			UUID id;
			try {
				id = UUID.fromString(segment.strip());
			}
			catch (IllegalArgumentException e) {
				throw new org.rapport.platform.NotFoundException("No segment " + segment + " in this workspace.");
			}
			model.addAttribute("segment", segments.get(me.workspaceId(), id));
			return segments.contacts(me.workspaceId(), id, 51, offset);
		}
		if (!ContactFilterForm.present(params)) {
			return null;
		}
		ContactFilter filter;
		try {
			filter = ContactFilterForm.from(params);
			if (filter.textOnly()) {
				return null;
			}
			model.addAttribute("filtering", true);
			return segments.contacts(me.workspaceId(), filter, 51, offset);
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
			return List.of();
		}
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
		Contact contact = contacts.get(me.workspaceId(), id);
		model.addAttribute("contact", contact);
		model.addAttribute("findings", findings(me, contact, locale));
		model.addAttribute("stage", stagePanel.of(me.workspaceId(), id, locale));
		Contacts.TimelinePage page = contacts.timeline(me.workspaceId(), ContactId.of(id), 50, before);
		model.addAttribute("timeline", page.items());
		model.addAttribute("timelineNext", page.next());
		model.addAttribute("timelineBefore", before);
		var given = consents.of(me.workspaceId(), ContactId.of(id));
		model.addAttribute("consents", given);
		// The person's withdrawal links, by consent id (templates may not call beans in link attributes).
		model.addAttribute("withdrawLinks", given.stream()
			.collect(java.util.stream.Collectors.toMap(c -> c.id().toString(), c -> consentLinks.link(c.id()))));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "contact";
	}

	/** What the profile checks say of the identities' public profiles, by identity id. */
	private Map<UUID, ProfileCheck.Finding> findings(CurrentUser me, Contact contact, java.util.Locale locale) {
		Map<UUID, ProfileCheck.Finding> found = new java.util.HashMap<>();
		for (Contact.Identity identity : contact.identities()) {
			if (identity.profile() == null) {
				continue;
			}
			for (ProfileCheck check : checks) {
				check.check(me.workspaceId(), identity.id(), identity.kind(), identity.profile(), locale)
					.ifPresent(f -> found.put(identity.id(), f));
			}
		}
		return found;
	}

	@PostMapping("/contacts/{id}")
	String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String name,
			@RequestParam(defaultValue = "") String note, RedirectAttributes flash) {
		me.requireWorker();
		try {
			contacts.update(me.workspaceId(), ContactId.of(id), name, note);
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

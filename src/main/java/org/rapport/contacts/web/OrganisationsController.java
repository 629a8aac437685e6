package org.rapport.contacts.web;

import java.util.UUID;

import org.rapport.contacts.Contacts;
import org.rapport.contacts.Organisations;
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

/** The organisation list and page, and the organisations block on the contact page. */
@Controller
class OrganisationsController {

	private final Organisations organisations;
	private final Workspaces workspaces;
	private final Contacts contacts;

	OrganisationsController(Organisations organisations, Workspaces workspaces, Contacts contacts) {
		this.contacts = contacts;
		this.organisations = organisations;
		this.workspaces = workspaces;
	}

	@GetMapping("/organisations")
	String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q,
			@RequestParam(required = false) String kind, Model model) {
		String k = kind == null || kind.isBlank() || !Organisations.KINDS.contains(kind) ? null : kind;
		model.addAttribute("organisations", organisations.list(me.workspaceId(), q, k));
		model.addAttribute("kinds", Organisations.KINDS);
		model.addAttribute("q", q);
		model.addAttribute("kind", k);
		return "organisations";
	}

	@PostMapping("/organisations")
	String create(@AuthenticationPrincipal CurrentUser me, @RequestParam String name,
			@RequestParam(defaultValue = "other") String kind, @RequestParam(defaultValue = "") String website,
			@RequestParam(defaultValue = "") String notes, RedirectAttributes flash) {
		me.requireWorker();
		try {
			return "redirect:/organisations/" + organisations.create(me.workspaceId(), name, kind, website, notes).id();
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:/organisations";
		}
	}

	@GetMapping("/organisations/{id}")
	String show(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String find, Model model) {
		model.addAttribute("organisation", organisations.get(me.workspaceId(), id));
		if (find != null && !find.isBlank()) {
			model.addAttribute("find", find);
			model.addAttribute("candidates", contacts.search(me.workspaceId(), find, 10, 0));
		}
		model.addAttribute("people", organisations.membersOf(me.workspaceId(), id));
		model.addAttribute("recent", organisations.recentConversations(me.workspaceId(), id, 20));
		model.addAttribute("kinds", Organisations.KINDS);
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		return "organisation";
	}

	@PostMapping("/organisations/{id}")
	String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String name,
			@RequestParam String kind, @RequestParam(defaultValue = "") String website,
			@RequestParam(defaultValue = "") String notes, RedirectAttributes flash) {
		me.requireWorker();
		try {
			organisations.update(me.workspaceId(), id, name, kind, website, notes);
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/organisations/" + id;
	}

	/** Deletes, and offers an undo that carries what was deleted (a member may delete and restore anyway). */
	@PostMapping("/organisations/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash) {
		me.requireWorker();
		Organisations.Removed removed = organisations.delete(me.workspaceId(), id);
		flash.addFlashAttribute("orgUndo", java.util.Map.of("name", removed.name(), "snapshot", UndoSnapshots.write(removed)));
		return "redirect:/organisations";
	}

	@PostMapping("/organisations/restore")
	String restore(@AuthenticationPrincipal CurrentUser me, @RequestParam String snapshot, RedirectAttributes flash) {
		me.requireWorker();
		return UndoSnapshots.restore(snapshot, Organisations.Removed.class, flash, "redirect:/organisations",
				removed -> "redirect:/organisations/" + organisations.restore(me.workspaceId(), removed).id());
	}

	/** Links a contact found on the organisation page. */
	@PostMapping("/organisations/{id}/members")
	String linkFromOrganisation(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam UUID contactId,
			@RequestParam(defaultValue = "") String role, RedirectAttributes flash) {
		me.requireWorker();
		try {
			organisations.link(me.workspaceId(), id, ContactId.of(contactId), role, null, null);
			flash.addFlashAttribute("notice", "org.linked");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/organisations/" + id;
	}

	@PostMapping("/organisations/{id}/members/{contactId}/remove")
	String unlinkFromOrganisation(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@PathVariable UUID contactId) {
		me.requireWorker();
		organisations.unlink(me.workspaceId(), id, contactId);
		return "redirect:/organisations/" + id;
	}

	/** Links the contact from the contact page. */
	@PostMapping("/contacts/{id}/organisations")
	String link(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam UUID organisationId,
			@RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String since,
			@RequestParam(defaultValue = "") String until, RedirectAttributes flash) {
		me.requireWorker();
		try {
			organisations.link(me.workspaceId(), organisationId, ContactId.of(id), role, OrganisationsApi.date("since", since),
					OrganisationsApi.date("until", until));
			flash.addFlashAttribute("notice", "org.linked");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id + "#organisations";
	}

	@PostMapping("/contacts/{id}/organisations/{organisationId}/remove")
	String unlink(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID organisationId) {
		me.requireWorker();
		organisations.unlink(me.workspaceId(), organisationId, id);
		return "redirect:/contacts/" + id + "#organisations";
	}
}

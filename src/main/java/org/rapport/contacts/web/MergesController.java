package org.rapport.contacts.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Duplicates;
import org.rapport.contacts.Merges;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page of possible duplicates, the page to pick a contact to merge into another, and merging and undoing in
 * the browser. After a merge the page shows an undo button instead of asking for confirmation first.
 */
@Controller
class MergesController {

	private final Merges merges;
	private final Duplicates duplicates;
	private final Contacts contacts;

	MergesController(Merges merges, Duplicates duplicates, Contacts contacts) {
		this.merges = merges;
		this.duplicates = duplicates;
		this.contacts = contacts;
	}

	@GetMapping("/contacts/duplicates")
	String duplicates(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("suggestions", duplicates.suggest(me.workspaceId(), 100));
		return "duplicates";
	}

	@PostMapping("/contacts/duplicates/merge")
	String mergeSuggestion(@AuthenticationPrincipal CurrentUser me, @RequestParam UUID contactId,
			@RequestParam UUID otherId, HttpServletRequest request, RedirectAttributes flash) {
		me.requireWorker();
		merge(me, contactId, otherId, request, flash);
		return "redirect:/contacts/duplicates";
	}

	@PostMapping("/contacts/duplicates/dismiss")
	String dismiss(@AuthenticationPrincipal CurrentUser me, @RequestParam UUID contactId, @RequestParam UUID otherId,
			RedirectAttributes flash) {
		me.requireWorker();
		duplicates.dismiss(me.workspaceId(), me.userId(), contactId, otherId);
		flash.addFlashAttribute("notice", "duplicates.dismissed");
		return "redirect:/contacts/duplicates";
	}

	@GetMapping("/contacts/{id}/merge")
	String pick(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String q, Model model) {
		Contact contact = contacts.get(me.workspaceId(), id);
		List<Contact> found = List.of();
		if (q != null && !q.isBlank()) {
			UUID asId = uuid(q.strip());
			found = asId != null ? contacts.find(me.workspaceId(), asId).stream().toList()
					: contacts.search(me.workspaceId(), q, 21, 0);
			found = found.stream().filter(c -> !c.id().equals(id)).limit(20).toList();
		}
		model.addAttribute("contact", contact);
		model.addAttribute("q", q);
		model.addAttribute("found", found);
		model.addAttribute("suggestions", duplicates.suggestFor(me.workspaceId(), id, 10));
		return "merge";
	}

	@PostMapping("/contacts/{id}/merge")
	String mergeInto(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam UUID otherId,
			HttpServletRequest request, RedirectAttributes flash) {
		me.requireWorker();
		merge(me, id, otherId, request, flash);
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/merges/{mergeId}/undo")
	String undo(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID mergeId,
			@RequestParam(defaultValue = "contact") String back, HttpServletRequest request, RedirectAttributes flash) {
		me.requireWorker();
		try {
			Merges.Undone undone = merges.undo(me.workspaceId(), me.userId(), mergeId, request.getRemoteAddr());
			flash.addFlashAttribute("notice", undone.keptEdits().isEmpty() ? "merge.undone" : "merge.undoneKeptEdits");
			return "duplicates".equals(back) ? "redirect:/contacts/duplicates" : "redirect:/contacts/" + undone.survivorId();
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return merges.find(me.workspaceId(), mergeId)
				.filter(m -> !"duplicates".equals(back))
				.map(m -> "redirect:/contacts/" + m.survivorId())
				.orElse("redirect:/contacts/duplicates");
		}
	}

	private void merge(CurrentUser me, UUID survivorId, UUID otherId, HttpServletRequest request,
			RedirectAttributes flash) {
		try {
			String absorbedName = contacts.get(me.workspaceId(), otherId).name();
			UUID mergeId = merges.merge(me.workspaceId(), me.userId(), survivorId, otherId, request.getRemoteAddr());
			flash.addFlashAttribute("mergeUndo", mergeId);
			flash.addFlashAttribute("mergedName", absorbedName);
			flash.addFlashAttribute("survivorName", contacts.get(me.workspaceId(), survivorId).name());
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
	}

	private static UUID uuid(String text) {
		try {
			return text.length() == 36 ? UUID.fromString(text) : null;
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}

package org.rapport.authenticity.web;

import java.util.UUID;

import org.rapport.authenticity.BoughtFollowers;
import org.rapport.authenticity.ContactProfileMarks;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Marks the account behind a contact's identity as bought or genuine, from the contact's page. */
@Controller
class ContactProfileController {

	private final ContactProfileMarks marks;

	ContactProfileController(ContactProfileMarks marks) {
		this.marks = marks;
	}

	@PostMapping("/authenticity/identities/{identityId}/mark")
	String mark(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID identityId, @RequestParam UUID contact,
			@RequestParam String label, RedirectAttributes flash) {
		String judged = BoughtFollowers.BOUGHT.equals(label) ? BoughtFollowers.BOUGHT : BoughtFollowers.GENUINE;
		marks.mark(me, contact, identityId, judged);
		flash.addFlashAttribute("notice", "authenticity.marked." + judged + ".short");
		return "redirect:/contacts/" + contact + "#identities";
	}
}

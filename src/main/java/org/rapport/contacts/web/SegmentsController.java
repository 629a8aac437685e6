package org.rapport.contacts.web;

import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.Segments;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Save as segment" on the contact list's filter form, and deleting a segment. */
@Controller
class SegmentsController {

	private final Segments segments;

	SegmentsController(Segments segments) {
		this.segments = segments;
	}

	@PostMapping("/contacts/segments")
	String save(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> params, RedirectAttributes flash) {
		me.requireWorker();
		try {
			var segment = segments.create(me.workspaceId(), me.userId(), params.get("segmentName"), ContactFilterForm.from(params));
			flash.addFlashAttribute("notice", "segments.savedNotice");
			return "redirect:/contacts?segment=" + segment.id();
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
			StringBuilder back = new StringBuilder();
			for (String name : ContactFilterForm.NAMES) {
				String value = params.get(name);
				if (value != null && !value.isBlank()) {
					back.append(back.isEmpty() ? "?" : "&").append(name).append('=')
						.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
				}
			}
			return "redirect:/contacts" + back;
		}
	}

	/** Deletes, and offers an undo that carries what was deleted (a member may create the same segment anyway). */
	@PostMapping("/contacts/segments/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash) {
		me.requireWorker();
		Segments.Segment deleted = segments.delete(me.workspaceId(), id);
		flash.addFlashAttribute("segmentUndo", Map.of("name", deleted.name(), "snapshot", UndoSnapshots.write(deleted)));
		return "redirect:/contacts";
	}

	@PostMapping("/contacts/segments/restore")
	String restore(@AuthenticationPrincipal CurrentUser me, @RequestParam String snapshot, RedirectAttributes flash) {
		me.requireWorker();
		return UndoSnapshots.restore(snapshot, Segments.Segment.class, flash, "redirect:/contacts", deleted -> {
			UUID id = segments.restore(me.workspaceId(), me.userId(), deleted).id();
			flash.addFlashAttribute("notice", "segments.restored");
			return "redirect:/contacts?segment=" + id;
		});
	}
}

package org.rapport.contacts.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The stage block on the contact page (change the stage, accept or dismiss a proposal) and Settings → Stages, where
 * managers shape the workspace's ladder.
 */
@Controller
class StagesController {

	/** Empty rows offered below the ladder for new stages. */
	private static final int NEW_ROWS = 2;

	private final Stages stages;
	private final StageProposals proposals;
	private final MessageSource messages;

	StagesController(Stages stages, StageProposals proposals, MessageSource messages) {
		this.stages = stages;
		this.proposals = proposals;
		this.messages = messages;
	}

	/** One row of the ladder form. */
	record Row(int position, String key, String label) {
	}

	@GetMapping("/settings/stages")
	String ladder(@AuthenticationPrincipal CurrentUser me, Model model, Locale locale) {
		Stages.Ladder ladder = stages.ladder(me.workspaceId());
		List<Row> rows = new ArrayList<>();
		for (Stages.Stage s : ladder.stages()) {
			String label = ladder.configured() ? s.label() : messages.getMessage("stage." + s.key(), null, s.label(), locale);
			rows.add(new Row(rows.size() + 1, s.key(), label));
		}
		for (int i = 0; i < NEW_ROWS; i++) {
			rows.add(new Row(rows.size() + 1, "", ""));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("configured", ladder.configured());
		return "stages-settings";
	}

	@PostMapping("/settings/stages")
	String saveLadder(@AuthenticationPrincipal CurrentUser me, @RequestParam(name = "position") List<String> positions,
			@RequestParam(name = "key") List<String> keys, @RequestParam(name = "label") List<String> labels,
			RedirectAttributes flash) {
		me.requireManager();
		if (positions.size() != keys.size() || keys.size() != labels.size()) {
			throw new IllegalArgumentException("Every stage needs a position, a key and a label.");
		}
		record Entry(double position, int row, Stages.Stage stage) {
		}
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < keys.size(); i++) {
			String key = keys.get(i).strip();
			if (key.isEmpty()) {
				continue; // an emptied key removes the stage; empty new rows are ignored
			}
			double position;
			try {
				position = Double.parseDouble(positions.get(i).strip().replace(',', '.'));
			}
			catch (NumberFormatException e) {
				position = i + 1;
			}
			entries.add(new Entry(position, i, new Stages.Stage(key, labels.get(i).strip())));
		}
		entries.sort(Comparator.comparingDouble(Entry::position).thenComparingInt(Entry::row));
		try {
			stages.configure(me.workspaceId(), entries.stream().map(Entry::stage).toList());
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/stages";
	}

	@PostMapping("/contacts/{id}/stage")
	String change(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String stage,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
		me.requireWorker();
		try {
			stages.change(me, ContactId.of(id), stage, reason);
			flash.addFlashAttribute("notice", "stage.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/stage/accept")
	String accept(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String to,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			proposals.accept(me, id, to);
			flash.addFlashAttribute("notice", "stage.saved");
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/stage/dismiss")
	String dismiss(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String to,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			proposals.dismiss(me, id, to);
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}
}

package org.rapport.contacts.web;

import java.util.List;
import java.util.UUID;

import org.rapport.contacts.ContactExports;
import org.rapport.contacts.ContactImports;
import org.rapport.contacts.ContactImports.Mapping;
import org.rapport.contacts.Tags;
import org.rapport.platform.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tags on the contact page; the import page with upload, preview, column mapping; export downloads. */
@Controller
class ContactTransfersController {

	private final Tags tags;
	private final ContactExports exports;
	private final ContactImports imports;

	ContactTransfersController(Tags tags, ContactExports exports, ContactImports imports) {
		this.tags = tags;
		this.exports = exports;
		this.imports = imports;
	}

	@PostMapping("/contacts/{id}/tags")
	String addTags(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String tag,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			tags.add(me.workspaceId(), id, List.of(tag.split("[,;]")));
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id;
	}

	@PostMapping("/contacts/{id}/tags/remove")
	String removeTag(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam String tag) {
		me.requireWorker();
		tags.remove(me.workspaceId(), id, tag);
		return "redirect:/contacts/" + id;
	}

	@GetMapping("/contacts/export.csv")
	ResponseEntity<String> exportCsv(@AuthenticationPrincipal CurrentUser me) {
		me.requireWorker();
		return ContactTransfersApi.download(exports.csv(me.workspaceId()), "contacts.csv", "text/csv");
	}

	@GetMapping("/contacts/export.vcf")
	ResponseEntity<String> exportVcf(@AuthenticationPrincipal CurrentUser me) {
		me.requireWorker();
		return ContactTransfersApi.download(exports.vcard(me.workspaceId()), "contacts.vcf", "text/vcard");
	}

	@GetMapping("/contacts/import")
	String importPage(@AuthenticationPrincipal CurrentUser me) {
		me.requireWorker();
		return "contacts-import";
	}

	@PostMapping("/contacts/import/preview")
	String preview(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String content, @RequestParam(required = false) String format,
			ContactTransfersApi.MappingParams mapping, Model model) {
		me.requireWorker();
		String text = file != null && !file.isEmpty() ? ContactTransfersApi.text(file) : content;
		String f = ContactImports.format(format, file == null ? null : file.getOriginalFilename());
		boolean fresh = file != null && !file.isEmpty();
		return show(model, me.workspaceId(), f, text == null ? "" : text, fresh ? null : mapping.mapping(), List.of());
	}

	@PostMapping("/contacts/import")
	String importAll(@AuthenticationPrincipal CurrentUser me, @RequestParam String content,
			@RequestParam String format, ContactTransfersApi.MappingParams mapping, Model model,
			RedirectAttributes flash) {
		me.requireWorker();
		try {
			ContactImports.Result result = imports.importAll(me.workspaceId(), format, content, mapping.mapping());
			flash.addFlashAttribute("notice", result.created() + result.attached() > 0 ? "tags.import.done" : "tags.import.nothing");
			return "redirect:/contacts";
		}
		catch (ContactImports.ImportRefused e) {
			return show(model, me.workspaceId(), format, content, mapping.mapping(), e.errors());
		}
	}

	private String show(Model model, java.util.UUID workspaceId, String format, String content, Mapping mapping,
			List<ContactImports.LineError> importErrors) {
		try {
			ContactImports.Preview preview = imports.preview(workspaceId, format, content, mapping);
			model.addAttribute("preview", preview);
			model.addAttribute("errors", importErrors.isEmpty() ? preview.errors() : importErrors);
			model.addAttribute("shownRows", preview.rows().stream().limit(200).toList());
			Mapping m = preview.mapping() == null ? new Mapping(null, null, null, null, null) : preview.mapping();
			java.util.Map<String, String> chosen = new java.util.HashMap<>();
			chosen.put("name", m.name());
			chosen.put("email", m.email());
			chosen.put("phone", m.phone());
			chosen.put("tags", m.tags());
			chosen.put("note", m.note());
			model.addAttribute("mapping", chosen);
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", e.getMessage());
		}
		model.addAttribute("format", format);
		model.addAttribute("content", content);
		return "contacts-import";
	}
}

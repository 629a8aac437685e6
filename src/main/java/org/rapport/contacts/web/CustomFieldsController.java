package org.rapport.contacts.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.CustomFields;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The custom field settings page and the field values on the contact page. */
@Controller
class CustomFieldsController {

	private final CustomFields fields;

	CustomFieldsController(CustomFields fields) {
		this.fields = fields;
	}

	@GetMapping("/settings/fields")
	String settings(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("fields", fields.fields(me.workspaceId()));
		model.addAttribute("types", CustomFields.TYPES);
		return "fields";
	}

	@PostMapping("/settings/fields")
	String define(@AuthenticationPrincipal CurrentUser me, @RequestParam String key, @RequestParam String label,
			@RequestParam String type, @RequestParam(defaultValue = "") String options, RedirectAttributes flash) {
		me.requireManager();
		try {
			fields.define(me.workspaceId(), key.strip(), label, type,
					options.isBlank() ? null : Arrays.asList(options.split("[,\\n]")));
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/fields";
	}

	@PostMapping("/settings/fields/{key}/delete")
	String remove(@AuthenticationPrincipal CurrentUser me, @PathVariable String key) {
		me.requireManager();
		fields.remove(me.workspaceId(), key);
		return "redirect:/settings/fields";
	}

	/** Saves the contact's values from the form; an empty input removes a value. */
	@PostMapping("/contacts/{id}/fields")
	String values(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam Map<String, String> params,
			RedirectAttributes flash) {
		me.requireWorker();
		Map<String, Object> values = new LinkedHashMap<>();
		params.forEach((name, value) -> {
			if (name.startsWith("field.")) {
				values.put(name.substring("field.".length()), value);
			}
		});
		try {
			fields.set(me.workspaceId(), ContactId.of(id), values);
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/contacts/" + id + "#custom-fields";
	}
}

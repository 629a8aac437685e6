package org.rapport.channels.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.channels.Channels;
import org.rapport.channels.webform.WebForms;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Channels: the workspace's channels, connecting a mailbox, and the contact form with its snippet. */
@Controller
class ChannelSettingsController {

	/** The settings a mailbox needs; passwords are never shown again once saved. */
	static final String[] MAILBOX_FIELDS = { "emailAddress", "fromName", "imapHost", "imapPort", "imapSecurity",
			"imapUsername", "imapPassword", "imapFolder", "smtpHost", "smtpPort", "smtpSecurity", "smtpUsername",
			"smtpPassword" };

	private final Channels channels;
	private final WebForms forms;
	private final Workspaces workspaces;
	private final RapportProperties properties;
	private final AuditLog audit;

	ChannelSettingsController(Channels channels, WebForms forms, Workspaces workspaces, RapportProperties properties,
			AuditLog audit) {
		this.channels = channels;
		this.forms = forms;
		this.workspaces = workspaces;
		this.properties = properties;
		this.audit = audit;
	}

	@GetMapping("/settings/channels")
	String show(@AuthenticationPrincipal CurrentUser me, Model model) {
		var workspace = workspaces.get(me.workspaceId());
		model.addAttribute("channels", channels.of(me.workspaceId()));
		model.addAttribute("form", forms.settings(me.workspaceId()));
		String formUrl = properties.link("/f/" + workspace.slug());
		model.addAttribute("formUrl", formUrl);
		model.addAttribute("iframeSnippet", "<iframe src=\"" + formUrl + "\" title=\"Kontakt\" style=\"width:100%;min-height:620px;border:0\"></iframe>");
		model.addAttribute("jsonSnippet", "POST " + formUrl + "\nContent-Type: application/json\n\n"
				+ "{\"name\": \"…\", \"email\": \"…\", \"subject\": \"…\", \"message\": \"…\", \"consent\": true}");
		return "channels";
	}

	@PostMapping("/settings/channels/email")
	String connectMailbox(@AuthenticationPrincipal CurrentUser me, @RequestParam String key, @RequestParam String name,
			@RequestParam Map<String, String> form, RedirectAttributes flash, HttpServletRequest request) {
		me.requireManager();
		Map<String, String> config = new LinkedHashMap<>();
		for (String field : MAILBOX_FIELDS) {
			String value = form.get(field);
			if (value != null && !value.isBlank()) {
				config.put(field, value.strip());
			}
		}
		try {
			channels.create(me.workspaceId(), key.strip().toLowerCase(), "email", name.isBlank() ? key : name.strip(), config);
			audit.record(me.workspaceId(), me.userId(), "channel.created", "email " + key, request.getRemoteAddr());
			flash.addFlashAttribute("notice", "channels.connected");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/channels";
	}

	@GetMapping("/settings/channels/{id}")
	String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		me.requireManager();
		var channel = channels.get(me.workspaceId(), id);
		if (!channel.kind().equals("email")) {
			return "redirect:/settings/channels";
		}
		model.addAttribute("channel", channel);
		return "channel-edit";
	}

	@PostMapping("/settings/channels/{id}")
	String saveMailbox(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String name, @RequestParam Map<String, String> form, RedirectAttributes flash,
			HttpServletRequest request) {
		me.requireManager();
		Map<String, String> changes = new LinkedHashMap<>();
		for (String field : MAILBOX_FIELDS) {
			String value = form.get(field);
			if (value != null) {
				changes.put(field, Channels.isSecret(field) ? value : value.strip());
			}
		}
		try {
			channels.reconfigure(me.workspaceId(), id, name, changes);
			audit.record(me.workspaceId(), me.userId(), "channel.changed", id.toString(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "channels.saved");
			return "redirect:/settings/channels";
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:/settings/channels/" + id;
		}
	}

	@PostMapping("/settings/channels/{id}/enabled")
	String toggle(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam boolean enabled,
			HttpServletRequest request) {
		me.requireManager();
		channels.setEnabled(me.workspaceId(), id, enabled);
		audit.record(me.workspaceId(), me.userId(), enabled ? "channel.enabled" : "channel.disabled", id.toString(),
				request.getRemoteAddr());
		return "redirect:/settings/channels";
	}

	@PostMapping("/settings/channels/webform")
	String saveForm(@AuthenticationPrincipal CurrentUser me, @RequestParam String consentText,
			@RequestParam(defaultValue = "") String successText, RedirectAttributes flash) {
		me.requireManager();
		try {
			forms.save(me.workspaceId(), consentText, successText);
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/channels#webform";
	}
}

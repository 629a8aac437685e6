package org.rapport.listening.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.channels.Channels;
import org.rapport.listening.Heard;
import org.rapport.listening.Listening;
import org.rapport.listening.Monitor;
import org.rapport.listening.Monitors;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.LocalRedirects;
import org.rapport.platform.Workspaces;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The listening page: the monitors with their new hits, what the listening channels last did, and the hits, each
 * with who wrote it, where, when, and the buttons to answer, share or dismiss it. Monitors are kept on a form of
 * their own.
 */
@Controller
class ListeningController {

	static final int PAGE = 30;

	private final Monitors monitors;
	private final Heard heard;
	private final Listening listening;
	private final Channels channels;
	private final Workspaces workspaces;
	private final AuditLog audit;

	ListeningController(Monitors monitors, Heard heard, Listening listening, Channels channels, Workspaces workspaces,
			AuditLog audit) {
		this.monitors = monitors;
		this.heard = heard;
		this.listening = listening;
		this.channels = channels;
		this.workspaces = workspaces;
		this.audit = audit;
	}

	@GetMapping("/listening")
	String page(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String monitor,
			@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String cursor, jakarta.servlet.http.HttpServletRequest request, Model model) {
		UUID monitorId = ListeningApi.id("monitor", monitor);
		Monitor selected = monitorId == null ? null : monitors.get(me.workspaceId(), monitorId);
		String shown = status == null || status.isBlank() ? "new" : status;
		model.addAttribute("monitors", monitors.of(me.workspaceId()));
		model.addAttribute("counts", heard.newCounts(me.workspaceId()));
		model.addAttribute("selected", selected);
		model.addAttribute("status", shown);
		model.addAttribute("channelId", ListeningApi.id("channel", channel));
		model.addAttribute("page", heard.list(me.workspaceId(), monitorId, shown, ListeningApi.id("channel", channel),
				cursor, PAGE));
		model.addAttribute("sources", listening.sources(me.workspaceId()));
		model.addAttribute("kindNames", kindNames());
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		model.addAttribute("canManage", me.role().canManage());
		model.addAttribute("canWork", me.role().canWork());
		model.addAttribute("back", back(request.getQueryString() == null ? "/listening" : "/listening?" + request.getQueryString()));
		return "listening";
	}

	@GetMapping("/listening/monitors/new")
	String newMonitor(@AuthenticationPrincipal CurrentUser me, Model model) {
		me.requireManager();
		return form(me, null, new Monitors.Draft("", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null),
				model);
	}

	@GetMapping("/listening/monitors/{id}")
	String editMonitor(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		me.requireManager();
		Monitor m = monitors.get(me.workspaceId(), id);
		return form(me, m, new Monitors.Draft(m.name(), m.any(), m.all(), m.phrases(), m.exclude(), m.languages(),
				m.channelIds(), m.alertPerHour()), model);
	}

	@PostMapping("/listening/monitors")
	String create(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> form,
			@RequestParam(name = "channelIds", required = false) List<String> channelIds, HttpServletRequest request,
			Model model, RedirectAttributes flash) {
		Monitors.Draft draft = draft(form, channelIds);
		try {
			Monitor created = monitors.create(me, draft);
			audit.record(me.workspaceId(), me.userId(), "listening.monitor.created", created.name(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "listening.monitor.saved");
			return "redirect:/listening?monitor=" + created.id();
		}
		catch (InvalidFieldException e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("errorField", e.field());
			return form(me, null, draft, model);
		}
	}

	@PostMapping("/listening/monitors/{id}")
	String update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam Map<String, String> form,
			@RequestParam(name = "channelIds", required = false) List<String> channelIds, HttpServletRequest request,
			Model model, RedirectAttributes flash) {
		Monitor existing = monitors.get(me.workspaceId(), id);
		Monitors.Draft draft = draft(form, channelIds);
		try {
			Monitor changed = monitors.update(me, id, draft);
			audit.record(me.workspaceId(), me.userId(), "listening.monitor.changed", changed.name(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "listening.monitor.saved");
			return "redirect:/listening?monitor=" + id;
		}
		catch (InvalidFieldException e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("errorField", e.field());
			return form(me, existing, draft, model);
		}
	}

	@PostMapping("/listening/monitors/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request,
			RedirectAttributes flash) {
		String name = monitors.delete(me, id).name();
		audit.record(me.workspaceId(), me.userId(), "listening.monitor.deleted", name, request.getRemoteAddr());
		flash.addFlashAttribute("notice", "listening.monitor.deleted");
		flash.addFlashAttribute("noticeArg", name);
		return "redirect:/listening";
	}

	@PostMapping("/listening/hits/{id}/dismiss")
	String dismiss(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String back, RedirectAttributes flash) {
		heard.dismiss(me, id);
		flash.addFlashAttribute("notice", "listening.hit.dismissed");
		flash.addFlashAttribute("undoHit", id);
		return "redirect:" + back(back);
	}

	@PostMapping("/listening/hits/{id}/restore")
	String restore(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String back, RedirectAttributes flash) {
		heard.restore(me, id);
		flash.addFlashAttribute("notice", "listening.hit.restored");
		return "redirect:" + back(back);
	}

	@PostMapping("/listening/hits/{id}/share")
	String share(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String back, HttpServletRequest request, RedirectAttributes flash) {
		try {
			var shared = heard.share(me, id);
			audit.record(me.workspaceId(), me.userId(), "listening.hit.shared", shared.url() == null ? id.toString() : shared.url(),
					request.getRemoteAddr());
			flash.addFlashAttribute("notice", "listening.hit.shared");
		}
		catch (Heard.ShareFailed e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:" + back(back);
	}

	@PostMapping("/listening/hits/{id}/quote")
	String quote(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam(defaultValue = "") String text,
			@RequestParam(required = false) String back, HttpServletRequest request, RedirectAttributes flash) {
		try {
			var quoted = heard.quote(me, id, text);
			audit.record(me.workspaceId(), me.userId(), "listening.hit.quoted", quoted.url() == null ? id.toString() : quoted.url(),
					request.getRemoteAddr());
			flash.addFlashAttribute("notice", "listening.hit.quoted");
		}
		catch (Heard.ShareFailed | IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
			// flash attributes live in the stored session: plain maps only
			Map<String, String> draft = new LinkedHashMap<>();
			draft.put("id", id.toString());
			draft.put("text", text);
			flash.addFlashAttribute("quoteDraft", draft);
		}
		return "redirect:" + back(back);
	}

	@PostMapping("/listening/hits/{id}/answer")
	String answer(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(required = false) String back, RedirectAttributes flash) {
		try {
			return "redirect:/inbox/" + heard.answer(me, id);
		}
		catch (Heard.ShareFailed e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:" + back(back);
		}
	}

	@PostMapping("/listening/read")
	String read(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String back,
			RedirectAttributes flash) {
		me.requireWorker();
		int n = listening.readNow(me.workspaceId());
		flash.addFlashAttribute("notice", "listening.read.done");
		flash.addFlashAttribute("noticeArg", n);
		return "redirect:" + back(back);
	}

	private String form(CurrentUser me, Monitor existing, Monitors.Draft draft, Model model) {
		model.addAttribute("monitor", existing);
		model.addAttribute("draft", draft);
		model.addAttribute("sources", listening.sources(me.workspaceId()));
		model.addAttribute("kindNames", kindNames());
		return "listening-monitor";
	}

	/** Each kind's name in the reader's language, for the channels listed. */
	private Map<String, String> kindNames() {
		boolean german = LocaleContextHolder.getLocale().getLanguage().equals("de");
		Map<String, String> names = new LinkedHashMap<>();
		channels.connectors().forEach(c -> names.put(c.kind(), german ? c.name().de() : c.name().en()));
		return names;
	}

	/** Terms as a manager types them: one per line, or separated by commas. */
	static List<String> terms(String typed) {
		if (typed == null) {
			return List.of();
		}
		return Arrays.stream(typed.split("[\\n,]")).map(String::strip).filter(t -> !t.isEmpty()).toList();
	}

	private static Monitors.Draft draft(Map<String, String> form, List<String> channelIds) {
		List<UUID> ids = new ArrayList<>();
		if (channelIds != null) {
			for (int i = 0; i < channelIds.size(); i++) {
				ids.add(ListeningApi.id("channelIds[" + i + "]", channelIds.get(i)));
			}
		}
		String alert = form.getOrDefault("alertPerHour", "").strip();
		return new Monitors.Draft(form.get("name"), terms(form.get("any")), terms(form.get("all")),
				terms(form.get("phrases")), terms(form.get("exclude")), terms(form.get("languages")), ids,
				alert.isEmpty() ? null : ListeningApi.number("alertPerHour", alert));
	}

	/** Where to go back to: a path on this site under /listening, else the listening page. */
	private static String back(String back) {
		String path = LocalRedirects.path(back, "/listening");
		return path.startsWith("/listening") ? path : "/listening";
	}
}

package org.rapport.platform.web;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.platform.ApiTokens;
import org.rapport.platform.AuditLog;
import org.rapport.platform.BusinessHours;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.ForbiddenException;
import org.rapport.platform.Members;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Workspace settings: name, time zone, business hours, members, API tokens, audit log; and switching workspace. */
@Controller
class SettingsController {

	private final Workspaces workspaces;
	private final Members members;
	private final ApiTokens tokens;
	private final AuditLog audit;

	SettingsController(Workspaces workspaces, Members members, ApiTokens tokens, AuditLog audit) {
		this.workspaces = workspaces;
		this.members = members;
		this.tokens = tokens;
		this.audit = audit;
	}

	@GetMapping("/settings")
	String settings(@AuthenticationPrincipal CurrentUser me, Model model) {
		Workspace ws = workspaces.get(me.workspaceId());
		Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day, ws.businessHours().line(day));
		}
		model.addAttribute("hours", hours);
		model.addAttribute("members", members.of(me.workspaceId()));
		model.addAttribute("tokens", tokens.active(me.workspaceId()));
		model.addAttribute("roles", Role.values());
		model.addAttribute("audit", me.role().canManage() ? audit.recent(me.workspaceId(), 50) : java.util.List.of());
		return "settings";
	}

	@PostMapping("/settings/workspace")
	String saveWorkspace(@AuthenticationPrincipal CurrentUser me, @RequestParam String name, @RequestParam String timeZone,
			@RequestParam Map<String, String> form, RedirectAttributes flash) {
		me.requireManager();
		try {
			Map<DayOfWeek, String> lines = new EnumMap<>(DayOfWeek.class);
			for (DayOfWeek day : DayOfWeek.values()) {
				lines.put(day, form.getOrDefault("hours_" + day.name(), ""));
			}
			if (name.isBlank()) {
				throw new IllegalArgumentException("The workspace needs a name.");
			}
			ZoneId zone;
			try {
				zone = ZoneId.of(timeZone.strip());
			}
			catch (DateTimeException e) {
				throw new IllegalArgumentException("Unknown time zone '" + timeZone + "'; use e.g. Europe/Berlin.");
			}
			workspaces.updateSettings(me.workspaceId(), name, zone, BusinessHours.ofLines(lines));
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings";
	}

	@PostMapping("/settings/members")
	String addMember(@AuthenticationPrincipal CurrentUser me, @RequestParam String email, @RequestParam String name,
			@RequestParam(required = false) String password, @RequestParam String role, RedirectAttributes flash,
			HttpServletRequest request) {
		me.requireManager();
		try {
			Role chosen = Role.of(role);
			if (chosen == Role.OWNER && me.role() != Role.OWNER) {
				throw new ForbiddenException("Only an owner can add owners.");
			}
			members.add(me.workspaceId(), email, name, password, chosen);
			audit.record(me.workspaceId(), me.userId(), "member.added", email + " as " + chosen.key(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "settings.memberAdded");
		}
		catch (IllegalArgumentException | ForbiddenException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings#members";
	}

	@PostMapping("/settings/members/{userId}/remove")
	String removeMember(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, HttpServletRequest request) {
		me.requireManager();
		members.remove(me.workspaceId(), userId);
		audit.record(me.workspaceId(), me.userId(), "member.removed", userId.toString(), request.getRemoteAddr());
		return "redirect:/settings#members";
	}

	@PostMapping("/settings/tokens")
	String createToken(@AuthenticationPrincipal CurrentUser me, @RequestParam String name, RedirectAttributes flash,
			HttpServletRequest request) {
		me.requireWorker();
		ApiTokens.Created created = tokens.create(me, name);
		audit.record(me.workspaceId(), me.userId(), "token.created", created.id().toString(), request.getRemoteAddr());
		flash.addFlashAttribute("newToken", created.token());
		return "redirect:/settings#tokens";
	}

	@PostMapping("/settings/tokens/{id}/revoke")
	String revokeToken(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request,
			RedirectAttributes flash) {
		me.requireWorker();
		if (tokens.revoke(me.workspaceId(), id)) {
			audit.record(me.workspaceId(), me.userId(), "token.revoked", id.toString(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "settings.tokenRevoked");
		}
		return "redirect:/settings#tokens";
	}

	@PostMapping("/workspace")
	String switchWorkspace(@AuthenticationPrincipal CurrentUser me, @RequestParam UUID workspaceId,
			HttpServletRequest request) {
		Role role = members.workspacesOf(me.userId()).stream().filter(m -> m.workspaceId().equals(workspaceId))
			.map(Members.Membership::role).findFirst()
			.orElseThrow(() -> new ForbiddenException("You are not a member of that workspace."));
		CurrentUser switched = me.inWorkspace(workspaceId, role);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(switched, null, switched.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
		return "redirect:/inbox";
	}
}

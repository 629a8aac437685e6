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
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.PasswordResets;
import org.rapport.platform.TwoFactor;
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

/**
 * Workspace settings: name, time zone, business hours, members and invitations, API tokens, audit log; and switching
 * workspace. Who may call each route is the permission matrix's business; who may change whom, {@link Members}'.
 */
@Controller
class SettingsController {

	private final Workspaces workspaces;
	private final Members members;
	private final ApiTokens tokens;
	private final AuditLog audit;
	private final PasswordResets invitations;
	private final TwoFactor twoFactor;

	SettingsController(Workspaces workspaces, Members members, ApiTokens tokens, AuditLog audit,
			PasswordResets invitations, TwoFactor twoFactor) {
		this.twoFactor = twoFactor;
		this.invitations = invitations;
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
		model.addAttribute("holidays", String.join("\n", ws.businessHours().holidays().stream().map(Object::toString).toList()));
		model.addAttribute("members", members.of(me.workspaceId()));
		model.addAttribute("twoFactorUsers", twoFactor.enabledIn(me.workspaceId()));
		model.addAttribute("twoFactorRequired", twoFactor.required(me.workspaceId()));
		model.addAttribute("tokens", tokens.visibleTo(me));
		model.addAttribute("myInvitations", members.invitationsFor(me.userId()));
		model.addAttribute("openInvitations", me.role().canManage() ? members.invitationsOf(me.workspaceId()) : java.util.List.of());
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
			workspaces.updateSettings(me.workspaceId(), name, zone, BusinessHours.ofLines(lines)
				.withHolidays(BusinessHours.parseHolidays(form.getOrDefault("holidays", ""))));
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
		try {
			Members.Addition added = members.addBy(me, email, name, password, Role.of(role));
			boolean invited = added instanceof Members.Invited;
			audit.record(me.workspaceId(), me.userId(), invited ? "member.invited" : "member.added",
					email + " as " + role, request.getRemoteAddr());
			if (added instanceof Members.Joined joined && joined.choosesPassword()) {
				java.util.Optional<String> failure = invitations.invite(me, joined.member().userId(),
						org.springframework.context.i18n.LocaleContextHolder.getLocale());
				flash.addFlashAttribute("notice", failure.isEmpty() ? "settings.memberMailed" : "settings.memberNotMailed");
				failure.ifPresent(reason -> flash.addFlashAttribute("noticeArg", reason));
			}
			else {
				flash.addFlashAttribute("notice", invited ? "settings.memberInvited" : "settings.memberAdded");
			}
		}
		catch (IllegalArgumentException | IllegalStateException | ForbiddenException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings#members";
	}

	@PostMapping("/settings/members/{userId}/role")
	String changeRole(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, @RequestParam String role,
			RedirectAttributes flash, HttpServletRequest request) {
		try {
			Member changed = members.changeRole(me, userId, Role.of(role));
			audit.record(me.workspaceId(), me.userId(), "member.role", changed.email() + " as " + changed.role().key(),
					request.getRemoteAddr());
			flash.addFlashAttribute("notice", "settings.roleChanged");
		}
		catch (IllegalArgumentException | ForbiddenException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings#members";
	}

	@PostMapping("/settings/members/{userId}/remove")
	String removeMember(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, RedirectAttributes flash,
			HttpServletRequest request) {
		try {
			Member removed = members.remove(me, userId);
			audit.record(me.workspaceId(), me.userId(), "member.removed", removed.email(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "settings.memberRemoved");
		}
		catch (ForbiddenException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings#members";
	}

	@PostMapping("/settings/invitations/{id}/withdraw")
	String withdrawInvitation(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes flash,
			HttpServletRequest request) {
		members.withdraw(me, id);
		audit.record(me.workspaceId(), me.userId(), "invitation.withdrawn", id.toString(), request.getRemoteAddr());
		flash.addFlashAttribute("notice", "settings.invitationWithdrawn");
		return "redirect:/settings#members";
	}

	/** The signed-in person answers an invitation to another workspace; accepting switches there. */
	@PostMapping("/invitations/{id}/{answer:accept|decline}")
	String answerInvitation(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable String answer,
			RedirectAttributes flash, HttpServletRequest request) {
		var joined = members.answer(me.userId(), id, answer.equals("accept"));
		if (joined.isEmpty()) {
			flash.addFlashAttribute("notice", "settings.invitationDeclined");
			return "redirect:/settings";
		}
		audit.record(joined.get().workspaceId(), me.userId(), "invitation.accepted", me.email(), request.getRemoteAddr());
		actAs(me.inWorkspace(joined.get()), request);
		flash.addFlashAttribute("notice", "settings.invitationAccepted");
		return "redirect:/inbox";
	}

	@PostMapping("/settings/tokens")
	String createToken(@AuthenticationPrincipal CurrentUser me, @RequestParam String name, RedirectAttributes flash,
			HttpServletRequest request) {
		ApiTokens.Created created = tokens.create(me, name);
		audit.record(me.workspaceId(), me.userId(), "token.created", created.id().toString(), request.getRemoteAddr());
		flash.addFlashAttribute("newToken", created.token());
		return "redirect:/settings#tokens";
	}

	@PostMapping("/settings/tokens/{id}/revoke")
	String revokeToken(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request,
			RedirectAttributes flash) {
		try {
			tokens.revoke(me, id);
			audit.record(me.workspaceId(), me.userId(), "token.revoked", id.toString(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "settings.tokenRevoked");
		}
		catch (ForbiddenException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings#tokens";
	}

	@PostMapping("/workspace")
	String switchWorkspace(@AuthenticationPrincipal CurrentUser me, @RequestParam UUID workspaceId,
			HttpServletRequest request) {
		Members.Membership membership = members.workspacesOf(me.userId()).stream()
			.filter(m -> m.workspaceId().equals(workspaceId))
			.findFirst()
			.orElseThrow(() -> new ForbiddenException("You are not a member of that workspace."));
		actAs(me.inWorkspace(membership), request);
		return "redirect:/inbox";
	}

	/** Continues the session as the same person in another workspace, and starts there at the next login. */
	private void actAs(CurrentUser switched, HttpServletRequest request) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(switched, null, switched.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
		members.rememberWorkspace(switched.userId(), switched.workspaceId());
	}
}

package org.rapport.platform.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.ForbiddenException;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.TwoFactor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Two-factor sign-in in the UI: a member sets it up, makes new recovery codes and switches it off under My account;
 * an owner requires it for the workspace and resets a member's (Settings → General, Members).
 */
@Controller
class TwoFactorController {

	private final TwoFactor twoFactor;
	private final AccountController account;
	private final AuditLog audit;

	TwoFactorController(TwoFactor twoFactor, AccountController account, AuditLog audit) {
		this.twoFactor = twoFactor;
		this.account = account;
		this.audit = audit;
	}

	@GetMapping("/settings/account/two-factor")
	String setUp(@AuthenticationPrincipal CurrentUser me, Model model) {
		if (twoFactor.enabled(me.userId())) {
			return "redirect:/settings/account#two-factor";
		}
		model.addAttribute("enrolment", twoFactor.enrolment(me.userId()));
		model.addAttribute("mustEnrol", twoFactor.required(me.workspaceId()));
		return "two-factor";
	}

	@PostMapping("/settings/account/two-factor")
	String confirm(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String code, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		if (twoFactor.enabled(me.userId())) {
			return "redirect:/settings/account#two-factor";
		}
		List<String> codes;
		try {
			codes = twoFactor.confirm(me.userId(), code);
		}
		catch (InvalidFieldException e) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("fieldError", e.getMessage());
			model.addAttribute("errorField", e.field());
			return setUp(me, model);
		}
		account.continueAfterCredentialChange(me, request);
		audit.record(me.workspaceId(), me.userId(), "twofactor.on", me.email(), request.getRemoteAddr());
		model.addAttribute("codes", codes);
		model.addAttribute("justEnabled", true);
		return "two-factor-codes";
	}

	@PostMapping("/settings/account/two-factor/recovery-codes")
	String newCodes(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String code, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		List<String> codes;
		try {
			codes = twoFactor.newRecoveryCodes(me.userId(), code);
		}
		catch (InvalidFieldException e) {
			return account.refused(me, model, new InvalidFieldException("recoveryCode", e.getMessage()), response);
		}
		audit.record(me.workspaceId(), me.userId(), "twofactor.recovery-codes", me.email(), request.getRemoteAddr());
		model.addAttribute("codes", codes);
		model.addAttribute("justEnabled", false);
		return "two-factor-codes";
	}

	@PostMapping("/settings/account/two-factor/off")
	String switchOff(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String code, Model model, RedirectAttributes flash,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			twoFactor.disable(me.userId(), currentPassword, code);
		}
		catch (InvalidFieldException e) {
			String field = e.field().equals("code") ? "offCode" : "offPassword";
			return account.refused(me, model, new InvalidFieldException(field, e.getMessage()), response);
		}
		account.continueAfterCredentialChange(me, request);
		audit.record(me.workspaceId(), me.userId(), "twofactor.off", me.email(), request.getRemoteAddr());
		flash.addFlashAttribute("notice", "twoFactor.switchedOff");
		return twoFactor.required(me.workspaceId()) ? "redirect:/settings/account/two-factor" : "redirect:/settings/account";
	}

	@PostMapping("/settings/security")
	String requirement(@AuthenticationPrincipal CurrentUser me,
			@RequestParam(name = "twoFactorRequired", defaultValue = "false") boolean required, RedirectAttributes flash,
			HttpServletRequest request) {
		try {
			twoFactor.require(me, required);
			audit.record(me.workspaceId(), me.userId(), required ? "twofactor.required" : "twofactor.optional", null,
					request.getRemoteAddr());
			flash.addFlashAttribute("notice", required ? "twoFactor.nowRequired" : "twoFactor.nowOptional");
		}
		catch (IllegalStateException | ForbiddenException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings#security";
	}

	@PostMapping("/settings/members/{userId}/two-factor/reset")
	String reset(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, RedirectAttributes flash,
			HttpServletRequest request) {
		TwoFactor.Reset reset = twoFactor.reset(me, userId, LocaleContextHolder.getLocale());
		audit.record(me.workspaceId(), me.userId(), "twofactor.reset", reset.email(), request.getRemoteAddr());
		flash.addFlashAttribute("notice", reset.mailFailure().isEmpty() ? "twoFactor.resetMailed" : "twoFactor.resetNotMailed");
		flash.addFlashAttribute("noticeArg", reset.mailFailure().orElse(reset.email()));
		return "redirect:/settings#members";
	}
}

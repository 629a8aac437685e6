package org.rapport.platform.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.Accounts;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.Members;
import org.rapport.platform.TwoFactor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → My account: every member changes their own name, language, reply signature and password. A new password ends the
 * person's other sessions; this one continues.
 */
@Controller
class AccountController {

	private final Accounts accounts;
	private final Members members;
	private final AuditLog audit;
	private final LocaleResolver locales;
	private final TwoFactor twoFactor;

	AccountController(Accounts accounts, Members members, AuditLog audit, LocaleResolver locales, TwoFactor twoFactor) {
		this.twoFactor = twoFactor;
		this.accounts = accounts;
		this.members = members;
		this.audit = audit;
		this.locales = locales;
	}

	@GetMapping("/settings/account")
	String account(@AuthenticationPrincipal CurrentUser me, Model model) {
		Accounts.Profile profile = accounts.profile(me.userId());
		if (!model.containsAttribute("displayName")) {
			model.addAttribute("displayName", profile.displayName());
		}
		if (!model.containsAttribute("language")) {
			model.addAttribute("language", profile.language() == null ? "" : profile.language());
		}
		if (!model.containsAttribute("signature")) {
			model.addAttribute("signature", profile.signature());
		}
		model.addAttribute("maxSignature", Accounts.MAX_SIGNATURE);
		model.addAttribute("profile", profile);
		boolean on = twoFactor.enabled(me.userId());
		model.addAttribute("twoFactorOn", on);
		model.addAttribute("recoveryCodesLeft", on ? twoFactor.recoveryCodesLeft(me.userId()) : 0);
		return "account";
	}

	@PostMapping("/settings/account")
	String saveProfile(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String displayName,
			@RequestParam(required = false) String language, Model model, RedirectAttributes flash,
			HttpServletRequest request, HttpServletResponse response) {
		Accounts.Profile profile;
		try {
			profile = accounts.update(me.userId(), displayName, language);
		}
		catch (InvalidFieldException e) {
			model.addAttribute("displayName", displayName);
			model.addAttribute("language", language);
			return refused(me, model, e, response);
		}
		continueAs(new CurrentUser(me.userId(), me.email(), profile.displayName(), me.workspaceId(), me.role(),
				me.epoch(), null), request);
		// the choice holds in this browser at once, over an earlier ?lang=
		locales.setLocale(request, response, profile.language() == null ? null : Locale.of(profile.language()));
		audit.record(me.workspaceId(), me.userId(), "account.profile", me.email(), request.getRemoteAddr());
		flash.addFlashAttribute("notice", "account.saved");
		return "redirect:/settings/account";
	}

	@PostMapping("/settings/account/signature")
	String saveSignature(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "") String signature,
			Model model, RedirectAttributes flash, HttpServletRequest request, HttpServletResponse response) {
		try {
			accounts.setSignature(me.userId(), signature);
		}
		catch (InvalidFieldException e) {
			model.addAttribute("signature", signature);
			return refused(me, model, e, response);
		}
		audit.record(me.workspaceId(), me.userId(), "account.signature", me.email(), request.getRemoteAddr());
		flash.addFlashAttribute("notice", "account.signatureSaved");
		return "redirect:/settings/account#signature";
	}

	@PostMapping("/settings/account/password")
	String changePassword(@AuthenticationPrincipal CurrentUser me,
			@RequestParam(required = false) String currentPassword, @RequestParam(required = false) String newPassword,
			Model model, RedirectAttributes flash, HttpServletRequest request, HttpServletResponse response) {
		try {
			accounts.changePassword(me.userId(), currentPassword, newPassword);
		}
		catch (InvalidFieldException e) {
			return refused(me, model, e, response);
		}
		continueAfterCredentialChange(me, request);
		audit.record(me.workspaceId(), me.userId(), "account.password", me.email(), request.getRemoteAddr());
		flash.addFlashAttribute("notice", "account.passwordChanged");
		return "redirect:/settings/account";
	}

	String refused(CurrentUser me, Model model, InvalidFieldException e, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("fieldError", e.getMessage());
		model.addAttribute("errorField", e.field());
		return account(me, model);
	}

	/**
	 * Keeps this session going, under a new id, with the epoch that a change of the person's credentials raised to
	 * end their other sessions.
	 */
	void continueAfterCredentialChange(CurrentUser me, HttpServletRequest request) {
		int epoch = members.standing(me.workspaceId(), me.userId()).orElseThrow().epoch();
		continueAs(new CurrentUser(me.userId(), me.email(), me.displayName(), me.workspaceId(), me.role(), epoch, null),
				request);
		request.changeSessionId();
	}

	/** Keeps this session going as the changed person (a new name, or the epoch a new password raised). */
	private static void continueAs(CurrentUser changed, HttpServletRequest request) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(changed, null, changed.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
	}
}

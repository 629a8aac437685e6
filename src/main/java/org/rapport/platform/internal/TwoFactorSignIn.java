package org.rapport.platform.internal;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.TwoFactor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second step of signing in ({@code /login/code}) for a person with two-factor sign-in: the correct password
 * leaves the session unauthenticated and remembers only who passed it, for {@link #PENDING_FOR}; a current code of
 * the person's app, or one of their recovery codes, then signs them in. Wrong codes are slowed down by
 * {@link LoginThrottle} like wrong passwords. Public like the login page, and protected by CSRF like it.
 */
@Controller
class TwoFactorSignIn {

	static final String PENDING = TwoFactorSignIn.class.getName() + ".pending";

	/** How long the second step waits after the password before the password has to be entered again. */
	static final Duration PENDING_FOR = Duration.ofMinutes(5);

	/** Who passed the password step, and when. Kept in the session (which is stored in the database). */
	record Pending(UUID userId, String email, Instant since) implements Serializable {
	}

	private final TwoFactor twoFactor;
	private final LoginThrottle throttle;
	private final KnownDevices devices;
	private final RapportUserDetails users;
	private final AuditLog audit;
	private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
	private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

	TwoFactorSignIn(TwoFactor twoFactor, LoginThrottle throttle, KnownDevices devices, RapportUserDetails users,
			AuditLog audit) {
		this.twoFactor = twoFactor;
		this.throttle = throttle;
		this.devices = devices;
		this.users = users;
		this.audit = audit;
	}

	/**
	 * After a correct password: whether a second step follows. If so, the session is left without authentication,
	 * remembers the person for the second step, and the browser is sent there.
	 */
	boolean secondStep(CurrentUser user, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!twoFactor.enabled(user.userId())) {
			return false;
		}
		SecurityContextHolder.clearContext();
		HttpSession session = request.getSession();
		session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		session.setAttribute(PENDING, new Pending(user.userId(), user.email(), Instant.now()));
		response.sendRedirect(request.getContextPath() + "/login/code");
		return true;
	}

	@GetMapping("/login/code")
	String form(HttpServletRequest request) {
		return pending(request) == null ? "redirect:/login" : "login-code";
	}

	@PostMapping("/login/code")
	String check(@RequestParam(required = false) String code, Model model, RedirectAttributes flash,
			HttpServletRequest request, HttpServletResponse response) {
		Pending pending = pending(request);
		if (pending == null) {
			return "redirect:/login?expired";
		}
		String ip = request.getRemoteAddr();
		long wait = throttle.codeWait(ip, pending.email(), devices.known(pending.email(), request)).toSeconds();
		if (wait > 0) {
			response.setStatus(429);
			response.setHeader("Retry-After", Long.toString(Math.max(1, wait)));
			model.addAttribute("throttled", Math.max(1, wait));
			return "login-code";
		}
		TwoFactor.Outcome outcome = twoFactor.verify(pending.userId(), code);
		if (!outcome.passed()) {
			throttle.codeFailed(ip, pending.email());
			audit.record(null, pending.userId(), "login.code.failed", pending.email(), ip);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("wrong", true);
			return "login-code";
		}
		throttle.codeSucceeded(pending.email());
		CurrentUser user = users.loadUserByUsername(pending.email());
		user.eraseCredentials();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.getSession().removeAttribute(PENDING);
		request.changeSessionId();
		contexts.saveContext(context, request, response);
		devices.remember(user.email(), request, response);
		audit.record(user.workspaceId(), user.userId(), "login",
				user.email() + (outcome == TwoFactor.Outcome.RECOVERY_CODE ? " (recovery code)" : ""), ip);
		if (outcome == TwoFactor.Outcome.RECOVERY_CODE) {
			flash.addFlashAttribute("notice", "twoFactor.recoveryUsed");
			flash.addFlashAttribute("noticeArg", Integer.toString(twoFactor.recoveryCodesLeft(user.userId())));
			return "redirect:/settings/account#two-factor";
		}
		SavedRequest saved = savedRequests.getRequest(request, response);
		savedRequests.removeRequest(request, response);
		return "redirect:" + (saved == null ? request.getContextPath() + "/inbox" : saved.getRedirectUrl());
	}

	private static Pending pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) {
			return null;
		}
		if (pending.since().plus(PENDING_FOR).isBefore(Instant.now())) {
			session.removeAttribute(PENDING);
			return null;
		}
		return pending;
	}
}

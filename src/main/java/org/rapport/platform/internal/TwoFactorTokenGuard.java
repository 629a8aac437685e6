package org.rapport.platform.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.TwoFactor;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Exchanging a password for an API token ({@code POST /api/v1/tokens} with HTTP Basic) is a sign-in too: a person
 * with two-factor sign-in also sends a current code, or a recovery code, in {@value #HEADER}. Wrong codes are slowed
 * down like those of the login page. Requests with a token are not affected. Part of the API's filter chain only.
 */
class TwoFactorTokenGuard extends OncePerRequestFilter {

	static final String HEADER = "X-Rapport-OTP";

	private final TwoFactor twoFactor;
	private final LoginThrottle throttle;

	TwoFactorTokenGuard(TwoFactor twoFactor, LoginThrottle throttle) {
		this.twoFactor = twoFactor;
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader("Authorization");
		boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (basic && authentication != null && authentication.getPrincipal() instanceof CurrentUser user
				&& twoFactor.enabled(user.userId())) {
			String ip = request.getRemoteAddr();
			long wait = throttle.codeWait(ip, user.email(), false).toSeconds();
			if (wait > 0) {
				response.setHeader("Retry-After", Long.toString(Math.max(1, wait)));
				SecurityConfiguration.problem(response, HttpStatus.TOO_MANY_REQUESTS,
						"Too many wrong codes. Try again in " + Math.max(1, wait) + " seconds.");
				return;
			}
			String code = request.getHeader(HEADER);
			if (code == null || code.isBlank()) {
				response.setHeader(HEADER, "required");
				SecurityConfiguration.problem(response, HttpStatus.UNAUTHORIZED, "This account signs in with two factors: "
						+ "send the current code of the authenticator app (or a recovery code) in the header " + HEADER + ".");
				return;
			}
			if (!twoFactor.verify(user.userId(), code).passed()) {
				throttle.codeFailed(ip, user.email());
				response.setHeader(HEADER, "required");
				SecurityConfiguration.problem(response, HttpStatus.UNAUTHORIZED,
						"The code in " + HEADER + " is not right, or was used already.");
				return;
			}
			throttle.codeSucceeded(user.email());
		}
		chain.doFilter(request, response);
	}
}

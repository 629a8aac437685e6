package org.rapport.platform.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.TwoFactor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In a workspace that requires two-factor sign-in, a signed-in member without it is sent to set it up and can do
 * nothing else until done (but sign out, or switch to another workspace). Part of the UI's filter chain only.
 */
class TwoFactorEnrolment extends OncePerRequestFilter {

	static final String ENROL = "/settings/account/two-factor";

	private static final List<String> OPEN = List.of(ENROL, "/logout", "/workspace", "/css/", "/js/", "/img/",
			"/webjars/", "/favicon.ico", "/error");

	private final TwoFactor twoFactor;

	TwoFactorEnrolment(TwoFactor twoFactor) {
		this.twoFactor = twoFactor;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user
				&& OPEN.stream().noneMatch(path::startsWith) && twoFactor.mustEnrol(user)) {
			String target = request.getContextPath() + ENROL;
			if (request.getHeader("HX-Request") != null) {
				response.setHeader("HX-Redirect", target);
				response.setStatus(HttpServletResponse.SC_FORBIDDEN);
				return;
			}
			response.sendRedirect(target);
			return;
		}
		chain.doFilter(request, response);
	}
}

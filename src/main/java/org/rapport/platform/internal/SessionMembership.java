package org.rapport.platform.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks on every request of a signed-in session that the person is still a member with the role the session
 * began with (the membership's epoch, read at most a few seconds ago). A removed member or one whose role changed
 * is signed out and sent to the login page, which says why. Part of the UI's filter chain only (not a bean, so
 * that it is not also registered for every request).
 */
class SessionMembership extends OncePerRequestFilter {

	static final String ENDED = "/login?ended";

	private final Members members;

	SessionMembership(Members members) {
		this.members = members;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
			Optional<Members.Standing> standing = members.standing(user.workspaceId(), user.userId());
			if (standing.isEmpty() || standing.get().epoch() != user.epoch()) {
				end(request, response);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static void end(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		String target = request.getContextPath() + ENDED;
		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Redirect", target);
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		response.sendRedirect(target);
	}
}

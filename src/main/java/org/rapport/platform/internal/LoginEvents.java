package org.rapport.platform.internal;

import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.TwoFactor;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Feeds login outcomes to the throttle and the audit log. */
@Component
class LoginEvents {

	private final LoginThrottle throttle;
	private final AuditLog audit;
	private final TwoFactor twoFactor;

	LoginEvents(LoginThrottle throttle, AuditLog audit, TwoFactor twoFactor) {
		this.throttle = throttle;
		this.audit = audit;
		this.twoFactor = twoFactor;
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		String ip = ip(event.getAuthentication().getDetails());
		throttle.failed(ip == null ? "unknown" : ip, event.getAuthentication().getName());
		audit.record(null, null, "login.failed", event.getAuthentication().getName(), ip);
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof CurrentUser user
				&& event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
			if (twoFactor.enabled(user.userId())) {
				// the password alone signs nobody in: the second step counts and records the login
				audit.record(user.workspaceId(), user.userId(), "login.password", user.email(), details.getRemoteAddress());
				return;
			}
			throttle.succeeded(user.email());
			audit.record(user.workspaceId(), user.userId(), "login", user.email(), details.getRemoteAddress());
		}
	}

	private static String ip(Object details) {
		return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
	}
}

package org.rapport.platform.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.TwoFactor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The workspace's security settings (whether it requires two-factor sign-in) and an owner's reset of a member's. */
@RestController
@Tag(name = "Members", description = "Members, roles and invitations")
class TwoFactorApi {

	private final TwoFactor twoFactor;
	private final AuditLog audit;

	TwoFactorApi(TwoFactor twoFactor, AuditLog audit) {
		this.twoFactor = twoFactor;
		this.audit = audit;
	}

	record Security(Boolean twoFactorRequired) {
	}

	/** {@code mail} is {@code sent} or {@code not_sent}, with the reason in {@code mailError}. */
	record Reset(UUID userId, String email, String mail, String mailError) {
	}

	@GetMapping("/api/v1/workspace/security")
	@Operation(summary = "The workspace's security settings", description = "Whether the workspace requires two-factor sign-in of every member.")
	Security security(@AuthenticationPrincipal CurrentUser me) {
		return new Security(twoFactor.required(me.workspaceId()));
	}

	@PutMapping("/api/v1/workspace/security")
	@Operation(summary = "Require two-factor sign-in, or no longer", description = "Owners only. To require it, the "
			+ "owner must use it already (409 otherwise). Members without it are sent to set it up at their next page; "
			+ "API tokens keep working.")
	Security change(@AuthenticationPrincipal CurrentUser me, @RequestBody(required = false) Security body,
			HttpServletRequest request) {
		if (body == null || body.twoFactorRequired() == null) {
			throw new InvalidFieldException("twoFactorRequired", "Say true or false.");
		}
		twoFactor.require(me, body.twoFactorRequired());
		audit.record(me.workspaceId(), me.userId(), body.twoFactorRequired() ? "twofactor.required" : "twofactor.optional",
				null, request.getRemoteAddr());
		return new Security(twoFactor.required(me.workspaceId()));
	}

	@DeleteMapping("/api/v1/members/{userId}/two-factor")
	@Operation(summary = "Reset a member's two-factor sign-in", description = "Owners only, for a member who lost "
			+ "their phone and recovery codes: switches it off and mails the member. 404 when the member has it off.")
	Reset reset(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, HttpServletRequest request) {
		TwoFactor.Reset reset = twoFactor.reset(me, userId, LocaleContextHolder.getLocale());
		audit.record(me.workspaceId(), me.userId(), "twofactor.reset", reset.email(), request.getRemoteAddr());
		return new Reset(userId, reset.email(), reset.mailFailure().isEmpty() ? "sent" : "not_sent",
				reset.mailFailure().orElse(null));
	}
}

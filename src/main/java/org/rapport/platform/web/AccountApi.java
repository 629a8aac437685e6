package org.rapport.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.rapport.platform.Accounts;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.TwoFactor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account through the API: name, language, signature and password. */
@RestController
@Tag(name = "Account", description = "The caller's own account")
class AccountApi {

	private final Accounts accounts;
	private final AuditLog audit;
	private final TwoFactor twoFactor;

	AccountApi(Accounts accounts, AuditLog audit, TwoFactor twoFactor) {
		this.twoFactor = twoFactor;
		this.accounts = accounts;
		this.audit = audit;
	}

	/**
	 * {@code language} is {@code de}, {@code en} or null (the browser's); {@code twoFactor} whether the person signs
	 * in with a second factor, {@code twoFactorRequired} whether the workspace asks every member to; {@code signature}
	 * the plain text under the person's replies ("" for none).
	 */
	record Me(String email, String displayName, String language, String workspaceId, String role, boolean twoFactor,
			boolean twoFactorRequired, String signature) {
	}

	/**
	 * Fields left out stay as they are; {@code language} {@code ""} returns to the browser's, {@code signature}
	 * {@code ""} removes the signature. A new password needs {@code currentPassword}.
	 */
	record Change(String displayName, String language, String signature, String currentPassword, String newPassword) {
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "The caller's own account")
	Me me(@AuthenticationPrincipal CurrentUser me) {
		return view(me, accounts.profile(me.userId()));
	}

	@PutMapping("/api/v1/me")
	@Operation(summary = "Change one's own name, language, signature or password", description = "Fields left out stay "
			+ "as they are. `signature` is plain text of at most 2,000 characters (`field: signature` when longer; \"\" "
			+ "removes it); it goes under the person's replies on channels without a signature of their own. A new password (at least 10 characters) needs the current one (`field: currentPassword` when it is "
			+ "wrong) and ends the person's signed-in sessions; API tokens stay.")
	Me change(@AuthenticationPrincipal CurrentUser me, @RequestBody Change body, HttpServletRequest request) {
		Accounts.Profile profile = accounts.profile(me.userId());
		if (body.displayName() != null || body.language() != null) {
			profile = accounts.update(me.userId(),
					body.displayName() != null ? body.displayName() : profile.displayName(),
					body.language() != null ? body.language() : profile.language());
			audit.record(me.workspaceId(), me.userId(), "account.profile", me.email(), request.getRemoteAddr());
		}
		if (body.signature() != null) {
			profile = accounts.setSignature(me.userId(), body.signature());
			audit.record(me.workspaceId(), me.userId(), "account.signature", me.email(), request.getRemoteAddr());
		}
		if (body.newPassword() != null || body.currentPassword() != null) {
			accounts.changePassword(me.userId(), body.currentPassword(), body.newPassword());
			audit.record(me.workspaceId(), me.userId(), "account.password", me.email(), request.getRemoteAddr());
		}
		return view(me, profile);
	}

	private Me view(CurrentUser me, Accounts.Profile profile) {
		return new Me(profile.email(), profile.displayName(), profile.language(), me.workspaceId().toString(),
				me.role().key(), twoFactor.enabled(me.userId()), twoFactor.required(me.workspaceId()), profile.signature());
	}
}

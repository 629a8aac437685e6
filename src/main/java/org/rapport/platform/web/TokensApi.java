package org.rapport.platform.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.rapport.platform.ApiTokens;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.ForbiddenException;
import org.rapport.platform.Members;
import org.rapport.platform.TwoFactor;
import org.rapport.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tokens", description = "API tokens: obtain one with HTTP Basic, then send it as a Bearer token")
class TokensApi {

	private final ApiTokens tokens;
	private final Members members;
	private final AuditLog audit;
	private final TwoFactor twoFactor;

	TokensApi(ApiTokens tokens, Members members, AuditLog audit, TwoFactor twoFactor) {
		this.twoFactor = twoFactor;
		this.tokens = tokens;
		this.members = members;
		this.audit = audit;
	}

	record CreateToken(String name, UUID workspaceId) {
	}

	record TokenCreated(UUID id, String token, UUID workspaceId) {
	}

	@PostMapping("/api/v1/tokens")
	@Operation(summary = "Create an API token", description = "Authenticate with HTTP Basic (email and password); "
			+ "a person with two-factor sign-in also sends a current code (or a recovery code) in `X-Rapport-OTP`. "
			+ "The token acts in one workspace: `workspaceId` if given (one of the caller's), else the one the caller "
			+ "last chose in the UI, else the one they joined first. Viewers get no token. The token is shown only once.")
	ResponseEntity<TokenCreated> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) CreateToken request, HttpServletRequest http) {
		CurrentUser holder = user;
		if (request != null && request.workspaceId() != null && !request.workspaceId().equals(user.workspaceId())) {
			holder = user.inWorkspace(members.workspacesOf(user.userId()).stream()
				.filter(m -> m.workspaceId().equals(request.workspaceId()))
				.findFirst()
				.orElseThrow(() -> new NotFoundException("You are not a member of workspace " + request.workspaceId() + ".")));
		}
		holder.requireWorker();
		String authorization = http.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) && twoFactor.mustEnrol(holder)) {
			throw new ForbiddenException("This workspace requires two-factor sign-in: sign in to the web interface and "
					+ "set it up under My account first.");
		}
		ApiTokens.Created created = tokens.create(holder, request == null ? null : request.name());
		audit.record(holder.workspaceId(), holder.userId(), "token.created", created.id().toString(), http.getRemoteAddr());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new TokenCreated(created.id(), created.token(), holder.workspaceId()));
	}

	@GetMapping("/api/v1/tokens")
	@Operation(summary = "List active tokens", description = "Managers see every token of the workspace, everyone else their own.")
	List<ApiTokens.Token> list(@AuthenticationPrincipal CurrentUser user) {
		return tokens.visibleTo(user);
	}

	@DeleteMapping("/api/v1/tokens/{id}")
	@Operation(summary = "Revoke a token", description = "Anyone may revoke their own tokens; managers anyone's but an owner's; owners every token.")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletRequest http) {
		tokens.revoke(user, id);
		audit.record(user.workspaceId(), user.userId(), "token.revoked", id.toString(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}
}

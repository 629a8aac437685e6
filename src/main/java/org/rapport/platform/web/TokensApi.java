package org.rapport.platform.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.rapport.platform.ApiTokens;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
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
	private final AuditLog audit;

	TokensApi(ApiTokens tokens, AuditLog audit) {
		this.tokens = tokens;
		this.audit = audit;
	}

	record CreateToken(String name) {
	}

	record TokenCreated(UUID id, String token) {
	}

	@PostMapping("/api/v1/tokens")
	@Operation(summary = "Create an API token", description = "Authenticate with HTTP Basic (email and password). The token is shown only once.")
	ResponseEntity<TokenCreated> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) CreateToken request, HttpServletRequest http) {
		ApiTokens.Created created = tokens.create(user, request == null ? null : request.name());
		audit.record(user.workspaceId(), user.userId(), "token.created", created.id().toString(), http.getRemoteAddr());
		return ResponseEntity.status(HttpStatus.CREATED).body(new TokenCreated(created.id(), created.token()));
	}

	@GetMapping("/api/v1/tokens")
	List<ApiTokens.Token> list(@AuthenticationPrincipal CurrentUser user) {
		return tokens.active(user.workspaceId());
	}

	@DeleteMapping("/api/v1/tokens/{id}")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletRequest http) {
		user.requireWorker();
		if (!tokens.revoke(user.workspaceId(), id)) {
			throw new NotFoundException("No active token " + id + " in this workspace.");
		}
		audit.record(user.workspaceId(), user.userId(), "token.revoked", id.toString(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}
}

package org.rapport.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for the API. A token is shown once when created; only its SHA-256 hash is stored, so a leaked
 * database does not leak usable tokens. A token acts as the member who created it, in that workspace.
 */
@Component
public class ApiTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	ApiTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Created(UUID id, String token) {
	}

	public record Token(UUID id, String name, String prefix, String owner, Instant createdAt, Instant lastUsedAt) {
	}

	public Created create(CurrentUser user, String name) {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = "rpt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		UUID id = UUID.randomUUID();
		String label = name == null || name.isBlank() ? "API" : name.strip();
		jdbc.sql("""
				insert into api_tokens(id, workspace_id, user_id, name, token_hash, prefix) values (?, ?, ?, ?, ?, ?)""")
			.params(id, user.workspaceId(), user.userId(), label, hash(token), token.substring(0, 8))
			.update();
		return new Created(id, token);
	}

	/** Revokes a token of the workspace; returns false when there was no such active token. */
	public boolean revoke(UUID workspaceId, UUID tokenId) {
		return jdbc.sql("update api_tokens set revoked_at = now() where id = ? and workspace_id = ? and revoked_at is null")
			.params(tokenId, workspaceId)
			.update() == 1;
	}

	public List<Token> active(UUID workspaceId) {
		return jdbc.sql("""
				select t.id, t.name, t.prefix, u.display_name, t.created_at, t.last_used_at
				from api_tokens t join users u on u.id = t.user_id
				where t.workspace_id = ? and t.revoked_at is null order by t.created_at desc""")
			.param(workspaceId)
			.query((rs, n) -> new Token(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(),
					rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
			.list();
	}

	/** The member a presented token acts as, if the token is active and the member still belongs there. */
	public Optional<CurrentUser> authenticate(String token) {
		if (token == null || !token.startsWith("rpt_")) {
			return Optional.empty();
		}
		return jdbc.sql("""
				update api_tokens t set last_used_at = now()
				from users u, memberships m
				where t.token_hash = ? and t.revoked_at is null and u.id = t.user_id
				  and m.user_id = t.user_id and m.workspace_id = t.workspace_id
				returning u.id, u.email, u.display_name, t.workspace_id, m.role""")
			.param(hash(token))
			.query((rs, n) -> new CurrentUser(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, UUID.class), Role.of(rs.getString(5)), null))
			.optional();
	}

	private static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

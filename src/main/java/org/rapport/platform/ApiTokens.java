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

	/**
	 * Creates a token that acts as {@code user} in {@code user.workspaceId()} and nowhere else. Who may ask for one
	 * is the permission matrix's business (viewers may not).
	 */
	public Created create(CurrentUser user, String name) {
		String label = name == null || name.isBlank() ? "API" : name.strip();
		if (label.length() > 100) {
			throw new IllegalArgumentException("A token name has at most 100 characters.");
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = "rpt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into api_tokens(id, workspace_id, user_id, name, token_hash, prefix) values (?, ?, ?, ?, ?, ?)""")
			.params(id, user.workspaceId(), user.userId(), label, hash(token), token.substring(0, 8))
			.update();
		return new Created(id, token);
	}

	/**
	 * Revokes an active token of the actor's workspace: anyone their own, managers anyone's but an owner's, owners
	 * every token.
	 *
	 * @throws NotFoundException when there is no such active token in the workspace
	 * @throws ForbiddenException when the token belongs to someone the actor may not act for
	 */
	public void revoke(CurrentUser actor, UUID tokenId) {
		var holder = jdbc.sql("""
				select t.user_id, m.role from api_tokens t
				left join memberships m on m.workspace_id = t.workspace_id and m.user_id = t.user_id
				where t.id = ? and t.workspace_id = ? and t.revoked_at is null""")
			.params(tokenId, actor.workspaceId())
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2) })
			.optional()
			.orElseThrow(() -> new NotFoundException("No active token " + tokenId + " in this workspace."));
		boolean own = actor.userId().equals(holder[0]);
		if (!own) {
			actor.requireManager();
			if ("owner".equals(holder[1]) && actor.role() != Role.OWNER) {
				throw new ForbiddenException("Only an owner can revoke an owner's token.");
			}
		}
		jdbc.sql("update api_tokens set revoked_at = now() where id = ? and workspace_id = ? and revoked_at is null")
			.params(tokenId, actor.workspaceId())
			.update();
	}

	/** Revokes every token a person holds in a workspace, when they leave it or their role changes. */
	void revokeAllOf(UUID workspaceId, UUID userId) {
		jdbc.sql("update api_tokens set revoked_at = now() where workspace_id = ? and user_id = ? and revoked_at is null")
			.params(workspaceId, userId)
			.update();
	}

	/** The active tokens the member may see: managers all of the workspace, everyone else their own. */
	public List<Token> visibleTo(CurrentUser viewer) {
		return jdbc.sql("""
				select t.id, t.name, t.prefix, u.display_name, t.created_at, t.last_used_at
				from api_tokens t join users u on u.id = t.user_id
				where t.workspace_id = ? and t.revoked_at is null and (? or t.user_id = ?)
				order by t.created_at desc""")
			.params(viewer.workspaceId(), viewer.role().canManage(), viewer.userId())
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
				returning u.id, u.email, u.display_name, t.workspace_id, m.role, m.epoch""")
			.param(hash(token))
			.query((rs, n) -> new CurrentUser(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, UUID.class), Role.of(rs.getString(5)), rs.getInt(6), null))
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

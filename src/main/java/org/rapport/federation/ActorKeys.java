package org.rapport.federation;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each workspace actor's RSA key pair, made on first use and kept in the database so that every node signs with
 * the same key. The public half is published in the actor document; the private half never leaves the database
 * except to sign deliveries.
 */
@Component
class ActorKeys {

	private final JdbcClient jdbc;
	/** Parsed private keys; a workspace's key pair never changes once made, so caching is safe across nodes. */
	private final java.util.Map<UUID, PrivateKey> privateKeys = new java.util.concurrent.ConcurrentHashMap<>();

	ActorKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The workspace's private key for signing, read once per node. */
	PrivateKey privateKey(UUID workspaceId) {
		return privateKeys.computeIfAbsent(workspaceId, id -> of(id).privateKey());
	}

	record Pems(String publicPem, String privatePem) {

		PrivateKey privateKey() {
			return PemKeys.parsePrivate(privatePem);
		}
	}

	/** The workspace's keys, generated now if it has none; two nodes racing keep the first pair stored. */
	Pems of(UUID workspaceId) {
		var stored = find(workspaceId);
		if (stored != null) {
			return stored;
		}
		KeyPair pair = PemKeys.generateRsa();
		jdbc.sql("insert into ap_actor_keys(workspace_id, public_pem, private_pem) values (?, ?, ?) on conflict do nothing")
			.params(workspaceId, PemKeys.publicPem(pair.getPublic()), PemKeys.privatePem(pair.getPrivate()))
			.update();
		return find(workspaceId);
	}

	private Pems find(UUID workspaceId) {
		return jdbc.sql("select public_pem, private_pem from ap_actor_keys where workspace_id = ?").param(workspaceId)
			.query((rs, n) -> new Pems(rs.getString(1), rs.getString(2))).optional().orElse(null);
	}
}

package org.rapport.federation;

import java.security.KeyPair;
import java.security.PrivateKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * The installation's own actor ({@value #PATH}), an Application that belongs to no workspace. It signs Rapport's
 * fetches of remote actors and objects, because servers in "secure mode" (Mastodon's authorized fetch) answer only
 * signed GETs, and a fetch often happens before it is known which workspace it is for.
 */
@Component
public class InstanceActor {

	public static final String PATH = "/ap/_instance";

	private final JdbcClient jdbc;
	private final PublicAddress address;

	InstanceActor(JdbcClient jdbc, PublicAddress address) {
		this.jdbc = jdbc;
		this.address = address;
	}

	public String id() {
		return address.link(PATH);
	}

	public String keyId() {
		return id() + "#main-key";
	}

	/** The user name that WebFinger answers for, as Mastodon names its own instance actor: the host. */
	public String preferredUsername() {
		return address.host().replace(':', '.');
	}

	public ObjectNode document() {
		ObjectNode actor = Documents.withContext(true);
		actor.put("id", id());
		actor.put("type", "Application");
		actor.put("preferredUsername", preferredUsername());
		actor.put("name", "Rapport");
		actor.put("inbox", address.link("/ap/inbox"));
		actor.put("outbox", id() + "/outbox");
		actor.put("manuallyApprovesFollowers", true);
		actor.putObject("endpoints").put("sharedInbox", address.link("/ap/inbox"));
		ObjectNode key = actor.putObject("publicKey");
		key.put("id", keyId());
		key.put("owner", id());
		key.put("publicKeyPem", pems()[0]);
		return actor;
	}

	PrivateKey privateKey() {
		return PemKeys.parsePrivate(pems()[1]);
	}

	/** The public and private PEM, made on first use; nodes racing keep the first pair stored. */
	String[] pems() {
		var stored = find();
		if (stored != null) {
			return stored;
		}
		KeyPair pair = PemKeys.generateRsa();
		jdbc.sql("insert into ap_instance_key(id, public_pem, private_pem) values (1, ?, ?) on conflict do nothing")
			.params(PemKeys.publicPem(pair.getPublic()), PemKeys.privatePem(pair.getPrivate()))
			.update();
		return find();
	}

	private String[] find() {
		return jdbc.sql("select public_pem, private_pem from ap_instance_key where id = 1")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).optional().orElse(null);
	}
}

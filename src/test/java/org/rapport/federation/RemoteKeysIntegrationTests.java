package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys are bound to the actors that own them: a remote actor whose document claims another actor's key id is
 * never stored under that key, and a key id that two cached actors claim (as data stored before this rule may)
 * still resolves to its owner, so the real actor's signed activities keep being accepted.
 */
class RemoteKeysIntegrationTests extends FederationTest {

	/** A second server, with keys of its own, whose actor documents claim the key of Alice on {@link #mastodon}. */
	FakeMastodon hostile;

	@BeforeEach
	void startHostileServer() throws Exception {
		hostile = new FakeMastodon();
		hostile.actorDocument = name -> hostile.actorJson(name).replace(hostile.keyId(name), mastodon.keyId("alice"));
	}

	@AfterEach
	void stopHostileServer() {
		hostile.close();
	}

	private int follow(FakeMastodon server, String name) {
		String follow = fixture("follow", name, Map.of("n", String.valueOf(next()), "our", ourActor(),
				"actor", server.actor(name), "base", server.base));
		return server.deliver(name, sharedInboxUrl(), follow);
	}

	private List<String> actorsClaiming(String keyId) {
		return jdbc.sql("select uri from ap_remote_actors where key_id = ?").param(keyId).query(String.class).list();
	}

	@Test
	void anActorClaimingAForeignKeyDoesNotPoisonTheKnownOwner() {
		assertThat(follow(mastodon, "alice")).isEqualTo(202);

		// Mallory's server serves her document with Alice's key id; fetching it must not file that key under Mallory.
		assertThat(follow(hostile, "mallory")).isEqualTo(401);
		assertThat(actorsClaiming(mastodon.keyId("alice"))).containsExactly(mastodon.actor("alice"));

		assertThat(follow(mastodon, "alice")).isEqualTo(202);
		assertThat(follow(mastodon, "alice")).isEqualTo(202);
	}

	@Test
	void anActorClaimingAForeignKeyFirstDoesNotLockOutItsOwner() {
		hostile.actorDocument = name -> hostile.actorJson(name).replace(hostile.keyId(name), mastodon.keyId("alice2"));
		assertThat(follow(hostile, "mallory2")).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from ap_remote_actors where uri = ? and key_id is not null")
			.param(hostile.actor("mallory2")).query(Integer.class).single()).isZero();

		assertThat(follow(mastodon, "alice2")).isEqualTo(202);
		assertThat(follow(mastodon, "alice2")).isEqualTo(202);
		assertThat(actorsClaiming(mastodon.keyId("alice2"))).containsExactly(mastodon.actor("alice2"));
	}

	@Test
	void aKeyIdClaimedByTwoCachedActorsStillVerifiesItsOwner() {
		assertThat(follow(mastodon, "alice3")).isEqualTo(202);
		// A row as an earlier version stored it: Mallory's document claimed Alice's key, with Mallory's key material.
		jdbc.sql("""
				insert into ap_remote_actors(uri, uri_key, inbox, key_id, public_key_pem)
				values (?, lower(?), ?, ?, ?)""")
			.params(hostile.actor("mallory4"), hostile.actor("mallory4"), hostile.actor("mallory4") + "/inbox",
					mastodon.keyId("alice3"), PemKeys.publicPem(hostile.keys.getPublic()))
			.update();
		assertThat(actorsClaiming(mastodon.keyId("alice3"))).hasSize(2);

		assertThat(follow(mastodon, "alice3")).isEqualTo(202);
		assertThat(follow(mastodon, "alice3")).isEqualTo(202);
	}

	@Test
	void aKeyClaimedOnlyByAnotherActorIsResolvedAtItsOwner() {
		// Only Mallory's stale row names Alice's key: the check must not trust it, but fetch the key's own document.
		jdbc.sql("""
				insert into ap_remote_actors(uri, uri_key, inbox, key_id, public_key_pem)
				values (?, lower(?), ?, ?, ?)""")
			.params(hostile.actor("mallory5"), hostile.actor("mallory5"), hostile.actor("mallory5") + "/inbox",
					mastodon.keyId("alice5"), PemKeys.publicPem(mastodon.keys.getPublic()))
			.update();
		String follow = fixture("follow", "mallory5", Map.of("n", String.valueOf(next()), "our", ourActor(),
				"actor", hostile.actor("mallory5"), "base", hostile.base));
		// Mallory signs her own Follow with Alice's key id (here even with Alice's key material, the worst case).
		assertThat(mastodon.deliver("alice5", sharedInboxUrl(), follow)).isEqualTo(401);
		assertThat(follow(mastodon, "alice5")).isEqualTo(202);
	}
}

package org.rapport.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Remote actors' documents, fetched through the SSRF guard and cached: their inboxes for deliveries and their
 * public keys for checking signatures. A key that no longer verifies is fetched again once, since actors rotate
 * keys.
 * <p>
 * A key is filed under an actor only when both sides agree (see {@link #bound(String, String)}): the key names the
 * actor as its {@code owner} (or {@code controller}), and the key id lives in the actor's own document
 * ({@code actor#main-key}) or, for a key document of its own, on the actor's origin. So a document that claims
 * someone else's key id cannot take that key over, and a key id that several cached actors name (rows stored before
 * this rule) resolves only to the actor it is bound to, or else is fetched at its own address.
 */
@Component
class RemoteActors {

	private final JdbcClient jdbc;
	private final RemoteHttp http;

	RemoteActors(JdbcClient jdbc, RemoteHttp http) {
		this.jdbc = jdbc;
		this.http = http;
	}

	/** What Rapport keeps of a remote actor. */
	record RemoteActor(String uri, String inbox, String sharedInbox, String keyId, String publicKeyPem, String name,
			String preferredUsername, String profileUrl) {

		String deliveryInbox() {
			return sharedInbox != null && !sharedInbox.isBlank() ? sharedInbox : inbox;
		}

		/** A name to show: the display name, else the user name, else the address. */
		String displayName() {
			return !name.isBlank() ? name : !preferredUsername.isBlank() ? preferredUsername : uri;
		}

		/** What the contact keeps of the actor: its handle ({@code @name@host}), display name and profile page. */
		org.rapport.contacts.PublicProfile profile() {
			String host;
			try {
				host = java.net.URI.create(uri).getHost();
			}
			catch (IllegalArgumentException e) {
				host = null;
			}
			String handle = preferredUsername == null || preferredUsername.isBlank() || host == null ? null
					: "@" + preferredUsername + "@" + host;
			return new org.rapport.contacts.PublicProfile(handle, name, null, null,
					profileUrl == null || profileUrl.isBlank() ? uri : profileUrl, null, null, null, null, null);
		}
	}

	/** The cached actor, fetched when unknown. */
	RemoteActor get(String uri) {
		return cached(uri).orElseGet(() -> refresh(uri));
	}

	Optional<RemoteActor> cached(String uri) {
		return jdbc.sql("select * from ap_remote_actors where uri_key = ?").param(uri.toLowerCase(Locale.ROOT))
			.query((rs, n) -> new RemoteActor(rs.getString("uri"), rs.getString("inbox"), rs.getString("shared_inbox"),
					rs.getString("key_id"), rs.getString("public_key_pem"), rs.getString("name"),
					rs.getString("preferred_username"), rs.getString("profile_url")))
			.optional();
	}

	/** Fetches the actor's document again and stores what it says. */
	RemoteActor refresh(String uri) {
		return store(uri, http.getJson(uri));
	}

	/**
	 * The actor a signature's key belongs to: from the cache unless {@code refresh}, else fetched at the key's
	 * address, which serves the actor itself (Mastodon's {@code actor#main-key}) or a key naming its owner.
	 *
	 * @throws RemoteHttp.RemoteFailure when the key cannot be found or its owner does not publish it
	 */
	RemoteActor byKeyId(String keyId, boolean refresh) {
		if (!refresh) {
			RemoteActor cached = byKeyIdCached(keyId);
			if (cached != null) {
				return cached;
			}
		}
		String address = actorOfKey(keyId);
		JsonNode doc = http.getJson(address);
		RemoteActor actor = doc.has("inbox") ? store(address, doc) : refresh(text(doc, "owner"));
		if (!keyId.equals(actor.keyId())) {
			throw new RemoteHttp.RemoteFailure("The actor " + actor.uri() + " does not publish the key " + keyId + ".");
		}
		return actor;
	}

	/**
	 * The cached actor publishing a key, or null: null also when no cached actor is bound to the key, or more than
	 * one is (then the key's own document decides).
	 */
	RemoteActor byKeyIdCached(String keyId) {
		List<String> owners = jdbc.sql("select uri from ap_remote_actors where key_id = ?").param(keyId)
			.query(String.class).list().stream().filter(uri -> bound(keyId, uri)).toList();
		return owners.size() == 1 ? cached(owners.getFirst()).orElse(null) : null;
	}

	private RemoteActor store(String uri, JsonNode doc) {
		String id = text(doc, "id");
		if (!uri.equals(id)) {
			throw new RemoteHttp.RemoteFailure("The document at " + uri + " names itself '" + id + "'.");
		}
		String inbox = text(doc, "inbox");
		if (inbox.isBlank()) {
			throw new RemoteHttp.RemoteFailure("The actor " + uri + " has no inbox.");
		}
		JsonNode endpoints = doc.path("endpoints");
		String shared = endpoints.isObject() ? text(endpoints, "sharedInbox") : "";
		JsonNode key = doc.path("publicKey");
		if (key.isArray()) {
			key = key.path(0);
		}
		String keyId = text(key, "id");
		String owner = text(key, "owner").isEmpty() ? text(key, "controller") : text(key, "owner");
		String pem = text(key, "publicKeyPem");
		if (!owner.equals(id) || !bound(keyId, id)) {
			// A key the document claims but that is not the actor's own is not kept: it would stand for the actor.
			keyId = "";
			pem = "";
		}
		String url = doc.path("url").isString() ? doc.path("url").asString() : "";
		RemoteActor actor = new RemoteActor(id, inbox, shared.isBlank() ? null : shared, keyId.isBlank() ? null : keyId,
				pem.isBlank() ? null : pem, limit(text(doc, "name"), 200), limit(text(doc, "preferredUsername"), 200),
				limit(url, 1000));
		jdbc.sql("""
				insert into ap_remote_actors(uri, uri_key, inbox, shared_inbox, key_id, public_key_pem, name, preferred_username,
				  profile_url, fetched_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
				on conflict (uri) do update set inbox = excluded.inbox, shared_inbox = excluded.shared_inbox,
				  key_id = excluded.key_id, public_key_pem = excluded.public_key_pem, name = excluded.name,
				  preferred_username = excluded.preferred_username, profile_url = excluded.profile_url, fetched_at = now()""")
			.params(actor.uri(), actor.uri().toLowerCase(Locale.ROOT), actor.inbox(), actor.sharedInbox(), actor.keyId(),
					actor.publicKeyPem(), actor.name(), actor.preferredUsername(), actor.profileUrl())
			.update();
		return actor;
	}

	/**
	 * Whether a key id may stand for an actor: a key with a fragment must be in the actor's own document
	 * ({@code https://host/users/a#main-key} for {@code https://host/users/a}); a key with a document of its own
	 * ({@code https://host/users/a/main-key}) must be on the actor's origin: scheme, host and port.
	 */
	static boolean bound(String keyId, String actorId) {
		if (keyId == null || keyId.isEmpty() || actorId == null || actorId.isEmpty()) {
			return false;
		}
		if (keyId.indexOf('#') >= 0) {
			return actorOfKey(keyId).equals(actorId);
		}
		try {
			URI key = new URI(keyId);
			URI actor = new URI(actorId);
			return key.getScheme() != null && key.getHost() != null && actor.getScheme() != null && actor.getHost() != null
					&& key.getScheme().equalsIgnoreCase(actor.getScheme()) && key.getHost().equalsIgnoreCase(actor.getHost())
					&& port(key) == port(actor);
		}
		catch (URISyntaxException e) {
			return false;
		}
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/** The actor that a key id belongs to: the key id without its fragment, as Mastodon and most others use. */
	static String actorOfKey(String keyId) {
		int hash = keyId.indexOf('#');
		return hash < 0 ? keyId : keyId.substring(0, hash);
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node == null ? null : node.get(field);
		return value != null && value.isString() ? value.asString() : "";
	}

	private static String limit(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}
}

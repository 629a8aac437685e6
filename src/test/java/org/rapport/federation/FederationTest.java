package org.rapport.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Tests against a fake Mastodon server on loopback, with Mastodon-shaped fixtures from {@code federation/mastodon}. */
abstract class FederationTest extends IntegrationTest {

	private static final AtomicInteger SEQUENCE = new AtomicInteger(1000);

	@Autowired
	LocalObjects ids;

	@Autowired
	ActorKeys actorKeys;

	FakeMastodon mastodon;

	@BeforeEach
	void startRemoteServer() throws IOException {
		mastodon = new FakeMastodon();
	}

	@AfterEach
	void stopRemoteServer() {
		mastodon.close();
	}

	String ourActor() {
		return ids.actor(workspace.slug());
	}

	/** Where Rapport really listens (the configured base URL of the test context has port 0). */
	String sharedInboxUrl() {
		return baseUrl() + "/ap/inbox";
	}

	static int next() {
		return SEQUENCE.incrementAndGet();
	}

	/** A fixture with its placeholders filled; {@code actor}, {@code base} and {@code now} are set by default. */
	String fixture(String name, String actorName, Map<String, String> values) {
		String text;
		try (InputStream in = getClass().getResourceAsStream("/federation/mastodon/" + name + ".json")) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		Map<String, String> all = new LinkedHashMap<>();
		all.put("actor", mastodon.actor(actorName));
		all.put("base", mastodon.base);
		all.put("now", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
		all.put("ourActor", ourActor());
		all.putAll(values);
		for (var e : all.entrySet()) {
			text = text.replace("{{" + e.getKey() + "}}", e.getValue());
		}
		return text;
	}

	/** Sends a fixture to Rapport's shared inbox signed by the actor; answers with the status. */
	int send(String fixture, String actorName, Map<String, String> values) {
		return mastodon.deliver(actorName, sharedInboxUrl(), fixture(fixture, actorName, values));
	}

	/** Publishes a post through the API; answers with its id. */
	UUID publish(String title) {
		JsonNode created = api.post("/api/v1/blog/posts", Map.of("title", title, "markdown", "Ein **Bericht** über " + title + ".",
				"status", "published", "tags", java.util.List.of("Inklusion"))).json();
		return UUID.fromString(created.get("id").asString());
	}

	/** Makes the actor a follower through a signed Follow, as Mastodon would. */
	void follow(String actorName) {
		int status = send("follow", actorName, Map.of("n", String.valueOf(next()), "our", ourActor()));
		if (status != 202) {
			throw new IllegalStateException("Follow answered " + status);
		}
	}

	/** Checks that a request the fake server received carries a valid signature by the workspace's key. */
	HttpSignatures.Verified verifyOurSignature(FakeMastodon.Received received) throws HttpSignatures.SignatureFailure {
		HttpSignatures.Request request = new HttpSignatures.Request("POST", URI.create(mastodon.base + received.path()),
				received.headers(), received.body());
		return HttpSignatures.verify(request, keyId -> {
			if (!keyId.equals(ids.keyId(workspace.slug()))) {
				throw new IllegalArgumentException("unexpected key " + keyId);
			}
			return PemKeys.parsePublic(actorKeys.of(workspace.id()).publicPem());
		}, Instant.now(), Duration.ofMinutes(5));
	}

	static JsonNode json(FakeMastodon.Received received) {
		return Api.JSON.readTree(received.body());
	}

	/** A page of the UI, signed in as the owner through the login form. */
	String uiPage(String path) {
		try {
			return new org.rapport.support.UiSession(baseUrl()).login(ownerEmail, PASSWORD).get(path).body();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}

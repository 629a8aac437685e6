package org.rapport.federation;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a remote Mastodon server on loopback: it serves actors in the shape Mastodon publishes them
 * (Person with a public key, a personal inbox and a shared inbox), records every POST it receives, and signs
 * activities with the actors' keys the way Mastodon does.
 */
final class FakeMastodon implements AutoCloseable {

	/** A POST the server received. */
	record Received(String path, Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
				.map(e -> e.getValue().get(0)).orElse(null);
		}

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	final HttpServer server;
	final String base;
	final KeyPair keys = PemKeys.generateRsa();
	final List<Received> received = new CopyOnWriteArrayList<>();
	/** Decides the status for each POST; by default 202. */
	volatile Function<Received, Integer> inboxStatus = r -> 202;
	/** Decides whether a GET is answered (secure mode checks its signature); by default every GET is. */
	volatile java.util.function.Predicate<Received> fetchAllowed = r -> true;
	final List<Received> fetches = new CopyOnWriteArrayList<>();
	/** The actor document served for a name; by default {@link #actorJson(String)}, a hostile server changes it. */
	volatile Function<String, String> actorDocument = this::actorJson;

	FakeMastodon() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		base = "http://127.0.0.1:" + server.getAddress().getPort();
		server.createContext("/", this::handle);
		server.start();
	}

	String actor(String name) {
		return base + "/users/" + name;
	}

	String keyId(String name) {
		return actor(name) + "#main-key";
	}

	String sharedInbox() {
		return base + "/inbox";
	}

	/** The actor document Mastodon serves at {@code /users/{name}}. */
	String actorJson(String name) {
		String pem = PemKeys.publicPem(keys.getPublic()).replace("\n", "\\n");
		return """
				{"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1",
				  {"manuallyApprovesFollowers":"as:manuallyApprovesFollowers","toot":"http://joinmastodon.org/ns#",
				   "discoverable":"toot:discoverable","indexable":"toot:indexable"}],
				 "id":"%1$s","type":"Person","following":"%1$s/following","followers":"%1$s/followers",
				 "inbox":"%1$s/inbox","outbox":"%1$s/outbox","featured":"%1$s/collections/featured",
				 "preferredUsername":"%2$s","name":"%3$s","summary":"<p>Sozialarbeiterin</p>",
				 "url":"%4$s/@%2$s","manuallyApprovesFollowers":false,"discoverable":true,"indexable":true,
				 "published":"2023-04-01T00:00:00Z",
				 "publicKey":{"id":"%1$s#main-key","owner":"%1$s","publicKeyPem":"%5$s"},
				 "endpoints":{"sharedInbox":"%4$s/inbox"},
				 "icon":{"type":"Image","mediaType":"image/png","url":"%4$s/avatars/%2$s.png"}}"""
			.formatted(actor(name), name, Character.toUpperCase(name.charAt(0)) + name.substring(1) + " Beispiel", base, pem);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (exchange.getRequestMethod().equals("GET")) {
				Map<String, List<String>> headers = new LinkedHashMap<>();
				exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
				Received fetch = new Received(path, Collections.unmodifiableMap(headers), new byte[0]);
				fetches.add(fetch);
				if (!fetchAllowed.test(fetch)) {
					exchange.sendResponseHeaders(401, -1);
					return;
				}
			}
			if (exchange.getRequestMethod().equals("GET") && path.matches("/users/[a-z0-9_]+")) {
				byte[] body = actorDocument.apply(path.substring("/users/".length())).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/activity+json; charset=utf-8");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				return;
			}
			if (exchange.getRequestMethod().equals("POST")) {
				byte[] body;
				try (InputStream in = exchange.getRequestBody()) {
					body = in.readAllBytes();
				}
				Map<String, List<String>> headers = new LinkedHashMap<>();
				exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
				Received r = new Received(path, Collections.unmodifiableMap(headers), body);
				received.add(r);
				int status = inboxStatus.apply(r);
				exchange.sendResponseHeaders(status, -1);
				return;
			}
			exchange.sendResponseHeaders(404, -1);
		}
	}

	/** POSTs an activity to Rapport signed by the actor with draft-cavage, as Mastodon does; returns the status. */
	int deliver(String name, String inboxUrl, String activity) {
		byte[] body = activity.getBytes(StandardCharsets.UTF_8);
		return post(inboxUrl, body,
				HttpSignatures.signCavage("POST", URI.create(inboxUrl), body, keyId(name), keys.getPrivate(), Instant.now()));
	}

	/** POSTs with the given headers (signature headers included) and answers with the status. */
	static int post(String url, byte[] body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.header("Content-Type", "application/activity+json");
		headers.forEach((k, v) -> {
			if (!k.equalsIgnoreCase("host")) {
				request.header(k, v);
			}
		});
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The POSTs received at a path whose JSON has the given type. */
	List<Received> receivedOfType(String path, String type) {
		return received.stream().filter(r -> r.path().equals(path) && r.text().contains("\"type\":\"" + type + "\"")).toList();
	}

	@Override
	public void close() {
		server.stop(0);
	}
}

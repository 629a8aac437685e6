package org.rapport.federation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.JobHandler;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Posts one activity to one inbox, signed by the workspace actor's key. It signs with draft-cavage first, as
 * most servers expect, and on a 401 tries again at once with RFC 9421, as Mastodon does. Any other failure is left
 * to the job queue's retries; an inbox that answers 410 Gone is given up at once.
 */
@Component
class DeliveryJob implements JobHandler {

	private final Workspaces workspaces;
	private final ActorKeys keys;
	private final LocalObjects ids;
	private final RemoteHttp http;

	DeliveryJob(Workspaces workspaces, ActorKeys keys, LocalObjects ids, RemoteHttp http) {
		this.workspaces = workspaces;
		this.keys = keys;
		this.ids = ids;
		this.http = http;
	}

	@Override
	public String kind() {
		return Deliveries.KIND;
	}

	@Override
	public void run(String payload) throws Exception {
		JsonNode job = Documents.JSON.readTree(payload);
		Workspace workspace = workspaces.get(UUID.fromString(job.path("workspaceId").asString()));
		String inbox = job.path("inbox").asString();
		byte[] body = job.path("activity").asString().getBytes(StandardCharsets.UTF_8);
		URI target;
		try {
			target = RemoteHttp.uri(inbox);
		}
		catch (RemoteHttp.RemoteFailure e) {
			throw new GiveUp(e.getMessage());
		}
		PrivateKey key = keys.privateKey(workspace.id());
		String keyId = ids.keyId(workspace.slug());
		RemoteHttp.Answer answer = http.post(inbox, body,
				headers(HttpSignatures.signCavage("POST", target, body, keyId, key, Instant.now())));
		if (answer.status() == 401) {
			answer = http.post(inbox, body,
					headers(HttpSignatures.signRfc9421("POST", target, body, keyId, key, Instant.now())));
		}
		if (answer.ok()) {
			return;
		}
		String detail = inbox + " answered " + answer.status() + excerpt(answer.body());
		if (answer.status() == 410) {
			throw new GiveUp(detail);
		}
		throw new IllegalStateException(detail);
	}

	private static Map<String, String> headers(Map<String, String> signature) {
		Map<String, String> headers = new LinkedHashMap<>(signature);
		headers.put("Content-Type", Documents.CONTENT_TYPE);
		headers.put("Accept", RemoteHttp.ACCEPT);
		return headers;
	}

	private static String excerpt(String body) {
		if (body == null || body.isBlank()) {
			return ".";
		}
		String flat = body.replaceAll("\\s+", " ").strip();
		return ": " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
	}
}

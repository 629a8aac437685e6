package org.rapport.federation.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.federation.HttpSignatures;
import org.rapport.federation.InboundActivities;
import org.rapport.federation.PublicAddress;
import org.rapport.federation.SignatureCheck;
import org.rapport.platform.Workspaces;
import org.rapport.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The actors' inboxes ({@code /ap/{workspace}/inbox}) and the shared inbox ({@code /ap/inbox}). An activity is
 * accepted (202) only when it is at most 256 KB, carries a valid HTTP signature made within the last hour, and was
 * signed by the actor it names. A request that cannot be taken apart is answered 400; hostile or strange JSON
 * never makes the server fail.
 */
@RestController
class ActorInboxController {

	static final int MAX_BYTES = 256 * 1024;

	private static final Logger log = LoggerFactory.getLogger(ActorInboxController.class);
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublicAddress address;
	private final SignatureCheck signatures;
	private final InboundActivities activities;
	private final Workspaces workspaces;

	ActorInboxController(PublicAddress address, SignatureCheck signatures, InboundActivities activities, Workspaces workspaces) {
		this.address = address;
		this.signatures = signatures;
		this.activities = activities;
		this.workspaces = workspaces;
	}

	@PostMapping("/ap/{ws}/inbox")
	ResponseEntity<ProblemDetail> inbox(@PathVariable String ws, HttpServletRequest request) throws IOException {
		workspaces.bySlug(ws).orElseThrow(() -> new NotFoundException("No actor '" + ws + "' on this server."));
		return receive(request);
	}

	@PostMapping("/ap/inbox")
	ResponseEntity<ProblemDetail> sharedInbox(HttpServletRequest request) throws IOException {
		return receive(request);
	}

	private ResponseEntity<ProblemDetail> receive(HttpServletRequest request) throws IOException {
		String base = address.base();
		if (request.getContentLengthLong() > MAX_BYTES) {
			return problem(HttpStatus.BAD_REQUEST, "An activity may have at most " + MAX_BYTES + " bytes.");
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BYTES + 1);
		}
		if (body.length > MAX_BYTES) {
			return problem(HttpStatus.BAD_REQUEST, "An activity may have at most " + MAX_BYTES + " bytes.");
		}
		JsonNode activity;
		try {
			activity = JSON.readTree(body);
		}
		catch (RuntimeException e) {
			return problem(HttpStatus.BAD_REQUEST, "The body is not JSON.");
		}
		if (activity == null || !activity.isObject()) {
			return problem(HttpStatus.BAD_REQUEST, "The body is not a JSON object.");
		}
		String query = request.getQueryString();
		URI target = URI.create(base + request.getRequestURI() + (query == null ? "" : "?" + query));
		SignatureCheck.Signed signed;
		try {
			signed = signatures.verify(new HttpSignatures.Request(request.getMethod(), target, headers(request), body));
		}
		catch (HttpSignatures.SignatureFailure e) {
			if (accountDeletion(activity)) {
				return ResponseEntity.accepted().build(); // its key is gone with it; nothing to do anyway
			}
			log.info("Refused an activity with status {}: {}", e.status(), e.getMessage());
			return problem(HttpStatus.valueOf(e.status()), e.getMessage());
		}
		String actor = actorOf(activity);
		if (!signed.actorUri().equals(actor)) {
			return problem(HttpStatus.UNAUTHORIZED,
					"The activity names the actor '" + actor + "' but was signed by " + signed.actorUri() + ".");
		}
		try {
			activities.handle(activity, actor);
		}
		catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
			log.info("Unusable activity from {}: {}", actor, e.getMessage());
			return problem(HttpStatus.BAD_REQUEST, "The activity cannot be used: " + e.getMessage());
		}
		return ResponseEntity.accepted().build();
	}

	/** A Delete of an actor by itself, sent when an account is removed; its key can usually no longer be fetched. */
	private static boolean accountDeletion(JsonNode activity) {
		String actor = actorOf(activity);
		JsonNode object = activity.path("object");
		String objectId = object.isString() ? object.asString() : object.path("id").asString("");
		return "Delete".equals(activity.path("type").asString("")) && !actor.isBlank() && actor.equals(objectId);
	}

	private static Map<String, List<String>> headers(HttpServletRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
		}
		return headers;
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(status, detail));
	}

	/** The actor an activity names: a string, or an object with an id. */
	private static String actorOf(JsonNode activity) {
		JsonNode actor = activity.path("actor");
		return actor.isString() ? actor.asString() : actor.path("id").asString("");
	}
}

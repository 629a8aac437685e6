package org.rapport.federation.web;

import java.util.Locale;
import java.util.Optional;

import org.rapport.blog.BlogPaths;
import org.rapport.federation.InstanceActor;
import org.rapport.federation.LocalObjects;
import org.rapport.federation.PublicAddress;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WebFinger (RFC 7033), how Mastodon turns {@code @slug@host} into the actor's address. It also answers for the
 * actor's URL and the blog's home page, as Mastodon asks with those after following a link.
 */
@RestController
class WebFingerController {

	private static final MediaType JRD = MediaType.parseMediaType("application/jrd+json");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublicAddress address;
	private final LocalObjects ids;
	private final Workspaces workspaces;
	private final InstanceActor instance;

	WebFingerController(PublicAddress address, LocalObjects ids, Workspaces workspaces, InstanceActor instance) {
		this.address = address;
		this.ids = ids;
		this.workspaces = workspaces;
		this.instance = instance;
	}

	@GetMapping("/.well-known/webfinger")
	ResponseEntity<ObjectNode> webfinger(@RequestParam(required = false) String resource) {
		if (resource == null || resource.isBlank()) {
			throw new IllegalArgumentException("Ask with ?resource=acct:name@" + address.host() + " or an actor's URL.");
		}
		String acct = "acct:" + instance.preferredUsername() + "@" + address.host();
		if (resource.strip().equalsIgnoreCase(acct) || resource.strip().equals(instance.id())) {
			ObjectNode jrd = JSON.createObjectNode();
			jrd.put("subject", acct);
			jrd.putArray("aliases").add(instance.id());
			jrd.putArray("links").addObject().put("rel", "self").put("type", "application/activity+json")
				.put("href", instance.id());
			return ResponseEntity.ok().contentType(JRD).body(jrd);
		}
		Workspace workspace = workspace(resource.strip())
			.orElseThrow(() -> new NotFoundException("No actor '" + resource.strip() + "' on this server."));
		String slug = workspace.slug();
		String home = address.link(BlogPaths.home(slug));
		ObjectNode jrd = JSON.createObjectNode();
		jrd.put("subject", "acct:" + slug + "@" + address.host());
		jrd.putArray("aliases").add(ids.actor(slug)).add(home);
		var links = jrd.putArray("links");
		links.addObject().put("rel", "self").put("type", "application/activity+json").put("href", ids.actor(slug));
		links.addObject().put("rel", "http://webfinger.net/rel/profile-page").put("type", "text/html").put("href", home);
		return ResponseEntity.ok().contentType(JRD).header("Access-Control-Allow-Origin", "*").body(jrd);
	}

	private Optional<Workspace> workspace(String resource) {
		String value = resource.toLowerCase(Locale.ROOT).startsWith("acct:") ? resource.substring(5) : resource;
		if (!value.startsWith("http")) {
			String handle = value.startsWith("@") ? value.substring(1) : value;
			int at = handle.lastIndexOf('@');
			if (at <= 0 || !handle.substring(at + 1).equalsIgnoreCase(address.host())) {
				return Optional.empty();
			}
			return workspaces.bySlug(handle.substring(0, at).toLowerCase(Locale.ROOT));
		}
		String home = address.link("/blog/");
		if (value.startsWith(home) && value.substring(home.length()).matches("[a-z0-9-]+/?")) {
			return workspaces.bySlug(value.substring(home.length()).replace("/", ""));
		}
		return ids.resolve(value).filter(r -> r.kind().equals("actor")).map(LocalObjects.Ref::workspace);
	}
}

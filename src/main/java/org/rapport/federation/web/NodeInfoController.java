package org.rapport.federation.web;

import org.rapport.blog.Posts;
import org.rapport.federation.PublicAddress;
import org.rapport.platform.Workspaces;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * NodeInfo 2.1: which software runs here and how big it is, read by Fediverse statistics and by servers that adapt
 * to their peers. Each workspace's blog counts as a user.
 */
@RestController
class NodeInfoController {

	private static final String SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublicAddress address;
	private final Workspaces workspaces;
	private final Posts posts;

	NodeInfoController(PublicAddress address, Workspaces workspaces, Posts posts) {
		this.address = address;
		this.workspaces = workspaces;
		this.posts = posts;
	}

	@GetMapping("/.well-known/nodeinfo")
	ResponseEntity<ObjectNode> discovery() {
		ObjectNode links = JSON.createObjectNode();
		links.putArray("links").addObject().put("rel", SCHEMA).put("href", address.link("/nodeinfo/2.1"));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(links);
	}

	@GetMapping("/nodeinfo/2.1")
	ResponseEntity<ObjectNode> nodeInfo() {
		address.base();
		Posts.Activity activity = posts.activity();
		ObjectNode info = JSON.createObjectNode();
		info.put("version", "2.1");
		ObjectNode software = info.putObject("software");
		software.put("name", "rapport");
		software.put("version", version());
		info.putArray("protocols").add("activitypub");
		ObjectNode services = info.putObject("services");
		services.putArray("inbound");
		services.putArray("outbound").add("atom1.0").add("rss2.0");
		info.put("openRegistrations", false);
		ObjectNode usage = info.putObject("usage");
		usage.putObject("users").put("total", workspaces.count()).put("activeMonth", activity.activeMonth())
			.put("activeHalfyear", activity.activeHalfyear());
		usage.put("localPosts", activity.posts());
		info.putObject("metadata").put("nodeName", "Rapport");
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/json; profile=\"" + SCHEMA + "#\""))
			.body(info);
	}

	private static String version() {
		String version = NodeInfoController.class.getPackage().getImplementationVersion();
		return version == null ? "dev" : version;
	}
}

package org.rapport.blog;

import java.net.URI;
import java.util.Optional;

import org.rapport.platform.Workspace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The blog's Pingback 1.0 server: an XML-RPC {@code pingback.ping(source, target)} is verified at once — the
 * source is fetched through the guard and must link to the target — and answered with a string or one of the
 * faults the specification defines. A registered pingback joins the other linkbacks of the post.
 */
@Component
public class Pingbacks {

	/** A fault that fits no other code. */
	static final int GENERIC = 0;

	static final int SOURCE_MISSING = 0x10;

	static final int NO_LINK = 0x11;

	static final int TARGET_MISSING = 0x20;

	static final int TARGET_INVALID = 0x21;

	static final int ALREADY_REGISTERED = 0x30;

	static final int ACCESS_DENIED = 0x31;

	static final int UPSTREAM_ERROR = 0x32;

	private final Linkbacks linkbacks;
	private final JdbcClient jdbc;

	Pingbacks(Linkbacks linkbacks, JdbcClient jdbc) {
		this.linkbacks = linkbacks;
		this.jdbc = jdbc;
	}

	/** Answers an XML-RPC call to a workspace's blog with an XML-RPC answer; never throws for bad input. */
	public String answer(Workspace workspace, byte[] xml) {
		XmlRpc.Call call;
		try {
			call = XmlRpc.parseCall(xml);
		}
		catch (IllegalArgumentException e) {
			return XmlRpc.fault(XmlRpc.PARSE_ERROR, e.getMessage());
		}
		if (!"pingback.ping".equals(call.method())) {
			return XmlRpc.fault(XmlRpc.UNKNOWN_METHOD, "Unknown method '" + call.method() + "'; this server knows pingback.ping.");
		}
		if (call.params().size() != 2) {
			return XmlRpc.fault(XmlRpc.BAD_PARAMS, "pingback.ping takes two parameters, source and target.");
		}
		return ping(workspace, call.params().get(0).strip(), call.params().get(1).strip());
	}

	/** The fault for a caller who sent too many linkbacks lately; retrying later helps. */
	public static String tooMany() {
		return XmlRpc.fault(UPSTREAM_ERROR, "Too many pingbacks from your address; please try again in ten minutes.");
	}

	/** The fault for a call larger than the server reads. */
	public static String tooLarge(int maxBytes) {
		return XmlRpc.fault(XmlRpc.PARSE_ERROR, "The call is larger than " + maxBytes + " bytes.");
	}

	private String ping(Workspace workspace, String source, String target) {
		URI targetUri;
		try {
			targetUri = Linkbacks.httpUri(target, "The target");
		}
		catch (IllegalArgumentException e) {
			return XmlRpc.fault(TARGET_INVALID, e.getMessage());
		}
		try {
			Linkbacks.httpUri(source, "The source");
		}
		catch (IllegalArgumentException e) {
			return XmlRpc.fault(SOURCE_MISSING, e.getMessage());
		}
		Optional<Post> post = linkbacks.target(workspace, targetUri);
		if (post.isEmpty()) {
			String home = BlogPaths.home(workspace.slug()) + "/";
			boolean ours = targetUri.getPath() != null && targetUri.getPath().startsWith(home);
			return ours ? XmlRpc.fault(TARGET_MISSING, "There is no post at " + target + ".")
					: XmlRpc.fault(TARGET_INVALID, target + " is not a post of this blog.");
		}
		if (Linkbacks.httpUri(source, "source").equals(targetUri)) {
			return XmlRpc.fault(GENERIC, "Source and target are the same address.");
		}
		boolean known = jdbc.sql("select exists(select 1 from linkbacks where post_id = ? and source = ? and status = 'verified')")
			.params(post.get().id(), Linkbacks.httpUri(source, "source").toString()).query(Boolean.class).single();
		if (known) {
			return XmlRpc.fault(ALREADY_REGISTERED, "The pingback has already been registered.");
		}
		var id = linkbacks.receive(workspace, "pingback", source, target);
		return switch (linkbacks.verify(id)) {
			case VERIFIED -> XmlRpc.response("Pingback from " + source + " to " + target + " registered. Thank you.");
			case NO_LINK -> XmlRpc.fault(NO_LINK, "The source does not link to the target.");
			case GONE, MISSING -> XmlRpc.fault(SOURCE_MISSING, "The source does not exist.");
			case REFUSED -> XmlRpc.fault(ACCESS_DENIED, "The source's address is not one this server fetches.");
			case UPSTREAM -> XmlRpc.fault(UPSTREAM_ERROR, "The source could not be fetched; please try again later.");
		};
	}
}

package org.rapport.federation;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.stereotype.Component;

/**
 * The ids of a workspace's ActivityPub objects, all below {@code /ap/{workspace}}, and the way back from an id (or a
 * blog post's address, which remote servers also use) to the thing it names.
 */
@Component
public class LocalObjects {

	private static final Pattern AP = Pattern.compile("/ap/([a-z0-9][a-z0-9-]*)(?:/(posts|notes|activities)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))?(?:/activity)?(?:[#?].*)?");
	private static final Pattern BLOG_POST = Pattern.compile("/blog/([a-z0-9][a-z0-9-]*)/\\d{4}/\\d{2}/([^/?#]+)/?(?:[#?].*)?");

	private final PublicAddress address;
	private final Workspaces workspaces;
	private final Posts posts;

	LocalObjects(PublicAddress address, Workspaces workspaces, Posts posts) {
		this.address = address;
		this.workspaces = workspaces;
		this.posts = posts;
	}

	public String actor(String slug) {
		return address.link("/ap/" + slug);
	}

	public String keyId(String slug) {
		return actor(slug) + "#main-key";
	}

	public String inbox(String slug) {
		return actor(slug) + "/inbox";
	}

	public String sharedInbox() {
		return address.link("/ap/inbox");
	}

	public String outbox(String slug) {
		return actor(slug) + "/outbox";
	}

	public String followers(String slug) {
		return actor(slug) + "/followers";
	}

	public String following(String slug) {
		return actor(slug) + "/following";
	}

	public String post(String slug, UUID postId) {
		return actor(slug) + "/posts/" + postId;
	}

	/** The Create activity that brought a post; it is served at this id too. */
	public String postActivity(String slug, UUID postId) {
		return post(slug, postId) + "/activity";
	}

	public String note(String slug, UUID id) {
		return actor(slug) + "/notes/" + id;
	}

	public String activity(String slug, UUID id) {
		return actor(slug) + "/activities/" + id;
	}

	/** What a local id names. {@code kind} is {@code actor}, {@code posts}, {@code notes} or {@code activities}. */
	public record Ref(Workspace workspace, String kind, UUID id) {
	}

	/** The local object an id names, when it is one of ours and its workspace exists. */
	public Optional<Ref> resolve(String uri) {
		if (uri == null || !address.usable()) {
			return Optional.empty();
		}
		String base = address.base();
		if (!uri.startsWith(base + "/")) {
			return Optional.empty();
		}
		String path = uri.substring(base.length());
		Matcher ap = AP.matcher(path);
		if (ap.matches()) {
			Optional<Workspace> workspace = workspaces.bySlug(ap.group(1));
			if (ap.group(2) == null) {
				return workspace.map(w -> new Ref(w, "actor", null));
			}
			return workspace.map(w -> new Ref(w, ap.group(2), UUID.fromString(ap.group(3))));
		}
		Matcher blog = BLOG_POST.matcher(path);
		if (blog.matches()) {
			return workspaces.bySlug(blog.group(1))
				.flatMap(w -> posts.publishedBySlug(w.id(), blog.group(2)).map(p -> new Ref(w, "posts", p.id())));
		}
		return Optional.empty();
	}

	/** The published post an id names (its ActivityPub id or its blog address). */
	public Optional<Post> publishedPost(String uri) {
		return resolve(uri).filter(r -> r.kind().equals("posts"))
			.flatMap(r -> {
				try {
					return Optional.of(posts.get(r.workspace().id(), r.id())).filter(Post::published);
				}
				catch (org.rapport.platform.NotFoundException e) {
					return Optional.empty();
				}
			});
	}
}

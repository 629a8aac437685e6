package org.rapport.blog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Receives Webmentions (W3C): a request names a source page and one of our posts as target; it is accepted at once
 * and verified later — the source must really link to the target — by fetching the source through the
 * {@link OutboundGuard}, so a mention can never make Rapport reach into a private network. A source that is gone
 * (410) deletes its mention; a repeated mention updates it.
 */
@Component
public class Webmentions {

	private static final Logger log = LoggerFactory.getLogger(Webmentions.class);
	private static final int MAX_BYTES = 1_000_000;

	private final JdbcClient jdbc;
	private final Posts posts;
	private final OutboundGuard guard;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER).build();

	Webmentions(JdbcClient jdbc, Posts posts, OutboundGuard guard) {
		this.jdbc = jdbc;
		this.posts = posts;
		this.guard = guard;
	}

	public record Mention(UUID id, String source, String title, String excerpt, String status) {
	}

	/**
	 * Records a mention for verification. Throws {@link IllegalArgumentException} (answered with 400) when source or
	 * target are not http(s) addresses, are the same, or the target is not a published post of this blog.
	 */
	public UUID receive(Workspace workspace, String source, String target) {
		URI sourceUri = httpUri(source, "source");
		URI targetUri = httpUri(target, "target");
		if (sourceUri.equals(targetUri)) {
			throw new IllegalArgumentException("source and target must differ.");
		}
		Post post = postOf(workspace, targetUri)
			.orElseThrow(() -> new IllegalArgumentException("The target is not a post of this blog."));
		UUID id = UUID.randomUUID();
		return jdbc.sql("""
				insert into webmentions(id, workspace_id, post_id, source, target, status) values (?, ?, ?, ?, ?, 'pending')
				on conflict (post_id, source) do update set status = 'pending', target = excluded.target, received_at = now()
				returning id""")
			.params(id, workspace.id(), post.id(), sourceUri.toString(), targetUri.toString())
			.query(UUID.class)
			.single();
	}

	/** Fetches the source and decides: verified when it links to the target, rejected otherwise, deleted when gone. */
	public String verify(UUID mentionId) {
		var row = jdbc.sql("select source, target from webmentions where id = ?").param(mentionId)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.optional();
		if (row.isEmpty()) {
			return "gone";
		}
		String source = row.get()[0];
		String target = row.get()[1];
		try {
			URI uri = URI.create(source);
			guard.checkUri(uri);
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
				.header("Accept", "text/html, */*;q=0.5").header("User-Agent", "Rapport Webmention").GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() == 410) {
				jdbc.sql("delete from webmentions where id = ?").param(mentionId).update();
				return "deleted";
			}
			if (response.statusCode() / 100 != 2) {
				return reject(mentionId, "The source answered " + response.statusCode() + ".");
			}
			byte[] body = response.body();
			String html = new String(body, 0, Math.min(body.length, MAX_BYTES), java.nio.charset.StandardCharsets.UTF_8);
			Document document = Jsoup.parse(html, source);
			boolean links = document.select("a[href], link[href], img[src], video[src], audio[src]").stream()
				.map(e -> e.hasAttr("href") ? e.absUrl("href") : e.absUrl("src"))
				.anyMatch(target::equals);
			if (!links) {
				return reject(mentionId, "The source does not link to the target.");
			}
			Element first = document.selectFirst("p");
			String excerpt = first == null ? document.text() : first.text();
			jdbc.sql("update webmentions set status = 'verified', verified_at = now(), title = ?, excerpt = ?, reason = '' where id = ?")
				.params(limit(document.title(), 200), limit(excerpt, 300), mentionId)
				.update();
			return "verified";
		}
		catch (IllegalArgumentException e) {
			return reject(mentionId, e.getMessage());
		}
		catch (IOException e) {
			return reject(mentionId, "The source could not be fetched: " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return reject(mentionId, "Interrupted.");
		}
	}

	/** Verifies in the background, so the sender gets its 202 at once. */
	public void verifyLater(UUID mentionId) {
		Thread.ofVirtual().name("webmention-" + mentionId).start(() -> {
			try {
				verify(mentionId);
			}
			catch (RuntimeException e) {
				log.warn("Webmention {} not verified: {}", mentionId, e.getMessage());
			}
		});
	}

	public List<Mention> verified(UUID postId) {
		return jdbc.sql("select id, source, title, excerpt, status from webmentions where post_id = ? and status = 'verified' order by verified_at")
			.param(postId)
			.query((rs, n) -> new Mention(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.list();
	}

	public Optional<Mention> find(UUID mentionId) {
		return jdbc.sql("select id, source, title, excerpt, status from webmentions where id = ?").param(mentionId)
			.query((rs, n) -> new Mention(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.optional();
	}

	private String reject(UUID mentionId, String reason) {
		jdbc.sql("update webmentions set status = 'rejected', reason = ? where id = ?").params(limit(reason, 300), mentionId).update();
		return "rejected";
	}

	private Optional<Post> postOf(Workspace workspace, URI target) {
		String path = target.getPath() == null ? "" : target.getPath();
		String prefix = "/blog/" + workspace.slug() + "/";
		if (!path.startsWith(prefix)) {
			return Optional.empty();
		}
		String slug = path.substring(path.lastIndexOf('/') + 1);
		return posts.publishedBySlug(workspace.id(), slug)
			.filter(p -> p.path(workspace.slug(), workspace.timeZone()).equals(path));
	}

	private static URI httpUri(String value, String name) {
		try {
			URI uri = new URI(value == null ? "" : value.strip());
			if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
				throw new IllegalArgumentException(name + " must be an http or https address.");
			}
			return uri.normalize();
		}
		catch (java.net.URISyntaxException e) {
			throw new IllegalArgumentException(name + " is not an address.");
		}
	}

	private static String limit(String text, int max) {
		String t = text == null ? "" : text.strip();
		return t.length() <= max ? t : t.substring(0, max - 1) + "…";
	}
}

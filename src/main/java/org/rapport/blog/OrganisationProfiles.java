package org.rapport.blog;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links to the organisation's profiles elsewhere (Mastodon, LinkedIn, a YouTube channel), shown in the blog's
 * footer as plain links: nothing is loaded from those sites. Kept as lines of "name address", so a manager writes
 * them the way they would in a text.
 */
@Component
public class OrganisationProfiles {

	static final int MAX = 12;

	private final JdbcClient jdbc;
	private final BlogVersions versions;

	OrganisationProfiles(JdbcClient jdbc, BlogVersions versions) {
		this.jdbc = jdbc;
		this.versions = versions;
	}

	/** A profile: how the link reads and where it goes. */
	public record Profile(String name, String url) {
	}

	public List<Profile> of(UUID workspaceId) {
		return parse(text(workspaceId));
	}

	/** The lines as the manager wrote them. */
	public String text(UUID workspaceId) {
		return jdbc.sql("select profile_links from blog_settings where workspace_id = ?").param(workspaceId)
			.query(String.class).optional().orElse("");
	}

	/**
	 * Saves the lines; each is a name and an http(s) address, the address last ("Mastodon https://…"). Throws
	 * {@link IllegalArgumentException} naming the first line that is not.
	 */
	public List<Profile> save(CurrentUser member, String text) {
		member.requireManager();
		String clean = text == null ? "" : text.strip();
		List<Profile> profiles = parse(clean);
		long lines = clean.lines().filter(l -> !l.isBlank()).count();
		if (profiles.size() != lines) {
			String bad = clean.lines().filter(l -> !l.isBlank()).filter(l -> parse(l).isEmpty()).findFirst().orElse("");
			throw new IllegalArgumentException("Each line needs a name and an http(s) address, e.g. 'Mastodon https://social.example/@name'; not: '"
					+ bad.strip() + "'.");
		}
		if (profiles.size() > MAX) {
			throw new IllegalArgumentException("At most " + MAX + " profile links.");
		}
		jdbc.sql("""
				insert into blog_settings(workspace_id, consent_text, profile_links) values (?, ?, ?)
				on conflict (workspace_id) do update set profile_links = excluded.profile_links""")
			.params(member.workspaceId(), BlogSettings.DEFAULT_CONSENT, clean)
			.update();
		versions.changed(member.workspaceId());
		return profiles;
	}

	static List<Profile> parse(String text) {
		List<Profile> profiles = new ArrayList<>();
		for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
			int space = line.lastIndexOf(' ');
			String url = space < 0 ? line : line.substring(space + 1);
			String name = space < 0 ? "" : line.substring(0, space).strip();
			if (name.isEmpty() || name.length() > 60 || url.length() > 300 || !httpUrl(url)) {
				continue;
			}
			profiles.add(new Profile(name, url));
		}
		return profiles;
	}

	private static boolean httpUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (java.net.URISyntaxException e) {
			return false;
		}
	}
}

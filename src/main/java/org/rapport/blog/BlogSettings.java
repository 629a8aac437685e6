package org.rapport.blog;

import org.rapport.platform.Workspace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each workspace's blog: its title (the workspace's name unless set), a short description for search engines
 * and feeds, the language its posts are written in, and the wording of the consent a commenter gives, versioned
 * so each consent record names the text the person saw.
 */
@Component
public class BlogSettings {

	/** The consent wording of a new blog, in German. */
	public static final String DEFAULT_CONSENT = "Ich bin einverstanden, dass mein Name, meine E-Mail-Adresse, meine Website "
			+ "und mein Kommentar gespeichert werden, damit der Kommentar veröffentlicht und beantwortet werden kann. "
			+ "Name, Website und Kommentar erscheinen öffentlich unter dem Beitrag, die E-Mail-Adresse nie. "
			+ "Ich kann diese Einwilligung jederzeit per E-Mail widerrufen.";

	private final JdbcClient jdbc;
	private final BlogVersions versions;

	BlogSettings(JdbcClient jdbc, BlogVersions versions) {
		this.jdbc = jdbc;
		this.versions = versions;
	}

	/**
	 * @param language {@code de} or {@code en}, for feeds and the pages' language
	 */
	public record Settings(String title, String description, String language, String consentText, int consentVersion) {
	}

	public Settings of(Workspace workspace) {
		return jdbc.sql("select title, description, language, consent_text, consent_version from blog_settings where workspace_id = ?")
			.param(workspace.id())
			.query((rs, n) -> new Settings(rs.getString(1).isBlank() ? workspace.name() : rs.getString(1),
					rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
			.optional()
			.orElse(new Settings(workspace.name(), "", "de", DEFAULT_CONSENT, 1));
	}

	/** Saves the settings; a changed consent text gets a new version. */
	public Settings save(Workspace workspace, String title, String description, String language, String consentText) {
		if (consentText == null || consentText.isBlank()) {
			throw new IllegalArgumentException("The consent text must not be empty.");
		}
		if (!"de".equals(language) && !"en".equals(language)) {
			throw new IllegalArgumentException("The blog's language is de or en, not '" + language + "'.");
		}
		if ((title != null && title.length() > 200) || (description != null && description.length() > 500)) {
			throw new IllegalArgumentException("The title has at most 200, the description at most 500 characters.");
		}
		Settings current = of(workspace);
		int version = current.consentText().equals(consentText.strip()) ? current.consentVersion() : current.consentVersion() + 1;
		jdbc.sql("""
				insert into blog_settings(workspace_id, title, description, language, consent_text, consent_version)
				values (?, ?, ?, ?, ?, ?) on conflict (workspace_id) do update set title = excluded.title,
				  description = excluded.description, language = excluded.language, consent_text = excluded.consent_text,
				  consent_version = excluded.consent_version""")
			.params(workspace.id(), title == null ? "" : title.strip(), description == null ? "" : description.strip(),
					language, consentText.strip(), version)
			.update();
		versions.changed(workspace.id());
		return of(workspace);
	}
}

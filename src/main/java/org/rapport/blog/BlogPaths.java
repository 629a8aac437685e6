package org.rapport.blog;

/** The addresses of a workspace's public blog, below the site root. */
public final class BlogPaths {

	private BlogPaths() {
	}

	public static String home(String workspaceSlug) {
		return "/blog/" + workspaceSlug;
	}

	public static String month(String workspaceSlug, int year, int month) {
		return home(workspaceSlug) + "/%04d/%02d".formatted(year, month);
	}

	/** A category's or tag's page; {@code kind} is {@code category} or {@code tag}. */
	public static String term(String workspaceSlug, String kind, String termSlug) {
		return home(workspaceSlug) + "/" + kind + "/" + termSlug;
	}

	public static String archive(String workspaceSlug) {
		return home(workspaceSlug) + "/archive";
	}

	/** A static page; {@code page} is a word no post address uses (those start with a year). */
	public static String page(String workspaceSlug, String pageSlug) {
		return home(workspaceSlug) + "/page/" + pageSlug;
	}

	/** An author's page with their profile and posts. */
	public static String author(String workspaceSlug, String authorSlug) {
		return home(workspaceSlug) + "/author/" + authorSlug;
	}

	public static String search(String workspaceSlug) {
		return home(workspaceSlug) + "/search";
	}

	/** An uploaded image, by id with the extension of its type. */
	public static String media(String workspaceSlug, String fileName) {
		return home(workspaceSlug) + "/media/" + fileName;
	}
}

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
}

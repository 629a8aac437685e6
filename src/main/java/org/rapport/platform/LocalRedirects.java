package org.rapport.platform;

import java.util.regex.Pattern;

/**
 * Where a form may send the browser back to, taken from a {@code back} parameter: only paths of this site, written
 * in the characters a URL needs. Anything else (another host, a line break that would split the Location header, a
 * {@code {name}} that Spring would read as a URI template variable) falls back to a fixed page.
 */
public final class LocalRedirects {

	/** A path of this site: unreserved characters, percent escapes, and what paths, queries and fragments use. */
	private static final Pattern PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@/%?#-]*");

	/** A query string as the inbox writes one: {@code ?status=open&q=...}, URL-encoded. */
	private static final Pattern QUERY = Pattern.compile("\\?[A-Za-z0-9._~*+%&=-]*");

	private LocalRedirects() {
	}

	/** The path, if it is one of this site's, else the fallback. */
	public static String path(String back, String fallback) {
		return back != null && PATH.matcher(back).matches() ? back : fallback;
	}

	/** The query string, if it is a plain one, else nothing. */
	public static String query(String back) {
		return back != null && QUERY.matcher(back).matches() ? back : "";
	}
}

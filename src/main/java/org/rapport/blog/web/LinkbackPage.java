package org.rapport.blog.web;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.blog.BlogPaths;
import org.rapport.blog.Linkbacks;
import org.rapport.blog.Post;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspace;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.HtmlUtils;

/**
 * What a post page carries for linkbacks: the verified ones to show, and the three ways other blogs find where to
 * send theirs — the Webmention endpoint and Pingback server in headers and {@code <link>} elements, and the
 * Trackback address in the RDF block Trackback clients look for.
 */
@Component
class LinkbackPage {

	private final Linkbacks linkbacks;
	private final RapportProperties properties;

	LinkbackPage(Linkbacks linkbacks, RapportProperties properties) {
		this.linkbacks = linkbacks;
		this.properties = properties;
	}

	static String webmentionPath(String workspaceSlug) {
		return BlogPaths.home(workspaceSlug) + "/webmention";
	}

	static String pingbackPath(String workspaceSlug) {
		return BlogPaths.home(workspaceSlug) + "/xmlrpc";
	}

	void addTo(Model model, HttpServletResponse response, Workspace workspace, Post post, String postUrl) {
		String webmention = properties.link(webmentionPath(workspace.slug()));
		String pingback = properties.link(pingbackPath(workspace.slug()));
		String trackback = postUrl + "/trackback";
		model.addAttribute("webmentionEndpoint", webmention);
		model.addAttribute("pingbackEndpoint", pingback);
		model.addAttribute("trackbackUrl", trackback);
		model.addAttribute("trackbackRdf", rdf(postUrl, post.title(), trackback));
		model.addAttribute("linkbacks", linkbacks.shown(post.id()));
		if (response != null) {
			response.setHeader("Link", "<" + webmention + ">; rel=\"webmention\"");
			response.setHeader("X-Pingback", pingback);
		}
	}

	/** The Trackback autodiscovery block, inside an HTML comment as the Trackback specification shows it. */
	static String rdf(String url, String title, String ping) {
		String rdf = """
				<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
				         xmlns:dc="http://purl.org/dc/elements/1.1/"
				         xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">
				<rdf:Description rdf:about="%s" dc:identifier="%s" dc:title="%s" trackback:ping="%s" />
				</rdf:RDF>""".formatted(attr(url), attr(url), attr(title), attr(ping));
		return "<!--\n" + rdf + "\n-->";
	}

	private static String attr(String value) {
		// "--" may not appear inside an HTML comment
		return HtmlUtils.htmlEscape(value, "UTF-8").replace("--", "&#45;&#45;");
	}
}

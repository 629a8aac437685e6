package org.rapport.blog.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rapport.blog.BlogPaths;
import org.rapport.blog.Author;
import org.rapport.blog.Authors;
import org.rapport.blog.BlogSettings;
import org.rapport.blog.Page;
import org.rapport.blog.Pages;
import org.rapport.blog.Post;
import org.rapport.blog.Posts;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every public page of a blog shows: the blog's name, its feeds, the page's title, description, canonical
 * address and Open Graph data; and posts as cards with their address and date in the reader's language.
 */
@Component
class BlogPages {

	private final Workspaces workspaces;
	private final BlogSettings settings;
	private final Posts posts;
	private final RapportProperties properties;
	private final Pages staticPages;
	private final Sidebar sidebar;
	private final Authors authors;

	BlogPages(Workspaces workspaces, BlogSettings settings, Posts posts, RapportProperties properties, Pages staticPages,
			Sidebar sidebar, Authors authors) {
		this.authors = authors;
		this.staticPages = staticPages;
		this.sidebar = sidebar;
		this.workspaces = workspaces;
		this.settings = settings;
		this.posts = posts;
		this.properties = properties;
	}

	/** The page's data for the head: title, description, canonical address, Open Graph type and article data. */
	record Meta(String title, String description, String canonical, String type, String publishedTime,
			String modifiedTime, String author, List<String> tags) {

		static Meta page(String title, String description, String canonical) {
			return new Meta(title, description, canonical, "website", null, null, null, List.of());
		}
	}

	/** A feed advertised with {@code <link rel="alternate">}. */
	record FeedLink(String type, String title, String href) {
	}

	/** A post with what a page shows about it. */
	record Card(Post post, String path, String url, String date, String isoDate, String authorPath) {
	}

	record ShareLink(String name, String href) {
	}

	/**
	 * The workspace whose blog this is. A workspace's blog goes public with its first published post; before that,
	 * and for workspaces that never blog, there is nothing to see, not even the workspace's name.
	 */
	Workspace workspace(String slug) {
		return workspaces.bySlug(slug).filter(w -> posts.countPublished(w.id()) > 0)
			.orElseThrow(() -> new NotFoundException("There is no blog '" + slug + "'."));
	}

	BlogSettings.Settings settings(Workspace workspace) {
		return settings.of(workspace);
	}

	String absolute(String path) {
		return properties.link(path);
	}

	Card card(Workspace workspace, Post post) {
		return card(workspace, post, author(workspace, post));
	}

	Card card(Workspace workspace, Post post, Author author) {
		String path = post.path(workspace.slug(), workspace.timeZone());
		return new Card(post, path, absolute(path), date(post.date(), workspace.timeZone()),
				post.date().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), author.path(workspace.slug()));
	}

	/** The profile of the post's author. */
	Author author(Workspace workspace, Post post) {
		return authors.of(workspace.id(), post.authorId(), post.authorName());
	}

	List<Card> cards(Workspace workspace, List<Post> posts) {
		var authorsOf = authors.ofPosts(workspace.id(), posts);
		return posts.stream().map(p -> card(workspace, p, authorsOf.get(p.id()))).toList();
	}

	static String date(Instant instant, ZoneId zone) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(LocaleContextHolder.getLocale())
			.format(instant.atZone(zone));
	}

	/** Adds what the layout needs; {@code termFeeds} is the base path of a category's or tag's feeds, or null. */
	void common(Model model, Workspace workspace, Meta meta, String termFeeds, String termName) {
		common(model, workspace, settings.of(workspace), meta, termFeeds, termName);
	}

	/** The same, with the blog's settings the caller already read. */
	void common(Model model, Workspace workspace, BlogSettings.Settings blog, Meta meta, String termFeeds, String termName) {
		String home = BlogPaths.home(workspace.slug());
		List<FeedLink> feeds = new ArrayList<>();
		feeds.add(new FeedLink("application/rss+xml", blog.title() + " (RSS)", absolute(home + "/feed.xml")));
		feeds.add(new FeedLink("application/atom+xml", blog.title() + " (Atom)", absolute(home + "/atom.xml")));
		feeds.add(new FeedLink("application/feed+json", blog.title() + " (JSON Feed)", absolute(home + "/feed.json")));
		if (termFeeds != null) {
			String title = blog.title() + " – " + termName;
			feeds.add(new FeedLink("application/rss+xml", title + " (RSS)", absolute(termFeeds + "/feed.xml")));
			feeds.add(new FeedLink("application/atom+xml", title + " (Atom)", absolute(termFeeds + "/atom.xml")));
			feeds.add(new FeedLink("application/feed+json", title + " (JSON Feed)", absolute(termFeeds + "/feed.json")));
		}
		model.addAttribute("ws", workspace);
		model.addAttribute("blog", blog);
		model.addAttribute("home", home);
		model.addAttribute("archivePath", BlogPaths.archive(workspace.slug()));
		model.addAttribute("meta", meta);
		model.addAttribute("feeds", feeds);
		model.addAttribute("ogLocale", "en".equals(blog.language()) ? "en_GB" : "de_DE");
		model.addAttribute("readerLang", LocaleContextHolder.getLocale().getLanguage());
		List<Page> navigation = staticPages.published(workspace.id());
		model.addAttribute("navPages", navigation.stream().map(p -> new NavLink(p.title(), p.path(workspace.slug()))).toList());
		model.addAttribute("privacyPath", Pages.privacyOf(navigation).map(p -> p.path(workspace.slug())).orElse(null));
		model.addAttribute("searchPath", BlogPaths.search(workspace.slug()));
		sidebar.addTo(model, workspace);
	}

	/** A link in the theme's navigation. */
	record NavLink(String title, String path) {
	}

	static List<ShareLink> share(String title, String url) {
		String text = enc(title + " " + url);
		return List.of(new ShareLink("E-Mail", "mailto:?subject=" + enc(title) + "&body=" + enc(url)),
				new ShareLink("Bluesky", "https://bsky.app/intent/compose?text=" + text),
				new ShareLink("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + enc(url)),
				new ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + enc(url)),
				new ShareLink("WhatsApp", "https://wa.me/?text=" + text));
	}

	private static String enc(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static Locale locale() {
		return LocaleContextHolder.getLocale();
	}
}

package org.rapport.blog.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Verifier;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.rapport.blog.Post;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a list of posts as RSS 2.0 or Atom 1.0 (with Rome), or JSON Feed 1.1, and a sitemap. Entries carry the full
 * sanitised HTML of each post, escaped as text; Atom and JSON Feed ids are the post's {@code urn:uuid}, stable when a
 * title changes. Rome has no JSON Feed, so that one is written here as a map through Jackson.
 */
final class FeedWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

	private FeedWriter() {
	}

	/** One feed: what it is called, where it lives, and its entries with their public addresses. */
	record Feed(String title, String description, String language, String homeUrl, String selfUrl,
			List<Entry> entries) {

		Instant updated() {
			return entries.stream().map(e -> e.post().updatedAt()).max(Instant::compareTo).orElse(Instant.EPOCH);
		}
	}

	/** A post in a feed with its address, and its author's page and photo (absolute addresses, or null). */
	record Entry(Post post, String url, String authorUrl, String authorAvatar) {

		Entry(Post post, String url) {
			this(post, url, null, null);
		}
	}

	static String rss(Feed feed) {
		Channel channel = new Channel("rss_2.0");
		channel.setTitle(xml(feed.title()));
		channel.setLink(feed.homeUrl());
		channel.setDescription(xml(feed.description().isBlank() ? feed.title() : feed.description()));
		channel.setLanguage(xml(feed.language()));
		channel.setLastBuildDate(date(feed.updated()));
		channel.setGenerator("Rapport");
		channel.setForeignMarkup(List.of(new Element("link", ATOM).setAttribute("href", feed.selfUrl())
			.setAttribute("rel", "self").setAttribute("type", "application/rss+xml")));
		for (Entry entry : feed.entries()) {
			Post post = entry.post();
			Item item = new Item();
			item.setTitle(xml(post.title()));
			item.setLink(entry.url());
			Guid guid = new Guid();
			guid.setValue(entry.url());
			item.setGuid(guid);
			item.setPubDate(date(post.publishedAt()));
			DCModule dc = new DCModuleImpl();
			dc.setCreator(xml(post.authorName()));
			item.getModules().add(dc);
			item.setCategories(terms(post).map(t -> {
				Category category = new Category();
				category.setValue(xml(t.name()));
				return category;
			}).toList());
			Description description = new Description();
			description.setValue(xml(post.html()));
			item.setDescription(description);
			channel.getItems().add(item);
		}
		return write(channel, null);
	}

	static String atom(Feed feed) {
		com.rometools.rome.feed.atom.Feed atom = new com.rometools.rome.feed.atom.Feed("atom_1.0");
		atom.setTitle(xml(feed.title()));
		if (!feed.description().isBlank()) {
			atom.setSubtitle(content(null, feed.description()));
		}
		atom.setId(feed.homeUrl());
		atom.setAlternateLinks(List.of(link("alternate", "text/html", feed.homeUrl())));
		atom.setOtherLinks(List.of(link("self", "application/atom+xml", feed.selfUrl())));
		atom.setUpdated(date(feed.updated()));
		atom.setAuthors(List.of(person(feed.title(), null)));
		Generator generator = new Generator();
		generator.setValue("Rapport");
		atom.setGenerator(generator);
		for (Entry entry : feed.entries()) {
			Post post = entry.post();
			com.rometools.rome.feed.atom.Entry e = new com.rometools.rome.feed.atom.Entry();
			e.setTitle(xml(post.title()));
			e.setAlternateLinks(List.of(link("alternate", "text/html", entry.url())));
			e.setId("urn:uuid:" + post.id());
			e.setPublished(date(post.publishedAt()));
			e.setUpdated(date(post.updatedAt()));
			e.setAuthors(List.of(person(post.authorName(), entry.authorUrl())));
			e.setCategories(terms(post).map(t -> {
				com.rometools.rome.feed.atom.Category category = new com.rometools.rome.feed.atom.Category();
				category.setTerm(xml(t.slug()));
				category.setLabel(xml(t.name()));
				return category;
			}).toList());
			e.setSummary(content(Content.TEXT, post.excerpt()));
			e.setContents(List.of(content(Content.HTML, post.html())));
			atom.getEntries().add(e);
		}
		return write(atom, feed.language());
	}

	private static Stream<Post.Term> terms(Post post) {
		return Stream.concat(post.categories().stream(), post.tags().stream());
	}

	private static Link link(String rel, String type, String href) {
		Link link = new Link();
		link.setRel(rel);
		link.setType(type);
		link.setHref(href);
		return link;
	}

	private static SyndPerson person(String name, String uri) {
		Person person = new Person();
		person.setName(xml(name));
		person.setUri(uri);
		return person;
	}

	private static Content content(String type, String value) {
		Content content = new Content();
		content.setType(type);
		content.setValue(xml(value));
		return content;
	}

	/** The feed as XML; Rome's Atom writer leaves out the feed's language, so it is set on the root as xml:lang. */
	private static String write(WireFeed feed, String language) {
		try {
			Document document = new WireFeedOutput().outputJDom(feed);
			if (language != null) {
				document.getRootElement().setAttribute("lang", xml(language), Namespace.XML_NAMESPACE);
			}
			return new XMLOutputter(Format.getPrettyFormat()).outputString(document);
		}
		catch (FeedException e) {
			throw new IllegalStateException("The feed could not be written: " + e.getMessage(), e);
		}
	}

	static String json(Feed feed) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("version", "https://jsonfeed.org/version/1.1");
		json.put("title", feed.title());
		json.put("home_page_url", feed.homeUrl());
		json.put("feed_url", feed.selfUrl());
		if (!feed.description().isBlank()) {
			json.put("description", feed.description());
		}
		json.put("language", feed.language());
		List<Map<String, Object>> items = new ArrayList<>();
		for (Entry entry : feed.entries()) {
			Post post = entry.post();
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", "urn:uuid:" + post.id());
			item.put("url", entry.url());
			item.put("title", post.title());
			item.put("content_html", post.html());
			item.put("summary", post.excerpt());
			item.put("date_published", rfc3339(post.publishedAt()));
			item.put("date_modified", rfc3339(post.updatedAt()));
			Map<String, Object> author = new LinkedHashMap<>();
			author.put("name", post.authorName());
			if (entry.authorUrl() != null) {
				author.put("url", entry.authorUrl());
			}
			if (entry.authorAvatar() != null) {
				author.put("avatar", entry.authorAvatar());
			}
			item.put("authors", List.of(author));
			List<String> tags = new ArrayList<>();
			post.categories().forEach(t -> tags.add(t.name()));
			post.tags().forEach(t -> tags.add(t.name()));
			if (!tags.isEmpty()) {
				item.put("tags", tags);
			}
			items.add(item);
		}
		json.put("items", items);
		return JSON.writeValueAsString(json);
	}

	/** A sitemap of the given addresses with the time each last changed (or null). */
	static String sitemap(Map<String, Instant> urls) {
		Namespace ns = Namespace.getNamespace("http://www.sitemaps.org/schemas/sitemap/0.9");
		Element urlset = new Element("urlset", ns);
		urls.forEach((url, modified) -> {
			Element element = new Element("url", ns).addContent(new Element("loc", ns).setText(xml(url)));
			if (modified != null) {
				element.addContent(new Element("lastmod", ns).setText(rfc3339(modified)));
			}
			urlset.addContent(element);
		});
		return new XMLOutputter(Format.getPrettyFormat()).outputString(new Document(urlset));
	}

	/** Drops the characters XML 1.0 does not allow, which JDOM refuses (one in a title would fail the whole feed). */
	private static String xml(String text) {
		return text == null ? "" : text.codePoints().filter(Verifier::isXMLCharacter)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
	}

	private static Date date(Instant instant) {
		return Date.from(instant == null ? Instant.EPOCH : instant);
	}

	private static String rfc3339(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format((instant == null ? Instant.EPOCH : instant).truncatedTo(ChronoUnit.SECONDS));
	}
}

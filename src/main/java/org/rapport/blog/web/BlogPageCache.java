package org.rapport.blog.web;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.blog.BlogCacheProperties;
import org.rapport.blog.BlogVersions;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers anonymous reads of a blog's public pages and feeds from memory while the blog's version
 * ({@link BlogVersions}) stays the same, with an {@code ETag} (a hash of the bytes) and {@code Last-Modified} (when
 * the version was raised), and with {@code 304 Not Modified} to a reader who already has the page.
 * <p>
 * Only what is the same for every reader is cached: a {@code GET} without a query string of the blog's home page,
 * archive, months, categories and tags, posts, pages, author pages, feeds and sitemap, answered with 200 and no
 * cookie. A page is kept per reader language (German or English, from the language cookie or
 * {@code Accept-Language}, as the pages themselves choose it; feeds and the sitemap are the same in every language),
 * per {@code Accept} header and per scheme (HSTS is sent over https only). Anything else — a query string
 * ({@code ?page=2}, the notices after commenting, the commenter's own link, {@code ?lang=}), another method, an
 * error, a redirect, and what the Fediverse module answers at a post's address to ActivityPub clients (JSON, which
 * may one day depend on who signed the request) — goes to the controllers as before.
 * <p>
 * The filter runs ahead of Spring Security and the session filter, since serving a page from memory is then several
 * times cheaper. That is sound only because these pages are open to anyone and the blog's security filter chain
 * does nothing to their reading but add headers: a page is cached only from an answer that passed the whole chain,
 * its headers included (the security headers too), and is kept under its exact raw address, so an address the
 * chain refuses is never answered from here. A page that one day needs a login must leave {@link #CACHED}.
 * <p>
 * The cache is bounded by {@link BlogCacheProperties#maxSize()} and reports to Micrometer as
 * {@code cache.*{cache="blog.pages"}}; a page kept from an older version of its blog counts as a miss.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BlogPageCache extends OncePerRequestFilter {

	/** The metrics name of the cache. */
	static final String NAME = "blog.pages";

	/** The workspace's short name, then what is cached beneath it; feeds and the sitemap are marked by group 2. */
	static final Pattern CACHED = Pattern.compile("/blog/([a-z0-9][a-z0-9-]{1,40})(?:"
			+ "|/archive|/\\d{4}/\\d{2}|/\\d{4}/\\d{2}/[^/]+|/(?:category|tag)/[^/]+|/(?:page|author)/[^/]+"
			+ "|((?:/(?:category|tag)/[^/]+)?/(?:feed\\.xml|atom\\.xml|feed\\.json)|/sitemap\\.xml))");

	/** The languages the pages are written in; a page asked for in another language is not cached. */
	private static final Set<String> LANGUAGES = Set.of("de", "en");

	/** Headers that belong to one answer rather than to the page, or that this filter writes itself. */
	private static final Set<String> NOT_KEPT = Set.of("content-type", "content-length", "transfer-encoding", "date",
			"connection", "keep-alive", "set-cookie", "etag", "last-modified", "cache-control", "expires", "pragma");

	private final BlogCacheProperties properties;
	private final BlogVersions versions;
	private final Workspaces workspaces;
	private final LocaleResolver locales;
	private final Cache<Key, Page> pages;
	private final StatsCounter stats = new ConcurrentStatsCounter();
	private final Cache<String, UUID> workspaceIds;

	BlogPageCache(BlogCacheProperties properties, BlogVersions versions, Workspaces workspaces, LocaleResolver locales,
			ObjectProvider<MeterRegistry> metrics) {
		this.properties = properties;
		this.versions = versions;
		this.workspaces = workspaces;
		this.locales = locales;
		this.pages = Caffeine.newBuilder()
			.maximumWeight(properties.maxSize().toBytes())
			.weigher((Key key, Page page) -> key.weight() + page.weight())
			.expireAfterWrite(properties.maxAge())
			// hits and misses are counted here, as a page kept from an older version of its blog is a miss
			.recordStats(() -> stats)
			.build();
		// A workspace's short name never changes; only names that exist are kept, and not longer than a page.
		this.workspaceIds = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.maxAge()).build();
		metrics.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, pages, NAME));
	}

	/**
	 * What a cached page is kept under: its blog, its raw address, the reader's language for pages that have one, the
	 * {@code Accept} header as sent, and whether it was asked for over https.
	 */
	record Key(UUID workspaceId, String path, String language, String accept, boolean secure) {

		int weight() {
			return 2 * (path.length() + accept.length()) + 200;
		}
	}

	/** A page as it was answered: its bytes, their hash, and the headers that came with them. */
	record Page(long version, byte[] body, String etag, Instant lastModified, String contentType, Locale locale,
			Map<String, List<String>> headers, boolean perLanguage) {

		int weight() {
			return body.length + 100 * headers.size();
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !properties.enabled() || !"GET".equals(request.getMethod()) || request.getQueryString() != null
				|| !request.getRequestURI().startsWith(request.getContextPath() + "/blog/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher matcher = CACHED.matcher(path);
		// /blog/admin is the back office, not a blog
		UUID workspaceId = matcher.matches() && !"admin".equals(matcher.group(1)) ? workspaceId(matcher.group(1)) : null;
		boolean perLanguage = workspaceId != null && matcher.group(2) == null;
		// Kept per language and region: the texts are the language's, the dates the region's ("5 Dec" or "Dec 5").
		Locale locale = perLanguage ? locales.resolveLocale(request) : null;
		String language = perLanguage ? locale.toLanguageTag() : "";
		if (workspaceId == null || (perLanguage && !LANGUAGES.contains(locale.getLanguage()))) {
			chain.doFilter(request, response);
			return;
		}
		BlogVersions.Version version = versions.current(workspaceId);
		String accept = request.getHeader("Accept");
		Key key = new Key(workspaceId, path, language, accept == null ? "" : accept.strip(), request.isSecure());
		Page cached = pages.asMap().get(key);
		if (cached != null && cached.version() == version.number()) {
			stats.recordHits(1);
			answer(request, response, cached);
			return;
		}
		stats.recordMisses(1);
		Rendering rendering = new Rendering(response);
		chain.doFilter(request, rendering);
		if (rendering.getStatus() != HttpServletResponse.SC_OK || response.isCommitted()
				|| rendering.getHeader("Set-Cookie") != null || (perLanguage && !html(rendering.getContentType()))) {
			rendering.release();
			rendering.copyBodyToResponse();
			return;
		}
		Page page = page(version, rendering, perLanguage);
		pages.asMap().merge(key, page, (old, fresh) -> old.version() > fresh.version() ? old : fresh);
		if (!validators(request, response, page)) {
			rendering.copyBodyToResponse();
		}
	}

	/** Whether an answer is a page of the blog's theme, rather than another module's answer at the same address. */
	private static boolean html(String contentType) {
		return contentType != null && contentType.regionMatches(true, 0, "text/html", 0, 9);
	}

	private UUID workspaceId(String slug) {
		return workspaceIds.get(slug, s -> workspaces.bySlug(s).map(Workspace::id).orElse(null));
	}

	/** Writes a cached page, or only its validators with 304 when the reader's copy is still the page. */
	private static void answer(HttpServletRequest request, HttpServletResponse response, Page page) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		page.headers().forEach((name, values) -> {
			response.setHeader(name, values.getFirst());
			values.stream().skip(1).forEach(value -> response.addHeader(name, value));
		});
		if (page.locale() != null) {
			response.setLocale(page.locale());
		}
		response.setContentType(page.contentType());
		if (validators(request, response, page)) {
			return;
		}
		response.setContentLength(page.body().length);
		response.getOutputStream().write(page.body());
	}

	/**
	 * Adds the page's validators and caching headers; answers whether the reader's copy is current, in which case the
	 * answer became a 304 without a body. Readers and shared caches may keep the page but must ask again each time
	 * ({@code no-cache}), which costs them a 304 as long as nothing changed.
	 */
	private static boolean validators(HttpServletRequest request, HttpServletResponse response, Page page) {
		response.setHeader("Cache-Control", "no-cache");
		response.addHeader("Vary", page.perLanguage() ? "Accept, Accept-Language, Cookie" : "Accept");
		long lastModified = page.lastModified() == null ? -1 : page.lastModified().toEpochMilli();
		return new ServletWebRequest(request, response).checkNotModified(page.etag(), lastModified);
	}

	private static Page page(BlogVersions.Version version, Rendering rendering, boolean perLanguage) {
		byte[] body = rendering.getContentAsByteArray();
		Map<String, List<String>> kept = new LinkedHashMap<>();
		for (String name : rendering.getHeaderNames()) {
			if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
				kept.putIfAbsent(name, List.copyOf(rendering.getHeaders(name)));
			}
		}
		return new Page(version.number(), body, etag(body), version.changedAt(), rendering.getContentType(),
				rendering.locale, Map.copyOf(kept), perLanguage);
	}

	/** A strong validator: the first 128 bits of the SHA-256 of the bytes, so equal pages on all nodes match. */
	static String etag(byte[] body) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)) + "\"";
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}

	/**
	 * The answer being rendered, kept in memory. It remembers the locale the page was rendered in, since the
	 * {@code Content-Language} header that follows from it is written only when the answer is sent; and it holds
	 * back the caching headers the security filter chain writes ({@code no-store} and the like), which a page that is
	 * cached replaces with its own and any other answer gets unchanged ({@link #release()}).
	 */
	private static final class Rendering extends ContentCachingResponseWrapper {

		private static final Set<String> HELD = Set.of("cache-control", "pragma", "expires");

		private final Map<String, List<String>> held = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		private Locale locale;

		Rendering(HttpServletResponse response) {
			super(response);
		}

		/** Hands the held-back caching headers on to the answer. */
		void release() {
			HttpServletResponse response = (HttpServletResponse) getResponse();
			held.forEach((name, values) -> {
				response.setHeader(name, values.getFirst());
				values.stream().skip(1).forEach(value -> response.addHeader(name, value));
			});
			held.clear();
		}

		@Override
		public void setLocale(Locale locale) {
			this.locale = locale;
			super.setLocale(locale);
		}

		@Override
		public void setHeader(String name, String value) {
			if (isHeld(name)) {
				held.put(name, new ArrayList<>(List.of(value)));
			}
			else {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (isHeld(name)) {
				held.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
			}
			else {
				super.addHeader(name, value);
			}
		}

		@Override
		public void setDateHeader(String name, long date) {
			if (isHeld(name)) {
				setHeader(name, httpDate(date));
			}
			else {
				super.setDateHeader(name, date);
			}
		}

		@Override
		public void addDateHeader(String name, long date) {
			if (isHeld(name)) {
				addHeader(name, httpDate(date));
			}
			else {
				super.addDateHeader(name, date);
			}
		}

		@Override
		public boolean containsHeader(String name) {
			return isHeld(name) ? held.containsKey(name) : super.containsHeader(name);
		}

		@Override
		public void sendError(int status) throws IOException {
			release();
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			release();
			super.sendError(status, message);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			release();
			super.sendRedirect(location);
		}

		private static boolean isHeld(String name) {
			return HELD.contains(name.toLowerCase(Locale.ROOT));
		}

		private static String httpDate(long date) {
			return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
				.format(Instant.ofEpochMilli(date).atZone(java.time.ZoneOffset.UTC));
		}
	}
}

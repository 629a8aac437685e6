package org.rapport.blog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the public blog's pages are cached on each node, bound from {@code rapport.blog.cache.*}.
 *
 * @param enabled whether anonymous reads of the blog's pages and feeds are answered from the cache
 * @param maxSize the most memory the cached pages of all blogs may take on one node; the least used go first
 * @param versionCheck how long a node trusts the blog version it read from the database before reading it again: a
 *        change made through another node shows here after at most this long, one made through this node at once
 * @param maxAge how long a page is kept at most although its blog's version did not change: a safety net for changes
 *        made around the application, such as SQL typed by hand
 */
@ConfigurationProperties("rapport.blog.cache")
public record BlogCacheProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("64MB") DataSize maxSize,
		@DefaultValue("1s") Duration versionCheck,
		@DefaultValue("10m") Duration maxAge) {
}

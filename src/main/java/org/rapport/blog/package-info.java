/**
 * The organisation's own blog: posts written in Markdown and published now or when due, a public reading theme
 * per workspace with archives, categories, tags, feeds and a sitemap, and reader comments that arrive in the
 * inbox and are answered from there.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Blog")
package org.rapport.blog;

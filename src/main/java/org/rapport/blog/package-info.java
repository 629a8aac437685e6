/**
 * The organisation's own blog: posts and static pages written in Markdown and published now or when due, author
 * profiles, uploaded images, a public reading theme per workspace with archives, categories, tags, search, feeds and
 * a sitemap, and reader comments in threads that arrive in the inbox, are answered from there, and can be deleted
 * by their writers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Blog")
package org.rapport.blog;

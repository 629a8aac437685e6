/**
 * The blog on the web: the public reading pages, feeds and sitemap, the comment form, the editor for members and
 * the JSON API.
 */
package org.rapport.blog.web;

package org.rapport.blog.web;

/** A post that was public and is not any more; its address answers 410 Gone, so linking sites can drop it. */
class PostGone extends RuntimeException {

	PostGone(String slug) {
		super("The post '" + slug + "' is no longer published.");
	}
}

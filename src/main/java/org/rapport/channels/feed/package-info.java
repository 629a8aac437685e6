/**
 * Followed feeds (RSS, Atom, JSON Feed): press portals, partners' blogs, job boards. A feed channel is read for
 * listening, not for the inbox: its items are heard posts.
 */
package org.rapport.channels.feed;

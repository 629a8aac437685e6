package org.rapport.relationships;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.blog.Comments;
import org.rapport.blog.Linkbacks;
import org.rapport.contacts.Contacts;
import org.springframework.stereotype.Component;

/**
 * Links to our posts on contacts' own sites: verified linkbacks (Webmention, Pingback, Trackback) that the team did
 * not hide, whose source lies on a website a contact gave with a blog comment or as an identity (the site itself or a
 * page under it). Asks the blog for the linkbacks and the commenters' websites and the contacts for their websites,
 * three queries for the whole workspace, and matches them here.
 */
@Component
class ContactLinks {

	/** A linkback from a contact's site. */
	record Link(UUID contactId, UUID linkbackId, String source, Instant receivedAt) {
	}

	private final Linkbacks linkbacks;
	private final Comments comments;
	private final Contacts contacts;

	ContactLinks(Linkbacks linkbacks, Comments comments, Contacts contacts) {
		this.linkbacks = linkbacks;
		this.comments = comments;
		this.contacts = contacts;
	}

	/** The links received since {@code since}, newest first; a link from a site two contacts gave counts for both. */
	List<Link> since(UUID workspaceId, Instant since) {
		List<Linkbacks.Linkback> received = linkbacks.verifiedSince(workspaceId, since);
		if (received.isEmpty()) {
			return List.of();
		}
		Map<String, Set<UUID>> owners = new HashMap<>();
		comments.commenterWebsites(workspaceId).forEach((contact, sites) -> sites
			.forEach(site -> owners.computeIfAbsent(site, k -> new LinkedHashSet<>()).add(contact.value())));
		contacts.websites(workspaceId).forEach((contact, sites) -> sites
			.forEach(site -> owners.computeIfAbsent(site, k -> new LinkedHashSet<>()).add(contact.value())));
		List<Link> links = new ArrayList<>();
		for (Linkbacks.Linkback linkback : received) {
			for (UUID contact : ownersOf(linkback.source(), owners)) {
				links.add(new Link(contact, linkback.id(), linkback.source(), linkback.receivedAt()));
			}
		}
		return links;
	}

	/** The contacts whose site is the source itself or a prefix of it that ends before a slash. */
	private static Set<UUID> ownersOf(String source, Map<String, Set<UUID>> owners) {
		String address = source.toLowerCase(Locale.ROOT);
		Set<UUID> found = new LinkedHashSet<>(owners.getOrDefault(address, Set.of()));
		for (int slash = address.indexOf('/'); slash >= 0; slash = address.indexOf('/', slash + 1)) {
			found.addAll(owners.getOrDefault(address.substring(0, slash), Set.of()));
		}
		return found;
	}
}

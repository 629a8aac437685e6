package org.rapport.blog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Arranges a post's comments into the threads readers see. Only approved comments show; an answer whose comment is
 * not shown (waiting, rejected) moves up to the nearest shown ancestor. A comment its author deleted stays as an
 * empty placeholder while answers to it are shown, so a thread keeps its sense. Threads nest
 * {@value #MAX_DEPTH} levels deep: an answer to a comment on the deepest level is shown on that level too, right
 * after the comments before it, as narrow screens have no room for more indentation. The stored parent stays the
 * true one, so a theme with more room could nest deeper.
 */
final class CommentThreads {

	/** How many levels of comments a page shows nested. */
	static final int MAX_DEPTH = 3;

	private CommentThreads() {
	}

	/** The top-level comments, each with its shown answers as {@link Comment#replies()}; input in time order. */
	static List<Comment> of(List<Comment> all) {
		Map<UUID, Comment> byId = new LinkedHashMap<>();
		all.forEach(c -> byId.put(c.id(), c));
		Set<UUID> shown = new HashSet<>();
		for (Comment c : all) {
			if (c.approved()) {
				shown.add(c.id());
				// keep the deleted comments this one answers, as placeholders
				for (Comment up = parentOf(c, byId); up != null; up = parentOf(up, byId)) {
					if (up.deleted()) {
						shown.add(up.id());
					}
				}
			}
		}
		Map<UUID, UUID> displayParent = new HashMap<>();
		Map<UUID, Integer> depth = new HashMap<>();
		Map<UUID, List<UUID>> children = new LinkedHashMap<>();
		List<UUID> top = new ArrayList<>();
		for (Comment c : parentsFirst(all, byId)) {
			if (!shown.contains(c.id())) {
				continue;
			}
			Comment parent = parentOf(c, byId);
			while (parent != null && !shown.contains(parent.id())) {
				parent = parentOf(parent, byId);
			}
			UUID under = parent == null ? null : parent.id();
			while (under != null && depth.get(under) >= MAX_DEPTH) {
				under = displayParent.get(under);
			}
			if (under == null) {
				depth.put(c.id(), 1);
				top.add(c.id());
			}
			else {
				depth.put(c.id(), depth.get(under) + 1);
				displayParent.put(c.id(), under);
				children.computeIfAbsent(under, k -> new ArrayList<>()).add(c.id());
			}
		}
		return top.stream().map(id -> build(id, byId, children)).toList();
	}

	/**
	 * The comments in time order, except that an answer never comes before the comment it answers: comments
	 * written in the same instant (an import, one transaction) may otherwise sort an answer first.
	 */
	static List<Comment> parentsFirst(List<Comment> all, Map<UUID, Comment> byId) {
		List<Comment> ordered = new ArrayList<>(all.size());
		Set<UUID> placed = new HashSet<>();
		for (Comment c : all) {
			java.util.ArrayDeque<Comment> chain = new java.util.ArrayDeque<>();
			for (Comment up = c; up != null && !placed.contains(up.id()) && chain.size() <= all.size(); up = parentOf(up, byId)) {
				chain.push(up);
			}
			for (Comment next : chain) {
				if (placed.add(next.id())) {
					ordered.add(next);
				}
			}
		}
		return ordered;
	}

	private static Comment build(UUID id, Map<UUID, Comment> byId, Map<UUID, List<UUID>> children) {
		Comment c = byId.get(id);
		List<Comment> replies = children.getOrDefault(id, List.of()).stream().map(r -> build(r, byId, children)).toList();
		return new Comment(c.id(), c.postId(), c.parentId(), c.conversationId(), c.fromTeam(), c.authorName(),
				c.website(), c.bodyText(), c.bodyHtml(), c.status(), c.createdAt(), replies, c.deletedByTeam());
	}

	private static Comment parentOf(Comment c, Map<UUID, Comment> byId) {
		return c.parentId() == null ? null : byId.get(c.parentId());
	}
}

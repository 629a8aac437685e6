package org.rapport.channels.linkedin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.network.JsonHttp;
import org.rapport.contacts.IdentityClaim;

import tools.jackson.databind.JsonNode;

/**
 * Makes the inbox's messages of what LinkedIn gives: a comment as the Comments API lists it
 * (learn.microsoft.com/linkedin/marketing/community-management/shares/comments-api: {@code commentUrn}, {@code actor},
 * {@code object}, {@code parentComment}, {@code message.text}, {@code created.time}), and an organisation social action
 * notification as the webhook pushes it (learn.microsoft.com/linkedin/marketing/community-management/organizations/
 * organization-social-action-notifications: {@code notificationId}, {@code organizationalEntity}, {@code action},
 * {@code sourcePost}, {@code decoratedSourcePost}, {@code generatedActivity}, {@code decoratedGeneratedActivity},
 * {@code lastModifiedAt}). Taken are comments ({@code COMMENT}) and mentions of the page in posts
 * ({@code SHARE_MENTION}); the page's own comments ({@code ADMIN_COMMENT}, or any by the organisation) are only
 * remembered, never inbound, and everything else (likes, shares, deletions) is passed over; an edited comment
 * ({@code COMMENT_EDIT}) replaces the text stored.
 * <p>
 * Ids: a comment is its comment URN, written in full ({@code urn:li:comment:(urn:li:activity:…,…)}) whichever way
 * LinkedIn wrote it, so that the webhook and the catch-up store it once; a mention is the URN of the post that
 * mentions the page. A post's comments are one conversation, its thread key the post's URN; a reply names the comment
 * it is nested under.
 */
final class LinkedInItems {

	/** The text of a comment or post without any: said in both languages, as the body is the same for everyone. */
	static final String NO_TEXT = "[Kommentar ohne Text · comment without text]";

	private LinkedInItems() {
	}

	/**
	 * One message with where it hangs.
	 *
	 * @param postUrn the post it is about (the conversation's thread key)
	 * @param postText the post's text when it came along, else {@code null}
	 * @param topUrn the top-level comment an answer is nested under: itself for a top-level comment, its parent for a
	 * reply, {@code ""} for a mention (answered with a comment on the post)
	 * @param own written by the page itself: remembered, never inbound
	 */
	record Item(InboundMessage message, String postUrn, String postText, String topUrn, boolean own) {
	}

	/** A comment URN written in full: LinkedIn shortens {@code urn:li:activity:} to {@code activity:} in places. */
	static String commentUrn(String urn) {
		String given = urn == null ? "" : urn.strip();
		return given.replaceFirst("^urn:li:comment:\\((?!urn:li:)([a-zA-Z]+):", "urn:li:comment:(urn:li:$1:");
	}

	/** Where a post can be read: LinkedIn's address of an activity, share or ugcPost URN. */
	static String postUrl(String postUrn) {
		return postUrn.matches("urn:li:(activity|share|ugcPost):[0-9]{1,30}")
				? "https://www.linkedin.com/feed/update/" + postUrn + "/" : "";
	}

	/** A comment read from the Comments API, under the post {@code postUrn}. */
	static Optional<Item> comment(JsonNode comment, String postUrn, String organization, String identity) {
		String urn = commentUrn(comment.path("commentUrn").asString(comment.path("$URN").asString("")));
		String actor = comment.path("actor").asString("");
		if (!urn.startsWith("urn:li:comment:") || actor.isEmpty()) {
			return Optional.empty();
		}
		String parent = commentUrn(comment.path("parentComment").asString(""));
		long time = comment.path("created").path("time").asLong(0);
		return Optional.of(item(urn, postUrn, null, parent, actor, comment.path("message").path("text").asString(""),
				time, organization, identity));
	}

	/** The messages of a webhook delivery (or of notifications read back) for the page {@code organization}. */
	static List<Item> notifications(JsonNode notifications, String organization, String identity) {
		List<Item> items = new ArrayList<>();
		for (JsonNode n : notifications) {
			if (!organization.equals(n.path("organizationalEntity").asString(""))) {
				continue;
			}
			String action = n.path("action").asString("");
			JsonNode source = n.path("decoratedSourcePost");
			String postUrn = source.path("entity").asString(n.path("sourcePost").asString(""));
			long time = n.path("lastModifiedAt").asLong(0);
			if (action.equals("COMMENT") || action.equals("ADMIN_COMMENT")) {
				JsonNode comment = n.path("decoratedGeneratedActivity").path("comment");
				String urn = commentUrn(comment.path("entity").asString(n.path("generatedActivity").asString("")));
				String owner = comment.path("owner").asString("");
				if (!urn.startsWith("urn:li:comment:") || owner.isEmpty() || postUrn.isEmpty()) {
					continue;
				}
				String text = comment.path("text").asString(comment.path("message").path("text").asString(""));
				String postText = source.path("text").isString() ? source.path("text").asString() : null;
				Item item = item(urn, postUrn, postText, commentUrn(comment.path("parentComment").asString("")), owner, text,
						time, organization, identity);
				boolean own = item.own() || action.equals("ADMIN_COMMENT");
				items.add(new Item(item.message(), item.postUrn(), item.postText(), item.topUrn(), own));
			}
			else if (action.equals("SHARE_MENTION")) {
				JsonNode share = n.path("decoratedGeneratedActivity").path("share");
				String urn = share.path("entity").asString(n.path("generatedActivity").asString(""));
				String owner = share.path("owner").asString("");
				if (urn.isEmpty() || owner.isEmpty()) {
					continue;
				}
				String text = share.path("text").asString("");
				Item mention = item(urn, urn, text, "", owner, text, time, organization, identity);
				items.add(new Item(mention.message(), urn, text, "", mention.own()));
			}
		}
		return items;
	}

	/**
	 * A post that mentions the page, read with {@code GET /rest/posts/{urn}} (Posts API: {@code author},
	 * {@code commentary}, {@code publishedAt}, {@code createdAt}) for a notification read back without the post
	 * described: the same message as the webhook's, its id the post's URN.
	 */
	static Optional<Item> mention(String urn, JsonNode post, long time, String organization, String identity) {
		String author = post.path("author").asString("");
		if (urn.isEmpty() || author.isEmpty()) {
			return Optional.empty();
		}
		String text = littleText(post.path("commentary").asString(""));
		long at = time > 0 ? time : post.path("publishedAt").asLong(post.path("createdAt").asLong(0));
		Item mention = item(urn, urn, text, "", author, text, at, organization, identity);
		return Optional.of(new Item(mention.message(), urn, text, "", mention.own()));
	}

	/**
	 * A post's text as people read it: LinkedIn writes a mention in its "little text" format as
	 * {@code @[Name](urn:li:organization:…)} (learn.microsoft.com/linkedin/marketing/community-management/shares/
	 * little-text-format), shown as {@code @Name}.
	 */
	static String littleText(String commentary) {
		return commentary.replaceAll("@\\[([^\\]]*)\\]\\(urn:li:[a-zA-Z]+:[^)]*\\)", "@$1");
	}

	/**
	 * Whether a page of a Rest.li collection has a next one (learn.microsoft.com/linkedin/shared/api-guide/concepts/
	 * pagination): a link {@code rel=next} in {@code paging.links}, else {@code paging.total} beyond this page, else
	 * a full page when LinkedIn names no total.
	 */
	static boolean more(JsonNode answer, int start, int count) {
		JsonNode paging = answer.path("paging");
		for (JsonNode link : paging.path("links")) {
			if ("next".equals(link.path("rel").asString(""))) {
				return true;
			}
		}
		int read = answer.path("elements").size();
		if (read == 0) {
			return false;
		}
		if (paging.path("total").isNumber()) {
			return start + Math.max(read, count) < paging.path("total").asInt();
		}
		return read >= count;
	}

	/** The comments whose authors edited them: comment URN and new text ({@code COMMENT_EDIT}). */
	static Map<String, String> edits(JsonNode notifications, String organization) {
		Map<String, String> edits = new LinkedHashMap<>();
		for (JsonNode n : notifications) {
			if (organization.equals(n.path("organizationalEntity").asString(""))
					&& "COMMENT_EDIT".equals(n.path("action").asString(""))) {
				JsonNode comment = n.path("decoratedGeneratedActivity").path("comment");
				String urn = commentUrn(comment.path("entity").asString(n.path("generatedActivity").asString("")));
				String text = comment.path("text").asString(comment.path("message").path("text").asString(""));
				if (urn.startsWith("urn:li:comment:") && !text.isBlank()) {
					edits.put(urn, text);
				}
			}
		}
		return edits;
	}

	private static Item item(String urn, String postUrn, String postText, String parent, String author, String text,
			long time, String organization, String identity) {
		Instant sentAt = time > 0 ? Instant.ofEpochMilli(time) : Instant.now();
		if (sentAt.isAfter(Instant.now())) {
			sentAt = Instant.now();
		}
		boolean nested = parent.startsWith("urn:li:comment:");
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("postUrn", postUrn);
		headers.put("postUrl", postUrl(postUrn));
		headers.put("authorUrn", author);
		if (nested) {
			headers.put("parentComment", parent);
		}
		String body = text.isBlank() ? NO_TEXT : text;
		InboundMessage message = new InboundMessage(urn, postUrn, nested ? List.of(parent) : List.of(),
				new IdentityClaim(LinkedInConnector.IDENTITY, author, ""), null, "", body, false, sentAt, "in", "message",
				null, List.of(), headers);
		return new Item(message, postUrn, postText, nested ? parent : urn.startsWith("urn:li:comment:") ? urn : "",
				author.equals(organization));
	}

	/** A post's text as the heading of its conversation: its first line, without markup, cut to 120 characters. */
	static String subject(String postText) {
		String text = (postText == null ? "" : postText).lines().map(l -> HtmlSanitizing.toText(l).strip())
			.filter(l -> !l.isBlank()).findFirst().orElse("");
		if (text.isEmpty()) {
			return "LinkedIn";
		}
		return "LinkedIn: " + (text.length() > 120 ? text.substring(0, 119) + "…" : text);
	}

	/** URL encoding of a URN in a path or query (Rest.li 2.0 wants its colons and brackets encoded). */
	static String encoded(String urn) {
		return JsonHttp.encoded(urn);
	}
}

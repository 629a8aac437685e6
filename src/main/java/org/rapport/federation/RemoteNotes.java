package org.rapport.federation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.blog.BlogSettings;
import org.rapport.blog.Post;
import org.rapport.blog.RemoteComments;
import org.rapport.channels.Channel;
import org.rapport.channels.activitypub.ActivityPubChannel;
import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.inbox.Inbox;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Notes from the Fediverse in the inbox: replies to a post (which also become pending blog comments), answers to
 * the team's notes, and posts of actors a workspace follows. Their authors become contacts with an ActivityPub
 * identity. An edit of the original replaces the text; a deletion removes the comment and blanks the message.
 */
@Component
class RemoteNotes {

	static final int MAX_CONTENT = 50_000;

	private final JdbcClient jdbc;
	private final ActivityPubChannel channel;
	private final Ingestion ingestion;
	private final RemoteComments comments;
	private final BlogSettings blogSettings;
	private final Workspaces workspaces;
	private final Inbox inbox;

	RemoteNotes(JdbcClient jdbc, ActivityPubChannel channel, Ingestion ingestion, RemoteComments comments,
			BlogSettings blogSettings, Workspaces workspaces, Inbox inbox) {
		this.workspaces = workspaces;
		this.inbox = inbox;
		this.jdbc = jdbc;
		this.channel = channel;
		this.ingestion = ingestion;
		this.comments = comments;
		this.blogSettings = blogSettings;
	}

	/** Whether the workspace's blog speaks English; subjects and notices follow the blog's language, as comments do. */
	private boolean english(Workspace workspace) {
		return "en".equals(blogSettings.of(workspace).language());
	}

	/** The identity value of an actor: its URI, with {@code @} escaped so it is never mistaken for a mail address. */
	static String identity(String actorUri) {
		return IdentityKind.actor(actorUri);
	}

	/** A reply to one of the workspace's posts: a message in the inbox and a pending comment under the post. */
	@Transactional
	void replyToPost(Workspace workspace, Post post, String postUrl, JsonNode note, RemoteActors.RemoteActor author) {
		String noteId = RemoteActors.text(note, "id");
		String html = content(note);
		Map<String, String> headers = headers(note, postUrl);
		Stored stored = store(workspace, note, author, "post:" + post.id() + ":" + author.uri(), List.of(),
				subject(english(workspace) ? "Fediverse reply to “" + post.title() + "”"
						: "Antwort im Fediverse zu „" + post.title() + "“"), html, headers);
		if (stored == null) {
			return;
		}
		UUID commentId = comments.record(workspace.id(), post.id(), ConversationId.of(stored.conversationId()), ContactId.of(stored.contactId()),
				author.displayName(), author.profileUrl().isBlank() ? author.uri() : author.profileUrl(), noteId,
				HtmlSanitizing.toText(html), HtmlSanitizing.sanitize(html));
		remember(workspace.id(), noteId, author.uri(), post.id(), commentId, note);
	}

	/** An answer to a note the team sent: joins that conversation. */
	@Transactional
	void replyToNote(Workspace workspace, String inReplyTo, JsonNode note, RemoteActors.RemoteActor author) {
		Stored stored = store(workspace, note, author, null, List.of(inReplyTo),
				subject(english(workspace) ? "Fediverse reply" : "Antwort im Fediverse"), content(note), headers(note, null));
		if (stored != null) {
			remember(workspace.id(), RemoteActors.text(note, "id"), author.uri(), null, null, note);
		}
	}

	/** A post of an actor the workspace follows: its own conversation. */
	@Transactional
	void fromFollowed(Workspace workspace, JsonNode note, RemoteActors.RemoteActor author) {
		String name = RemoteActors.text(note, "name");
		Stored stored = store(workspace, note, author, RemoteActors.text(note, "id"), List.of(),
				subject(!name.isBlank() ? name
						: (english(workspace) ? "New on the Fediverse from " : "Neu im Fediverse von ") + author.displayName()),
				content(note),
				headers(note, null));
		if (stored != null) {
			remember(workspace.id(), RemoteActors.text(note, "id"), author.uri(), null, null, note);
		}
	}

	/** Applies an edit of a note by its author, wherever it arrived. */
	@Transactional
	int update(JsonNode note, String actorUri) {
		String noteId = RemoteActors.text(note, "id");
		String html = HtmlSanitizing.sanitize(content(note));
		String text = HtmlSanitizing.toText(html);
		int changed = 0;
		for (Known known : known(noteId, actorUri)) {
			changed += inbox.replaceBody(channel.of(known.workspaceId()).id(), noteId, html, text);
			comments.update(known.workspaceId(), noteId, text, html);
			remember(known.workspaceId(), noteId, actorUri, known.postId(), known.commentId(), note);
		}
		return changed;
	}

	/** Removes a deleted note's comment and blanks its message; the conversation stays with a notice. */
	@Transactional
	int delete(String noteId, String actorUri) {
		int removed = 0;
		for (Known known : known(noteId, actorUri)) {
			comments.remove(known.workspaceId(), noteId);
			String notice = english(workspaces.get(known.workspaceId())) ? "Deleted by its author on the Fediverse."
					: "Von der Person im Fediverse gelöscht.";
			removed += inbox.replaceBody(channel.of(known.workspaceId()).id(), noteId, "<p><em>" + notice + "</em></p>",
					notice);
			jdbc.sql("delete from ap_remote_notes where workspace_id = ? and note_id = ?").params(known.workspaceId(), noteId)
				.update();
		}
		return removed;
	}

	/** Who a stored note was addressed to ({@code to} and {@code cc}), and who wrote it. */
	record Addressing(String actorUri, List<String> to, List<String> cc) {
	}

	Optional<Addressing> addressing(UUID workspaceId, String noteId) {
		return jdbc.sql("select actor_uri, addressed::text from ap_remote_notes where workspace_id = ? and note_id = ?")
			.params(workspaceId, noteId)
			.query((rs, n) -> {
				JsonNode addressed = Documents.JSON.readTree(rs.getString(2));
				return new Addressing(rs.getString(1), strings(addressed.path("to")), strings(addressed.path("cc")));
			})
			.optional();
	}

	private record Stored(UUID conversationId, UUID contactId) {
	}

	private record Known(UUID workspaceId, UUID postId, UUID commentId) {
	}

	private Stored store(Workspace workspace, JsonNode note, RemoteActors.RemoteActor author, String threadKey,
			List<String> references, String subject, String html, Map<String, String> headers) {
		String noteId = RemoteActors.text(note, "id");
		Channel ch = channel.of(workspace.id());
		InboundMessage message = new InboundMessage(noteId, threadKey, references,
				new IdentityClaim(IdentityKind.ACTIVITYPUB, identity(author.uri()), author.displayName())
					.withProfile(author.profile()), null, subject,
				html.isBlank() ? "<p></p>" : html, true, published(note), "in", "message", null, List.of(), headers);
		Ingestion.Result result = ingestion.ingest(ch, List.of(message));
		UUID conversation = result.conversationIds().get(noteId);
		UUID contact = result.contactIds().get(noteId);
		if (conversation == null || contact == null) {
			return null; // already stored, or its author asked to be forgotten
		}
		return new Stored(conversation, contact);
	}

	private List<Known> known(String noteId, String actorUri) {
		return jdbc.sql("select workspace_id, post_id, comment_id from ap_remote_notes where note_id = ? and actor_uri = ?")
			.params(noteId, actorUri)
			.query((rs, n) -> new Known(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)))
			.list();
	}

	private void remember(UUID workspaceId, String noteId, String actorUri, UUID postId, UUID commentId, JsonNode note) {
		Map<String, Object> addressed = new LinkedHashMap<>();
		addressed.put("to", strings(note.path("to")));
		addressed.put("cc", strings(note.path("cc")));
		jdbc.sql("""
				insert into ap_remote_notes(workspace_id, note_id, actor_uri, post_id, comment_id, addressed)
				values (?, ?, ?, ?, ?, ?::jsonb) on conflict (workspace_id, note_id) do update set addressed = excluded.addressed""")
			.params(workspaceId, noteId, actorUri, postId, commentId, Documents.JSON.writeValueAsString(addressed))
			.update();
	}

	/** The note's HTML as sent (the ingestion pipeline sanitises it), shortened to a sane size. */
	static String content(JsonNode note) {
		String html = RemoteActors.text(note, "content");
		if (html.isBlank() && note.path("contentMap").isObject()) {
			var values = note.path("contentMap").values().iterator();
			while (values.hasNext() && html.isBlank()) {
				JsonNode value = values.next();
				html = value.isString() ? value.asString() : "";
			}
		}
		return html.length() > MAX_CONTENT ? html.substring(0, MAX_CONTENT) : html;
	}

	private static Map<String, String> headers(JsonNode note, String postUrl) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("activitypub", RemoteActors.text(note, "id"));
		String url = note.path("url").isString() ? note.path("url").asString() : "";
		if (!url.isBlank()) {
			headers.put("url", url);
		}
		if (postUrl != null) {
			headers.put("post", postUrl);
		}
		return headers;
	}

	private static String subject(String subject) {
		return subject.length() > 300 ? subject.substring(0, 300) : subject;
	}

	private static Instant published(JsonNode note) {
		try {
			String published = RemoteActors.text(note, "published");
			Instant at = published.isBlank() ? Instant.now() : Instant.parse(published);
			return at.isAfter(Instant.now()) ? Instant.now() : at;
		}
		catch (DateTimeParseException e) {
			return Instant.now();
		}
	}

	static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node.isString()) {
			values.add(node.asString());
		}
		else if (node.isArray()) {
			node.forEach(v -> {
				if (v.isString()) {
					values.add(v.asString());
				}
			});
		}
		return values;
	}
}

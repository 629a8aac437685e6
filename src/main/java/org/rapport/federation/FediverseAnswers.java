package org.rapport.federation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.blog.Comments;
import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector.Delivered;
import org.rapport.channels.activitypub.FediverseReplies;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.inbox.Messages;
import org.rapport.platform.ConversationId;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * Sends a reply written in the inbox to the Fediverse as Create{Note}, in reply to the newest note of the
 * conversation that came from there, addressed to its author and, as that note was, to the public or to the
 * workspace's followers. The delivery itself runs through the job queue, so "sent" means queued for every inbox;
 * failed deliveries show under Settings → Fediverse. When the conversation is about a Fediverse reply to a blog
 * post, the answer also shows under that comment on the blog.
 */
@Component
class FediverseAnswers implements FediverseReplies {

	private final Workspaces workspaces;
	private final LocalObjects ids;
	private final RemoteNotes notes;
	private final RemoteActors actors;
	private final Documents documents;
	private final LocalObjectStore store;
	private final Deliveries deliveries;
	private final Followers followers;
	private final Comments comments;

	FediverseAnswers(Workspaces workspaces, LocalObjects ids, @Lazy RemoteNotes notes, RemoteActors actors,
			Documents documents, LocalObjectStore store, Deliveries deliveries, Followers followers,
			@Lazy Comments comments) {
		this.workspaces = workspaces;
		this.ids = ids;
		this.notes = notes;
		this.actors = actors;
		this.documents = documents;
		this.store = store;
		this.deliveries = deliveries;
		this.followers = followers;
		this.comments = comments;
	}

	@Override
	public Delivered answer(Channel channel, OutgoingReply reply) throws DeliveryException {
		Workspace workspace = workspaces.get(channel.workspaceId());
		String inReplyTo = null;
		RemoteNotes.Addressing addressing = null;
		List<String> references = new ArrayList<>(reply.references());
		for (int i = references.size() - 1; i >= 0 && addressing == null; i--) {
			var found = notes.addressing(workspace.id(), references.get(i));
			if (found.isPresent()) {
				inReplyTo = references.get(i);
				addressing = found.get();
			}
		}
		if (addressing == null) {
			throw new DeliveryException("This conversation has no Fediverse note to answer.", false, null);
		}
		RemoteActors.RemoteActor author;
		try {
			author = actors.get(addressing.actorUri());
		}
		catch (RemoteHttp.RemoteFailure e) {
			throw new DeliveryException("The author's server cannot be reached: " + e.getMessage(), true, e);
		}
		String slug = workspace.slug();
		String followersId = ids.followers(slug);
		boolean isPublic = addressing.to().stream().anyMatch(FediverseAnswers::isPublic);
		boolean unlisted = !isPublic && addressing.cc().stream().anyMatch(FediverseAnswers::isPublic);
		UUID noteUuid = reply.messageId();
		ObjectNode note = Documents.withContext(false);
		note.put("id", ids.note(slug, noteUuid));
		note.put("type", "Note");
		note.put("attributedTo", ids.actor(slug));
		note.put("inReplyTo", inReplyTo);
		note.put("content", Messages.textToHtml(reply.bodyText() == null ? "" : reply.bodyText()));
		note.put("published", Documents.iso(java.time.Instant.now()));
		if (isPublic) {
			note.putArray("to").add(Documents.PUBLIC);
			note.putArray("cc").add(author.uri()).add(followersId);
		}
		else if (unlisted) {
			note.putArray("to").add(author.uri()).add(followersId);
			note.putArray("cc").add(Documents.PUBLIC);
		}
		else {
			note.putArray("to").add(author.uri());
			note.putArray("cc");
		}
		ObjectNode mention = note.putArray("tag").addObject();
		mention.put("type", "Mention");
		mention.put("href", author.uri());
		mention.put("name", "@" + author.preferredUsername() + "@" + RemoteHttp.uri(author.uri()).getAuthority());
		UUID createId = UUID.randomUUID();
		ObjectNode create = documents.activity(workspace, "Create", ids.activity(slug, createId), note.deepCopy());
		store.save(noteUuid, workspace.id(), "notes", reply.messageId(), note);
		store.save(createId, workspace.id(), "activities", null, create);
		Set<String> inboxes = new LinkedHashSet<>();
		inboxes.add(author.deliveryInbox());
		if (isPublic || unlisted) {
			inboxes.addAll(followers.deliveryInboxes(workspace.id()));
		}
		deliveries.to(workspace, inboxes, create);
		comments.answer(workspace.id(), ConversationId.of(reply.conversationId()), reply.messageId());
		return Delivered.sent(ids.note(slug, noteUuid));
	}

	static boolean isPublic(String address) {
		return Documents.PUBLIC.equals(address) || "as:Public".equals(address) || "Public".equals(address);
	}
}

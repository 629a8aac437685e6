package org.rapport.blog;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.channels.blogcomment.BlogCommentChannel;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.Consents;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.inbox.ConversationStatus;
import org.rapport.inbox.Conversations;
import org.rapport.inbox.Messages;
import org.rapport.platform.AuditLog;
import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.Workspace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reader comments and the team's answers. A comment needs a name, an email address, a text and the consent; a
 * hidden honeypot field must stay empty and one address may comment at most {@value CommentRateLimit#LIMIT} times
 * in ten minutes. Each comment arrives in the inbox through the workspace's {@value BlogCommentChannel#KEY} channel, in one
 * conversation per post and commenter. A commenter's first comment waits for approval; once one was approved,
 * their next ones show at once. Answering the conversation in the inbox approves its comments.
 */
@Component
public class Comments {

	/** The key of each workspace's channel for blog comments. */

	static final int MAX_TEXT = 5_000;

	private final JdbcClient jdbc;
	private final Channels channels;
	private final Ingestion ingestion;
	private final Consents consents;
	private final BlogSettings settings;
	private final Posts posts;
	private final Messages messages;
	private final CommentRateLimit rateLimit;
	private final AuditLog audit;
	private final Conversations conversations;
	private final org.rapport.platform.Workspaces workspaces;
	private final BlogVersions versions;

	Comments(JdbcClient jdbc, Channels channels, Ingestion ingestion, Consents consents, BlogSettings settings,
			Posts posts, Messages messages, CommentRateLimit rateLimit, AuditLog audit, Conversations conversations,
			org.rapport.platform.Workspaces workspaces, BlogVersions versions) {
		this.workspaces = workspaces;
		this.versions = versions;
		this.audit = audit;
		this.conversations = conversations;
		this.jdbc = jdbc;
		this.channels = channels;
		this.ingestion = ingestion;
		this.consents = consents;
		this.settings = settings;
		this.posts = posts;
		this.messages = messages;
		this.rateLimit = rateLimit;
	}

	/**
	 * What a reader typed; {@code honeypot} is the field people do not see; {@code parentId} the comment this one
	 * answers, or null.
	 */
	public record Submission(String name, String email, String website, String text, boolean consent, String honeypot,
			UUID parentId) {

		public Submission(String name, String email, String website, String text, boolean consent, String honeypot) {
			this(name, email, website, text, consent, honeypot, null);
		}
	}

	/**
	 * How a submission went: stored (pending or approved), silently dropped as spam, or refused with reasons per
	 * field.
	 */
	public record Outcome(Comment comment, boolean spam, Map<String, String> errors) {

		public boolean accepted() {
			return comment != null;
		}
	}

	/** Whether readers can comment on the workspace's blog: its comment channel exists and is switched on. */
	public boolean open(Workspace workspace) {
		return channels.byKey(workspace.id(), BlogCommentChannel.KEY).filter(Channel::enabled).isPresent();
	}

	@Transactional
	public Outcome submit(Workspace workspace, Post post, Submission form, String ip) {
		if (form.honeypot() != null && !form.honeypot().isBlank()) {
			return new Outcome(null, true, Map.of());
		}
		if (!post.published() || !post.workspaceId().equals(workspace.id())) {
			throw new NotFoundException("No such post.");
		}
		Map<String, String> errors = validate(form);
		Comment parent = null;
		if (form.parentId() != null) {
			parent = jdbc.sql("select * from blog_comments where id = ? and post_id = ? and status = 'approved'")
				.params(form.parentId(), post.id()).query((rs, n) -> map(rs)).optional().orElse(null);
			if (parent == null) {
				errors.put("parent", "gone");
			}
		}
		if (!errors.isEmpty()) {
			return new Outcome(null, false, errors);
		}
		if (!rateLimit.allow(workspace.id() + "|" + ip)) {
			throw new RateLimitedException();
		}
		Channel channel = channels.byKey(workspace.id(), BlogCommentChannel.KEY).filter(Channel::enabled)
			.orElseThrow(() -> new NotFoundException("Comments are closed on this blog."));
		BlogSettings.Settings blog = settings.of(workspace);
		UUID id = UUID.randomUUID();
		String email = Identities.normalise(IdentityKind.EMAIL, form.email().strip());
		String name = form.name().strip();
		String website = website(form.website());
		String externalId = "blogcomment:" + id;
		String subject = "en".equals(blog.language()) ? "Comment on “" + post.title() + "”"
				: "Kommentar zu „" + post.title() + "“";
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("post", posts.url(post));
		headers.put("comment", id.toString());
		if (!website.isEmpty()) {
			headers.put("website", website);
		}
		if (parent != null) {
			headers.put("inReplyTo", parent.id().toString());
			headers.put("inReplyToAuthor", parent.authorName());
		}
		InboundMessage message = new InboundMessage(externalId, "post:" + post.id() + ":" + email, List.of(),
				new IdentityClaim(IdentityKind.EMAIL, email, name), null, subject, form.text().strip(), false, null, "in",
				"message", null, List.of(), headers);
		Ingestion.Result result = ingestion.ingest(channel, List.of(message));
		UUID contact = result.contactIds().get(externalId);
		UUID conversation = result.conversationIds().get(externalId);
		boolean known = jdbc.sql("""
				select exists(select 1 from blog_comments where workspace_id = ? and contact_id = ? and not from_team
				  and status = 'approved')
				  and not exists(select 1 from blog_comments where workspace_id = ? and contact_id = ? and status = 'spam')""")
			.params(workspace.id(), contact, workspace.id(), contact).query(Boolean.class).single();
		UUID consent = consents.record(workspace.id(), ContactId.of(contact), "blog_comment", "blog", blog.consentVersion(),
				blog.consentText(), ip);
		jdbc.sql("""
				insert into blog_comments(id, workspace_id, post_id, parent_id, conversation_id, contact_id, author_name,
				  website, body_text, body_html, status, approved_at, consent_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? then now() end, ?)""")
			.params(id, workspace.id(), post.id(), parent == null ? null : parent.id(), conversation, contact, name,
					website, form.text().strip(), Messages.textToHtml(form.text()), known ? "approved" : "pending", known,
					consent)
			.update();
		if (known) {
			versions.changed(workspace.id());
		}
		return new Outcome(get(workspace.id(), id), false, Map.of());
	}

	private static Map<String, String> validate(Submission form) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (form.name() == null || form.name().isBlank()) {
			errors.put("name", "required");
		}
		else if (form.name().strip().length() > 100) {
			errors.put("name", "too_long");
		}
		if (form.email() == null || form.email().isBlank()) {
			errors.put("email", "required");
		}
		else if (form.email().length() > 254 || !Identities.isEmail(form.email().strip())) {
			errors.put("email", "invalid");
		}
		if (form.website() != null && !form.website().isBlank()) {
			if (form.website().length() > 300) {
				errors.put("website", "too_long");
			}
			else if (website(form.website()).isEmpty()) {
				errors.put("website", "invalid");
			}
		}
		if (form.text() == null || form.text().isBlank()) {
			errors.put("text", "required");
		}
		else if (form.text().length() > MAX_TEXT) {
			errors.put("text", "too_long");
		}
		if (!form.consent()) {
			errors.put("consent", "required");
		}
		return errors;
	}

	/** A web address to link: http or https with a host ({@code https://} is added when missing), or empty. */
	static String website(String value) {
		if (value == null || value.isBlank()) {
			return "";
		}
		String candidate = value.strip();
		if (!candidate.matches("(?i)https?://.*")) {
			if (candidate.contains(":")) {
				return "";
			}
			candidate = "https://" + candidate;
		}
		try {
			URI uri = new URI(candidate);
			return uri.getHost() == null || uri.getHost().isBlank() || !uri.getHost().contains(".") ? "" : uri.toString();
		}
		catch (java.net.URISyntaxException e) {
			return "";
		}
	}

	public Comment get(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from blog_comments where id = ? and workspace_id = ?").params(id, workspaceId)
			.query((rs, n) -> map(rs)).optional()
			.orElseThrow(() -> new NotFoundException("No comment " + id + " in this workspace."));
	}

	/**
	 * The approved comments of a post as threads, oldest first: each comment with the answers to it below, nested to
	 * {@value CommentThreads#MAX_DEPTH} levels; see {@link CommentThreads}.
	 */
	public List<Comment> shown(UUID postId) {
		return CommentThreads.of(jdbc.sql("""
				select * from blog_comments where post_id = ? order by created_at, id""")
			.param(postId).query((rs, n) -> map(rs)).list());
	}

	/**
	 * Comments of a workspace with a status ({@code pending}, {@code approved}, {@code rejected}, {@code deleted}) or
	 * all of them ({@code null}), optionally of one post, oldest first; the flat list with each one's parent.
	 */
	public List<Comment> list(UUID workspaceId, String status, UUID postId) {
		if (status != null && !List.of("pending", "approved", "rejected", "spam", "deleted").contains(status)) {
			throw new IllegalArgumentException("status is pending, approved, rejected, spam, deleted or all, not '" + status + "'.");
		}
		return jdbc.sql("""
				select * from blog_comments where workspace_id = :ws and (cast(:status as text) is null or status = :status)
				  and (cast(:post as uuid) is null or post_id = :post) order by created_at, id limit 1000""")
			.param("ws", workspaceId).param("status", status).param("post", postId)
			.query((rs, n) -> map(rs)).list();
	}

	/** A recently shown comment, with the address of its post. */
	public record Recent(UUID id, String authorName, String text, String postTitle, String postPath) {
	}

	/** The newest shown comments of a blog's published posts, for the theme's sidebar. */
	public List<Recent> recent(UUID workspaceId, String workspaceSlug, java.time.ZoneId zone, int limit) {
		return jdbc.sql("""
				select c.id, c.author_name, c.body_text, p.title, p.slug, p.published_at
				from blog_comments c join blog_posts p on p.id = c.post_id
				where c.workspace_id = ? and c.status = 'approved' and p.status = 'published'
				order by c.approved_at desc, c.id limit ?""")
			.params(workspaceId, limit)
			.query((rs, n) -> {
				var at = rs.getTimestamp(6).toInstant().atZone(zone);
				return new Recent(rs.getObject(1, UUID.class), rs.getString(2), RenderedMarkdown.shorten(rs.getString(3), 90),
						rs.getString(4), BlogPaths.month(workspaceSlug, at.getYear(), at.getMonthValue()) + "/" + rs.getString(5));
			})
			.list();
	}

	/**
	 * The websites that readers known as contacts gave with their comments (the team's own comments left out), per
	 * contact: http(s) addresses with a host, in lower case and without trailing slashes. For modules that find out
	 * whose site a link comes from.
	 */
	public Map<ContactId, Set<String>> commenterWebsites(UUID workspaceId) {
		Map<ContactId, Set<String>> sites = new HashMap<>();
		jdbc.sql("""
				select distinct contact_id, rtrim(lower(website), '/') from blog_comments
				where workspace_id = ? and contact_id is not null and from_team = false and website ~* '^https?://[^/]+'""")
			.param(workspaceId)
			.query(rs -> {
				sites.computeIfAbsent(new ContactId(rs.getObject(1, UUID.class)), k -> new HashSet<>()).add(rs.getString(2));
			});
		return sites;
	}

	/**
	 * When each contact wrote the approved comments (the team's own left out) written since {@code since}, per
	 * contact: for modules that weigh how often someone joined in.
	 */
	public Map<ContactId, List<Instant>> approvedByContactsSince(UUID workspaceId, Instant since) {
		Map<ContactId, List<Instant>> written = new HashMap<>();
		jdbc.sql("""
				select contact_id, created_at from blog_comments
				where workspace_id = ? and contact_id is not null and from_team = false and status = 'approved'
				  and created_at >= ?""")
			.params(workspaceId, Timestamp.from(since))
			.query(rs -> {
				written.computeIfAbsent(new ContactId(rs.getObject(1, UUID.class)), k -> new ArrayList<>())
					.add(rs.getTimestamp(2).toInstant());
			});
		return written;
	}

	/** A comment waiting for approval, with the post it is on. */
	public record Pending(Comment comment, UUID postId, String postTitle) {
	}

	/** Comments waiting for approval, oldest first. */
	public List<Pending> pending(UUID workspaceId) {
		return jdbc.sql("""
				select c.*, p.title as post_title from blog_comments c join blog_posts p on p.id = c.post_id
				where c.workspace_id = ? and c.status = 'pending' order by c.created_at""")
			.param(workspaceId)
			.query((rs, n) -> new Pending(map(rs), rs.getObject("post_id", UUID.class), rs.getString("post_title")))
			.list();
	}

	/** The newest shown comments, newest first, so the team can remove one from the blog. */
	public List<Pending> latestShown(UUID workspaceId, int limit) {
		return jdbc.sql("""
				select c.*, p.title as post_title from blog_comments c join blog_posts p on p.id = c.post_id
				where c.workspace_id = ? and c.status = 'approved' order by c.approved_at desc, c.id limit ?""")
			.params(workspaceId, limit)
			.query((rs, n) -> new Pending(map(rs), rs.getObject("post_id", UUID.class), rs.getString("post_title")))
			.list();
	}

	/**
	 * Shows a comment under its post. A comment the spam filter took for spam is judged not spam in the inbox too
	 * (its conversation leaves the Spam view), so the filter learns from the approval.
	 */
	@Transactional
	public Comment approve(CurrentUser member, UUID id) {
		member.requireWorker();
		Comment comment = get(member.workspaceId(), id);
		jdbc.sql("update blog_comments set status = 'approved', approved_at = now() where id = ? and workspace_id = ? and status <> 'approved'")
			.params(id, member.workspaceId()).update();
		versions.changed(member.workspaceId());
		judgeInInbox(member, id, false);
		return get(member.workspaceId(), id);
	}

	/** Keeps a comment off the blog; it stays in the inbox conversation. */
	public Comment reject(CurrentUser member, UUID id) {
		member.requireWorker();
		get(member.workspaceId(), id);
		jdbc.sql("update blog_comments set status = 'rejected', approved_at = null where id = ? and workspace_id = ?")
			.params(id, member.workspaceId()).update();
		versions.changed(member.workspaceId());
		return get(member.workspaceId(), id);
	}

	/**
	 * Marks a comment as spam: it leaves the blog, its inbox conversation is set to done, its message there is judged
	 * spam (the spam filter learns from it; the conversation goes to the Spam view once all its messages are spam),
	 * and its author's comments wait for approval from now on, however many were approved before.
	 */
	@Transactional
	public Comment spam(CurrentUser member, UUID id) {
		member.requireWorker();
		Comment comment = get(member.workspaceId(), id);
		if ("deleted".equals(comment.status())) {
			throw new IllegalArgumentException("A deleted comment cannot be marked as spam.");
		}
		jdbc.sql("update blog_comments set status = 'spam', approved_at = null where id = ? and workspace_id = ?")
			.params(id, member.workspaceId()).update();
		versions.changed(member.workspaceId());
		if (comment.conversationId() != null) {
			conversations.changeStatus(member, ConversationId.of(comment.conversationId()), ConversationStatus.DONE);
		}
		judgeInInbox(member, id, true);
		audit.record(member.workspaceId(), member.userId(), "blog.comment.spam", id.toString(), null);
		return get(member.workspaceId(), id);
	}

	/**
	 * The comment's message in the inbox is judged as the team judged the comment, so that the spam filter learns
	 * from it (only from this comment, not from the commenter's others in the same conversation). Approving a comment
	 * the filter did not take for spam changes nothing.
	 */
	private void judgeInInbox(CurrentUser member, UUID commentId, boolean spam) {
		channels.byKey(member.workspaceId(), BlogCommentChannel.KEY)
			.ifPresent(channel -> conversations.judgeMessage(member, ChannelId.of(channel.id()), "blogcomment:" + commentId, spam));
	}

	/**
	 * The team deletes a comment: it leaves the blog the way a comment its author deleted does (answers to it keep
	 * their place under an empty placeholder; name, website and text are wiped from the blog). The consent stays as
	 * it was, since the person withdrew nothing; the inbox keeps the original message and gets a note saying the team
	 * deleted it. Deleting again changes nothing.
	 */
	@Transactional
	public Comment deleteByTeam(CurrentUser member, UUID id) {
		member.requireWorker();
		var row = jdbc.sql("select contact_id, status from blog_comments where id = ? and workspace_id = ? for update")
			.params(id, member.workspaceId())
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2) })
			.optional()
			.orElseThrow(() -> new NotFoundException("No comment " + id + " in this workspace."));
		if ("deleted".equals(row[1])) {
			return get(member.workspaceId(), id);
		}
		jdbc.sql("""
				update blog_comments set status = 'deleted', deleted_at = now(), deleted_by = 'team', author_name = '',
				  website = '', body_text = '', body_html = '', approved_at = null where id = ?""")
			.param(id)
			.update();
		versions.changed(member.workspaceId());
		UUID contact = (UUID) row[0];
		Channel channel = channels.byKey(member.workspaceId(), BlogCommentChannel.KEY).orElse(null);
		if (contact != null && channel != null) {
			Workspace workspace = workspaces.get(member.workspaceId());
			boolean english = "en".equals(settings.of(workspace).language());
			String note = (english ? "Deleted from the blog by " : "Vom Team aus dem Blog gelöscht durch ")
					+ member.displayName() + ".";
			ingestion.ingest(channel, List.of(new InboundMessage("blogcomment-deleted:" + id, null,
					List.of("blogcomment:" + id), null, contact, english ? "Comment deleted" : "Kommentar gelöscht",
					note, false, null, "in", "activity", "note", List.of(), Map.of("comment", id.toString(),
							"deletedBy", "team"))));
		}
		audit.record(member.workspaceId(), member.userId(), "blog.comment.deletedByTeam", id.toString(), null);
		return get(member.workspaceId(), id);
	}

	/**
	 * Puts a reply written in the inbox under the commenter's newest comment of the conversation, and approves the
	 * conversation's waiting comments: an answer in public makes the question public too. Doing it again for the
	 * same reply changes nothing.
	 *
	 * @return whether the conversation belongs to a blog comment
	 */
	@Transactional
	public boolean answer(UUID workspaceId, ConversationId conversation, UUID replyMessageId) {
		UUID conversationId = conversation == null ? null : conversation.value();
		var parent = jdbc.sql("""
				select id, post_id from blog_comments where workspace_id = ? and conversation_id = ? and not from_team
				order by status = 'deleted', created_at desc limit 1""")
			.params(workspaceId, conversationId)
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.optional();
		if (parent.isEmpty()) {
			return false;
		}
		Messages.Outgoing reply = messages.outgoing(workspaceId, replyMessageId);
		String text = reply.bodyText() == null ? "" : reply.bodyText().strip();
		jdbc.sql("""
				insert into blog_comments(id, workspace_id, post_id, parent_id, conversation_id, from_team, author_name,
				  body_text, body_html, status, reply_message_id, approved_at)
				values (?, ?, ?, ?, ?, true, ?, ?, ?, 'approved', ?, now()) on conflict (reply_message_id) do nothing""")
			.params(UUID.randomUUID(), workspaceId, parent.get()[1], parent.get()[0], conversationId,
					reply.authorName() == null || reply.authorName().isBlank() ? "Team" : reply.authorName(), text,
					Messages.textToHtml(text.isEmpty() ? " " : text), replyMessageId)
			.update();
		jdbc.sql("""
				update blog_comments set status = 'approved', approved_at = now()
				where workspace_id = ? and conversation_id = ? and status = 'pending' and not from_team""")
			.params(workspaceId, conversationId)
			.update();
		versions.changed(workspaceId);
		return true;
	}

	/**
	 * The commenter deletes their comment through their signed link ({@link CommentLinks}): the comment leaves the
	 * blog (answers to it stay, under an empty placeholder), its name, address and text are wiped, the consent given
	 * with it is recorded as withdrawn by the person, and its inbox conversation gets a note saying so, so the team
	 * does not answer a comment that no longer exists. Deleting again changes nothing.
	 *
	 * @return whether this call deleted it
	 */
	@Transactional
	public boolean deleteByCommenter(Workspace workspace, UUID commentId, String ip) {
		var row = jdbc.sql("select consent_id, contact_id, status from blog_comments where id = ? and workspace_id = ? for update")
			.params(commentId, workspace.id())
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3) })
			.optional()
			.orElseThrow(() -> new NotFoundException("No comment " + commentId + "."));
		if ("deleted".equals(row[2])) {
			return false;
		}
		jdbc.sql("""
				update blog_comments set status = 'deleted', deleted_at = now(), author_name = '', website = '',
				  body_text = '', body_html = '', approved_at = null where id = ?""")
			.param(commentId)
			.update();
		versions.changed(workspace.id());
		if (row[0] != null) {
			consents.withdraw(workspace.id(), (UUID) row[0], Consents.BY_PERSON);
		}
		UUID contact = (UUID) row[1];
		Channel channel = channels.byKey(workspace.id(), BlogCommentChannel.KEY).orElse(null);
		if (contact != null && channel != null) {
			boolean english = "en".equals(settings.of(workspace).language());
			String note = english
					? "The commenter deleted this comment with their link and withdrew their consent. It is no longer on the blog."
					: "Die Person hat ihren Kommentar über ihren Link gelöscht und ihre Einwilligung widerrufen. "
							+ "Er ist nicht mehr im Blog zu sehen.";
			ingestion.ingest(channel, List.of(new InboundMessage("blogcomment-deleted:" + commentId, null,
					List.of("blogcomment:" + commentId), null, contact, english ? "Comment deleted" : "Kommentar gelöscht",
					note, false, null, "in", "activity", "note", List.of(), Map.of("comment", commentId.toString(),
							"deletedBy", "commenter"))));
		}
		audit.record(workspace.id(), null, "blog.comment.deletedByCommenter", commentId.toString(), ip);
		return true;
	}

	private static Comment map(ResultSet rs) throws SQLException {
		return new Comment(rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class),
				rs.getObject("parent_id", UUID.class), rs.getObject("conversation_id", UUID.class),
				rs.getBoolean("from_team"), rs.getString("author_name"), rs.getString("website"), rs.getString("body_text"),
				rs.getString("body_html"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(), List.of(),
				"team".equals(rs.getString("deleted_by")));
	}

	/** Too many comments from one address; answered with 429. */
	public static class RateLimitedException extends RuntimeException {

		RateLimitedException() {
			super("Too many comments from your address. Please try again in ten minutes.");
		}
	}
}

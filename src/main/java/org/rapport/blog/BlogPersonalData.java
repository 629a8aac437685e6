package org.rapport.blog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.IdentityKind;
import org.rapport.contacts.PersonalData;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's blog comments and newsletter subscription, for access requests and erasure. Erasure deletes the
 * person's comments; one that others answered is emptied instead and stays as a placeholder in its thread.
 */
@Component
class BlogPersonalData implements PersonalData {

	private final JdbcClient jdbc;
	private final BlogVersions versions;
	private final Contacts contacts;

	BlogPersonalData(JdbcClient jdbc, BlogVersions versions, @Lazy Contacts contacts) {
		this.jdbc = jdbc;
		this.versions = versions;
		this.contacts = contacts;
	}

	@Override
	public String key() {
		return "blog";
	}

	@Override
	public Object export(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		List<Map<String, Object>> comments = jdbc.sql("""
				select p.title, c.author_name, c.website, c.body_text, c.status, c.created_at
				from blog_comments c join blog_posts p on p.id = c.post_id
				where c.workspace_id = ? and c.contact_id = ? order by c.created_at""")
			.params(workspaceId, contactId)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("post", rs.getString(1));
				row.put("name", rs.getString(2));
				row.put("website", rs.getString(3));
				row.put("text", rs.getString(4));
				row.put("status", rs.getString(5));
				row.put("createdAt", rs.getTimestamp(6).toInstant());
				return row;
			})
			.list();
		List<Map<String, Object>> newsletter = jdbc.sql("""
				select email, status, created_at, confirmed_at, unsubscribed_at from newsletter_subscribers
				where workspace_id = ? and contact_id = ?""")
			.params(workspaceId, contactId)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("email", rs.getString(1));
				row.put("status", rs.getString(2));
				row.put("signedUpAt", rs.getTimestamp(3).toInstant());
				row.put("confirmedAt", rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant());
				row.put("unsubscribedAt", rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant());
				return row;
			})
			.list();
		// Opt-outs of answer mails are kept per address; the person's addresses are their email identities.
		List<Map<String, Object>> optOuts = jdbc.sql("""
				select o.email, o.created_at from blog_reply_mail_optouts o
				where o.workspace_id = ? and lower(o.email) = any(?)""")
			.params(workspaceId, emails(workspaceId, contactId))
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("email", rs.getString(1));
				row.put("since", rs.getTimestamp(2).toInstant());
				return row;
			})
			.list();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("comments", comments);
		data.put("newsletter", newsletter);
		data.put("noAnswerMails", optOuts);
		return data;
	}

	@Override
	public void erase(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		// Comments others answered stay as empty placeholders, so erasing one person never takes other people's
		// answers with it (they hang on their parent, on delete cascade).
		jdbc.sql("""
				update blog_comments c set status = 'deleted', deleted_at = coalesce(deleted_at, now()), author_name = '',
				  website = '', body_text = '', body_html = '', approved_at = null, contact_id = null, consent_id = null,
				  conversation_id = null
				where c.workspace_id = ? and c.contact_id = ?
				  and exists (select 1 from blog_comments r where r.parent_id = c.id and r.contact_id is distinct from c.contact_id)""")
			.params(workspaceId, contactId).update();
		jdbc.sql("delete from blog_comments where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
		versions.changed(workspaceId);
		jdbc.sql("delete from newsletter_subscribers where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
		jdbc.sql("""
				delete from blog_reply_mail_optouts o where o.workspace_id = ? and lower(o.email) = any(?)""")
			.params(workspaceId, emails(workspaceId, contactId)).update();
	}

	/** The person's mail addresses, lower case, as the contact's email identities give them. */
	private String[] emails(UUID workspaceId, UUID contactId) {
		return contacts.find(workspaceId, ContactId.of(contactId)).map(Contact::identities).orElse(List.of()).stream()
			.filter(i -> IdentityKind.EMAIL.equals(i.kind())).map(i -> i.value().toLowerCase(java.util.Locale.ROOT))
			.toArray(String[]::new);
	}
}

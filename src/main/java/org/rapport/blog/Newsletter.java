package org.rapport.blog;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.DeliveryException;
import org.rapport.channels.Mailer;
import org.rapport.contacts.Consents;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.ErasureBlocks;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.ContactId;
import org.rapport.platform.RateLimit;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The blog's newsletter with double opt-in: signing up sends a confirmation mail; only the confirmation makes the
 * address a subscriber and records the consent. Every newsletter carries an unsubscribe link and the
 * {@code List-Unsubscribe} headers for one-click unsubscribing (RFC 8058). Subscribers are contacts.
 */
@Component
public class Newsletter {

	private static final Logger log = LoggerFactory.getLogger(Newsletter.class);
	private static final SecureRandom RANDOM = new SecureRandom();

	/** The wording the person agrees to by confirming; its version goes into the consent record. */
	public static final String CONSENT_TEXT = "Ich möchte den Newsletter per E-Mail erhalten. Ich kann ihn jederzeit über den "
			+ "Link in jeder Ausgabe abbestellen.";

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final ErasureBlocks blocks;
	private final Consents consents;
	private final Mailer mailer;
	private final RapportProperties properties;
	private final org.rapport.platform.AuditLog audit;
	private final ApplicationEventPublisher events;
	private final RateLimit signups = new RateLimit(5, Duration.ofMinutes(10));

	Newsletter(JdbcClient jdbc, Contacts contacts, ErasureBlocks blocks, Consents consents, Mailer mailer,
			RapportProperties properties, org.rapport.platform.AuditLog audit, ApplicationEventPublisher events) {
		this.audit = audit;
		this.events = events;
		this.blocks = blocks;
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.consents = consents;
		this.mailer = mailer;
		this.properties = properties;
	}

	public enum SignUp {
		CONFIRMATION_SENT, INVALID_ADDRESS, CONSENT_MISSING, TOO_MANY, MAIL_FAILED
	}

	/**
	 * Mails an address the confirmation link and registers it as pending. When the mail cannot go out (the workspace
	 * has no mailbox, or its server refuses), nothing is stored and the answer is {@link SignUp#MAIL_FAILED}.
	 */
	public SignUp signUp(Workspace workspace, String email, boolean consent, String ip, String blogTitle) {
		if (email == null || !Identities.isEmail(email)) {
			return SignUp.INVALID_ADDRESS;
		}
		if (!consent) {
			return SignUp.CONSENT_MISSING;
		}
		if (!signups.allow(workspace.id() + "|" + ip)) {
			return SignUp.TOO_MANY;
		}
		IdentityClaim claim = new IdentityClaim(IdentityKind.EMAIL, email, null).normalised();
		if (blocks.isBlocked(workspace.id(), claim.kind(), claim.value())) {
			return SignUp.CONFIRMATION_SENT; // erased and blocked: say nothing, store nothing
		}
		String token = token();
		String link = properties.link("/blog/" + workspace.slug() + "/newsletter/confirm?t=" + token);
		try {
			mailer.send(workspace.id(), claim.value(), "Bitte bestätigen Sie Ihr Newsletter-Abonnement: " + blogTitle,
					"Guten Tag,\n\nSie möchten den Newsletter von " + blogTitle + " erhalten. Bitte bestätigen Sie das mit "
							+ "diesem Link:\n\n" + link + "\n\nWenn Sie sich nicht angemeldet haben, ignorieren Sie diese Mail; "
							+ "dann erhalten Sie nichts.\n\n" + CONSENT_TEXT + "\n",
					Map.of("Auto-Submitted", "auto-generated"));
		}
		catch (DeliveryException e) {
			log.warn("Newsletter confirmation for workspace {} not sent: {}", workspace.slug(), e.getMessage());
			return SignUp.MAIL_FAILED;
		}
		UUID contact = contacts.resolve(workspace.id(), List.of(claim)).get(claim);
		if (contact != null) {
			jdbc.sql("""
					insert into newsletter_subscribers(id, workspace_id, contact_id, email, status, token) values (?, ?, ?, ?, 'pending', ?)
					on conflict (workspace_id, email) do update set token = excluded.token,
					  status = case when newsletter_subscribers.status = 'active' then 'active' else 'pending' end""")
				.params(UUID.randomUUID(), workspace.id(), contact, claim.value(), token)
				.update();
		}
		return SignUp.CONFIRMATION_SENT;
	}

	/** Confirms by the token of the confirmation mail; records the consent. Empty when the token is unknown. */
	public Optional<String> confirm(Workspace workspace, String token, String ip) {
		return jdbc.sql("select id, contact_id, email, status from newsletter_subscribers where workspace_id = ? and token = ?")
			.params(workspace.id(), token == null ? "" : token)
			.query((rs, n) -> {
				UUID id = rs.getObject(1, UUID.class);
				if (!"active".equals(rs.getString(4))) {
					UUID consent = consents.record(workspace.id(), ContactId.of(rs.getObject(2, UUID.class)), "newsletter",
							"blog newsletter (double opt-in)", 1, CONSENT_TEXT, ip);
					jdbc.sql("update newsletter_subscribers set status = 'active', confirmed_at = now(), consent_id = ? where id = ?")
						.params(consent, id)
						.update();
					events.publishEvent(new NewsletterSubscribed(workspace.id(), id, rs.getObject(2, UUID.class),
							Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
				}
				return rs.getString(3);
			})
			.optional();
	}

	/** Unsubscribes by the token in every newsletter and withdraws the consent. Empty when the token is unknown. */
	public Optional<String> unsubscribe(Workspace workspace, String token) {
		return jdbc.sql("select id, email, consent_id, status from newsletter_subscribers where workspace_id = ? and token = ?")
			.params(workspace.id(), token == null ? "" : token)
			.query((rs, n) -> {
				if (!"unsubscribed".equals(rs.getString(4))) {
					jdbc.sql("update newsletter_subscribers set status = 'unsubscribed', unsubscribed_at = now() where id = ?")
						.param(rs.getObject(1, UUID.class))
						.update();
					UUID consent = rs.getObject(3, UUID.class);
					if (consent != null) {
						consents.withdraw(workspace.id(), consent, "person");
					}
				}
				return rs.getString(2);
			})
			.optional();
	}

	public record Subscriber(String email, String status) {
	}

	public List<Subscriber> subscribers(UUID workspaceId) {
		return jdbc.sql("select email, status from newsletter_subscribers where workspace_id = ? order by email")
			.param(workspaceId)
			.query((rs, n) -> new Subscriber(rs.getString(1), rs.getString(2)))
			.list();
	}

	public record Sent(int recipients, int failures) {
	}

	/** Mails a text to every active subscriber, each with their own unsubscribe link. */
	public Sent send(Workspace workspace, UUID postId, String subject, String text) {
		return send(workspace, postId, subject, text, null, null);
	}

	/** The most a written issue's subject and Markdown may be. */
	static final int MAX_SUBJECT = 200;
	static final int MAX_MARKDOWN = 100_000;

	/** A newsletter that went out: a post's or a written issue's. */
	public record Issue(UUID id, UUID postId, String subject, int recipients, int failures, java.time.Instant sentAt) {
	}

	/**
	 * Sends an issue a manager wrote rather than a post: the Markdown is rendered and sanitised as posts are; the
	 * mail carries its plain text, through the same path (and with the same unsubscribe link and headers) as a post.
	 */
	public Issue sendIssue(org.rapport.platform.CurrentUser manager, Workspace workspace, String subject, String markdown) {
		manager.requireManager();
		String title = subject == null ? "" : subject.strip();
		if (title.isEmpty()) {
			throw new IllegalArgumentException("An issue needs a subject.");
		}
		if (title.length() > MAX_SUBJECT || title.contains("\n") || title.contains("\r")) {
			throw new IllegalArgumentException("The subject is one line of at most " + MAX_SUBJECT + " characters.");
		}
		if (markdown == null || markdown.isBlank()) {
			throw new IllegalArgumentException("An issue needs a text.");
		}
		if (markdown.length() > MAX_MARKDOWN) {
			throw new IllegalArgumentException("The text is longer than " + MAX_MARKDOWN + " characters.");
		}
		RenderedMarkdown rendered = RenderedMarkdown.of(markdown);
		UUID id = UUID.randomUUID();
		Sent sent = send(workspace, null, title, rendered.text(), markdown, rendered.html(), id);
		audit.record(workspace.id(), manager.userId(), "blog.newsletter.issueSent", title + " (" + sent.recipients() + ")", null);
		return issues(workspace.id()).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
	}

	/** Every newsletter sent, newest first; written issues have no post. */
	public List<Issue> issues(UUID workspaceId) {
		return jdbc.sql("""
				select id, post_id, subject, recipients, failures, sent_at from newsletter_sendings where workspace_id = ?
				order by sent_at desc, id limit 500""")
			.param(workspaceId)
			.query((rs, n) -> new Issue(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getInt(4), rs.getInt(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	private Sent send(Workspace workspace, UUID postId, String subject, String text, String markdown, String html) {
		return send(workspace, postId, subject, text, markdown, html, UUID.randomUUID());
	}

	private Sent send(Workspace workspace, UUID postId, String subject, String text, String markdown, String html, UUID sendingId) {
		record Recipient(String email, String token) {
		}
		List<Recipient> recipients = jdbc.sql("select email, token from newsletter_subscribers where workspace_id = ? and status = 'active'")
			.param(workspace.id())
			.query((rs, n) -> new Recipient(rs.getString(1), rs.getString(2)))
			.list();
		int failures = 0;
		for (Recipient r : recipients) {
			String unsubscribe = properties.link("/blog/" + workspace.slug() + "/newsletter/unsubscribe?t=" + r.token());
			try {
				mailer.send(workspace.id(), r.email(), subject,
						text + "\n\n--\nNewsletter abbestellen / unsubscribe: " + unsubscribe + "\n",
						Map.of("List-Unsubscribe", "<" + unsubscribe + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
								"Precedence", "bulk"));
			}
			catch (DeliveryException e) {
				failures++;
				if (!e.retryable()) {
					jdbc.sql("update newsletter_subscribers set status = 'bounced' where workspace_id = ? and email = ?")
						.params(workspace.id(), r.email())
						.update();
				}
			}
		}
		jdbc.sql("""
				insert into newsletter_sendings(id, workspace_id, post_id, subject, recipients, failures, body_markdown, body_html)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(sendingId, workspace.id(), postId, subject, recipients.size(), failures, markdown, html)
			.update();
		return new Sent(recipients.size(), failures);
	}

	private static String token() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}

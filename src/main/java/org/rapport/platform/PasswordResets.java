package org.rapport.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Forgot password": a one-time link by mail, valid for {@link #VALID}. Whoever asks gets the same answer whether or
 * not an account exists; the mail is sent in the background, so the answer takes the same time either way. Only the
 * SHA-256 hash of a link's token is stored. The mail goes through the mailbox of the first workspace of the person
 * (in the order they joined) that can send; when none can, the log says so. Using a link sets the password, ends
 * all the person's sessions and spends every open link of theirs.
 */
@Component
public class PasswordResets {

	private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

	/** How long a link works. */
	public static final Duration VALID = Duration.ofMinutes(60);

	/** How long the link of an invitation mail works: a new member may not read their mail the same hour. */
	public static final Duration INVITATION_VALID = Duration.ofDays(7);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final ObjectProvider<AccountMail> mail;
	private final MessageSource messages;
	private final RapportProperties properties;
	/** Links per address: a few an hour, so that nobody floods a person's mailbox. */
	private final RateLimit perAddress = new RateLimit(3, Duration.ofHours(1));
	/** Requests per client address. */
	private final RateLimit perClient = new RateLimit(10, Duration.ofMinutes(15));

	PasswordResets(JdbcClient jdbc, Accounts accounts, ObjectProvider<AccountMail> mail, MessageSource messages,
			RapportProperties properties) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.mail = mail;
		this.messages = messages;
		this.properties = properties;
	}

	/** Whether a client address may ask for another link now. */
	public boolean allowClient(String clientAddress) {
		return perClient.allow(clientAddress);
	}

	/**
	 * Sends a reset link to the address when it belongs to an account, in the background. Says nothing about
	 * whether it does.
	 *
	 * @param locale the language of the page the person asked on, for a person who chose none
	 */
	public void request(String email, Locale locale) {
		String address = email == null ? "" : email.strip();
		if (address.isEmpty() || address.length() > 254) {
			return;
		}
		Thread.ofVirtual().name("password-reset").start(() -> {
			try {
				send(address, locale);
			}
			catch (RuntimeException e) {
				log.warn("A password reset link could not be sent.", e);
			}
		});
	}

	private record Account(UUID id, String email, String displayName, String language) {
	}

	private void send(String address, Locale locale) {
		Optional<Account> account = jdbc.sql("select id, email, display_name, language from users where email = ?")
			.param(address)
			.query((rs, n) -> new Account(rs.getObject("id", UUID.class), rs.getString("email"),
					rs.getString("display_name"), rs.getString("language")))
			.optional();
		if (account.isEmpty()) {
			log.info("A password reset was asked for an address without an account; nothing sent.");
			return;
		}
		Account user = account.get();
		if (!perAddress.allow(user.id().toString())) {
			log.info("A password reset for user {} was asked too often within the hour; nothing sent.", user.id());
			return;
		}
		List<UUID> workspaceIds = jdbc.sql("select workspace_id from memberships where user_id = ? order by joined_at, workspace_id")
			.param(user.id())
			.query(UUID.class)
			.list();
		AccountMail mailer = mail.getIfAvailable();
		if (mailer == null || workspaceIds.isEmpty()) {
			log.warn("User {} asked for a password reset, but no workspace of theirs can send mail; nothing sent.", user.id());
			return;
		}
		String token = link(user.id(), VALID);
		Locale language = user.language() != null ? Locale.of(user.language()) : locale;
		String link = properties.link("/login/reset?token=" + token);
		String subject = messages.getMessage("account.reset.mail.subject", null, language);
		String text = messages.getMessage("account.reset.mail.text",
				new Object[] { user.displayName(), link, VALID.toMinutes() }, language);
		for (UUID workspaceId : workspaceIds) {
			Optional<String> failure = mailer.send(workspaceId, user.email(), subject, text);
			if (failure.isEmpty()) {
				log.info("Password reset link for user {} sent through the mailbox of workspace {}.", user.id(), workspaceId);
				return;
			}
			log.info("Workspace {} cannot send the password reset link for user {}: {}", workspaceId, user.id(),
					failure.get());
		}
		log.warn("User {} asked for a password reset, but no workspace of theirs can send mail; nothing sent. "
				+ "Connect a mailbox in one of their workspaces.", user.id());
	}

	/**
	 * Mails a person whom {@code by} just added without a password an invitation to {@code by}'s workspace, with a
	 * link to choose their password (valid {@link #INVITATION_VALID}), through the workspace's mailbox, in {@code locale}.
	 *
	 * @return empty when it was sent, else why the workspace cannot send it
	 */
	@Transactional
	public Optional<String> invite(CurrentUser by, UUID userId, Locale locale) {
		AccountMail mailer = mail.getIfAvailable();
		if (mailer == null) {
			return Optional.of("This installation cannot send mail.");
		}
		UUID workspaceId = by.workspaceId();
		String workspaceName = jdbc.sql("select name from workspaces where id = ?").param(workspaceId)
			.query(String.class).single();
		String invitedBy = by.displayName();
		Accounts.Profile person = accounts.profile(userId);
		String link = properties.link("/login/reset?token=" + link(userId, INVITATION_VALID));
		String subject = messages.getMessage("account.invite.mail.subject", new Object[] { workspaceName }, locale);
		String text = messages.getMessage("account.invite.mail.text",
				new Object[] { person.displayName(), invitedBy, workspaceName, link, INVITATION_VALID.toDays() }, locale);
		return mailer.send(workspaceId, person.email(), subject, text);
	}

	/** A new one-time link's token for the person, valid for {@code valid}; only its hash is stored. */
	private String link(UUID userId, Duration valid) {
		String token = newToken();
		jdbc.sql("delete from password_resets where expires_at < now() - interval '1 day'").update();
		jdbc.sql("insert into password_resets(id, user_id, token_hash, expires_at) values (?, ?, ?, ?)")
			.params(UUID.randomUUID(), userId, hash(token), Timestamp.from(Instant.now().plus(valid)))
			.update();
		return token;
	}

	/** Whether a link's token can still be used (unknown, spent and expired ones cannot). */
	public boolean usable(String token) {
		return token != null && !token.isBlank() && jdbc.sql("""
				select exists(select 1 from password_resets where token_hash = ? and used_at is null and expires_at > now())""")
			.param(hash(token))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Sets a new password with a link's token, spends the link and ends all the person's sessions.
	 *
	 * @return the person's email address; empty when the link is unknown, spent or expired
	 * @throws InvalidFieldException naming {@code newPassword} when the password is not acceptable (the link stays)
	 */
	@Transactional
	public Optional<String> reset(String token, String newPassword) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		Optional<UUID> userId = jdbc.sql("""
				select user_id from password_resets where token_hash = ? and used_at is null and expires_at > now()
				for update""")
			.param(hash(token))
			.query(UUID.class)
			.optional();
		if (userId.isEmpty()) {
			return Optional.empty();
		}
		accounts.setPassword(userId.get(), newPassword);
		return Optional.of(accounts.profile(userId.get()).email());
	}

	/** 32 random bytes, URL-safe: a link's token, or a password nobody knows. */
	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

package org.rapport.platform;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person changes of their own account: their name, the language of the UI and of mails to them, and their
 * password. A new password ends the person's open sessions in every workspace (the memberships' epochs rise); the
 * session that set it continues with the new epoch.
 */
@Component
public class Accounts {

	/** Languages a person can choose. */
	public static final java.util.List<String> LANGUAGES = java.util.List.of("de", "en");

	private final JdbcClient jdbc;
	private final PasswordEncoder passwords;
	private final Members members;
	private final Cache<UUID, Optional<String>> languages = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(5))
		.maximumSize(50_000)
		.build();

	Accounts(JdbcClient jdbc, PasswordEncoder passwords, Members members) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.members = members;
	}

	/** A person's own account. {@code language} is {@code de}, {@code en} or null (the browser's). */
	public record Profile(UUID userId, String email, String displayName, String language) {
	}

	public Profile profile(UUID userId) {
		return jdbc.sql("select id, email, display_name, language from users where id = ?")
			.param(userId)
			.query((rs, n) -> new Profile(rs.getObject("id", UUID.class), rs.getString("email"),
					rs.getString("display_name"), rs.getString("language")))
			.optional()
			.orElseThrow(() -> new NotFoundException("No user " + userId + "."));
	}

	/** The language the person chose, read at most a few seconds ago; empty when they left it to the browser. */
	public Optional<String> language(UUID userId) {
		return languages.get(userId, id -> jdbc.sql("select language from users where id = ?")
			.param(id)
			.query(String.class)
			.optional());
	}

	/**
	 * Changes the person's name and language.
	 *
	 * @param language {@code de}, {@code en}, or blank for the browser's
	 * @throws InvalidFieldException naming {@code displayName} or {@code language}
	 */
	@Transactional
	public Profile update(UUID userId, String displayName, String language) {
		String name = displayName == null ? "" : displayName.strip();
		if (name.isEmpty()) {
			throw new InvalidFieldException("displayName", "Your name cannot be empty.");
		}
		if (name.length() > 200) {
			throw new InvalidFieldException("displayName", "A name has at most 200 characters.");
		}
		String lang = language == null || language.isBlank() ? null : language.strip();
		if (lang != null && !LANGUAGES.contains(lang)) {
			throw new InvalidFieldException("language", "The language is 'de' or 'en'.");
		}
		jdbc.sql("update users set display_name = ?, language = ? where id = ?").params(name, lang, userId).update();
		languages.invalidate(userId);
		return profile(userId);
	}

	/**
	 * Sets a new password after checking the current one, and ends the person's other sessions.
	 *
	 * @throws InvalidFieldException naming {@code currentPassword} when it is wrong, {@code newPassword} when the
	 *     new one is not acceptable
	 */
	@Transactional
	public void changePassword(UUID userId, String currentPassword, String newPassword) {
		String hash = jdbc.sql("select password_hash from users where id = ? for update")
			.param(userId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No user " + userId + "."));
		if (currentPassword == null || currentPassword.isEmpty() || !passwords.matches(currentPassword, hash)) {
			throw new InvalidFieldException("currentPassword", "The current password is not right.");
		}
		setPassword(userId, newPassword);
	}

	/** Sets a new password without the old one (a reset link), and ends all the person's sessions. */
	@Transactional
	void setPassword(UUID userId, String newPassword) {
		checkPassword(newPassword);
		jdbc.sql("update users set password_hash = ? where id = ?").params(passwords.encode(newPassword), userId).update();
		jdbc.sql("update password_resets set used_at = now() where user_id = ? and used_at is null").param(userId).update();
		members.endSessionsOf(userId);
	}

	static void checkPassword(String password) {
		if (password == null || password.length() < 10) {
			throw new InvalidFieldException("newPassword", "A password needs at least 10 characters.");
		}
		if (password.length() > 1000) {
			throw new InvalidFieldException("newPassword", "A password has at most 1000 characters.");
		}
	}
}

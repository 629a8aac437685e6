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
 * What a person changes of their own account: their name, the language of the UI and of mails to them, the
 * signature under their replies, and their password. A new password ends the person's open sessions in every workspace (the memberships' epochs rise); the
 * session that set it continues with the new epoch.
 */
@Component
public class Accounts {

	/** Languages a person can choose. */
	public static final java.util.List<String> LANGUAGES = java.util.List.of("de", "en");

	/** The longest personal signature, in characters. */
	public static final int MAX_SIGNATURE = 2_000;

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

	/**
	 * A person's own account. {@code language} is {@code de}, {@code en} or null (the browser's); {@code signature}
	 * the plain text under their replies, empty for none.
	 */
	public record Profile(UUID userId, String email, String displayName, String language, String signature) {
	}

	public Profile profile(UUID userId) {
		return jdbc.sql("select id, email, display_name, language, signature from users where id = ?")
			.param(userId)
			.query((rs, n) -> new Profile(rs.getObject("id", UUID.class), rs.getString("email"),
					rs.getString("display_name"), rs.getString("language"), rs.getString("signature")))
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

	/** The person's own signature for replies; empty when they have none. */
	public Optional<String> signature(UUID userId) {
		return jdbc.sql("select signature from users where id = ?")
			.param(userId)
			.query(String.class)
			.optional()
			.filter(s -> !s.isBlank());
	}

	/**
	 * Sets the person's signature: plain text, line breaks kept, at most {@value #MAX_SIGNATURE} characters; blank
	 * removes it.
	 *
	 * @throws InvalidFieldException naming {@code signature} when it is too long
	 */
	@Transactional
	public Profile setSignature(UUID userId, String signature) {
		String text = cleanSignature(signature);
		if (text.length() > MAX_SIGNATURE) {
			throw new InvalidFieldException("signature", "A signature has at most " + MAX_SIGNATURE + " characters.");
		}
		jdbc.sql("update users set signature = ? where id = ?").params(text, userId).update();
		return profile(userId);
	}

	/**
	 * A signature as stored: line breaks as line feeds, no spaces at the ends of lines, no empty lines before or
	 * after. Blank gives the empty text, which means none.
	 */
	public static String cleanSignature(String signature) {
		if (signature == null) {
			return "";
		}
		return signature.replace("\r\n", "\n").replace('\r', '\n').lines().map(String::stripTrailing)
			.collect(java.util.stream.Collectors.joining("\n")).strip();
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

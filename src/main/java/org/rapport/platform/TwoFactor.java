package org.rapport.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in: after the password, a code from an authenticator app ({@link TotpCodes}) or one of ten
 * one-time recovery codes. The shared secret is sealed with {@link SecretBox}; recovery codes are stored only as
 * keyed hashes and each works once. A member switches it on by confirming a code, and off with their password and
 * a code; an owner can reset a member's (a lost phone), which mails the member, and can require it for the
 * workspace. Whether a person has it on, and whether a workspace requires it, is read at most
 * {@link #CACHE} ago on each node; changes made on this node are seen at once.
 */
@Component
public class TwoFactor {

	static final Duration CACHE = Duration.ofSeconds(2);

	/** How many recovery codes a person gets at a time. */
	public static final int RECOVERY_CODES = 10;

	/** The name authenticator apps show above the code. */
	static final String ISSUER = "Rapport";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Recovery code characters: no 0/o, 1/l/i that are read wrongly. */
	private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private final JdbcClient jdbc;
	private final SecretBox box;
	private final PasswordEncoder passwords;
	private final Members members;
	private final Accounts accounts;
	private final ObjectProvider<AccountMail> mail;
	private final MessageSource messages;
	private final Clock clock;
	private final Cache<UUID, Boolean> enabled = Caffeine.newBuilder().expireAfterWrite(CACHE).maximumSize(50_000).build();
	private final Cache<UUID, Boolean> required = Caffeine.newBuilder().expireAfterWrite(CACHE).maximumSize(10_000).build();

	@Autowired
	TwoFactor(JdbcClient jdbc, SecretBox box, PasswordEncoder passwords, Members members, Accounts accounts,
			ObjectProvider<AccountMail> mail, MessageSource messages) {
		this(jdbc, box, passwords, members, accounts, mail, messages, Clock.systemUTC());
	}

	TwoFactor(JdbcClient jdbc, SecretBox box, PasswordEncoder passwords, Members members, Accounts accounts,
			ObjectProvider<AccountMail> mail, MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.box = box;
		this.passwords = passwords;
		this.members = members;
		this.accounts = accounts;
		this.mail = mail;
		this.messages = messages;
		this.clock = clock;
	}

	/** A secret being set up: the QR code and, for typing it in, the secret in groups of four. */
	public record Enrolment(String secret, String grouped, String uri, String qrSvg) {
	}

	/** How a second step was passed, if it was. */
	public enum Outcome {
		CODE, RECOVERY_CODE, WRONG;

		public boolean passed() {
			return this != WRONG;
		}
	}

	/** Whether the person signs in with two factors. */
	public boolean enabled(UUID userId) {
		return enabled.get(userId, id -> jdbc.sql("select exists(select 1 from two_factor where user_id = ? and enabled_at is not null)")
			.param(id)
			.query(Boolean.class)
			.single());
	}

	/** Whether the workspace requires two-factor sign-in of every member. */
	public boolean required(UUID workspaceId) {
		return required.get(workspaceId, id -> jdbc.sql("select two_factor_required from workspaces where id = ?")
			.param(id)
			.query(Boolean.class)
			.optional()
			.orElse(false));
	}

	/** Whether the person must set up two-factor sign-in before doing anything else in this workspace. */
	public boolean mustEnrol(CurrentUser user) {
		return required(user.workspaceId()) && !enabled(user.userId());
	}

	/** The members of the workspace who have two-factor sign-in on. */
	public Set<UUID> enabledIn(UUID workspaceId) {
		return Set.copyOf(jdbc.sql("""
				select t.user_id from two_factor t join memberships m on m.user_id = t.user_id
				where m.workspace_id = ? and t.enabled_at is not null""")
			.param(workspaceId)
			.query(UUID.class)
			.list());
	}

	/**
	 * The secret the person is setting up: the one begun earlier (so that reloading the page keeps the QR code the
	 * app may have read already), else a new one.
	 *
	 * @throws IllegalStateException when two-factor sign-in is on already
	 */
	@Transactional
	public Enrolment enrolment(UUID userId) {
		Optional<Pending> row = row(userId);
		if (row.isPresent() && row.get().on()) {
			throw new IllegalStateException("Two-factor sign-in is on already.");
		}
		String secret;
		if (row.isPresent()) {
			secret = box.open(row.get().secret());
		}
		else {
			secret = TotpCodes.newSecret();
			jdbc.sql("insert into two_factor(user_id, secret) values (?, ?) on conflict (user_id) do nothing")
				.params(userId, box.seal(secret))
				.update();
			secret = box.open(row(userId).orElseThrow().secret());
		}
		String uri = TotpCodes.uri(ISSUER, accounts.profile(userId).email(), secret);
		return new Enrolment(secret, TotpCodes.grouped(secret), uri, TotpCodes.svg(uri));
	}

	/**
	 * Switches two-factor sign-in on with a current code of the secret being set up.
	 *
	 * @return the recovery codes, to be shown once
	 * @throws InvalidFieldException naming {@code code} when it is not a current code
	 */
	@Transactional
	public List<String> confirm(UUID userId, String code) {
		Pending row = jdbc.sql("select secret, enabled_at is not null as on_, last_step from two_factor where user_id = ? for update")
			.param(userId)
			.query((rs, n) -> new Pending(rs.getString(1), rs.getBoolean(2), rs.getLong(3)))
			.optional()
			.orElseThrow(() -> new InvalidFieldException("code", "Start the set-up again: there is no secret to confirm."));
		if (row.on()) {
			throw new IllegalStateException("Two-factor sign-in is on already.");
		}
		OptionalLong step = TotpCodes.matchingStep(box.open(row.secret()), code, clock.instant(), row.lastStep());
		if (step.isEmpty()) {
			throw new InvalidFieldException("code", "The code is not right. Enter the 6 digits the app shows now.");
		}
		jdbc.sql("update two_factor set enabled_at = now(), last_step = ? where user_id = ?").params(step.getAsLong(), userId).update();
		enabled.invalidate(userId);
		// a session opened with the password alone must not outlive the second factor
		members.endSessionsOf(userId);
		return replaceRecoveryCodes(userId);
	}

	/**
	 * Checks a second factor: a current code of the person's app not used before, or an unused recovery code
	 * (which is spent).
	 */
	@Transactional
	public Outcome verify(UUID userId, String code) {
		if (code == null || code.isBlank() || code.length() > 100) {
			return Outcome.WRONG;
		}
		Optional<Pending> row = row(userId).filter(Pending::on);
		if (row.isEmpty()) {
			return Outcome.WRONG;
		}
		String digits = code.replaceAll("[\\s-]", "");
		if (digits.matches("[0-9]{6}")) {
			OptionalLong step = TotpCodes.matchingStep(box.open(row.get().secret()), digits, clock.instant(),
					row.get().lastStep());
			// the condition on last_step keeps two concurrent requests with one code from both passing
			boolean fresh = step.isPresent() && jdbc.sql("update two_factor set last_step = ? where user_id = ? and last_step < ?")
				.params(step.getAsLong(), userId, step.getAsLong())
				.update() == 1;
			return fresh ? Outcome.CODE : Outcome.WRONG;
		}
		int spent = jdbc.sql("delete from two_factor_recovery_codes where user_id = ? and code_hash = ?")
			.params(userId, recoveryHash(userId, code))
			.update();
		return spent == 1 ? Outcome.RECOVERY_CODE : Outcome.WRONG;
	}

	/** How many unused recovery codes the person has. */
	public int recoveryCodesLeft(UUID userId) {
		return jdbc.sql("select count(*) from two_factor_recovery_codes where user_id = ?").param(userId).query(Integer.class).single();
	}

	/**
	 * New recovery codes after a current code; the old ones stop working.
	 *
	 * @throws InvalidFieldException naming {@code code} when it is not right
	 */
	@Transactional
	public List<String> newRecoveryCodes(UUID userId, String code) {
		if (verify(userId, code) != Outcome.CODE) {
			throw new InvalidFieldException("code", "The code is not right. Enter the 6 digits the app shows now.");
		}
		return replaceRecoveryCodes(userId);
	}

	/**
	 * Switches two-factor sign-in off with the password and a second factor.
	 *
	 * @throws InvalidFieldException naming {@code currentPassword} or {@code code}
	 */
	@Transactional
	public void disable(UUID userId, String currentPassword, String code) {
		String hash = jdbc.sql("select password_hash from users where id = ? for update").param(userId).query(String.class).single();
		if (currentPassword == null || currentPassword.isEmpty() || !passwords.matches(currentPassword, hash)) {
			throw new InvalidFieldException("currentPassword", "The current password is not right.");
		}
		if (!verify(userId, code).passed()) {
			throw new InvalidFieldException("code", "The code is not right. Enter the 6 digits the app shows now, or a recovery code.");
		}
		remove(userId);
		members.endSessionsOf(userId);
	}

	/**
	 * An owner switches a member's two-factor sign-in off (a lost phone) and mails the member about it, through the
	 * workspace's mailbox, in the member's language or else {@code locale}.
	 *
	 * @return the member's address and, when the mail could not be sent, why
	 * @throws ForbiddenException when {@code owner} is not an owner
	 * @throws NotFoundException when the person is not a member of the owner's workspace or has it off
	 */
	@Transactional
	public Reset reset(CurrentUser owner, UUID userId, Locale locale) {
		if (owner.role() != Role.OWNER) {
			throw new ForbiddenException("Only an owner can reset a member's two-factor sign-in.");
		}
		Member member = members.of(owner.workspaceId(), userId)
			.orElseThrow(() -> new NotFoundException("No member " + userId + " in this workspace."));
		if (row(userId).filter(Pending::on).isEmpty()) {
			throw new NotFoundException(member.email() + " does not use two-factor sign-in.");
		}
		remove(userId);
		// whoever holds the lost phone's sessions is signed out everywhere
		members.endSessionsOf(userId);
		Locale language = accounts.language(userId).map(Locale::of).orElse(locale);
		String workspaceName = jdbc.sql("select name from workspaces where id = ?").param(owner.workspaceId()).query(String.class).single();
		String subject = messages.getMessage("twoFactor.reset.mail.subject", null, language);
		String text = messages.getMessage("twoFactor.reset.mail.text",
				new Object[] { member.displayName(), owner.displayName(), workspaceName }, language);
		AccountMail mailer = mail.getIfAvailable();
		Optional<String> failure = mailer == null ? Optional.of("This installation cannot send mail.")
				: mailer.send(owner.workspaceId(), member.email(), subject, text);
		return new Reset(member.email(), failure);
	}

	/** What an owner's reset did: whose, and why no mail went out if none did. */
	public record Reset(String email, Optional<String> mailFailure) {
	}

	/**
	 * An owner requires two-factor sign-in of the workspace's members, or no longer does. To require it the owner
	 * must use it already, so that nobody is locked out of setting it.
	 */
	@Transactional
	public void require(CurrentUser owner, boolean require) {
		if (owner.role() != Role.OWNER) {
			throw new ForbiddenException("Only an owner can require two-factor sign-in.");
		}
		if (require && !enabled(owner.userId())) {
			throw new IllegalStateException("Set up two-factor sign-in for yourself first (My account), then require it.");
		}
		jdbc.sql("update workspaces set two_factor_required = ? where id = ?").params(require, owner.workspaceId()).update();
		required.invalidate(owner.workspaceId());
	}

	private void remove(UUID userId) {
		jdbc.sql("delete from two_factor_recovery_codes where user_id = ?").param(userId).update();
		jdbc.sql("delete from two_factor where user_id = ?").param(userId).update();
		enabled.invalidate(userId);
	}

	private List<String> replaceRecoveryCodes(UUID userId) {
		jdbc.sql("delete from two_factor_recovery_codes where user_id = ?").param(userId).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String code = newRecoveryCode();
			codes.add(code);
			jdbc.sql("insert into two_factor_recovery_codes(user_id, code_hash) values (?, ?)")
				.params(userId, recoveryHash(userId, code))
				.update();
		}
		return List.copyOf(codes);
	}

	/** Ten characters of a 31-letter alphabet (49 bits), as {@code abcde-fghjk}. */
	static String newRecoveryCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			code.append(i == 5 ? "-" : "").append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
		}
		return code.toString();
	}

	/**
	 * A recovery code's keyed hash: codes are random and long enough that a fast hash does not help guessing them,
	 * and the installation's key keeps a database dump alone from testing candidates at all.
	 */
	private String recoveryHash(UUID userId, String code) {
		String normalised = code.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
		return HexFormat.of().formatHex(box.mac("recovery-code", userId + "|" + normalised));
	}

	private record Pending(String secret, boolean on, long lastStep) {
	}

	private Optional<Pending> row(UUID userId) {
		return jdbc.sql("select secret, enabled_at is not null as on_, last_step from two_factor where user_id = ?")
			.param(userId)
			.query((rs, n) -> new Pending(rs.getString(1), rs.getBoolean(2), rs.getLong(3)))
			.optional();
	}
}

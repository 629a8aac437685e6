package org.rapport.channels.webform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.ConsentLinks;
import org.rapport.contacts.Consents;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.ContactId;
import org.rapport.platform.RateLimit;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes submissions of a workspace's contact form: name, email and message are required, the consent checkbox
 * must be ticked, a hidden honeypot field must stay empty, and one address may send at most
 * {@value #LIMIT} submissions in ten minutes. The consent is recorded with the wording's version, the time and
 * the masked IP address.
 */
@Component
public class WebForms {

	static final int LIMIT = 5;

	private static final Duration WINDOW = Duration.ofMinutes(10);

	/** The default consent wording of a new workspace, in German. */
	public static final String DEFAULT_CONSENT = "Ich bin einverstanden, dass meine Angaben zur Beantwortung meiner Anfrage "
			+ "gespeichert und verarbeitet werden. Ich kann diese Einwilligung jederzeit per E-Mail widerrufen.";

	private final JdbcClient jdbc;
	private final Workspaces workspaces;
	private final Channels channels;
	private final Ingestion ingestion;
	private final Consents consents;
	private final ConsentLinks consentLinks;
	private final RateLimit floods = new RateLimit(LIMIT, WINDOW);

	WebForms(JdbcClient jdbc, Workspaces workspaces, Channels channels, Ingestion ingestion, Consents consents,
			ConsentLinks consentLinks) {
		this.jdbc = jdbc;
		this.workspaces = workspaces;
		this.channels = channels;
		this.ingestion = ingestion;
		this.consents = consents;
		this.consentLinks = consentLinks;
	}

	public record Settings(String consentText, int consentVersion, String successText) {
	}

	public record Submission(String name, String email, String subject, String message, boolean consent,
			String honeypot) {
	}

	/** The outcome: accepted, silently dropped as spam, or refused with the reasons per field. */
	/**
	 * @param withdrawLink where the person can withdraw the consent just given, or null
	 */
	public record Outcome(boolean accepted, boolean spam, Map<String, String> errors, String withdrawLink) {

		Outcome(boolean accepted, boolean spam, Map<String, String> errors) {
			this(accepted, spam, errors, null);
		}
	}

	public Settings settings(UUID workspaceId) {
		return jdbc.sql("select consent_text, consent_version, success_text from form_settings where workspace_id = ?")
			.param(workspaceId)
			.query((rs, n) -> new Settings(rs.getString(1), rs.getInt(2), rs.getString(3)))
			.optional()
			.orElse(new Settings(DEFAULT_CONSENT, 1, ""));
	}

	/** Saves new wording; a changed consent text gets a new version, so each record names what the person saw. */
	public Settings save(UUID workspaceId, String consentText, String successText) {
		if (consentText == null || consentText.isBlank()) {
			throw new IllegalArgumentException("The consent text must not be empty.");
		}
		Settings current = settings(workspaceId);
		int version = current.consentText().equals(consentText.strip()) ? current.consentVersion() : current.consentVersion() + 1;
		jdbc.sql("""
				insert into form_settings(workspace_id, consent_text, consent_version, success_text) values (?, ?, ?, ?)
				on conflict (workspace_id) do update set consent_text = excluded.consent_text,
				  consent_version = excluded.consent_version, success_text = excluded.success_text""")
			.params(workspaceId, consentText.strip(), version, successText == null ? "" : successText.strip())
			.update();
		return settings(workspaceId);
	}

	public Workspace workspace(String slug) {
		return workspaces.bySlug(slug).orElseThrow(() -> new org.rapport.platform.NotFoundException("No form '" + slug + "'."));
	}

	@Transactional
	public Outcome submit(String slug, Submission form, String ip) {
		Workspace workspace = workspace(slug);
		if (form.honeypot() != null && !form.honeypot().isBlank()) {
			return new Outcome(false, true, Map.of());
		}
		Map<String, String> errors = new java.util.LinkedHashMap<>();
		if (form.name() == null || form.name().isBlank()) {
			errors.put("name", "required");
		}
		else if (form.name().length() > 200) {
			errors.put("name", "too_long");
		}
		if (form.email() == null || form.email().isBlank()) {
			errors.put("email", "required");
		}
		else if (!Identities.isEmail(form.email()) || !Identities.isEnterable(IdentityKind.EMAIL, form.email())) {
			errors.put("email", "invalid");
		}
		if (form.message() == null || form.message().isBlank()) {
			errors.put("message", "required");
		}
		else if (form.message().length() > 20_000) {
			errors.put("message", "too_long");
		}
		if (form.subject() != null && form.subject().length() > 300) {
			errors.put("subject", "too_long");
		}
		if (!form.consent()) {
			errors.put("consent", "required");
		}
		if (!errors.isEmpty()) {
			return new Outcome(false, false, errors);
		}
		if (!allow(slug + "|" + ip)) {
			throw new RateLimitedException();
		}
		Channel channel = channels.byKey(workspace.id(), "webform").filter(Channel::enabled)
			.orElseThrow(() -> new org.rapport.platform.NotFoundException("The contact form of '" + slug + "' is switched off."));
		Settings settings = settings(workspace.id());
		IdentityClaim from = new IdentityClaim(IdentityKind.EMAIL, form.email(), form.name()).normalised();
		String externalId = "form:" + UUID.randomUUID();
		String subject = form.subject() == null || form.subject().isBlank() ? "Kontaktformular" : form.subject();
		Ingestion.Result result = ingestion.ingest(channel, List.of(InboundMessage.message(externalId, externalId, from,
				subject, form.message(), false, null)));
		UUID contact = result.contactIds().get(externalId);
		markReceived(workspace.id());
		UUID consent = consents.record(workspace.id(), ContactId.of(contact), "contact_form", "webform", settings.consentVersion(),
				settings.consentText(), ip);
		return new Outcome(true, false, Map.of(), consent == null ? null : consentLinks.link(consent));
	}

	/** Whether the workspace's form has taken a submission: the sign that it is linked or embedded somewhere. */
	public boolean received(UUID workspaceId) {
		return jdbc.sql("select first_submission_at is not null from form_settings where workspace_id = ?")
			.param(workspaceId).query(Boolean.class).optional().orElse(false);
	}

	private void markReceived(UUID workspaceId) {
		jdbc.sql("""
				insert into form_settings(workspace_id, consent_text, consent_version, success_text, first_submission_at)
				values (?, ?, 1, '', now())
				on conflict (workspace_id) do update set first_submission_at = now()
				where form_settings.first_submission_at is null""")
			.params(workspaceId, DEFAULT_CONSENT).update();
	}

	private boolean allow(String key) {
		return floods.allow(key);
	}

	/** Too many submissions from one address; answered with 429. */
	public static class RateLimitedException extends RuntimeException {

		RateLimitedException() {
			super("Too many messages from your address. Please try again in ten minutes.");
		}
	}
}

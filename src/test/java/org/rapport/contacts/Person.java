package org.rapport.contacts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.support.Api;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A made-up person with unmistakable identifiers (unique per test in the shared database), and a way to give them
 * a full history on every channel: web form with consent, API messages, a mail with headers and an attachment, a
 * phone number, a logged call, an internal note, a second consent and a quarantined mail.
 */
final class Person {

	final String tag;
	final String name;
	final String email;
	final String phoneInput;
	final String phone;
	UUID contactId;

	Person() {
		StringBuilder letters = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		tag = letters.toString();
		name = "Hanna Quen" + tag + "dorf";
		email = "hanna.quen" + tag + "@example.net";
		long digits = ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
		phoneInput = "030 " + digits;
		phone = "+4930" + digits;
	}

	/** The strings that must not be found anywhere after erasure. */
	List<String> identifiers() {
		return List.of(email, phone, name, "quen" + tag);
	}

	/** Gives the person a history everywhere; returns the id of the API conversation. */
	UUID fillHistory(String baseUrl, Api api, JdbcClient jdbc, Ingestion ingestion, Channels channels, UUID workspaceId) {
		Api.Response form = new Api(baseUrl, null).post("/f/" + slug(jdbc, workspaceId), Map.of("name", name, "email", email,
				"message", "Guten Tag, hier schreibt " + name + ". Bitte rufen Sie mich an: " + phoneInput, "consent", true));
		assertThat(form.status()).isEqualTo(201);
		contactId = jdbc.sql("select contact_id from identities where workspace_id = ? and value = ?")
			.params(workspaceId, email).query(UUID.class).single();

		Instant earlier = Instant.now().minus(2, ChronoUnit.DAYS);
		assertThat(api.post("/api/v1/messages", Map.of("messages", List.of(
				Map.of("channel", "api", "externalId", "shop-" + tag + "-1", "threadKey", "order-" + tag,
						"from", Map.of("handle", email, "name", name), "subject", "Bestellung von " + name,
						"body", "Meine Adresse ist " + email, "sentAt", earlier.toString()),
				Map.of("channel", "api", "externalId", "shop-" + tag + "-2", "threadKey", "order-" + tag,
						"from", Map.of("handle", email, "name", name), "subject", "Nachtrag",
						"body", "Noch eine Frage von " + name, "sentAt", earlier.plusSeconds(60).toString())))).status())
			.isEqualTo(201);
		UUID apiConversation = jdbc.sql("select id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspaceId, "order-" + tag).query(UUID.class).single();

		var api2 = channels.byKey(workspaceId, "api").orElseThrow();
		var mail = new InboundMessage("mail-" + tag, "mail-thread-" + tag, List.of(),
				new IdentityClaim(IdentityKind.EMAIL, email, name), null, "Unterlagen", "Anbei mein Lebenslauf, " + name,
				false, earlier.plusSeconds(120), "in", "message", null,
				List.of(new InboundMessage.Attachment("lebenslauf-quen" + tag + ".txt", "text/plain",
						("Lebenslauf von " + name + ", " + email + ", " + phone).getBytes(java.nio.charset.StandardCharsets.UTF_8))),
				Map.of("From", name + " <" + email + ">", "Reply-To", email));
		assertThat(ingestion.ingest(api2, List.of(mail)).accepted()).isEqualTo(1);

		assertThat(api.post("/api/v1/contacts/" + contactId + "/identities", Map.of("kind", "phone", "value", phoneInput))
			.status()).isEqualTo(201);
		assertThat(api.post("/api/v1/activities", Map.of("from", Map.of("handle", phoneInput), "kind", "call",
				"summary", "Rückruf bei " + name + " unter " + phone)).status()).isEqualTo(201);
		assertThat(api.post("/api/v1/conversations/" + apiConversation + "/messages",
				Map.of("kind", "note", "body", "Intern: " + name + " ist Stammkundin, " + email)).status()).isEqualTo(201);
		assertThat(api.post("/api/v1/contacts/" + contactId + "/consents", Map.of("purpose", "newsletter",
				"source", "event", "text", "Ja, ich möchte den Newsletter erhalten.")).status()).isEqualTo(201);
		jdbc.sql("insert into quarantine(id, workspace_id, external_id, reason, raw) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), workspaceId, "<broken-" + tag + "@example.net>", "Broken MIME",
					("From: " + name + " <" + email.toUpperCase() + ">\r\nSubject: kaputt\r\n\r\n\u0000\u00ff")
						.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
			.update();
		return apiConversation;
	}

	private static String slug(JdbcClient jdbc, UUID workspaceId) {
		return jdbc.sql("select slug from workspaces where id = ?").param(workspaceId).query(String.class).single();
	}
}

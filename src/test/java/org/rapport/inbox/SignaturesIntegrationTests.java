package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

import tools.jackson.databind.JsonNode;

/**
 * Signatures under replies: a member's own (Settings → My account, {@code PUT /api/v1/me}), a channel's with
 * {@code {name}} and {@code {workspace}} filled in, which of them applies, and that notes never get one.
 */
class SignaturesIntegrationTests extends IntegrationTest {

	private String conversation(String externalId) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", externalId, "from",
				Map.of("handle", externalId + "@example.org"), "subject", "Frage " + externalId, "body", "Hallo?"));
		return api.get("/api/v1/conversations?status=open&q=" + externalId).json().get("items").get(0).get("id").asString();
	}

	private String channelOf(String conversationId) {
		return api.get("/api/v1/conversations/" + conversationId).json().get("summary").get("channel").get("id").asString();
	}

	private JsonNode write(String conversationId, Map<String, Object> message) {
		Api.Response written = api.post("/api/v1/conversations/" + conversationId + "/messages", message);
		assertThat(written.status()).as(written.body()).isEqualTo(201);
		return written.json();
	}

	private String storedText(JsonNode message) {
		return jdbc.sql("select body_text from messages where id = ?::uuid").param(message.get("id").asString())
			.query(String.class).single();
	}

	@Test
	void aMembersOwnSignatureIsSetThroughTheApiAndRefusedWhenTooLong() {
		assertThat(api.get("/api/v1/me").json().get("signature").asString()).isEmpty();
		JsonNode me = api.put("/api/v1/me", Map.of("signature", "Olga Owner  \r\nVerein Beispiel\r\n\r\n")).json();
		assertThat(me.get("signature").asString()).isEqualTo("Olga Owner\nVerein Beispiel");
		assertThat(me.get("displayName").asString()).isEqualTo("Olga Owner");

		Api.Response tooLong = api.put("/api/v1/me", Map.of("signature", "x".repeat(2001)));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("field").asString()).isEqualTo("signature");
		assertThat(api.get("/api/v1/me").json().get("signature").asString()).isEqualTo("Olga Owner\nVerein Beispiel");

		assertThat(api.put("/api/v1/me", Map.of("signature", "y".repeat(2000))).status()).isEqualTo(200);
		assertThat(api.put("/api/v1/me", Map.of("signature", "")).json().get("signature").asString()).isEmpty();
	}

	@Test
	void aReplyGetsTheMembersSignatureUnlessAskedNotToAndANoteNever() {
		api.put("/api/v1/me", Map.of("signature", "Olga Owner\nVerein Beispiel"));
		String id = conversation("sig-member");

		JsonNode reply = write(id, Map.of("body", "Danke für Ihre Frage.  \n"));
		assertThat(storedText(reply)).isEqualTo("Danke für Ihre Frage.\n\nOlga Owner\nVerein Beispiel");
		assertThat(reply.get("body").asString()).isEqualTo("<p>Danke f&uuml;r Ihre Frage.</p><p>Olga Owner<br>Verein Beispiel</p>");

		JsonNode unsigned = write(id, Map.of("body", "Kurz und ohne.", "signature", false));
		assertThat(storedText(unsigned)).isEqualTo("Kurz und ohne.");

		JsonNode note = write(id, Map.of("body", "Intern: bitte prüfen", "kind", "note"));
		assertThat(storedText(note)).isEqualTo("Intern: bitte prüfen");
		JsonNode askedNote = write(id, Map.of("body", "Intern, trotz Wunsch", "kind", "note", "signature", true));
		assertThat(storedText(askedNote)).isEqualTo("Intern, trotz Wunsch");

		api.put("/api/v1/me", Map.of("signature", ""));
		assertThat(storedText(write(id, Map.of("body", "Ohne Signatur gespeichert.")))).isEqualTo("Ohne Signatur gespeichert.");
	}

	@Test
	void aChannelsSignatureNamesTheReplyingMemberAndTheWorkspaceAndGoesBeforeTheMembersOwn() {
		api.put("/api/v1/me", Map.of("signature", "Olga persönlich"));
		String id = conversation("sig-channel");
		String channel = channelOf(id);

		Api.Response tooLong = api.patch("/api/v1/channels/" + channel, Map.of("signature", "z".repeat(2001)));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("field").asString()).isEqualTo("signature");

		JsonNode changed = api.patch("/api/v1/channels/" + channel,
				Map.of("signature", "Viele Grüße\n{name} – {workspace}")).json();
		assertThat(changed.get("signature").asString()).isEqualTo("Viele Grüße\n{name} – {workspace}");
		assertThat(api.get("/api/v1/channels/" + channel).json().get("signature").asString())
			.isEqualTo("Viele Grüße\n{name} – {workspace}");

		assertThat(storedText(write(id, Map.of("body", "Gern geschehen."))))
			.isEqualTo("Gern geschehen.\n\nViele Grüße\nOlga Owner – " + workspace.name());

		// Another member replying on the same channel is named in it.
		var added = members.add(workspace.id(), "agnes-" + workspace.slug() + "@example.org", "Agnes Agent", PASSWORD,
				Role.AGENT);
		var agnes = new org.rapport.platform.CurrentUser(added.userId(), added.email(), "Agnes Agent", workspace.id(),
				Role.AGENT, null);
		Api asAgnes = new Api(baseUrl(), tokens.create(agnes, "agnes").token());
		Api.Response hers = asAgnes.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Ich übernehme."));
		assertThat(hers.status()).as(hers.body()).isEqualTo(201);
		assertThat(storedText(hers.json())).isEqualTo("Ich übernehme.\n\nViele Grüße\nAgnes Agent – " + workspace.name());

		// Without the channel's, the member's own applies again.
		assertThat(api.patch("/api/v1/channels/" + channel, Map.of("signature", "")).json().get("signature").asString())
			.isEmpty();
		assertThat(storedText(write(id, Map.of("body", "Wieder persönlich.")))).isEqualTo("Wieder persönlich.\n\nOlga persönlich");
	}

	@Test
	void theAccountPageSetsTheSignatureAndTheComposerShowsAndAppendsIt() throws Exception {
		UiSession browser = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page account = browser.get("/settings/account");
		assertThat(account.body()).contains("id=\"signature-text\"");

		UiSession.Page refused = browser.form("/settings/account/signature",
				Map.of("signature", "x".repeat(2001), "_csrf", UiSession.csrf(account.body())));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"signature-error\"").contains("höchstens 2000 Zeichen");

		UiSession.Page saved = browser.form("/settings/account/signature",
				Map.of("signature", "Olga aus dem Team", "_csrf", UiSession.csrf(account.body())));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(browser.get("/settings/account").body()).contains(">Olga aus dem Team</textarea>");

		String id = conversation("sig-ui");
		UiSession.Page open = browser.get("/inbox/" + id);
		assertThat(open.body()).contains("id=\"composer-signature\"").contains("Signatur anhängen")
			.contains("<pre class=\"signature-preview\" id=\"signature-preview\">Olga aus dem Team</pre>");

		Map<String, String> signed = new HashMap<>(Map.of("body", "Mit Gruß", "kind", "reply", "signature", "true",
				"_csrf", UiSession.csrf(open.body())));
		assertThat(browser.form("/inbox/" + id + "/messages", signed).status()).isEqualTo(302);
		// an unticked box sends nothing
		Map<String, String> unsigned = new HashMap<>(Map.of("body", "Ohne Gruß", "kind", "reply",
				"_csrf", UiSession.csrf(open.body())));
		assertThat(browser.form("/inbox/" + id + "/messages", unsigned).status()).isEqualTo(302);
		assertThat(jdbc.sql("select body_text from messages where conversation_id = ?::uuid and direction = 'out' order by seq")
			.param(id).query(String.class).list()).containsExactly("Mit Gruß\n\nOlga aus dem Team", "Ohne Gruß");
	}

	@Test
	void aManagerSetsAChannelsSignatureOnItsSettingsPage() throws Exception {
		Map<String, Object> config = new HashMap<>(Map.of("emailAddress", "team@example.org", "imapHost", "localhost",
				"imapPort", "3993", "imapPassword", "geheim", "smtpHost", "localhost", "smtpPort", "3465"));
		String channel = api.post("/api/v1/channels", Map.of("key", "team", "kind", "email", "config", config))
			.json().get("id").asString();
		UiSession browser = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page edit = browser.get("/settings/channels/" + channel);
		assertThat(edit.body()).contains("id=\"channel-signature\"").contains("{name}");

		Map<String, String> form = new HashMap<>(Map.of("_csrf", UiSession.csrf(edit.body()), "name", "Team",
				"emailAddress", "team@example.org", "imapHost", "localhost", "imapPort", "3993", "imapPassword", "",
				"smtpHost", "localhost", "smtpPort", "3465", "smtpPassword", "", "signature", "s".repeat(2001)));
		UiSession.Page refused = browser.form("/settings/channels/" + channel, form);
		assertThat(refused.body()).contains("id=\"channel-signature-error\"").contains("höchstens 2000 Zeichen");
		assertThat(api.get("/api/v1/channels/" + channel).json().get("signature").asString()).isEmpty();

		form.put("signature", "Ihr Team von {workspace}\r\n{name}");
		assertThat(browser.form("/settings/channels/" + channel, form).location()).endsWith("/settings/channels");
		assertThat(api.get("/api/v1/channels/" + channel).json().get("signature").asString())
			.isEqualTo("Ihr Team von {workspace}\n{name}");
		assertThat(browser.get("/settings/channels/" + channel).body()).contains(">Ihr Team von {workspace}\n{name}</textarea>");
	}

	@Test
	void aReplySentLaterCarriesTheSignatureInItsPlannedTextAndGetsItOnlyOnce() {
		api.put("/api/v1/me", Map.of("signature", "Olga später"));
		String id = conversation("sig-later");
		String at = java.time.Instant.now().plus(java.time.Duration.ofHours(3)).toString();
		Api.Response planned = api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Bis morgen.",
				"sendAt", at));
		assertThat(planned.status()).as(planned.body()).isEqualTo(202);
		assertThat(planned.json().get("body").asString()).isEqualTo("Bis morgen.\n\nOlga später");

		// taken back into the composer and sent from there with the box ticked, it is signed once
		String takenBack = api.delete("/api/v1/conversations/" + id + "/scheduled/" + planned.json().get("id").asString())
			.json().get("body").asString();
		assertThat(storedText(write(id, Map.of("body", takenBack)))).isEqualTo("Bis morgen.\n\nOlga später");

		Api.Response unsigned = api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Ohne.",
				"sendAt", at, "signature", false));
		assertThat(unsigned.json().get("body").asString()).isEqualTo("Ohne.");
	}

	@Test
	void withoutAnySignatureTheComposerOffersNone() throws Exception {
		UiSession browser = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String id = conversation("sig-none");
		assertThat(browser.get("/inbox/" + id).body()).doesNotContain("id=\"composer-signature\"");
		assertThat(storedText(write(id, Map.of("body", "Schlicht.")))).isEqualTo("Schlicht.");
	}
}

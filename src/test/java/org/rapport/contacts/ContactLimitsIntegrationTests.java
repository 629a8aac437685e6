package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/**
 * What the contacts API takes: identities of known kinds only, email addresses within RFC 5321's limits and
 * without address literals, at most {@value Contacts#MAX_IDENTITIES} identities a contact, names of at most
 * {@value Contacts#MAX_NAME} characters; and what it answers for identities that are not there.
 */
class ContactLimitsIntegrationTests extends IntegrationTest {

	private static Map<String, Object> contact(String name, List<Map<String, String>> identities) {
		return Map.of("name", name, "identities", identities);
	}

	private static Map<String, String> identity(String kind, String value) {
		return Map.of("kind", kind, "value", value);
	}

	private static void assertRefused(Api.Response r, String field, String... detail) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo(field);
		if (detail.length > 0) {
			assertThat(r.json().get("detail").asString()).contains(detail);
		}
	}

	private int contactCount() {
		return jdbc.sql("select count(*) from contacts where workspace_id = ?").param(workspace.id()).query(Integer.class).single();
	}

	@Test
	void refusesIdentitiesOfUnknownKindsListingTheKnownOnes() {
		assertRefused(api.post("/api/v1/contacts", contact("Anna", List.of(identity("email", "anna@example.org"),
				identity("fax", "0301234567")))), "identities[1].kind", "email, phone, activitypub", "handle:");
		assertRefused(api.post("/api/v1/contacts", contact("Anna", List.of(identity("handle:", "anna")))),
				"identities[0].kind");
		assertRefused(api.post("/api/v1/contacts", contact("Anna", List.of(identity("Handle:Mastodon x", "anna")))),
				"identities[0].kind");
		assertThat(contactCount()).isZero();
		String id = api.post("/api/v1/contacts", contact("Anna", List.of(identity("handle:mastodon", "@anna@chaos.social"))))
			.json().get("id").asString();
		assertRefused(api.post("/api/v1/contacts/" + id + "/identities", identity("x".repeat(100_000), "a")), "kind");
		assertThat(api.post("/api/v1/contacts/" + id + "/identities", identity("phone", "030 1234567")).status()).isEqualTo(201);
	}

	@Test
	void refusesAddressLiteralsAndAddressesBeyondRfc5321() {
		assertRefused(api.post("/api/v1/contacts", contact("Anna", List.of(identity("email", "a@[127.0.0.1]")))),
				"identities[0].value");
		String local65 = "a".repeat(65) + "@example.org";
		assertRefused(api.post("/api/v1/contacts", contact("Anna", List.of(identity("email", local65)))),
				"identities[0].value", "64");
		String long255 = "a".repeat(61) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62) + ".de";
		assertThat(long255).hasSize(255);
		assertRefused(api.post("/api/v1/contacts", contact("Anna", List.of(identity("email", long255)))),
				"identities[0].value", "254");
		assertThat(contactCount()).isZero();
		String long254 = long255.substring(1);
		Api.Response ok = api.post("/api/v1/contacts", contact("Anna", List.of(identity("email", long254))));
		assertThat(ok.status()).as(ok.body()).isEqualTo(201);
		String id = ok.json().get("id").asString();
		assertRefused(api.post("/api/v1/contacts/" + id + "/identities", identity("email", "b@[::1]")), "value");

		Api.Response form = new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Anna", "email", local65,
				"message", "Hallo", "consent", true));
		assertThat(form.status()).isEqualTo(400);
		assertThat(form.json().get("errors").get("email").asString()).isEqualTo("invalid");
	}

	@Test
	void limitsTheIdentitiesOfAContact() {
		List<Map<String, String>> many = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			many.add(identity("email", "anna" + i + "@example.org"));
		}
		assertRefused(api.post("/api/v1/contacts", contact("Anna", many)), "identities", "50");
		assertRefused(api.post("/api/v1/contacts", contact("Anna", many.subList(0, Contacts.MAX_IDENTITIES + 1))),
				"identities", "50");
		assertThat(contactCount()).isZero();
		Api.Response full = api.post("/api/v1/contacts", contact("Anna", many.subList(0, Contacts.MAX_IDENTITIES)));
		assertThat(full.status()).isEqualTo(201);
		String id = full.json().get("id").asString();
		assertRefused(api.post("/api/v1/contacts/" + id + "/identities", identity("email", "one-more@example.org")),
				"identities", "50");
		// An identity the contact has already is no new one.
		assertThat(api.post("/api/v1/contacts/" + id + "/identities", identity("email", "anna0@example.org")).status())
			.isEqualTo(201);
		assertThat(api.get("/api/v1/contacts/" + id).json().get("identities")).hasSize(Contacts.MAX_IDENTITIES);
	}

	@Test
	void limitsNames() {
		assertRefused(api.post("/api/v1/contacts", contact("x".repeat(100_000), List.of())), "name", "200");
		assertRefused(api.post("/api/v1/contacts", contact("x".repeat(Contacts.MAX_NAME + 1), List.of())), "name", "200");
		assertThat(contactCount()).isZero();
		Api.Response ok = api.post("/api/v1/contacts", contact("x".repeat(Contacts.MAX_NAME), List.of()));
		assertThat(ok.status()).isEqualTo(201);
		String id = ok.json().get("id").asString();
		assertRefused(api.patch("/api/v1/contacts/" + id, Map.of("name", "y".repeat(Contacts.MAX_NAME + 1))), "name", "200");
		assertThat(api.get("/api/v1/contacts/" + id).json().get("name").asString()).isEqualTo("x".repeat(Contacts.MAX_NAME));
	}

	@Test
	void inboundSendersWithVeryLongNamesGetAShortenedContactName() {
		Api.Response r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "long-name",
				"from", Map.of("handle", "longname@example.org", "name", "N".repeat(5000)), "body", "Hallo"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String name = jdbc.sql("select name from contacts where workspace_id = ?").param(workspace.id()).query(String.class).single();
		assertThat(name).hasSize(Contacts.MAX_NAME);
	}

	@Test
	void deletingAnIdentityThatIsNotThereFindsNothing() {
		String anna = api.post("/api/v1/contacts", contact("Anna", List.of(identity("email", "anna@example.org"))))
			.json().get("id").asString();
		String bert = api.post("/api/v1/contacts", contact("Bert", List.of(identity("email", "bert@example.org"))))
			.json().get("id").asString();
		String annasMail = api.get("/api/v1/contacts/" + anna).json().get("identities").get(0).get("id").asString();
		assertThat(api.delete("/api/v1/contacts/" + anna + "/identities/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(api.delete("/api/v1/contacts/" + bert + "/identities/" + annasMail).status()).isEqualTo(404);

		var other = workspaces.create("Other", "ws-" + UUID.randomUUID().toString().substring(0, 8));
		var stranger = members.add(other.id(), "s-" + UUID.randomUUID() + "@example.org", "Stranger", PASSWORD, Role.OWNER);
		var strangerUser = new org.rapport.platform.CurrentUser(stranger.userId(), "s@example.org", "Stranger", other.id(),
				Role.OWNER, null);
		Api foreign = new Api(baseUrl(), tokens.create(strangerUser, "t").token());
		assertThat(foreign.delete("/api/v1/contacts/" + anna + "/identities/" + annasMail).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/contacts/" + anna).json().get("identities")).hasSize(1);

		assertThat(api.delete("/api/v1/contacts/" + anna + "/identities/" + annasMail).status()).isEqualTo(204);
		assertThat(api.delete("/api/v1/contacts/" + anna + "/identities/" + annasMail).status()).isEqualTo(404);
	}

	@Test
	void duplicateSuggestionsSurviveAddressesLongerThanLevenshteinTakes() throws Exception {
		// Senders of inbound messages may have addresses longer than people may enter (up to 320 characters).
		String local = "m".repeat(64);
		String domain = "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + "." + "g".repeat(60) + ".de";
		for (String address : List.of(local + "@" + domain, local + "@x" + domain)) {
			assertThat(address.length()).isGreaterThan(255);
			Api.Response r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", address.substring(60, 70),
					"from", Map.of("handle", address, "name", "Max Mustermann"), "body", "Hallo"));
			assertThat(r.status()).as(r.body()).isEqualTo(201);
		}
		Api.Response duplicates = api.get("/api/v1/contacts/duplicates");
		assertThat(duplicates.status()).as(duplicates.body()).isEqualTo(200);
		assertThat(duplicates.json().get("items")).hasSize(1);
		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		assertThat(ui.get("/contacts/duplicates").status()).isEqualTo(200);
	}

	@Test
	void importRefusesOverlongAddressesAndTooManyIdentitiesByLine() {
		String many = String.join(";", java.util.stream.IntStream.range(0, 60).mapToObj(i -> "b" + i + "@example.org").toList());
		String csv = "Name,E-Mail\nAnna," + "a".repeat(65) + "@example.org\nBert," + many + "\n";
		Api.Response r = api.post("/api/v1/contacts/import", Map.of("content", csv, "mapping", Map.of("name", "Name", "email", "E-Mail")));
		assertThat(r.status()).as(r.body()).isGreaterThanOrEqualTo(400).isLessThan(500);
		assertThat(r.body()).contains("64").contains("50");
		assertThat(contactCount()).isZero();
	}
}

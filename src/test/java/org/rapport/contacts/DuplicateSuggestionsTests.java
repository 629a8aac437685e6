package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Duplicate suggestions on a generated workspace of 2,000 contacts with 100 planted duplicate pairs of different
 * kinds, some of which carry no shared evidence at all, and with look-alikes that are different people.
 */
class DuplicateSuggestionsTests extends IntegrationTest {

	static final String[] FIRST = { "Anna", "Jürgen", "Petra", "Thomas", "Sabine", "Michael", "Julia", "Andreas", "Katrin",
			"Stefan", "Monika", "Frank", "Claudia", "Markus", "Birgit", "Jörg", "Susanne", "Uwe", "Heike", "Dirk", "Nicole",
			"Ralf", "Sandra", "Sven", "Tanja", "Holger", "Anja", "Björn", "Silke", "Kai", "Martina", "Lars", "Ute", "Jens",
			"Karin", "Matthias", "Doris", "Tobias", "Gabriele", "Florian", "Renate", "Sebastian", "Ingrid", "Christian",
			"Elke", "Daniel", "Ursula", "Patrick", "Angelika", "Timo", "Bärbel", "Oliver", "Gisela", "Felix", "Helga",
			"Jan", "Marion", "Lukas", "Erika", "Jonas" };

	static final String[] LAST = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
			"Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
			"Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause",
			"Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
			"Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel",
			"Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz" };

	static final String[] DOMAINS = { "gmx.de", "web.de", "posteo.de", "t-online.de", "mailbox.org", "example.org" };

	@Autowired
	Duplicates duplicates;

	final Random random = new Random(20261122);
	final List<UUID> contactIds = new ArrayList<>();
	final List<String> names = new ArrayList<>();
	final List<String[]> identityRows = new ArrayList<>();
	final Set<String> usedPhones = new HashSet<>();
	final Set<String> usedValues = new HashSet<>();

	UUID person(String name, String... identities) {
		UUID id = UUID.randomUUID();
		contactIds.add(id);
		names.add(name);
		for (int i = 0; i < identities.length; i += 2) {
			String value = Identities.normalise(identities[i], identities[i + 1]);
			if (!usedValues.add(identities[i] + ":" + value)) {
				throw new IllegalStateException("generator produced " + value + " twice");
			}
			identityRows.add(new String[] { id.toString(), identities[i], value });
		}
		return id;
	}

	final Set<String> usedNames = new HashSet<>();

	/**
	 * A first and last name nobody in the workspace has yet. Names drawn uniformly from 60 x 60 would give some 550
	 * pairs of namesakes among 2,000 people, about 25 times as many as the real German name distribution gives
	 * (sum of squared name frequencies, about 1e-5 per pair); the namesakes are planted explicitly instead.
	 */
	String[] freshName() {
		String f, l;
		do {
			f = first();
			l = last();
		}
		while (!usedNames.add(f + " " + l));
		return new String[] { f, l };
	}

	String first() {
		return FIRST[random.nextInt(FIRST.length)];
	}

	String last() {
		return LAST[random.nextInt(LAST.length)];
	}

	static String ascii(String s) {
		return s.toLowerCase().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
	}

	String mobile() {
		String digits;
		do {
			digits = String.format("%08d", random.nextInt(100_000_000));
		}
		while (!usedPhones.add(digits));
		return "0151" + digits;
	}

	String email(String first, String last) {
		String local = ascii(first) + "." + ascii(last) + (random.nextInt(7) == 0 ? "" : String.valueOf(100 + random.nextInt(900)));
		String address;
		do {
			address = local + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
			local = local + random.nextInt(10);
		}
		while (usedValues.contains("email:" + address));
		return address;
	}

	static String key(UUID a, UUID b) {
		return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
	}

	@Test
	void findsPlantedDuplicatesWithHighPrecisionAndRecall() {
		Set<String> planted = new HashSet<>();
		// 1. Same phone number as a phone and as a messenger handle (25), five of them under a nickname.
		for (int i = 0; i < 25; i++) {
			String[] n = freshName();
			String f = n[0], l = n[1], phone = mobile();
			UUID a = person(f + " " + l, "phone", phone, "email", email(f, l));
			UUID b = person(i < 5 ? f.substring(0, 3) + "i" : f + " " + l, "handle:whatsapp", phone);
			planted.add(key(a, b));
		}
		// 2. Same name, same email name at another provider; some names spelled without umlauts (25).
		for (int i = 0; i < 25; i++) {
			String[] n = freshName();
			String f = n[0], l = n[1];
			String address = email(f, l);
			String local = address.substring(0, address.indexOf('@'));
			String domain = address.substring(address.indexOf('@') + 1);
			String otherDomain;
			do {
				otherDomain = DOMAINS[random.nextInt(DOMAINS.length)];
			}
			while (otherDomain.equals(domain) || usedValues.contains("email:" + local + "@" + otherDomain));
			UUID a = person(f + " " + l, "email", address);
			UUID b = person(i % 3 == 0 ? ascii(f) + " " + ascii(l) : f + " " + l + (i % 3 == 1 ? "," : ""),
					"email", local + "@" + otherDomain);
			planted.add(key(a, b));
		}
		// 3. Same name, a typo in the address (20).
		for (int i = 0; i < 20; i++) {
			String[] n = freshName();
			String f = n[0], l = n[1];
			String address = email(f, l);
			String typo = i % 2 == 0 ? address.replaceFirst("\\.", "") : address.replaceFirst("@", "x@");
			UUID a = person(f + " " + l, "email", address);
			UUID b = person(f.toUpperCase() + " " + l, "email", typo);
			planted.add(key(a, b));
		}
		// 4. Same handle on Mastodon and Instagram (15).
		for (int i = 0; i < 15; i++) {
			String[] n = freshName();
			String f = n[0], l = n[1];
			String handle = ascii(f) + ascii(l) + (100 + i);
			UUID a = person(f + " " + l, "handle:mastodon", "@" + handle + "@chaos.social", "email", email(f, l));
			UUID b = person(i % 2 == 0 ? handle : f + " " + l, "handle:instagram", handle);
			planted.add(key(a, b));
		}
		// 5. A contact created from an address without a name, same email name at another provider (5).
		for (int i = 0; i < 5; i++) {
			String[] n = freshName();
			String f = n[0], l = n[1];
			String address = email(f, l);
			String other = address.substring(0, address.indexOf('@')) + "@posteo.net";
			UUID a = person(f + " " + l, "email", address);
			UUID b = person(other, "email", other);
			planted.add(key(a, b));
		}
		// 6. The same person twice with nothing in common but the name: cannot be found, and must not be (10).
		for (int i = 0; i < 10; i++) {
			String[] n = freshName();
			String f = n[0], l = n[1];
			UUID a = person(f + " " + l, "email", email(f, l));
			UUID b = person(f + " " + l, "phone", mobile());
			planted.add(key(a, b));
		}
		assertThat(planted).hasSize(100);

		// Look-alikes that are different people.
		for (int i = 0; i < 30; i++) { // namesakes
			String[] n = freshName();
			String f = n[0], l = n[1];
			person(f + " " + l, "email", email(f, l));
			person(f + " " + l, "email", email(f, l), "phone", mobile());
		}
		for (int i = 0; i < 20; i++) { // organisations with info@
			person("Verein " + i, "email", "info@verein-" + i + ".de");
			person("Firma " + i, "email", "info@firma-" + i + ".de");
		}
		for (int i = 0; i < 10; i++) { // colleagues' initials at different companies
			String l = last();
			String local = "m." + ascii(l) + i;
			person("Max " + l, "email", local + "@firma-a.de");
			person("Maria " + l, "email", local + "@firma-b.de");
		}
		for (int i = 0; i < 10; i++) { // addresses one letter apart
			person("Anna " + last(), "email", "anna" + i + "@example.net");
			person("Anne " + last(), "email", "anne" + i + "@example.net");
		}
		for (int i = 0; i < 5; i++) { // a family sharing a phone: a real false alarm
			String l = last(), phone = mobile();
			person("Karl " + l, "phone", phone);
			person("Greta " + l, "handle:whatsapp", phone);
		}
		while (contactIds.size() < 2000) {
			String[] n = freshName();
			String f = n[0], l = n[1];
			if (random.nextInt(3) == 0) {
				person(f + " " + l, "email", email(f, l), "phone", mobile());
			}
			else if (random.nextInt(10) == 0) {
				person(f + " " + l, "email", email(f, l), "handle:mastodon", ascii(f) + random.nextInt(1_000_000) + "@mastodon.social");
			}
			else {
				person(f + " " + l, "email", email(f, l));
			}
		}
		insertAll();
		assertThat(jdbc.sql("select count(*) from contacts where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(2000);

		long started = System.nanoTime();
		JsonNode items = api.get("/api/v1/contacts/duplicates?limit=1000").json().get("items");
		long millis = (System.nanoTime() - started) / 1_000_000;
		int candidates = duplicates.candidateCount(workspace.id());

		Set<String> suggested = new HashSet<>();
		double previous = 1;
		for (JsonNode item : items) {
			double score = item.get("score").asDouble();
			assertThat(score).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(Duplicates.THRESHOLD);
			previous = score;
			assertThat(item.get("reasons")).isNotEmpty();
			suggested.add(key(UUID.fromString(item.get("contact").get("id").asString()),
					UUID.fromString(item.get("other").get("id").asString())));
		}
		for (JsonNode item : items) {
			String k = key(UUID.fromString(item.get("contact").get("id").asString()),
					UUID.fromString(item.get("other").get("id").asString()));
			if (!planted.contains(k)) {
				System.out.println("False alarm: " + item.get("contact").get("name").asString() + " "
						+ item.get("contact").get("identities") + " / " + item.get("other").get("name").asString() + " "
						+ item.get("other").get("identities") + " " + item.get("reasons") + " " + item.get("score"));
			}
		}
		Set<String> found = new HashSet<>(suggested);
		found.retainAll(planted);
		double precision = suggested.isEmpty() ? 0 : (double) found.size() / suggested.size();
		double recall = (double) found.size() / planted.size();
		System.out.printf("Duplicate suggestions on 2,000 contacts with 100 planted pairs: %d suggested, %d correct, "
				+ "precision %.3f, recall %.3f (90 of 100 findable); %d candidate pairs from blocking "
				+ "(all pairs: 1,999,000); %d ms%n", suggested.size(), found.size(), precision, recall, candidates, millis);

		assertThat(precision).isGreaterThanOrEqualTo(0.9);
		assertThat(recall).isGreaterThanOrEqualTo(0.8);
		assertThat(candidates).isLessThan(10_000);
		// Suggesting merges nothing.
		assertThat(jdbc.sql("select count(*) from contacts where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(2000);
		assertThat(jdbc.sql("select count(*) from contact_merges where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
	}

	void insertAll() {
		jdbc.sql("insert into contacts(id, workspace_id, name) select unnest(?::uuid[]), ?, unnest(?::text[])")
			.params(contactIds.toArray(UUID[]::new), workspace.id(), names.toArray(String[]::new))
			.update();
		jdbc.sql("""
				insert into identities(id, workspace_id, contact_id, kind, value)
				select gen_random_uuid(), ?, unnest(?::uuid[]), unnest(?::text[]), unnest(?::text[])""")
			.params(workspace.id(), identityRows.stream().map(r -> UUID.fromString(r[0])).toArray(UUID[]::new),
					identityRows.stream().map(r -> r[1]).toArray(String[]::new),
					identityRows.stream().map(r -> r[2]).toArray(String[]::new))
			.update();
	}

	String contact(String name, String... identities) {
		List<Map<String, String>> list = new ArrayList<>();
		for (int i = 0; i < identities.length; i += 2) {
			list.add(Map.of("kind", identities[i], "value", identities[i + 1]));
		}
		return api.post("/api/v1/contacts", Map.of("name", name, "identities", list)).json().get("id").asString();
	}

	@Test
	void explainsEachSuggestionAndForgetsDismissedPairs() {
		String a = contact("Jürgen Groß", "phone", "0151 5550 1234", "email", "juergen.gross@gmx.de");
		String b = contact("juergen gross", "handle:whatsapp", "+4915155501234", "email", "juergen.gross@web.de");
		String c = contact("Jürgen Groß", "email", "jurgen.gross@gmx.de");
		String namesake = contact("Jürgen Groß", "email", "jg@firma.de");
		String generic1 = contact("Verein A", "email", "info@verein-a.de");
		String generic2 = contact("Verein B", "email", "info@verein-b.de");

		JsonNode items = api.get("/api/v1/contacts/duplicates").json().get("items");
		Map<String, JsonNode> byPair = new java.util.HashMap<>();
		items.forEach(i -> byPair.put(key(UUID.fromString(i.get("contact").get("id").asString()),
				UUID.fromString(i.get("other").get("id").asString())), i));
		JsonNode ab = byPair.get(key(UUID.fromString(a), UUID.fromString(b)));
		assertThat(ab).isNotNull();
		assertThat(ab.get("reasons")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("same phone number", "similar email address", "same name");
		assertThat(byPair.get(key(UUID.fromString(a), UUID.fromString(c))).get("reasons"))
			.extracting(JsonNode::asString).contains("similar email address", "same name");
		assertThat(items.get(0).get("score").asDouble()).isEqualTo(ab.get("score").asDouble());
		assertThat(byPair.keySet()).noneMatch(k -> k.contains(namesake) || k.contains(generic1) || k.contains(generic2));

		// One contact's suggestions, as the merge page shows them.
		JsonNode forC = api.get("/api/v1/contacts/duplicates?contactId=" + c).json().get("items");
		assertThat(forC).extracting(i -> i.get("other").get("id").asString() + i.get("contact").get("id").asString())
			.allMatch(s -> s.contains(c)).isNotEmpty();

		assertThat(api.post("/api/v1/contacts/duplicates/dismiss", Map.of("contactId", b, "otherId", a)).status()).isEqualTo(204);
		assertThat(api.post("/api/v1/contacts/duplicates/dismiss", Map.of("contactId", a, "otherId", b)).status()).isEqualTo(204);
		assertThat(api.post("/api/v1/contacts/duplicates/dismiss", Map.of("contactId", a, "otherId", a)).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/duplicates/dismiss", Map.of("contactId", a, "otherId", UUID.randomUUID())).status()).isEqualTo(404);
		JsonNode after = api.get("/api/v1/contacts/duplicates").json().get("items");
		assertThat(after).hasSize(items.size() - 1);
		assertThat(after).noneMatch(i -> key(UUID.fromString(i.get("contact").get("id").asString()),
				UUID.fromString(i.get("other").get("id").asString())).equals(key(UUID.fromString(a), UUID.fromString(b))));
	}

	@Test
	void normalisesNamesInTheDatabaseAsDocumented() {
		assertThat(jdbc.sql("select contact_name_key(?)").param("  Jürgen  GROSS-Müller, Dr. ").query(String.class).single())
			.isEqualTo(jdbc.sql("select contact_name_key(?)").param("Dr. Juergen Grossmueller").query(String.class).single())
			.isEqualTo("dr grossmueller juergen");
		assertThat(jdbc.sql("select contact_name_key('Schmidt, Anna') = contact_name_key('Anna Schmidt')")
			.query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select contact_name_key(' -. ') is null").query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select contact_phone_key('handle:whatsapp', '015155501234')").query(String.class).single())
			.isEqualTo(jdbc.sql("select contact_phone_key('phone', '+4915155501234')").query(String.class).single());
		assertThat(jdbc.sql("select contact_email_local('anna.schmidt+news@gmx.de')").query(String.class).single())
			.isEqualTo("annaschmidt");
	}
}

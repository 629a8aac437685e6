package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;

/**
 * The keys duplicate suggestions read ({@code contact_keys}) follow contacts and identities as they are written many
 * at once, renamed, changed and deleted: after each step they are exactly the keys computed afresh from the rows.
 */
class ContactKeysIntegrationTests extends IntegrationTest {

	@Test
	void keysFollowContactsAndIdentitiesWrittenManyAtOnceChangedAndDeleted() {
		var batch = api.post("/api/v1/messages", Map.of("messages", List.of(
				message("k-1", "jürgen.müller+news@example.org", "Jürgen Müller"),
				message("k-2", "ANNA.Schmidt@example.org", "Dr. Anna Schmidt"),
				message("k-3", "noname@example.org", "!!!"))));
		assertThat(batch.status()).isEqualTo(201);
		var created = api.post("/api/v1/contacts", Map.of("name", "Ömer Çelik", "identities", List.of(
				Map.of("kind", "phone", "value", "+49 (30) 123-4567"),
				Map.of("kind", "handle:mastodon", "value", "oemer@social.example"),
				Map.of("kind", "email", "value", "o.celik@example.org"))));
		assertThat(created.status()).isEqualTo(201);
		assertThat(keys()).hasSize(9).isEqualTo(expected());

		jdbc.sql("update contacts set name = 'Anna Schmidt-Berg' where workspace_id = ? and name = 'Dr. Anna Schmidt'")
			.param(workspace.id()).update();
		jdbc.sql("update identities set value = '+49 30 7654321' where workspace_id = ? and kind = 'phone'")
			.param(workspace.id()).update();
		jdbc.sql("delete from identities where workspace_id = ? and kind = 'handle:mastodon'").param(workspace.id()).update();
		assertThat(keys()).hasSize(8).isEqualTo(expected());
	}

	private static Map<String, Object> message(String id, String email, String name) {
		return Map.of("channel", "api", "externalId", id, "from", Map.of("handle", email, "name", name), "body",
				"Guten Tag, eine Frage zu meinem Vertrag.");
	}

	private List<String> keys() {
		return jdbc.sql("select source_id || ' ' || sig || ' ' || contact_id || ' ' || k from contact_keys where workspace_id = ? order by 1")
			.param(workspace.id()).query(String.class).list();
	}

	/** The keys as the functions give them for the rows as they are now, written out without the triggers. */
	private List<String> expected() {
		return jdbc.sql("""
				select * from (
				  select id || ' n ' || id || ' ' || contact_name_key(name) from contacts
				  where workspace_id = :w and contact_name_key(name) is not null
				  union all
				  select i.id || ' ' || s.sig || ' ' || i.contact_id || ' ' || s.k from identities i, lateral (values
				    ('p', contact_phone_key(i.kind, i.value)), ('e', case when i.kind = 'email' then contact_email_local(i.value) end),
				    ('h', case when i.kind like 'handle:%' then contact_handle_key(i.value) end)) s(sig, k)
				  where i.workspace_id = :w and s.k is not null) keys order by 1""")
			.param("w", workspace.id()).query(String.class).list();
	}
}

package org.rapport.channels.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

/**
 * A batch of messages is stored whole or not at all, also when it spans several API channels; an item the API
 * cannot take is refused naming its index and field.
 */
class MessageBatchIntegrationTests extends IntegrationTest {

	private static Map<String, Object> message(String channel, String externalId, Object sentAt) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("channel", channel);
		m.put("externalId", externalId);
		m.put("from", Map.of("handle", externalId + "@example.org", "name", "Erika Muster"));
		m.put("body", "Hallo");
		m.put("sentAt", sentAt);
		return m;
	}

	private void secondApiChannel() {
		Api.Response shop = api.post("/api/v1/channels", Map.of("key", "shop", "kind", "api", "name", "Shop"));
		assertThat(shop.status()).as(shop.body()).isEqualTo(201);
	}

	private int storedMessages() {
		return jdbc.sql("select count(*) from messages where workspace_id = ?").param(workspace.id()).query(Integer.class).single();
	}

	@Test
	void storesNothingOfABatchOverTwoChannelsWhenStoringItsLastMessageFails() {
		secondApiChannel();
		String marker = "boom-" + workspace.id();
		// Stands for any failure while the second channel's messages are written (a lost connection, a full disk).
		jdbc.sql("""
				create function refuse_test_message() returns trigger language plpgsql as $$
				begin
				  if new.external_id like 'boom-%' then raise exception 'refused for the test'; end if;
				  return new;
				end $$""").update();
		jdbc.sql("create trigger refuse_test_message before insert on messages for each row execute function refuse_test_message()")
			.update();
		try {
			var batch = List.of(message("api", "a1", "2026-05-04T10:15:00Z"), message("shop", "s1", "2026-05-04T10:16:00Z"),
					message("api", "a2", "2026-05-04T10:17:00Z"), message("shop", marker, "2026-05-04T10:18:00Z"));
			Api.Response r = api.post("/api/v1/messages", Map.of("messages", batch));
			assertThat(r.status()).isGreaterThanOrEqualTo(400);
		}
		finally {
			jdbc.sql("drop trigger refuse_test_message on messages").update();
			jdbc.sql("drop function refuse_test_message()").update();
		}
		assertThat(storedMessages()).isZero();
		var again = List.of(message("api", "a1", "2026-05-04T10:15:00Z"), message("shop", "s1", "2026-05-04T10:16:00Z"));
		assertThat(api.post("/api/v1/messages", Map.of("messages", again)).json().get("accepted").asInt()).isEqualTo(2);
	}

	@Test
	void refusesAnItemWithAnImpossibleDateNamingItsIndexAndField() {
		secondApiChannel();
		var batch = List.of(message("api", "a1", "2026-05-04T10:15:00Z"), message("shop", "s1", "2026-05-04T10:16:00Z"),
				message("api", "a2", "2026-05-04T10:17:00Z"), message("shop", "s2", "+123456-01-01T00:00:00Z"));
		Api.Response r = api.post("/api/v1/messages", Map.of("messages", batch));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo("messages[3].sentAt");
		assertThat(r.json().get("detail").asString()).contains("1900").contains("9999");
		assertThat(storedMessages()).isZero();

		Api.Response early = api.post("/api/v1/messages", message("api", "old", "0001-01-01T00:00:00Z"));
		assertThat(early.status()).isEqualTo(400);
		assertThat(early.json().get("field").asString()).isEqualTo("sentAt");
		assertThat(api.post("/api/v1/messages", message("api", "edge", "9999-12-31T23:59:59Z")).status()).isEqualTo(201);
	}

	@Test
	void refusesHtmlThatIsNotABoolean() {
		Map<String, Object> m = message("api", "h1", "2026-05-04T10:15:00Z");
		m.put("html", "yes");
		Api.Response r = api.post("/api/v1/messages", Map.of("messages", List.of(message("api", "ok", null), m)));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo("messages[1].html");
		m.put("html", true);
		m.put("body", "<p>Hallo <b>Welt</b></p>");
		assertThat(api.post("/api/v1/messages", m).status()).isEqualTo(201);
		assertThat(storedMessages()).isEqualTo(1);
	}
}

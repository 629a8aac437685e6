package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonInputChecksTests {

	private final JsonMapper json = JsonMapper.builder().addModule(JsonInputChecks.module()).build();

	record Identity(String kind, String value) {
	}

	record Contact(String name, List<Identity> identities, List<String> tags, Map<String, Object> fields,
			Map<String, String> config, Instant at, LocalDate day) {
	}

	private JsonInputChecks.Refused refused(String body, Class<?> type) {
		Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> json.readValue(body, type));
		assertThat(t).isInstanceOf(JsonInputChecks.Refused.class);
		return (JsonInputChecks.Refused) t;
	}

	@Test
	void refusesControlCharactersInTextNamingTheField() {
		assertThat(refused("{\"name\": \"a\\u0000b\"}", Contact.class).field()).isEqualTo("name");
		assertThat(refused("{\"identities\": [{\"kind\": \"email\"}, {\"value\": \"x\\u0001\"}]}", Contact.class).field())
			.isEqualTo("identities[1].value");
		assertThat(refused("{\"tags\": [\"ok\", \"\\u007f\"]}", Contact.class).field()).isEqualTo("tags[1]");
		assertThat(refused("{\"fields\": {\"region\": \"\\ud800\"}}", Contact.class).field()).isEqualTo("fields.region");
		assertThat(refused("{\"fields\": {\"list\": [1, \"\\u001b\"]}}", Contact.class).field()).isEqualTo("fields.list[1]");
		assertThat(refused("{\"config\": {\"host\": \"a\\u0000\"}}", Contact.class).field()).isEqualTo("config.host");
		JsonInputChecks.Refused key = refused("{\"config\": {\"h\\u0000st\": \"a\"}}", Contact.class);
		assertThat(key.field()).isEqualTo("config.hU+0000st");
		assertThat(key.getOriginalMessage()).contains("U+0000");
	}

	@Test
	void refusesThemInFreeJsonTrees() {
		assertThat(refused("{\"messages\": [{}, {}, {}, {\"from\": {\"handle\": \"a\\u0000\"}}]}", JsonNode.class).field())
			.isEqualTo("messages[3].from.handle");
		assertThat(refused("[\"\\u0002\"]", JsonNode.class).field()).isEqualTo("[0]");
		assertThat(refused("{\"a\\u0000b\": 1}", JsonNode.class).field()).isEqualTo("aU+0000b");
	}

	@Test
	void acceptsTabsLineBreaksAndPairedSurrogates() {
		Contact c = json.readValue("{\"name\": \"Zeile\\teins\\r\\nzwei \\ud83d\\ude00\", \"fields\": {\"a\": \"b\\n\"}}", Contact.class);
		assertThat(c.name()).isEqualTo("Zeile\teins\r\nzwei \ud83d\ude00");
		JsonNode tree = json.readValue("{\"a\": [\"x\\ty\"], \"b\": null}", JsonNode.class);
		assertThat(tree.get("a").get(0).asString()).isEqualTo("x\ty");
	}

	@Test
	void refusesDatesOutsideTheSaneRange() {
		assertThat(refused("{\"at\": \"+123456-01-01T00:00:00Z\"}", Contact.class).field()).isEqualTo("at");
		assertThat(refused("{\"at\": \"0000-01-01T00:00:00Z\"}", Contact.class).getOriginalMessage()).contains("1900 to 9999");
		assertThat(refused("{\"day\": \"1899-12-31\"}", Contact.class).field()).isEqualTo("day");
		Contact ok = json.readValue("{\"at\": \"1900-01-01T00:00:00Z\", \"day\": \"9999-12-31\"}", Contact.class);
		assertThat(ok.day()).isEqualTo(LocalDate.of(9999, 12, 31));
		assertThatThrownBy(() -> json.readValue("[\"2026-01-01T00:00:00Z\", \"-0001-01-01T00:00:00Z\"]",
				new TypeReference<List<Instant>>() {
				})).isInstanceOf(JsonInputChecks.Refused.class).hasMessageContaining("'[1]'");
	}
}

package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;

/** API inputs checked with Bean Validation answer RFC 9457 problems naming the field, and store nothing. */
class ApiValidationIntegrationTests extends IntegrationTest {

	private static Map<String, Object> message(String externalId) {
		return Map.of("channel", "api", "externalId", externalId, "from", Map.of("handle", "a@example.org"), "body", "Hallo");
	}

	@Test
	void aBatchItemThatBreaksAConstraintIsNamedByItsPathAndNothingIsStored() {
		var missingSender = api.post("/api/v1/messages", Map.of("messages", List.of(message("v-1"), message("v-2"),
				Map.of("channel", "api", "externalId", "v-3", "body", "Hallo"))));
		assertThat(missingSender.status()).isEqualTo(400);
		assertThat(missingSender.json().get("field").asString()).isEqualTo("messages[2].from");

		var longId = api.post("/api/v1/messages", Map.of("messages", List.of(message("v-4"), message("x".repeat(501)))));
		assertThat(longId.json().get("field").asString()).isEqualTo("messages[1].externalId");
		assertThat(longId.json().get("detail").asString()).startsWith("messages[1].externalId: size must be between");

		var blankHandle = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "v-5",
				"from", Map.of("handle", " "), "body", "Hallo"));
		assertThat(blankHandle.json().get("field").asString()).isEqualTo("from.handle");

		var wrongShape = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "v-6",
				"from", List.of("a@example.org"), "body", "Hallo"));
		assertThat(wrongShape.status()).isEqualTo(400);
		assertThat(wrongShape.json().get("field").asString()).isEqualTo("from");

		assertThat(api.get("/api/v1/conversations").json().get("items").size()).as("nothing stored").isZero();
	}

	@Test
	void aRequestBodyBoundWholeListsEveryBrokenFieldAndNamesTheFirst() {
		var refused = api.post("/api/v1/channels", Map.of("key", "", "kind", " ", "name", "n".repeat(201)));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("key");
		assertThat(refused.json().get("errors").size()).isEqualTo(3);
		assertThat(refused.json().get("errors").toString()).contains("\"kind\"", "\"name\"");
	}
}

package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/** Settings → Stages: managers reorder, rename, add and remove stages of the ladder. */
class StageLadderUiTests extends IntegrationTest {

	static String form(String csrf, List<String[]> rows) {
		StringBuilder body = new StringBuilder("_csrf=").append(java.net.URLEncoder.encode(csrf, java.nio.charset.StandardCharsets.UTF_8));
		for (String[] row : rows) {
			body.append("&position=").append(row[0]).append("&key=").append(row[1]).append("&label=")
				.append(java.net.URLEncoder.encode(row[2], java.nio.charset.StandardCharsets.UTF_8));
		}
		return body.toString();
	}

	UiSession.Page post(UiSession ui, String body) throws Exception {
		return ui.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/settings/stages"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
	}

	@Test
	void theDefaultLadderIsShownInTheUsersLanguageAndCanBeReshaped() throws Exception {
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var page = ui.get("/settings/stages");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("value=\"met_in_person\"").contains("Persönlich getroffen").contains("Standardleiter");

		var saved = post(ui, form(UiSession.csrf(page.body()), List.of(
				new String[] { "1", "observed", "Beobachtet" },
				new String[] { "3", "in_dialogue", "Im Gespräch" },
				new String[] { "2", "engaged", "Aktiv" },
				new String[] { "4", "", "" },
				new String[] { "5", "met_in_person", "Getroffen" },
				new String[] { "6", "", "" },
				new String[] { "4.5", "newsletter", "Liest mit" })));
		assertThat(saved.status()).isEqualTo(302);
		var ladder = api.get("/api/v1/stages").json();
		assertThat(ladder.get("configured").asBoolean()).isTrue();
		assertThat(ladder.get("stages").findValuesAsString("key"))
			.containsExactly("observed", "engaged", "in_dialogue", "newsletter", "met_in_person");
		assertThat(ui.get("/settings/stages").body()).contains("Im Gespräch").doesNotContain("Standardleiter");
	}

	@Test
	void aStageInUseCannotBeRemovedAndTheLadderStaysAsItWas() throws Exception {
		String id = api.post("/api/v1/contacts", Map.of("name", "Paula Partner", "identities", List.of())).json().get("id").asString();
		assertThat(api.put("/api/v1/contacts/" + id + "/stage", Map.of("stage", "partner")).status()).isEqualTo(200);
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var page = ui.get("/settings/stages");
		var refused = post(ui, form(UiSession.csrf(page.body()), List.of(
				new String[] { "1", "observed", "Beobachtet" }, new String[] { "2", "engaged", "Aktiv" })));
		assertThat(refused.status()).isEqualTo(302);
		assertThat(ui.get("/settings/stages").body()).contains("Auf partner stehen noch Kontakte").contains("value=\"met_in_person\"");
		assertThat(api.get("/api/v1/stages").json().get("configured").asBoolean()).isFalse();

		var bad = post(ui, form(UiSession.csrf(page.body()), List.<String[]>of(new String[] { "1", "Not A Key", "x" })));
		assertThat(bad.status()).isEqualTo(302);
		assertThat(ui.get("/settings/stages").body()).contains("class=\"flash error\"").contains("Not A Key");
		assertThat(api.get("/api/v1/stages").json().get("configured").asBoolean()).isFalse();
	}
}

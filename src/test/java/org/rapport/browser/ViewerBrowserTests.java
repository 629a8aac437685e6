package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;
import org.rapport.support.UiSession;

/** A viewer reads the inbox without controls that would only answer 403, and is never offered as an assignee. */
class ViewerBrowserTests extends BrowserTest {

	@Test
	void aViewerSeesNoControlsIsNeverAnAssigneeAndAForbiddenStepIsExplainedInWords() throws Exception {
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", "v-1",
				"from", Map.of("handle", "jan@example.org", "name", "Jan Ohm"), "subject", "Frage zum Kurs", "body", "Hallo"))));
		var viewer = members.add(workspace.id(), "viewer-" + workspace.slug() + "@example.org", "Vera Viewer", PASSWORD,
				Role.VIEWER);
		String conversation = api.get("/api/v1/conversations?q=Kurs").json().get("items").get(0).get("id").asString();

		logIn(ownerEmail, PASSWORD);
		page.getByText("Frage zum Kurs").click();
		assertThat(page.locator("#assign-select option")).not().containsText(new String[] { "Vera Viewer" });
		assertThat(page.locator("#assign-select")).containsText("Olga Owner");
		assertThat(page.locator("#form-done")).isVisible();

		page.context().clearCookies();
		logIn(viewer.email(), PASSWORD);
		page.getByText("Frage zum Kurs").click();
		assertThat(page.locator(".thread h1")).hasText("Frage zum Kurs");
		assertThat(page.locator("#form-done")).hasCount(0);
		assertThat(page.locator("#assign-select")).hasCount(0);
		assertThat(page.locator("#snooze-until")).hasCount(0);
		assertThat(page.locator("#labels-input")).hasCount(0);

		var ui = new UiSession(baseUrl()).login(viewer.email(), PASSWORD);
		String csrf = UiSession.csrf(ui.get("/inbox/" + conversation).body());
		var refused = ui.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/inbox/" + conversation + "/status"))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(csrf,
					java.nio.charset.StandardCharsets.UTF_8) + "&status=done")));
		org.assertj.core.api.Assertions.assertThat(refused.status()).isEqualTo(403);
		org.assertj.core.api.Assertions.assertThat(refused.body()).contains("Nur lesen").contains("Verwaltungsrechten")
			.doesNotContain("„viewer“");
		org.assertj.core.api.Assertions.assertThat(api.patch("/api/v1/conversations/" + conversation,
				Map.of("assigneeId", viewer.userId().toString())).status()).isEqualTo(400);
	}
}

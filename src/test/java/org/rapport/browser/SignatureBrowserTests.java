package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * A member sets their own signature under My account, the composer shows it under the reply with a box to leave it
 * off (not for notes), and the sent reply carries it; a channel's signature, with the member's name filled in, takes
 * its place. In German on a desktop and in English on a 360 px phone.
 */
class SignatureBrowserTests extends BrowserTest {

	private String conversation(String externalId, String subject) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", externalId, "from",
				Map.of("handle", externalId + "@example.org", "name", "Jana Roth"), "subject", subject,
				"body", "Guten Tag, eine Frage."));
		return api.get("/api/v1/conversations?status=open").json().get("items").get(0).get("id").asString();
	}

	private static void noSeriousViolations(Page tab) {
		List<String> found = new AxeBuilder(tab).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
			.analyze()
			.getViolations()
			.stream()
			.filter(r -> List.of("serious", "critical").contains(r.getImpact()))
			.map(Rule::getId)
			.toList();
		org.assertj.core.api.Assertions.assertThat(found).as("serious accessibility violations").isEmpty();
	}

	@Test
	void aPersonalSignatureGoesUnderTheReplyButNotUnderANoteInGerman() {
		String id = conversation("sig-de", "Frage zur Anmeldung");
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/account");
		page.getByLabel("Ihre Signatur").fill("Olga Owner\nVorstand, Verein Beispiel");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Signatur speichern")).click();
		assertThat(page.getByText("Ihre Signatur ist gespeichert.")).isVisible();
		assertThat(page.getByLabel("Ihre Signatur")).hasValue("Olga Owner\nVorstand, Verein Beispiel");

		page.navigate(baseUrl() + "/inbox/" + id);
		assertThat(page.locator("#signature-preview")).hasText("Olga Owner\nVorstand, Verein Beispiel");
		assertThat(page.getByLabel("Signatur anhängen")).isChecked();
		noSeriousViolations(page);

		page.locator(".composer input[name=kind][value=note]").check();
		assertThat(page.getByLabel("Signatur anhängen")).isHidden();
		assertThat(page.locator("#signature-preview")).isHidden();
		page.locator("#composer-body").fill("Bitte Rückruf vormerken");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".msg.note")).containsText("Bitte Rückruf vormerken");
		assertThat(page.locator(".msg.note")).not().containsText("Vorstand");

		assertThat(page.getByLabel("Signatur anhängen")).isVisible();
		page.locator("#composer-body").fill("Gern, die Anmeldung ist offen.");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".msg.reply")).containsText("Gern, die Anmeldung ist offen.");
		assertThat(page.locator(".msg.reply")).containsText("Vorstand, Verein Beispiel");

		page.getByLabel("Signatur anhängen").uncheck();
		page.locator("#composer-body").fill("Noch ein kurzer Nachtrag.");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".msg.reply").last()).containsText("Noch ein kurzer Nachtrag.");
		assertThat(page.locator(".msg.reply").last()).not().containsText("Vorstand");
	}

	@Test
	void onAPhoneInEnglishThePersonalAndThenTheChannelsSignatureGoUnderTheReply() {
		String id = conversation("sig-en", "Question about the course");
		Page phone = phoneInEnglish();
		try {
			phone.navigate(baseUrl() + "/settings/account");
			phone.getByLabel("Your signature").fill("Olga from the team");
			phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save signature")).click();
			assertThat(phone.getByText("Your signature is saved.")).isVisible();
			org.assertj.core.api.Assertions.assertThat(fitsWidth(phone)).as("no sideways scrolling").isTrue();

			phone.navigate(baseUrl() + "/inbox/" + id);
			assertThat(phone.locator("#signature-preview")).hasText("Olga from the team");
			assertThat(phone.getByLabel("Add signature")).isChecked();
			org.assertj.core.api.Assertions.assertThat(fitsWidth(phone)).as("no sideways scrolling").isTrue();
			noSeriousViolations(phone);
			phone.locator("#composer-body").fill("Yes, there are places left.");
			phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
			assertThat(phone.locator(".msg.reply")).containsText("Yes, there are places left.");
			assertThat(phone.locator(".msg.reply")).containsText("Olga from the team");

			String channel = api.get("/api/v1/conversations/" + id).json().get("summary").get("channel").get("id").asString();
			api.patch("/api/v1/channels/" + channel, Map.of("signature", "Kind regards, {name} ({workspace}) and a very long line that has to wrap on a phone"));
			phone.navigate(baseUrl() + "/inbox/" + id);
			assertThat(phone.locator("#signature-preview")).containsText("Kind regards, Olga Owner (" + workspace.name() + ")");
			org.assertj.core.api.Assertions.assertThat(fitsWidth(phone)).as("no sideways scrolling").isTrue();
			phone.locator("#composer-body").fill("See you on Monday.");
			phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
			assertThat(phone.locator(".msg.reply").last()).containsText("See you on Monday.");
			assertThat(phone.locator(".msg.reply").last()).containsText("Kind regards, Olga Owner");
			assertThat(phone.locator(".msg.reply").last()).not().containsText("Olga from the team");
		}
		finally {
			phone.context().close();
		}
	}
}

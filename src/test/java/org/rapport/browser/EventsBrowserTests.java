package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;

/** Planning an event in the browser and logging its meetings afterwards. */
class EventsBrowserTests extends BrowserTest {

	@Test
	void plansAnEventAndLogsItsMeetings() {
		String anna = api.post("/api/v1/contacts", Map.of("name", "Anna Berg",
				"identities", List.of(Map.of("kind", "email", "value", "anna@example.org")))).json().get("id").asString();
		api.post("/api/v1/contacts", Map.of("name", "Ben Vogt",
				"identities", List.of(Map.of("kind", "email", "value", "ben@example.org"))));
		api.put("/api/v1/contacts/" + anna + "/stage", Map.of("stage", "in_dialogue"));
		LocalDate day = LocalDate.now().minusDays(5);

		logIn(ownerEmail, PASSWORD);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Veranstaltungen")).click();
		assertThat(page.locator("h1")).hasText("Veranstaltungen");
		page.locator("#ev-name").fill("ConSozial");
		page.locator("#ev-kind").selectOption(new SelectOption().setLabel("Messe"));
		page.locator("#ev-starts").fill(day + "T09:00");
		page.locator("#ev-ends").fill(day.plusDays(1) + "T18:00");
		page.locator("#ev-place").fill("Messezentrum, Halle 4");
		page.locator("#ev-city").fill("Nürnberg");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anlegen")).click();
		assertThat(page.locator("h1")).hasText("ConSozial");
		assertThat(page.locator(".event-meta")).containsText("Nürnberg");

		for (String name : List.of("Ben", "Anna")) {
			page.getByLabel("Kontakt suchen (Name, E-Mail, Telefon)").fill(name);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suchen")).click();
			page.locator("ul.found").getByRole(AriaRole.BUTTON).first().click();
			assertThat(page.locator(".flash")).containsText("Kontakt zur Teilnehmerliste hinzugefügt.");
		}
		Locator attendees = page.locator("table.ranking tr.attendee");
		assertThat(attendees).hasCount(2);
		assertThat(attendees.first()).containsText("Anna Berg");
		assertThat(attendees.first()).containsText("noch nicht persönlich getroffen");

		planMeeting("Anna Berg", day + "T10:30", "Stand B12", "Kooperation für den Fachtag");
		planMeeting("Ben Vogt", day + "T14:00", "Café Halle 4", "Kennenlernen");
		Locator plan = page.locator("table.plan tr.meeting");
		assertThat(plan).hasCount(2);
		assertThat(plan.first()).containsText("Anna Berg");
		assertThat(plan.first()).containsText("Olga Owner");
		screenshot("event-plan");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Treffen erfassen")).click();
		assertThat(page.locator("h1")).hasText("Treffen erfassen: ConSozial");
		Locator annaMeeting = page.locator("fieldset.meeting-item").filter(new Locator.FilterOptions().setHasText("Anna Berg"));
		annaMeeting.getByLabel("Getroffen", new Locator.GetByLabelOptions().setExact(true)).check();
		annaMeeting.getByLabel("Kurze Zusammenfassung").fill("Kooperation für den Fachtag im Mai vereinbart.");
		page.locator("fieldset.meeting-item").filter(new Locator.FilterOptions().setHasText("Ben Vogt"))
			.getByLabel("Nicht getroffen").check();
		screenshot("event-log");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Treffen speichern")).click();
		assertThat(page.locator(".flash")).containsText("Treffen erfasst.");
		assertThat(plan.first()).containsText("getroffen");
		assertThat(plan.nth(1)).containsText("nicht getroffen");

		plan.first().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Anna Berg")).click();
		assertThat(page.locator("h1")).hasText("Anna Berg");
		assertThat(page.locator(".timeline")).containsText("Kooperation für den Fachtag im Mai vereinbart.");
		assertThat(page.locator(".timeline")).containsText("Veranstaltung");
		assertThat(page.locator("#stage .chip").first()).hasText("Persönlich getroffen");
		assertThat(page.locator("#stage")).containsText("ConSozial");
		screenshot("event-contact-met");
	}

	private void planMeeting(String who, String at, String place, String goal) {
		page.locator("#m-contact").selectOption(new SelectOption().setLabel(who));
		page.locator("#m-at").fill(at);
		page.locator("#m-place").fill(place);
		page.locator("#m-member").selectOption(new SelectOption().setLabel("Olga Owner"));
		page.locator("#m-goal").fill(goal);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Treffen planen")).click();
		assertThat(page.locator("table.plan")).containsText(who);
	}
}

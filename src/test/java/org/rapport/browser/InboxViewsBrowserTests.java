package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** The inbox list sorted by what waits longest or by priority, and a member's saved views: save, open, rename, delete. */
class InboxViewsBrowserTests extends BrowserTest {

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	/** Three conversations: newest first they are Kurz, Beantwortet, Lang; waiting longest first Lang, Kurz, Beantwortet. */
	private void threeConversations() {
		arrives("v-kurz", "Kurz wartend", 1, 1, null);
		arrives("v-beantwortet", "Beantwortet", 2, null, "complaint");
		arrives("v-lang", "Lang wartend", 3, 10, null);
	}

	private void arrives(String externalId, String subject, int activeHoursAgo, Integer waitingHoursAgo, String kind) {
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", externalId,
				"from", Map.of("handle", externalId + "@example.org"), "subject", subject, "body", "Hallo"))));
		jdbc.sql("update conversations set last_message_at = ?, waiting_since = ?, triage_kind = ? where subject = ?"
				+ " and workspace_id = ?")
			.params(Timestamp.from(now.minus(activeHoursAgo, ChronoUnit.HOURS)),
					waitingHoursAgo == null ? null : Timestamp.from(now.minus(waitingHoursAgo, ChronoUnit.HOURS)), kind,
					subject, workspace.id())
			.update();
	}

	private static Locator firstSubject(Page p) {
		return p.locator("#conv-list li .conv-subject").first();
	}

	@Test
	void inGermanTheListSortsAndAViewIsSavedOpenedRenamedDeletedAndRestored() {
		threeConversations();
		logIn(ownerEmail, PASSWORD);
		assertThat(firstSubject(page)).hasText("Kurz wartend");
		assertThat(page.getByLabel("Sortierung")).hasValue("newest");

		page.getByLabel("Sortierung").selectOption("oldest");
		page.waitForURL("**sort=oldest**");
		assertThat(page.locator("#conv-list li .conv-subject")).hasText(new String[] { "Lang wartend", "Kurz wartend",
				"Beantwortet" });
		// the list refreshing itself keeps the order
		page.waitForTimeout(2500);
		assertThat(firstSubject(page)).hasText("Lang wartend");

		page.locator("#view-tools > summary").click();
		page.getByLabel("Name der Ansicht").fill("Lange Wartende");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ansicht speichern")).click();
		assertThat(page.locator(".flash")).containsText("Ansicht „Lange Wartende“ gespeichert.");
		assertThat(page.locator("a.saved-view")).hasText("Lange Wartende");
		assertThat(page.locator("a.saved-view")).hasAttribute("aria-current", "page");
		page.locator("#view-tools > summary").click();
		screenshot("inbox-saved-view");
		page.locator("#view-tools > summary").click();

		page.navigate(baseUrl() + "/inbox");
		assertThat(firstSubject(page)).hasText("Kurz wartend");
		assertThat(page.locator("a.saved-view")).not().hasAttribute("aria-current", "page");
		page.locator("a.saved-view").click();
		assertThat(page.getByLabel("Sortierung")).hasValue("oldest");
		assertThat(firstSubject(page)).hasText("Lang wartend");

		page.locator("#view-tools > summary").click();
		page.getByLabel("Neuer Name").fill("Wartende");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Umbenennen")).click();
		assertThat(page.locator(".flash")).containsText("Ansicht umbenannt in „Wartende“.");
		assertThat(page.locator("a.saved-view")).hasText("Wartende");

		page.locator("#view-tools > summary").click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ansicht „Wartende“ löschen")).click();
		assertThat(page.locator("#view-deleted")).containsText("Ansicht „Wartende“ gelöscht.");
		assertThat(page.locator("a.saved-view")).hasCount(0);
		page.locator("#view-deleted").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rückgängig")).click();
		assertThat(page.locator("a.saved-view")).hasText("Wartende");
		page.locator("a.saved-view").click();
		assertThat(firstSubject(page)).hasText("Lang wartend");

		page.locator("#view-tools > summary").click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ansicht „Wartende“ löschen")).click();
		assertThat(page.locator("a.saved-view")).hasCount(0);
	}

	@Test
	void onAPhoneInEnglishAViewBySortIsSavedOpenedFromTheMenuAndDeleted() {
		threeConversations();
		Page p = phoneInEnglish();
		try {
			p.locator("#list-filters > summary").click();
			p.getByLabel("Sort").selectOption("priority");
			p.waitForURL("**sort=priority**");
			assertThat(p.locator("#conv-list li .conv-subject")).hasText(new String[] { "Beantwortet", "Lang wartend",
					"Kurz wartend" });
			org.assertj.core.api.Assertions.assertThat(fitsWidth(p)).as("no sideways scrolling").isTrue();

			p.locator("#list-filters > summary").click();
			p.locator("#view-tools > summary").click();
			p.getByLabel("Name of the view").fill("Urgent");
			p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save view")).click();
			assertThat(p.locator(".flash")).containsText("View “Urgent” saved.");
			org.assertj.core.api.Assertions.assertThat(fitsWidth(p)).as("no sideways scrolling").isTrue();

			p.navigate(baseUrl() + "/inbox");
			assertThat(p.locator("a.saved-view")).isHidden();
			p.locator(".nav-menu > summary").click();
			p.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots",
					"phone-inbox-saved-views.png")).setFullPage(true));
			org.assertj.core.api.Assertions.assertThat(fitsWidth(p)).as("no sideways scrolling").isTrue();
			p.locator("a.saved-view", new Page.LocatorOptions().setHasText("Urgent")).click();
			assertThat(p.getByLabel("Sort")).hasValue("priority");
			assertThat(firstSubject(p)).hasText("Beantwortet");

			p.locator("#list-filters > summary").click();
			p.locator("#view-tools > summary").click();
			p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete view “Urgent”")).click();
			assertThat(p.locator("#view-deleted")).containsText("View “Urgent” deleted.");
			assertThat(p.locator("a.saved-view")).hasCount(0);
			org.assertj.core.api.Assertions.assertThat(fitsWidth(p)).as("no sideways scrolling").isTrue();
		}
		finally {
			p.context().close();
		}
	}

	@Test
	void aSavedViewWhoseSegmentWasDeletedOpensWithoutItAndSaysSo() {
		threeConversations();
		var segment = api.post("/api/v1/segments", Map.of("name", "Presse", "filter", Map.of("tags", List.of("presse"))));
		org.assertj.core.api.Assertions.assertThat(segment.status()).as(segment.body()).isEqualTo(201);
		String segmentId = segment.json().get("id").asString();
		var view = api.post("/api/v1/views", Map.of("name", "Presseanfragen", "filter", Map.of("segment", segmentId)));
		org.assertj.core.api.Assertions.assertThat(view.status()).as(view.body()).isEqualTo(201);
		org.assertj.core.api.Assertions.assertThat(api.delete("/api/v1/segments/" + segmentId).status()).isEqualTo(204);

		logIn(ownerEmail, PASSWORD);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Presseanfragen")).click();
		assertThat(page.locator("#segment-gone")).containsText("gibt es nicht mehr");
		assertThat(page.locator("#conv-list li .conv-subject")).hasCount(3);
		// the list refreshing itself keeps working
		page.waitForTimeout(2500);
		assertThat(page.locator("#conv-list li .conv-subject")).hasCount(3);
	}
}

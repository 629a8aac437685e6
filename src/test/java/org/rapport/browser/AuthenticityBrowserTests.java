package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

/** Checking followers from a CSV of profiles, the share bought, and marking an account, in German, English and on a phone. */
class AuthenticityBrowserTests extends BrowserTest {

	static final String CSV = """
			id,network,handle,createdAt,observedAt,posts,followers,following,defaultAvatar,bio,url,listed
			1,mastodon,@kauf1@example.social,2023-05-20,2025-06-01,0,3,1900,true,,,0
			2,mastodon,@kauf2@example.social,2023-05-21,2025-06-01,2,5,2400,true,,,0
			3,bluesky,anna.example.org,2019-02-01,2025-06-01,3400,820,310,false,Sozialarbeiterin in Köln,https://example.org,12
			""";

	@Test
	void checksAccountsFromACsvShowsTheShareBoughtAndLearnsFromAMark() {
		logIn(ownerEmail, PASSWORD);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Echtheit")).click();
		assertThat(page.locator("h1")).hasText("Echtheit");
		assertThat(page.locator(".empty")).containsText("Noch keine Konten geprüft");

		page.getByLabel("Profile als CSV").fill(CSV);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Konten prüfen")).click();
		assertThat(page.locator("#share")).containsText("Wahrscheinlich gekauft: 2 von 3 Konten");
		assertThat(page.locator("#share")).containsText("95-%-Konfidenzintervall");
		assertThat(page.locator("#share")).containsText("eingebauten Modell");
		Locator first = page.locator("#accounts > li").first();
		assertThat(first).containsText("wahrscheinlich gekauft");
		assertThat(first).containsText("kein Beitrag in 2 Jahren seines Bestehens");
		Locator anna = page.locator("#accounts > li", new Page.LocatorOptions().setHasText("anna.example.org"));
		assertThat(anna).containsText("wahrscheinlich echt");
		assertThat(anna).containsText("3.400 Beiträge");
		screenshot("authenticity");

		anna.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("anna.example.org markieren: Als echt markieren")).click();
		Locator marked = page.locator("#accounts > li", new Page.LocatorOptions().setHasText("anna.example.org"));
		assertThat(marked).containsText("Als echt markiert. Das Modell lernt jetzt aus 1 markierten Konten.");
		assertThat(marked).containsText("wahrscheinlich echt");
		assertThat(jdbc.sql("select label from authenticity_judgements where workspace_id = ? and kind = 'profiles'").param(workspace.id())
			.query(String.class).list()).containsExactly("genuine");

		page.navigate(baseUrl() + "/authenticity");
		assertThat(page.locator(".empty")).isVisible();
		page.locator("#csv-file").setInputFiles(new FilePayload("followers.csv", "text/csv", CSV.replace(",3400,", ",-3,")
			.getBytes(StandardCharsets.UTF_8)));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Konten prüfen")).click();
		assertThat(page.locator("#problem")).hasText("Zeile 4: Das Feld „posts“ enthält -3; Zahlen können nicht negativ sein.");
	}

	@Test
	void readsInEnglishAndFitsAPhone() {
		Page small = phoneInEnglish();
		try {
			small.navigate(baseUrl() + "/authenticity");
			small.getByLabel("Profiles as CSV").fill(CSV);
			small.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check accounts")).click();
			assertThat(small.locator("#share")).containsText("Likely bought: 2 of 3 accounts");
			assertThat(small.locator("#accounts")).containsText("follows 2,400 accounts, followed by 5");
			small.waitForLoadState();
			int overflow = ((Number) small.evaluate("() => document.querySelector('main').scrollWidth - window.innerWidth")).intValue();
			assertThat(overflow).isLessThanOrEqualTo(0);
			small.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(java.nio.file.Paths.get("target/screenshots", "authenticity-phone.png")));
		}
		finally {
			small.context().close();
		}
	}
}

package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.IdentityClaim;
import org.rapport.platform.Role;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The composer says before anyone writes when a reply cannot leave, and how to fix it; a reply written anyway
 * fails with a sentence in the reader's language, never a technical one ("Cannot parse null string").
 */
class ReplyReadinessBrowserTests extends BrowserTest {

	@Autowired
	Channels channels;

	@Autowired
	Ingestion ingestion;

	private void arrives(Channel channel, String subject) {
		ingestion.ingest(channel, List.of(InboundMessage.message(subject, null,
				new IdentityClaim("email", "jana@example.net", "Jana Roth"), subject, "Guten Tag, eine Frage.", false,
				Instant.now())));
	}

	@Test
	void aMailboxKeptForHistoryWarnsAndItsReplyFailsInPlainWords() {
		Channel mailbox = channels.createDisabled(workspace.id(), "email", "email", "E-Mail");
		arrives(mailbox, "Frage zur Kita");
		logIn(ownerEmail, PASSWORD);
		page.getByText("Frage zur Kita").click();
		assertThat(page.locator("#composer-warning")).containsText("Das Postfach ist noch nicht eingerichtet");
		assertThat(page.locator("#composer-warning a")).hasText("Postfach einrichten");
		assertThat(page.locator("#composer-warning a")).hasAttribute("href", "/settings/channels/" + mailbox.id());

		page.locator("#composer-body").fill("Gern, rufen Sie uns an.");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".msg.reply")).containsText("rufen Sie uns an");
		page.waitForCondition(() -> {
			page.reload();
			return page.locator(".msg.reply .delivery-failed").count() > 0;
		});
		assertThat(page.locator(".msg.reply .delivery-failed")).containsText("Das Postfach ist noch nicht eingerichtet");
		assertThat(page.locator(".msg.reply")).not().containsText("parse");

		page.locator("#composer-warning a").click();
		assertThat(page.locator("#setting-imapHost")).isVisible();
	}

	@Test
	void aContactFormMessageWithoutMailboxSaysSoAndAnAgentIsNotSentToAForbiddenPage() {
		arrives(channels.byKey(workspace.id(), "webform").orElseThrow(), "Anfrage per Formular");
		var agent = members.add(workspace.id(), "agent-" + workspace.slug() + "@example.org", "Agent", PASSWORD, Role.AGENT);
		logIn(agent.email(), PASSWORD);
		page.getByText("Anfrage per Formular").click();
		assertThat(page.locator("#composer-warning")).containsText("Verbinden Sie ein Postfach");
		assertThat(page.locator("#composer-warning a")).hasCount(0);
		assertThat(page.locator("#composer-warning")).containsText("Verwaltungsrechten");
	}
}

package org.rapport.channels.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.rapport.channels.telegram.TelegramAnswers.TOKEN;
import static org.rapport.channels.telegram.TelegramAnswers.answer;
import static org.rapport.channels.telegram.TelegramAnswers.method;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

/** Connecting a Telegram bot on Settings → Channels: the form its settings make, and a token Telegram refuses. */
class TelegramSettingsIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension telegram = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String REFUSED = "7012345678:AArevokedrevokedrevokedrevoked";

	@Autowired
	Channels channels;

	@BeforeEach
	void aBotApi() {
		telegram.stubFor(post(method(TOKEN, "getMe")).willReturn(answer(200, "getMe.json")));
		telegram.stubFor(post(urlPathEqualTo(method(REFUSED, "getMe"))).willReturn(answer(401, "error_401.json")));
	}

	private UiSession.Page connect(UiSession ui, String token) throws Exception {
		String csrf = UiSession.csrf(ui.get("/settings/channels").body());
		return ui.form("/settings/channels/connect/telegram", Map.of("_csrf", csrf, "name", "Kita auf Telegram",
				"botToken", token, "receive", "polling", "apiServer", telegram.baseUrl()));
	}

	@Test
	void theSettingsPageOffersTheBotAndSaysInGermanWhenTelegramRefusesTheToken() throws Exception {
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var page = ui.get("/settings/channels");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Telegram-Bot verbinden", "@BotFather", "name=\"botToken\"", "type=\"password\"",
				"name=\"receive\"", "Rapport holt neue Nachrichten", "Bot-API-Server");

		var refused = connect(ui, REFUSED);
		assertThat(refused.status()).as("the form again, not an error page").isEqualTo(200);
		assertThat(refused.body()).contains("Telegram nimmt das Bot-Token nicht an (401: Unauthorized)")
			.contains("id=\"telegram-botToken\"").contains("aria-invalid=\"true\"").doesNotContain("AArevoked");
		assertThat(channels.of(workspace.id())).noneMatch(c -> c.kind().equals("telegram"));

		var malformed = connect(ui, "12345");
		assertThat(malformed.status()).isEqualTo(200);
		assertThat(malformed.body()).contains("Das ist kein Bot-Token");

		var connected = connect(ui, TOKEN);
		assertThat(connected.location()).endsWith("/settings/channels");
		var channel = channels.byKey(workspace.id(), "telegram").orElseThrow();
		assertThat(channel.config()).containsEntry("botToken", TOKEN).containsEntry("receive", "polling");

		var edit = ui.get("/settings/channels/" + channel.id());
		assertThat(edit.status()).isEqualTo(200);
		assertThat(edit.body()).contains("name=\"botToken\"").doesNotContain(TOKEN);
		assertThat(ui.get("/settings/channels").body()).contains("Kita auf Telegram");
	}
}

package org.rapport.channels.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** The recorded Bot API answers in {@code src/test/resources/telegram/} (see its README for their sources). */
final class TelegramAnswers {

	/** A token of the form @BotFather gives, of the bot {@code getMe.json} describes. */
	static final String TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

	private TelegramAnswers() {
	}

	static String file(String name) {
		try (var in = TelegramAnswers.class.getResourceAsStream("/telegram/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No recorded answer " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A recorded answer with its status (the Bot API's HTTP status is its {@code error_code}). */
	static ResponseDefinitionBuilder answer(int status, String name) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(file(name));
	}

	/**
	 * The bot of {@code getMe.json}, whose first fetch brings {@code getUpdates.json} and every fetch after its last
	 * update nothing new.
	 */
	static void aBotApi(com.github.tomakehurst.wiremock.junit5.WireMockExtension telegram) {
		telegram.stubFor(post(method(TOKEN, "getMe")).willReturn(answer(200, "getMe.json")));
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).willReturn(answer(200, "getUpdates.json")));
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(1)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000105")))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"ok\": true, \"result\": []}")));
	}

	/** The path of a Bot API method for the token. */
	static String method(String token, String method) {
		return "/bot" + token + "/" + method;
	}
}

package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The channels' hooks: public, without a session or CSRF token, and answering with a problem detail where the
 * channel takes no pushes, is unknown or switched off, or the body is too large.
 */
class ChannelHooksIntegrationTests extends IntegrationTest {

	@Autowired
	Channels channels;

	private Api.Response push(String path, byte[] body) {
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	@Test
	void aHookAnswersForItsChannelsKindAndRefusesWhatNoChannelTakes() {
		Channel api = channels.byKey(workspace.id(), "api").orElseThrow();
		var notTaken = push(ChannelConnector.hookPath(api.id()), "{}".getBytes());
		assertThat(notTaken.status()).as("a kind without pushes, reached without login or CSRF token").isEqualTo(404);
		assertThat(notTaken.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(notTaken.json().get("detail").asString()).contains("take no pushes");

		assertThat(push("/hooks/channels/not-a-channel", "{}".getBytes()).status()).isEqualTo(404);
		assertThat(push(ChannelConnector.hookPath(api.id()), new byte[2 * 1024 * 1024]).status()).isEqualTo(413);

		channels.setEnabled(workspace.id(), api.id(), false);
		assertThat(push(ChannelConnector.hookPath(api.id()), "{}".getBytes()).json().get("detail").asString())
			.as("a switched-off channel takes nothing").contains("No channel takes pushes");
	}
}

package org.rapport.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.rapport.platform.Jobs;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * What the tests of a connector facing a failing network share: the answers a network's API gives while it is down
 * or broken (its own 500, a proxy's 502 and 503 pages, with and without {@code Retry-After}, a good answer cut in
 * half, a maintenance page with 200) and the checks that follow them. A read so answered makes the sync answer 200
 * with the failure in the channel's health, keeps the channel connected, its position (cursor, offset) where it was
 * and stores nothing; a {@code Retry-After} pauses the reading until then. A reply so answered fails with an error
 * naming the failure, which the channel's health shows too. Each test names only its network's own: the request
 * answered, the words its failures say, its answers of the wrong shape, its position and what follows a failed reply.
 */
public abstract class NetworkFailuresIntegrationTest extends IntegrationTest {

	/** What a proxy in front of a network's servers answers while they are down. */
	protected static final String PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>"
			+ "502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

	/** An answer that is no use, with words the failure it causes must contain. */
	public record Failure(String said, ResponseDefinitionBuilder answer) {
	}

	/** A reply's delivery, its error, its next attempt and its id on the network, once it was attempted. */
	public record Attempt(String reply, String delivery, String error, Instant nextAttempt, String externalId) {
	}

	@Autowired
	protected Jobs jobs;

	@Autowired
	protected ReplyDelivery delivery;

	private final WireMockExtension network;

	/** @param network the mock of the network's API the test serves its answers from */
	protected NetworkFailuresIntegrationTest(WireMockExtension network) {
		this.network = network;
	}

	/** The mock of the network's API the test serves its answers from. */
	protected WireMockExtension network() {
		return network;
	}

	protected static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	protected static ResponseDefinitionBuilder html(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body);
	}

	/** What the proxy answers while the network is down for maintenance and says to come back in {@code seconds}. */
	protected static ResponseDefinitionBuilder unavailableFor(int seconds) {
		return html(503, "<html><body>Maintenance</body></html>").withHeader("Retry-After", String.valueOf(seconds));
	}

	/**
	 * The network's own 500 ({@code serverError}), the proxy's 502 and 503 pages (the failure saying
	 * {@code proxySays} with the status in place of {@code %d}), {@code whole} cut in half (saying {@code cutSays}) and
	 * a maintenance page with 200 (saying {@code pageSays}); a test adds its network's answers of the wrong shape.
	 */
	protected static List<Failure> failures(Failure serverError, String proxySays, String cutSays, String whole,
			String pageSays) {
		List<Failure> failures = new ArrayList<>();
		failures.add(serverError);
		failures.add(new Failure(proxySays.formatted(502), html(502, PROXY_PAGE)));
		failures.add(new Failure(proxySays.formatted(503),
				html(503, PROXY_PAGE.replace("502 Bad Gateway", "503 Service Temporarily Unavailable"))));
		failures.add(new Failure(cutSays, json(200, whole.substring(0, whole.length() / 2))));
		failures.add(new Failure(pageSays, html(200, "<html><body>Wartungsarbeiten</body></html>")));
		return failures;
	}

	protected JsonNode sync(String channel) {
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return synced.json();
	}

	/** How many messages arrived in the test's workspace. */
	protected int stored() {
		return jdbc.sql("select count(*) from messages where workspace_id = ? and direction = 'in'").param(workspace.id())
			.query(Integer.class).single();
	}

	/** Connects a channel of the network's {@code kind} (also its key) with its {@code config}; answers its id. */
	protected String connect(String kind, String name, Map<String, String> config) {
		var created = api.post("/api/v1/channels", Map.of("key", kind, "kind", kind, "name", name, "config", config));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** How often the network was asked what {@code request} answers. */
	protected int asked(Supplier<MappingBuilder> request) {
		return network().findAll(RequestPatternBuilder.like(request.get().willReturn(aResponse()).build().getRequest()))
			.size();
	}

	/**
	 * Serves each failure in turn to the channel's read ({@code read}) and syncs: the sync answers 200 with the failure
	 * in the health, the channel stays connected, its {@code position} stays at {@code start} and nothing is stored;
	 * {@code alsoSays} looks at what else the health must say after the failure.
	 */
	protected void failedReadsChangeNothing(String channel, Supplier<MappingBuilder> read, List<Failure> failures,
			Supplier<Object> position, Object start, BiConsumer<String, JsonNode> alsoSays) {
		for (Failure failure : failures) {
			StubMapping broken = network().stubFor(read.get().willReturn(failure.answer()));
			JsonNode health = sync(channel).get("health");
			assertThat(health.get("lastError").asString()).as(failure.said()).contains(failure.said());
			assertThat(health.get("connected").asBoolean()).as("a failing network keeps the account connected").isTrue();
			alsoSays.accept(failure.said(), health);
			assertThat(position.get()).as("the position stays where it was after " + failure.said()).isEqualTo(start);
			assertThat(stored()).isZero();
			network().removeStub(broken);
		}
	}

	/** {@link #failedReadsChangeNothing(String, Supplier, List, Supplier, Object, BiConsumer)}, the health saying no more. */
	protected void failedReadsChangeNothing(String channel, Supplier<MappingBuilder> read, List<Failure> failures,
			Supplier<Object> position, Object start) {
		failedReadsChangeNothing(channel, read, failures, position, start, (said, health) -> {
		});
	}

	/**
	 * A 503 with {@code Retry-After: 120} to the read: the health names the 503 and the pause, and the next sync asks
	 * nothing; then the pause ends (as time would end it) in the network's table of {@code accounts}.
	 */
	protected void aPauseTheNetworkAsksForIsKept(String channel, Supplier<MappingBuilder> read, String accounts) {
		StubMapping unavailable = network().stubFor(read.get().willReturn(unavailableFor(120)));
		JsonNode paused = sync(channel).get("health");
		assertThat(paused.get("lastError").asString()).contains("503");
		assertThat(Instant.parse(paused.get("rateLimitedUntil").asString()))
			.isCloseTo(Instant.now().plusSeconds(120), within(10, ChronoUnit.SECONDS));
		int asked = asked(read);
		sync(channel);
		assertThat(asked(read)).as("nothing is asked while the network asked for a pause").isEqualTo(asked);
		network().removeStub(unavailable);
		jdbc.sql("update " + accounts + " set rate_limited_until = now() - interval '1 second' where channel_id = ?")
			.param(UUID.fromString(channel)).update();
	}

	/** Writes a reply in the conversation; answers the message's id. */
	protected String reply(String conversation, String text) {
		return api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", text, "kind", "reply"))
			.json().get("id").asString();
	}

	/** The reply's first attempt (or the one made since it was queued again). */
	protected Attempt attempted(String reply) {
		return await().until(() -> jdbc.sql("select delivery, delivery_error, next_attempt_at, external_id from messages "
				+ "where id = ?::uuid")
			.param(reply)
			.query((rs, n) -> new Attempt(reply, rs.getString(1), rs.getString(2),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.single(), attempt -> !"queued".equals(attempt.delivery()));
	}

	/** How many attempts of the reply are queued. */
	protected long queuedAttempts(String reply) {
		return jobs.list(workspace.id(), "reply-delivery", "queued", 50).stream()
			.filter(job -> job.payload().contains(reply))
			.count();
	}

	/**
	 * Serves each failure in turn to the request that carries a reply out ({@code send}) and writes a reply (its
	 * {@code text} and what the failure says): the attempt failed with an error naming the failure and no word of a
	 * fault in Rapport, the channel's health names it too and the channel stays connected; {@code then} looks at what
	 * the network's connector does next (tries again, or not).
	 */
	protected void failedRepliesShowTheFailure(String channel, String conversation, Supplier<MappingBuilder> send,
			List<Failure> failures, String text, BiConsumer<String, Attempt> then) {
		for (Failure failure : failures) {
			String said = failure.said();
			StubMapping broken = network().stubFor(send.get().willReturn(failure.answer()));
			Attempt attempt = attempted(reply(conversation, text + " (" + said + ")."));
			assertThat(attempt.delivery()).as(said).isEqualTo("failed");
			assertThat(attempt.error()).as(said).contains(said).doesNotContain("fault in Rapport");
			then.accept(said, attempt);
			JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
			assertThat(health.get("lastError").asString()).as("the channel's health after " + said).contains(said);
			assertThat(health.get("connected").asBoolean()).isTrue();
			network().removeStub(broken);
		}
	}
}

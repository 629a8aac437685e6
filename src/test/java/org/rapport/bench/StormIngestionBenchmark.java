package org.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

/**
 * Ingestion while a storm is on: {@code bench.messages} (6,000) messages, one per call as webhooks bring them, each
 * from a new person and angry, all written within the last hour into one channel, so that the storm watch's window
 * (the last hour of the channel's messages, which every call reads and counts) grows to hold all of them. Against the
 * same number of ordinary calls spread over 30 days (the window holds a message or two), in the same run, calm
 * first. The figure to watch is the storm's last tenth of calls against its first tenth and against the calm ones:
 * how much dearer a message gets as the storm grows.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=StormIngestionBenchmark} (optional {@code -Dbench.messages=6000}). Results:
 * stdout lines starting with {@code [bench]} and {@code target/bench/storm-ingestion.txt}.
 */
class StormIngestionBenchmark extends IntegrationTest {

	static final int MESSAGES = Integer.getInteger("bench.messages", 6_000);

	private static final String[] ANGRY = { "Das ist eine Frechheit! Ich kündige sofort, nie wieder bei Ihnen.",
			"Unverschämt, wie Sie mit Ihren Kunden umgehen. Schämen Sie sich!",
			"This is outrageous. Shame on you, I am cancelling today.",
			"Disgusting behaviour, you lied to all of us. Boycott!",
			"Ich bin wütend und enttäuscht, so eine Sauerei habe ich noch nie erlebt." };

	private static final String[] ORDINARY = { "Guten Tag, wann haben Sie am Samstag geöffnet?",
			"Vielen Dank für die schnelle Hilfe gestern!", "Hello, could you send me the brochure as a PDF?",
			"Is the event on Friday still taking place?", "Können Sie mir die Rechnung noch einmal schicken?" };

	@Test
	void aGrowingStormAgainstCalmDays() throws Exception {
		Instant now = Instant.now();
		List<byte[]> calm = calls("calm", ORDINARY, now.minus(Duration.ofDays(30)), Duration.ofDays(30));
		List<byte[]> storm = calls("storm", ANGRY, now.minus(Duration.ofHours(1)), Duration.ofHours(1));
		Slices quiet = post("storm-calm", calm);
		Slices loud = post("storm-loud", storm);
		int last = loud.rates.length - 1;
		BenchSupport.report("storm-ingestion", String.format(Locale.ROOT,
				"=== StormIngestionBenchmark %s, %d single-message calls each way, %s", now, MESSAGES, MachineLoad.loadavg()));
		BenchSupport.report("storm-ingestion", "calm (30 days): messages/s per tenth of the calls " + quiet
				+ "; alerts " + quiet.alerts);
		BenchSupport.report("storm-ingestion", "storm (1 hour): messages/s per tenth of the calls " + loud
				+ "; alerts " + loud.alerts);
		BenchSupport.report("storm-ingestion", String.format(Locale.ROOT,
				"RESULT: the storm's last tenth %.0f messages/s, its first %.0f (%.0f %%), calm days' mean %.0f (last tenth of the storm %.0f %% of it)",
				loud.rates[last], loud.rates[0], 100 * loud.rates[last] / loud.rates[0], quiet.mean(),
				100 * loud.rates[last] / quiet.mean()));
		assertThat(loud.alerts).as("the storm raised an alert").isPositive();
	}

	/** One call per message, each from a new person, spread evenly over {@code span} from {@code from}. */
	private static List<byte[]> calls(String prefix, String[] texts, Instant from, Duration span) {
		List<byte[]> out = new ArrayList<>(MESSAGES);
		for (int i = 0; i < MESSAGES; i++) {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("channel", "api");
			message.put("externalId", prefix + "-" + i);
			message.put("from", Map.of("handle", prefix + i + "@example.social", "name", "Person " + prefix + " " + i));
			message.put("body", texts[i % texts.length] + " (" + i + ")");
			message.put("sentAt", from.plusMillis(span.toMillis() * i / MESSAGES).toString());
			out.add(Api.JSON.writeValueAsBytes(Map.of("messages", List.of(message))));
		}
		return out;
	}

	private Slices post(String label, List<byte[]> calls) throws Exception {
		BenchSupport.Tenant tenant = BenchSupport.tenant(workspaces, members, tokens, jdbc, label);
		HttpClient http = HttpClient.newHttpClient();
		int tenth = calls.size() / 10;
		double[] rates = new double[10];
		long sliceStart = System.nanoTime();
		for (int i = 0; i < tenth * 10; i++) {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/messages"))
				.header("Authorization", "Bearer " + tenant.token()).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(calls.get(i))).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
			if ((i + 1) % tenth == 0) {
				long end = System.nanoTime();
				rates[i / tenth] = tenth / ((end - sliceStart) / 1e9);
				sliceStart = end;
			}
		}
		long alerts = jdbc.sql("select count(*) from storm_alerts where workspace_id = ?").param(tenant.workspace().id())
			.query(Long.class).single();
		return new Slices(rates, alerts);
	}

	private record Slices(double[] rates, long alerts) {

		double mean() {
			double sum = 0;
			for (double r : rates) {
				sum += r;
			}
			return sum / rates.length;
		}

		@Override
		public String toString() {
			StringBuilder s = new StringBuilder();
			for (double r : rates) {
				s.append(s.isEmpty() ? "" : " ").append(Math.round(r));
			}
			return s.toString();
		}
	}
}

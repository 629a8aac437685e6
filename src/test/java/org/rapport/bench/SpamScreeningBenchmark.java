package org.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rapport.inbox.Inbox;
import org.rapport.inbox.SpamScreen;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the spam filter costs ingestion: batches of 1000 messages through {@code POST /api/v1/messages} with the
 * screening on and off ({@link Inbox#screening}), in alternating rounds of the same run, into a workspace whose
 * filter learned from the team (so each batch loads the learned model and scores every message with it). Every
 * 50th message is spam. Then the screening alone, as the inbox calls it, on as many texts: its time against a batch's
 * ingestion time is a share that depends less on the machine's load. The goal: screening costs at most 10 % of the
 * throughput.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=SpamScreeningBenchmark} (optional {@code -Dbench.rounds=3
 * -Dbench.batches=20}). Results: stdout lines starting with {@code [bench]} and {@code target/bench/spam.txt}.
 */
class SpamScreeningBenchmark extends IntegrationTest {

	static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
	static final int BATCHES = Integer.getInteger("bench.batches", 20);
	static final int BATCH = 1000;

	static final String SPAM = "Check out my channel https://win-money.example.com for free money, giveaway number %d!";

	@Autowired
	Inbox inbox;

	@Autowired
	SpamScreen screen;

	@Test
	void screeningCostsIngestionLittle() {
		BenchSupport.report("spam", "=== SpamScreeningBenchmark " + Instant.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores");
		BenchSupport.Tenant tenant = BenchSupport.tenant(workspaces, members, tokens, jdbc, "spam-ingest");
		Api client = new Api(baseUrl(), tenant.token());
		List<Map<String, Object>> judged = new ArrayList<>();
		Random random = new Random(7);
		for (int i = 0; i < 100; i++) {
			BenchText.Text text = BenchText.message(random);
			judged.add(Map.of("id", "ham" + i, "text", text.body(), "label", "ham"));
			judged.add(Map.of("id", "spam" + i, "text", String.format(Locale.ROOT, SPAM, i), "label", "spam"));
		}
		Api.Response learned = client.post("/api/v1/authenticity/comments/labels", Map.of("comments", judged));
		assertThat(learned.status()).as(learned.body()).isEqualTo(200);
		int[] sequence = { 0 };
		try {
			for (boolean on : new boolean[] { true, false }) {
				inbox.screening(on);
				post(client, sequence, 3, random);
			}
			double on = 0;
			double off = 0;
			double[] ratios = new double[ROUNDS];
			for (int round = 0; round < ROUNDS; round++) {
				double roundOn = 0;
				double roundOff = 0;
				for (boolean screening : round % 2 == 0 ? new boolean[] { true, false } : new boolean[] { false, true }) {
					inbox.screening(screening);
					double rate = post(client, sequence, BATCHES, random);
					BenchSupport.report("spam", String.format(Locale.ROOT, "ingestion round %d spam screening %s: %.0f messages/s",
							round, screening ? "on " : "off", rate));
					if (screening) {
						roundOn = rate;
					}
					else {
						roundOff = rate;
					}
				}
				on += roundOn;
				off += roundOff;
				ratios[round] = roundOn / roundOff;
			}
			java.util.Arrays.sort(ratios);
			double median = ROUNDS % 2 == 1 ? ratios[ROUNDS / 2] : (ratios[ROUNDS / 2 - 1] + ratios[ROUNDS / 2]) / 2;
			BenchSupport.report("spam", String.format(Locale.ROOT,
					"ratio on/off per round (each pair run back to back): median %.1f %%, from %.1f %% to %.1f %%",
					100 * median, 100 * ratios[0], 100 * ratios[ROUNDS - 1]));
			BenchSupport.report("spam", String.format(Locale.ROOT,
					"ingestion with spam screening on: %.0f messages/s, off: %.0f messages/s, ratio %.1f %% (cost %.1f %%)",
					on / ROUNDS, off / ROUNDS, 100 * on / off, 100 * (1 - on / off)));
			int caught = jdbc.sql("select count(*) from conversations where workspace_id = ? and spam")
				.param(tenant.workspace().id()).query(Integer.class).single();
			BenchSupport.report("spam", "conversations in Spam after the run: " + caught);
			// The screening alone, as the inbox calls it (once per batch of 1000 texts): independent of the load on
			// the database and the HTTP path, so its share of a batch's ingestion time is steadier than the ratio.
			List<List<String>> batches = new ArrayList<>();
			for (int b = 0; b < BATCHES; b++) {
				List<String> texts = new ArrayList<>(BATCH);
				for (int i = 0; i < BATCH; i++) {
					texts.add(i % 50 == 7 ? String.format(Locale.ROOT, SPAM, i) : BenchText.message(random).body());
				}
				batches.add(texts);
			}
			double alone = 0;
			for (int round = -1; round < ROUNDS; round++) {
				long started = System.nanoTime();
				for (List<String> texts : batches) {
					assertThat(screen.spamProbabilities(tenant.workspace().id(), texts)).hasSize(BATCH);
				}
				if (round >= 0) {
					alone += BATCHES * BATCH / ((System.nanoTime() - started) / 1e9);
				}
			}
			alone /= ROUNDS;
			BenchSupport.report("spam", String.format(Locale.ROOT,
					"screening alone (model loaded, every text scored): %.0f messages/s, %.2f ms per batch of 1000;"
							+ " at the %.0f messages/s of ingestion without it, that is %.1f %% of ingestion time",
					alone, 1000 * BATCH / alone, off / ROUNDS, 100 * (off / ROUNDS) / alone));
		}
		finally {
			inbox.screening(true);
		}
	}

	/** Posts {@code batches} batches of 1000 messages (a fifth continue a conversation); messages per second. */
	private double post(Api client, int[] sequence, int batches, Random random) {
		long started = System.nanoTime();
		for (int b = 0; b < batches; b++) {
			List<Map<String, Object>> messages = new ArrayList<>(BATCH);
			for (int i = 0; i < BATCH; i++) {
				int n = sequence[0]++;
				int thread = n % 5 == 4 ? n - 4 : n;
				BenchText.Text text = BenchText.message(random);
				String body = n % 50 == 7 ? String.format(Locale.ROOT, SPAM, n) : text.body();
				messages.add(Map.of("channel", "api", "externalId", "m" + n, "threadKey", "t" + thread, "from",
						Map.of("handle", "p" + thread + "@example.org", "name", "Person " + thread), "subject", text.subject(),
						"body", body, "sentAt", Instant.now().minusSeconds(3600 - (n % 3600)).toString()));
			}
			Api.Response r = client.post("/api/v1/messages", Map.of("messages", messages));
			assertThat(r.status()).as(r.body()).isEqualTo(201);
		}
		return batches * BATCH / ((System.nanoTime() - started) / 1e9);
	}
}

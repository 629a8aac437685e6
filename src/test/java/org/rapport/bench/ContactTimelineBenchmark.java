package org.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.contacts.StageProposals;
import org.rapport.contacts.TimelineSource;
import org.rapport.platform.ContactId;
import org.springframework.beans.factory.annotation.Autowired;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

/**
 * The timeline of one contact with 10,000 items: 9,000 messages and replies in 100 conversations and 1,000 logged
 * offline activities. Measures {@code GET /api/v1/contacts/{id}} (which includes the newest timeline items) and the
 * contact page, each 300 times after 50 warm-up requests, one request at a time.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=ContactTimelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (optional {@code -Dbench.requests=300}). Results: {@code [bench]} lines and {@code target/bench/contact-timeline.txt}.
 */
class ContactTimelineBenchmark extends IntegrationTest {

	static final int CONVERSATIONS = 100;
	static final int PER_CONVERSATION = 90;
	static final int ACTIVITIES = 1_000;
	static final int WARM_UP = 50;
	static final int REQUESTS = Integer.getInteger("bench.requests", 300);
	static final String OUT = "contact-timeline";

	@Autowired
	java.util.List<TimelineSource> sources;

	@Autowired
	StageProposals proposals;

	final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Test
	void timelineOfAContactWithTenThousandItems() throws Exception {
		String contact = api.post("/api/v1/contacts", Map.of("name", "Tina Timeline")).json().get("id").asString();
		load(UUID.fromString(contact));
		int items = jdbc.sql("select count(*) from messages m join conversations c on c.id = m.conversation_id where c.contact_id = ?")
			.param(UUID.fromString(contact)).query(Integer.class).single();
		assertThat(items).isEqualTo(CONVERSATIONS * PER_CONVERSATION + ACTIVITIES);
		login();

		Api.Response first = api.get("/api/v1/contacts/" + contact);
		assertThat(first.status()).isEqualTo(200);
		int returned = first.json().get("timeline").size();
		String page = get("/contacts/" + contact);
		assertThat(page).contains("Tina Timeline");

		// Where the time goes: each timeline source and the stage proposals on their own, in the same process.
		for (TimelineSource source : sources) {
			long[] t = measure(() -> source.timeline(workspace.id(), ContactId.of(UUID.fromString(contact)), 70), 10, 50);
			BenchSupport.report(OUT, "  part " + source.getClass().getSimpleName() + ": " + BenchSupport.latencies(t));
		}
		for (int limit : new int[] { 50 }) {
			String plan = String.join("\n", jdbc.sql("""
					explain (analyze, buffers)
					select m.sent_at, m.kind, coalesce(m.activity_kind, ch.kind) as channel, m.direction,
					  coalesce(nullif(m.subject, ''), c.subject) as title, left(m.body_text, 200) as excerpt, c.id
					from conversations c join messages m on m.conversation_id = c.id join channels ch on ch.id = c.channel_id
					where c.contact_id = ? and c.workspace_id = ?
					order by m.sent_at desc limit ?""")
				.params(UUID.fromString(contact), workspace.id(), limit).query(String.class).list());
			BenchSupport.report(OUT, "  inbox timeline query, limit " + limit + ":\n" + plan);
		}
		// The same page read conversation by conversation from the index on messages(conversation_id, sent_at): only
		// the 50 conversations with the newest messages can hold the 50 newest items.
		String alternative = String.join("\n", jdbc.sql("""
				explain (analyze, buffers)
				select m.sent_at, m.kind, coalesce(m.activity_kind, ch.kind) as channel, m.direction,
				  coalesce(nullif(m.subject, ''), c.subject) as title, left(m.body_text, 200) as excerpt, c.id
				from (select id, subject, channel_id from conversations where contact_id = ? and workspace_id = ?
				      order by last_message_at desc limit ?) c
				cross join lateral (select * from messages m where m.conversation_id = c.id
				      order by m.sent_at desc, m.seq desc limit ?) m
				join channels ch on ch.id = c.channel_id
				order by m.sent_at desc limit ?""")
			.params(UUID.fromString(contact), workspace.id(), 50, 50, 50).query(String.class).list());
		BenchSupport.report(OUT, "  inbox timeline query read per conversation, limit 50:\n" + alternative);
		long[] p = measure(() -> proposals.of(workspace.id(), UUID.fromString(contact)), 10, 50);
		BenchSupport.report(OUT, "  part StageProposals.of: " + BenchSupport.latencies(p));

		long[] apiTimes = measure(() -> assertThat(api.get("/api/v1/contacts/" + contact).status()).isEqualTo(200));
		long[] pageTimes = measure(() -> assertThat(get("/contacts/" + contact)).contains("timeline"));
		BenchSupport.report(OUT, "contact timeline, " + items + " items, GET /api/v1/contacts/{id} (" + returned
				+ " timeline items returned): " + BenchSupport.latencies(apiTimes));
		BenchSupport.report(OUT, "contact timeline, " + items + " items, GET /contacts/{id} page: "
				+ BenchSupport.latencies(pageTimes));
		BenchSupport.report(OUT, "  machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
				+ java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
	}

	interface Call {
		void run() throws Exception;
	}

	long[] measure(Call call) throws Exception {
		return measure(call, WARM_UP, REQUESTS);
	}

	long[] measure(Call call, int warmUp, int requests) throws Exception {
		for (int i = 0; i < warmUp; i++) {
			call.run();
		}
		long[] nanos = new long[requests];
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			call.run();
			nanos[i] = System.nanoTime() - start;
		}
		return nanos;
	}

	void load(UUID contact) {
		UUID ws = workspace.id();
		UUID api = jdbc.sql("select id from channels where workspace_id = ? and key = 'api'").param(ws).query(UUID.class).single();
		UUID offline = jdbc.sql("select id from channels where workspace_id = ? and key = 'offline'").param(ws).query(UUID.class).single();
		jdbc.sql("""
				insert into conversations(id, workspace_id, channel_id, contact_id, thread_key, subject, status, message_count,
				  preview, last_message_at)
				select gen_random_uuid(), ?, ?, ?, 'bench-' || g, 'Thema ' || g, case when g % 10 = 0 then 'open' else 'done' end,
				  ?, 'Vorschau', now() - make_interval(days => g * 3)
				from generate_series(1, ?) g""")
			.params(ws, api, contact, PER_CONVERSATION, CONVERSATIONS)
			.update();
		jdbc.sql("""
				insert into messages(id, workspace_id, conversation_id, channel_id, external_id, direction, kind, subject,
				  body_html, body_text, sent_at)
				select gen_random_uuid(), c.workspace_id, c.id, c.channel_id, c.thread_key || '-' || i,
				  case when i % 2 = 1 then 'in' else 'out' end, case when i % 2 = 1 then 'message' else 'reply' end, '',
				  '<p>Nachricht ' || i || '</p>',
				  'Nachricht ' || i || ' zum Sommerfest, zur Spendenaktion und zum Fachtag im Mai. Bitte melden Sie sich.',
				  c.last_message_at - make_interval(hours => ? - i)
				from conversations c cross join generate_series(1, ?) i
				where c.contact_id = ? and c.thread_key like 'bench-%'""")
			.params(PER_CONVERSATION, PER_CONVERSATION, contact)
			.update();
		jdbc.sql("""
				insert into conversations(id, workspace_id, channel_id, contact_id, thread_key, subject, status, message_count,
				  preview, last_message_at)
				select gen_random_uuid(), ?, ?, ?, 'activity-' || g, 'Anruf ' || g, 'done', 1, 'Anruf',
				  now() - make_interval(hours => g * 7)
				from generate_series(1, ?) g""")
			.params(ws, offline, contact, ACTIVITIES)
			.update();
		jdbc.sql("""
				insert into messages(id, workspace_id, conversation_id, channel_id, external_id, direction, kind, activity_kind,
				  subject, body_html, body_text, sent_at)
				select gen_random_uuid(), c.workspace_id, c.id, c.channel_id, c.thread_key, 'in', 'activity', 'call', c.subject,
				  '<p>Rückruf wegen Fachtag</p>', 'Rückruf wegen Fachtag', c.last_message_at
				from conversations c where c.contact_id = ? and c.thread_key like 'activity-%'""")
			.param(contact)
			.update();
		jdbc.sql("analyze conversations").update();
		jdbc.sql("analyze messages").update();
	}

	String get(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept-Language", "de-DE").GET().build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	void login() throws Exception {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/login"));
		assertThat(m.find()).isTrue();
		String body = "username=" + URLEncoder.encode(ownerEmail, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
		var done = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(done.statusCode()).isEqualTo(302);
		assertThat(done.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}
}

package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rapport.platform.RapportProperties;
import org.rapport.support.Api;
import org.rapport.support.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * Two nodes on one PostgreSQL, as behind a load balancer: a change made through one node shows on the other's
 * cached pages within a second, since the blog's version lives in the database. Node A is the shared test context,
 * node B a second application context on the same database with its own port and data directory.
 */
class BlogCacheAcrossNodesIntegrationTests extends BlogTestSupport {

	static ConfigurableApplicationContext b;
	static int bPort;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	RapportProperties properties;

	@AfterAll
	static void stopNodeB() {
		if (b != null) {
			b.close();
		}
	}

	@Test
	void aChangeThroughOneNodeShowsOnTheOthersCachedPageWithinASecond() throws Exception {
		startNodeB();
		JsonNode post = publish("Vor der Änderung", "Text.");
		String path = path(post);
		assertThat(read(path).body()).contains("Vor der Änderung");
		assertThat(read(path).body()).contains("Vor der Änderung");
		Api onB = new Api("http://localhost:" + bPort, token);
		String etagOnA = read(path).headers().firstValue("ETag").orElseThrow();
		assertThat(readOnB(path).headers().firstValue("ETag")).as("the same bytes on both nodes").hasValue(etagOnA);

		assertThat(onB.patch("/api/v1/blog/posts/" + post.get("id").asString(), Map.of("title", "Nach der Änderung")).status())
			.isEqualTo(200);
		assertThat(readOnB(path).body()).as("at once on the node that made the change").contains("Nach der Änderung");

		long started = System.nanoTime();
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
			.until(() -> read(path).body().contains("Nach der Änderung"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
		assertThat(read(path).headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etagOnA))
			.isEqualTo(readOnB(path).headers().firstValue("ETag"));

		comment(path, form("Lea Leserin", "lea@example.net", "Ein Gedanke von Lea."));
		String id = comments("pending").getLast().get("id").asString();
		assertThat(onB.post("/api/v1/blog/comments/" + id + "/approve", Map.of()).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
			.until(() -> read(path).body().contains("Ein Gedanke von Lea."));
	}

	private Api.Response readOnB(String path) {
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create("http://localhost:" + bPort + path))
			.header("Accept-Language", "de-DE"));
	}

	private void startNodeB() throws Exception {
		if (b != null) {
			return;
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			bPort = socket.getLocalPort();
		}
		// Command-line arguments, since they take precedence over application.properties; the same public address
		// as node A, as two nodes behind one load balancer have.
		b = SecondNode.start(dataSource, "--server.port=" + bPort, "--rapport.base-url=" + properties.baseUrl());
	}
}

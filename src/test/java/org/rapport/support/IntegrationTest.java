package org.rapport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.rapport.platform.ApiTokens;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the whole application on a random port against an embedded PostgreSQL in a fresh temporary data
 * directory (one per test JVM; the Spring context is shared). Each test gets its own workspace, owner and token,
 * so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

	static final Path DATA_DIR;

	/** The system property that switches Telegram's long polling on for a test class that sets it before it starts. */
	protected static final String TELEGRAM_LONG_POLLING = "rapport.test.telegram-long-polling";

	static {
		DATA_DIR = TestDataDirs.create("rapport-test-");
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("rapport.data-dir", DATA_DIR::toString);
		registry.add("rapport.allow-private-networks", () -> "true");
		registry.add("server.shutdown", () -> "immediate");
		registry.add("rapport.metrics-token", () -> METRICS_TOKEN);
		// A node that stops beating is taken for dead after six missed heartbeats: seconds in tests, not minutes.
		registry.add("rapport.jobs.heartbeat", () -> "1s");
		// Telegram bots of the tests are read when a test asks; a long poll held every second against a recorded
		// Bot API (which answers at once) would read them all the time. A benchmark that measures long polling
		// switches it on by the system property (a dynamic property of a subclass does not override this one).
		registry.add("rapport.telegram.long-polling", () -> System.getProperty(TELEGRAM_LONG_POLLING, "false"));
		// Several tests answer GET /api/v2/instance differently on the same recorded instance: never kept there.
		registry.add("rapport.mastodon.instance-kept", () -> "0s");
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected Workspaces workspaces;

	@Autowired
	protected Members members;

	@Autowired
	protected ApiTokens tokens;

	protected Workspace workspace;
	protected CurrentUser owner;
	protected String ownerEmail;
	protected String token;
	protected Api api;

	protected static final String PASSWORD = "correct horse battery";

	/** The token a Prometheus scraper presents to {@code /actuator/prometheus} in tests. */
	protected static final String METRICS_TOKEN = "scrape-me";

	@BeforeEach
	void createWorkspace() {
		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create("Test " + slug, slug);
		ownerEmail = "owner-" + slug + "@example.org";
		var member = members.add(workspace.id(), ownerEmail, "Olga Owner", PASSWORD, Role.OWNER);
		owner = new CurrentUser(member.userId(), ownerEmail, "Olga Owner", workspace.id(), Role.OWNER, null);
		token = tokens.create(owner, "test").token();
		api = new Api("http://localhost:" + port, token);
	}

	protected String baseUrl() {
		return "http://localhost:" + port;
	}
}

package org.rapport.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rapport as a process of its own on a data directory (its embedded PostgreSQL inside), for tests that kill it hard
 * and start it again on the same data. Its output goes to {@code target/crash-test-app.log}.
 */
public final class AppProcess {

	public static final String OWNER = "crash@example.org";

	public static final String PASSWORD = "crash-test-password";

	private AppProcess() {
	}

	/** Starts Rapport on {@code data} and {@code port}; {@code args} are further command-line arguments. */
	public static Process start(Path data, int port, String... args) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
				"org.rapport.RapportApplication"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("RAPPORT_DATA_DIR", data.toString());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("RAPPORT_ADMIN_EMAIL", OWNER);
		builder.environment().put("RAPPORT_ADMIN_PASSWORD", PASSWORD);
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/crash-test-app.log")));
		return builder.start();
	}

	public static void waitUntilReady(String base) throws InterruptedException {
		Api anonymous = new Api(base, null);
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			try {
				if (anonymous.get("/login").status() == 200) {
					return;
				}
			}
			catch (RuntimeException e) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Rapport did not start within 120 s; see target/crash-test-app.log");
	}

	/**
	 * A token of the owner the first start makes, which it makes just after the server answers: asked again until it
	 * exists (within 60 s).
	 */
	public static String ownersToken(String base) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(60);
		while (true) {
			Api.Response created = new Api(base, null).postBasic("/api/v1/tokens", OWNER, PASSWORD, Map.of());
			if (created.status() == 201 || created.status() == 200) {
				return created.json().get("token").asString();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("No token for the owner: " + created.status() + " " + created.body());
			}
			Thread.sleep(250);
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}

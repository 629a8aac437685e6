package org.rapport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary data directories for test runs. Each embedded database takes hundreds of megabytes, so before making a
 * new one this removes those that earlier runs left behind: older than an hour, with no PostgreSQL running in them.
 */
public final class TestDataDirs {

	private TestDataDirs() {
	}

	public static Path create(String prefix) {
		sweep();
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static void sweep() {
		Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
		Instant horizon = Instant.now().minus(Duration.ofHours(1));
		try (Stream<Path> dirs = Files.list(tmp)) {
			for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("rapport-")).toList()) {
				if (Files.getLastModifiedTime(dir).toInstant().isBefore(horizon) && !serverRunningIn(dir)) {
					delete(dir);
				}
			}
		}
		catch (IOException | UncheckedIOException e) {
			// Cleaning up is a courtesy; a test never fails because of it.
		}
	}

	private static boolean serverRunningIn(Path dir) {
		Path pid = dir.resolve("postgres/postmaster.pid");
		try {
			List<String> lines = Files.readAllLines(pid, StandardCharsets.US_ASCII);
			return !lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.getFirst().trim())).map(ProcessHandle::isAlive).orElse(false);
		}
		catch (IOException | NumberFormatException e) {
			return false;
		}
	}

	private static void delete(Path dir) throws IOException {
		try (Stream<Path> all = Files.walk(dir)) {
			for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}
}

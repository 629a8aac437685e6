package org.rapport.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;


import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.rapport.platform.RapportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL server inside the data directory when no {@code spring.datasource.url} is configured, so
 * that Rapport runs with one command. The data survives restarts; a server orphaned by a killed JVM is stopped
 * before a new one starts on the same directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(RapportProperties properties) throws IOException {
		Path dir = properties.dataDir().toAbsolutePath().normalize();
		Path pgData = dir.resolve("postgres");
		Files.createDirectories(dir);
		claimDataDirectory(dir);
		stopOrphanedServer(pgData);
		long started = System.nanoTime();
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(pgData)
			.setCleanDataDirectory(false)
			// The embedded server's defaults suit throw-away test databases; Rapport's data must survive a power cut.
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "100")
			.setServerConfig("shared_buffers", "128MB")
			.setPGStartupWait(Duration.ofSeconds(60))
			// Spring closes the server after every bean that needs it; a hook of its own would race them.
			.setRegisterShutdownHook(false)
			.start();
		log.info("Embedded PostgreSQL ready on port {} in {} ms, data in {}", postgres.getPort(),
				(System.nanoTime() - started) / 1_000_000, pgData);
		return postgres;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
		config.setMaximumPoolSize(12);
		config.setMinimumIdle(2);
		config.setPoolName("rapport");
		return new HikariDataSource(config);
	}

	/** Refuses to share a data directory with another running Rapport; remembers this process as its owner. */
	private static void claimDataDirectory(Path dir) throws IOException {
		Path owner = dir.resolve("rapport.pid");
		readPid(owner).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
			.filter(p -> p.pid() != ProcessHandle.current().pid())
			.ifPresent(p -> {
				throw new IllegalStateException("The data directory " + dir + " is in use by process " + p.pid());
			});
		Files.writeString(owner, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
	}

	/** A server whose JVM was killed keeps running; it holds the directory, so it is shut down first. */
	private static void stopOrphanedServer(Path pgData) {
		readPid(pgData.resolve("postmaster.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
			.ifPresent(server -> {
				log.warn("Stopping PostgreSQL server {} left behind by an earlier run", server.pid());
				server.destroy();
				try {
					server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (Exception e) {
					server.destroyForcibly();
				}
			});
	}

	private static Optional<Long> readPid(Path file) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
		}
		catch (IOException | NumberFormatException e) {
			return Optional.empty();
		}
	}

}

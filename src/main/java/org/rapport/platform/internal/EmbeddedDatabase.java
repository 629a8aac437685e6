package org.rapport.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.rapport.platform.OwnerOnlyFiles;
import org.rapport.platform.RapportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL server inside the data directory when no {@code spring.datasource.url} is configured, so
 * that Rapport runs with one command. The data survives restarts; a server orphaned by a killed JVM is stopped
 * before a new one starts on the same directory. The server listens on loopback only and asks every connection for
 * the superuser's password, a random one kept in {@value #PASSWORD_FILE} in the data directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	/** The superuser's password, in the data directory next to (not inside) the server's own files. */
	static final String PASSWORD_FILE = "database.password";

	static final String USER = "postgres";

	/** Only loopback; the server is for this process alone. */
	static final String LISTEN = "127.0.0.1,::1";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String HBA = """
			# Written by Rapport: every connection needs the password kept in %s, and only loopback is accepted.
			local   all             all                                     scram-sha-256
			host    all             all             127.0.0.1/32            scram-sha-256
			host    all             all             ::1/128                 scram-sha-256
			local   replication     all                                     scram-sha-256
			host    replication     all             127.0.0.1/32            scram-sha-256
			host    replication     all             ::1/128                 scram-sha-256
			""";

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(RapportProperties properties) throws IOException {
		Path dir = properties.dataDir().toAbsolutePath().normalize();
		Files.createDirectories(dir);
		claimDataDirectory(dir);
		stopOrphanedServer(dir.resolve("postgres"));
		return start(dir);
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres postgres, RapportProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?reWriteBatchedInserts=true");
		config.setUsername(USER);
		config.setPassword(password(properties.dataDir().toAbsolutePath().normalize()));
		config.setMaximumPoolSize(12);
		config.setMinimumIdle(2);
		config.setPoolName("rapport");
		return new HikariDataSource(config);
	}

	/**
	 * Starts the server on {@code dir/postgres} with password authentication (SCRAM-SHA-256) for every connection,
	 * on loopback only and without a Unix socket. A new data directory is created with the password from the start;
	 * one that an earlier version created to trust every local connection first gets the password set, then its
	 * {@code pg_hba.conf} switched, then is started again.
	 */
	static EmbeddedPostgres start(Path dir) throws IOException {
		Path pgData = dir.resolve("postgres");
		String password = password(dir);
		if (trusting(pgData)) {
			migrate(dir, pgData, password);
		}
		long started = System.nanoTime();
		EmbeddedPostgres postgres = builder(dir, pgData, password).start();
		log.info("Embedded PostgreSQL ready on port {} in {} ms, data in {}", postgres.getPort(),
				(System.nanoTime() - started) / 1_000_000, pgData);
		return postgres;
	}

	private static EmbeddedPostgres.Builder builder(Path dir, Path pgData, String password) {
		return EmbeddedPostgres.builder()
			.setDataDirectory(pgData)
			.setCleanDataDirectory(false)
			// The library runs initdb with "-A trust" and appends these "locale" entries as --key=value options, the
			// only way to pass initdb more: they override the trust with SCRAM and give the superuser its password.
			.setLocaleConfig("auth-host", "scram-sha-256")
			.setLocaleConfig("auth-local", "scram-sha-256")
			.setLocaleConfig("pwfile", dir.resolve(PASSWORD_FILE).toString())
			// used by the library's own readiness check
			.setConnectConfig("password", password)
			.setServerConfig("listen_addresses", LISTEN)
			.setServerConfig("unix_socket_directories", "''")
			.setServerConfig("password_encryption", "scram-sha-256")
			// The embedded server's defaults suit throw-away test databases; Rapport's data must survive a power cut.
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "100")
			.setServerConfig("shared_buffers", "128MB")
			.setPGStartupWait(Duration.ofSeconds(60))
			// Spring closes the server after every bean that needs it; a hook of its own would race them.
			.setRegisterShutdownHook(false);
	}

	/** Whether an existing data directory still lets connections in without a password. */
	static boolean trusting(Path pgData) throws IOException {
		Path hba = pgData.resolve("pg_hba.conf");
		if (!Files.exists(hba)) {
			return false;
		}
		for (String line : Files.readAllLines(hba, StandardCharsets.UTF_8)) {
			int comment = line.indexOf('#');
			String rule = comment < 0 ? line : line.substring(0, comment);
			if (Arrays.asList(rule.strip().split("\\s+")).contains("trust")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Sets the superuser's password while the old rules still let Rapport in, stops the server and only then
	 * replaces {@code pg_hba.conf}, so a crash in between leaves a directory that is simply migrated again.
	 */
	private static void migrate(Path dir, Path pgData, String password) throws IOException {
		log.warn("The embedded database in {} accepts connections without a password; setting one (kept in {})", pgData,
				dir.resolve(PASSWORD_FILE));
		try (EmbeddedPostgres old = builder(dir, pgData, password).start();
				Connection connection = old.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			// the password is Base64url (see password()), so it needs no escaping in the literal
			statement.execute("alter role " + USER + " password '" + password + "'");
		}
		catch (SQLException e) {
			throw new IOException("Could not set the embedded database's password: " + e.getMessage(), e);
		}
		Path hba = pgData.resolve("pg_hba.conf");
		Path next = pgData.resolve("pg_hba.conf.new");
		Files.writeString(next, HBA.formatted(PASSWORD_FILE + " of the data directory"), StandardCharsets.UTF_8);
		Files.move(next, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * The superuser's password: read from {@value #PASSWORD_FILE} in the data directory, or made at random on the
	 * first start and written there readable by the owner alone (0600; its permissions are narrowed if they were
	 * wider).
	 */
	static String password(Path dir) {
		Path file = dir.resolve(PASSWORD_FILE);
		try {
			if (Files.exists(file)) {
				OwnerOnlyFiles.narrow(file);
			}
			else {
				byte[] random = new byte[32];
				RANDOM.nextBytes(random);
				String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
				OwnerOnlyFiles.createIfAbsent(file, (fresh + "\n").getBytes(StandardCharsets.US_ASCII));
			}
			String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
			if (!password.matches("[A-Za-z0-9_-]{32,}")) {
				throw new IllegalStateException(file + " does not hold a password Rapport made; restore it from a backup.");
			}
			return password;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the database password " + file, e);
		}
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

package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.rapport.support.TestDataDirs;

/**
 * A data directory made by an earlier version, whose server trusted every local connection, gets a password on the
 * next start and keeps its data; the password is reused on later starts.
 */
class EmbeddedDatabaseTests {

	private static Connection connect(EmbeddedPostgres postgres, String password) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", password);
	}

	@Test
	void aDataDirectoryWithoutPasswordIsMigratedAndThePasswordReused() throws Exception {
		Path dir = TestDataDirs.create("rapport-legacy-db-");
		// As earlier versions started it: initdb with trust, no password.
		try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
			.setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
				Connection c = connect(legacy, "anything")) {
			c.createStatement().execute("create table kept(x int); insert into kept values (42)");
		}

		String password;
		try (EmbeddedPostgres migrated = EmbeddedDatabase.start(dir)) {
			Path file = dir.resolve(EmbeddedDatabase.PASSWORD_FILE);
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			password = Files.readString(file).strip();
			assertThatThrownBy(() -> connect(migrated, "anything").close()).isInstanceOf(SQLException.class)
				.hasMessageContaining("password authentication failed");
			try (Connection c = connect(migrated, password); var rs = c.createStatement().executeQuery("select x from kept")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getInt(1)).isEqualTo(42);
			}
		}
		assertThat(Files.readString(dir.resolve("postgres/pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*\\btrust\\b");

		try (EmbeddedPostgres again = EmbeddedDatabase.start(dir)) {
			assertThat(Files.readString(dir.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip()).isEqualTo(password);
			assertThatThrownBy(() -> connect(again, "anything").close()).isInstanceOf(SQLException.class);
			try (Connection c = connect(again, password)) {
				assertThat(c.isValid(5)).isTrue();
			}
		}
	}
}

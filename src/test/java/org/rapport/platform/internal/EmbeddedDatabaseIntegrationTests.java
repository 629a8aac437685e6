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
import org.rapport.platform.RapportProperties;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded PostgreSQL the application runs on asks every connection for the password kept in the data directory. */
class EmbeddedDatabaseIntegrationTests extends IntegrationTest {

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	RapportProperties properties;

	private Connection connect(String password) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", password);
	}

	@Test
	void refusesConnectionsWithAWrongOrNoPassword() throws Exception {
		assertThatThrownBy(() -> connect("wrong").close()).isInstanceOf(SQLException.class)
			.hasMessageContaining("password authentication failed");
		assertThatThrownBy(() -> connect("").close()).isInstanceOf(SQLException.class);
		assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort()
				+ "/postgres?user=postgres").close()).isInstanceOf(SQLException.class);

		Path file = properties.dataDir().resolve(EmbeddedDatabase.PASSWORD_FILE);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		String password = Files.readString(file).strip();
		assertThat(password).hasSizeGreaterThanOrEqualTo(32);

		try (Connection ok = connect(password); var rs = ok.createStatement().executeQuery("show listen_addresses")) {
			rs.next();
			assertThat(rs.getString(1)).isEqualTo("127.0.0.1,::1");
		}
		// and the application itself still talks to it
		assertThat(jdbc.sql("select count(*) from workspaces").query(Integer.class).single()).isPositive();
	}
}

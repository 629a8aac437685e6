package org.rapport.support;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.rapport.RapportApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A second Rapport node on the test's own PostgreSQL, as two nodes behind one load balancer. */
public final class SecondNode {

	private SecondNode() {
	}

	/**
	 * Starts the node; command-line arguments, since they take precedence over application.properties.
	 *
	 * @param more further arguments such as {@code --server.port=…} (a random port otherwise)
	 */
	public static ConfigurableApplicationContext start(DataSource dataSource, String... more) throws Exception {
		return new SpringApplicationBuilder(RapportApplication.class).run(arguments(dataSource, more).toArray(String[]::new));
	}

	/**
	 * The command-line arguments of a node on the test's database, with a data directory of its own and a random port
	 * unless {@code more} names them.
	 */
	public static List<String> arguments(DataSource dataSource, String... more) throws Exception {
		HikariDataSource db = dataSource.unwrap(HikariDataSource.class);
		List<String> args = new ArrayList<>(List.of(more));
		if (args.stream().noneMatch(a -> a.startsWith("--server.port="))) {
			args.add("--server.port=0");
		}
		if (args.stream().noneMatch(a -> a.startsWith("--rapport.data-dir="))) {
			args.add("--rapport.data-dir=" + TestDataDirs.create("rapport-node-2-"));
		}
		args.addAll(List.of(
				"--spring.datasource.url=" + db.getJdbcUrl(),
				"--spring.datasource.username=" + db.getUsername(),
				"--spring.datasource.password=" + db.getPassword(),
				"--spring.datasource.hikari.maximum-pool-size=4",
				"--rapport.allow-private-networks=true",
				"--server.shutdown=immediate",
				"--spring.jmx.enabled=false"));
		return args;
	}

	/** The port the node listens on. */
	public static int port(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
	}
}

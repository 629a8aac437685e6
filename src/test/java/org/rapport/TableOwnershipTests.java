package org.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each table belongs to one module (the table in {@code docs/architecture.md}), and only that module's SQL names it.
 * The crossings that exist are listed here as debts: the list may only shrink.
 */
class TableOwnershipTests {

	/** module → foreign table, as "module→table". Remove a line when its crossing is gone; never add one. */
	static final Set<String> KNOWN_CROSSINGS = Set.of();

	private static final Path SOURCES = Path.of("src/main/java/org/rapport");

	@Test
	void everyTableHasOneOwningModule() throws IOException {
		Map<String, String> owners = owners();
		Set<String> created = new TreeSet<>();
		try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
			List<Path> inOrder = migrations.sorted(java.util.Comparator.comparingInt(
					m -> Integer.parseInt(m.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")))).toList();
			for (Path migration : inOrder) {
				String sql = Files.readString(migration).toLowerCase();
				Matcher table = Pattern.compile("create table (?:if not exists )?([a-z_]+)").matcher(sql);
				while (table.find()) {
					created.add(table.group(1));
				}
				Matcher dropped = Pattern.compile("drop table (?:if exists )?([a-z_]+)").matcher(sql);
				while (dropped.find()) {
					created.remove(dropped.group(1));
				}
				Matcher renamed = Pattern.compile("alter table ([a-z_]+) rename to ([a-z_]+)").matcher(sql);
				while (renamed.find()) {
					created.remove(renamed.group(1));
					created.add(renamed.group(2));
				}
			}
		}
		assertThat(owners.keySet()).as("tables in docs/architecture.md").containsExactlyInAnyOrderElementsOf(created);
	}

	@Test
	void noModuleNamesAnotherModulesTableInItsSql() throws IOException {
		Map<String, String> owners = owners();
		Set<String> crossings = new TreeSet<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String module = SOURCES.relativize(file).getName(0).toString();
				if (module.endsWith(".java")) {
					continue;
				}
				String source = Files.readString(file).toLowerCase();
				owners.forEach((table, owner) -> {
					if (!owner.equals(module) && Pattern.compile("\\b(?:from|join|into|update|references)\\s+" + table + "\\b")
						.matcher(source).find()) {
						crossings.add(module + "→" + table);
					}
				});
			}
		}
		assertThat(crossings).as("SQL naming another module's table (ask its owner through its API instead)")
			.isSubsetOf(KNOWN_CROSSINGS);
		assertThat(KNOWN_CROSSINGS).as("crossings that are gone: remove them from KNOWN_CROSSINGS")
			.isSubsetOf(crossings);
	}

	/** table → module, from the table of modules in docs/architecture.md. */
	static Map<String, String> owners() throws IOException {
		Map<String, String> owners = new HashMap<>();
		Matcher row = Pattern.compile("(?m)^\\| ([a-z]+) \\| ([^|]+) \\|").matcher(Files.readString(Path.of("docs/architecture.md")));
		while (row.find()) {
			Matcher table = Pattern.compile("`([a-z_]+)`").matcher(row.group(2));
			while (table.find()) {
				String previous = owners.put(table.group(1), row.group(1));
				assertThat(previous).as("table %s has two owners", table.group(1)).isNull();
			}
		}
		assertThat(owners).isNotEmpty();
		return owners;
	}
}

package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A channel is a package: code and pages outside {@code channels/<x>} do not name channel {@code x} — neither its kind
 * nor the keys of its default channels. They ask the contract ({@link ChannelConnector}, {@link Channels},
 * {@link ReplyRoutes}) or use the package's public API. The names are read from each connector package's
 * {@code KIND}/{@code KEY} constants and {@code kind()}.
 * <p>
 * Some words are also something else: {@code email} and {@code activitypub} are kinds of a contact's identity,
 * {@code email} is a form field and a column, {@code activitypub} a protocol, {@code mastodon} a field of a blog
 * author's profile, {@code feed} the blog's own feed and a field of Meta's webhooks. For those the test looks only at
 * lines about channels (mentioning a channel, a kind or a channel key).
 */
class ChannelNamingTests {

	private static final Path MAIN = Path.of("src/main/java/org/rapport");
	private static final Path CHANNELS = MAIN.resolve("channels");
	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/** Words with a second meaning outside channels. */
	private static final Set<String> AMBIGUOUS = Set.of("email", "activitypub", "mastodon", "feed");

	private static final Pattern CONSTANT = Pattern.compile("static final String (?:KIND|KEY) = \"([^\"]+)\"");
	private static final Pattern KIND_METHOD = Pattern.compile("String kind\\(\\) \\{\\s*return \"([^\"]+)\"");
	private static final Pattern CHANNEL_LINE = Pattern.compile("(?i)channel|kind\\(\\)|kind\\s*==|bykey|ofkind");

	@Test
	void codeOutsideAChannelsPackageDoesNotNameTheChannel() throws IOException {
		Map<Path, Set<String>> names = channelNames();
		assertThat(names).as("connector packages found").hasSizeGreaterThanOrEqualTo(6);
		names.forEach((pkg, words) -> assertThat(words).as("names declared in " + pkg).isNotEmpty());

		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Stream.concat(Files.walk(MAIN), Files.walk(TEMPLATES))) {
			files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".html")).forEach(file -> {
				List<String> lines = read(file);
				names.forEach((pkg, words) -> {
					if (file.startsWith(pkg)) {
						return;
					}
					for (int i = 0; i < lines.size(); i++) {
						String line = lines.get(i).strip();
						if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
							continue;
						}
						for (String word : words) {
							boolean named = line.contains("\"" + word + "\"") || line.contains("'" + word + "'");
							if (named && (!AMBIGUOUS.contains(word) || CHANNEL_LINE.matcher(line).find())) {
								found.add(file + ":" + (i + 1) + " names channel '" + word + "' of " + pkg.getFileName() + ": " + line);
							}
						}
					}
				});
			});
		}
		assertThat(found).as("Ask the channel contract or the channel package's API instead").isEmpty();
	}

	/** The kinds and default channel keys each connector package declares, by package directory. */
	static Map<Path, Set<String>> channelNames() throws IOException {
		Map<Path, Set<String>> names = new TreeMap<>();
		try (Stream<Path> dirs = Files.list(CHANNELS)) {
			for (Path dir : dirs.filter(Files::isDirectory).toList()) {
				String sources = String.join("\n", Files.walk(dir).filter(f -> f.toString().endsWith(".java"))
					.map(ChannelNamingTests::read).flatMap(List::stream).toList());
				if (!sources.contains("implements ChannelConnector")) {
					continue;
				}
				Set<String> words = new LinkedHashSet<>();
				for (Pattern p : List.of(CONSTANT, KIND_METHOD)) {
					Matcher m = p.matcher(sources);
					while (m.find()) {
						words.add(m.group(1));
					}
				}
				names.put(dir, words);
			}
		}
		return names;
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

package org.rapport.channels.feed;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.HeardPage;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.platform.InvalidFieldException;
import org.springframework.stereotype.Component;

/**
 * A feed someone publishes — RSS, Atom or JSON Feed — followed by its address. Its items are heard in Listening, each
 * once; nobody answers a feed, so its channel has no conversations and sends nothing.
 */
@Component
class FeedConnector implements ChannelConnector {

	static final String KIND = "feed";

	static final String URL = "url";

	private final FeedReader reader;

	FeedConnector(FeedReader reader) {
		this.reader = reader;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Text name() {
		return Text.of("Feed", "Feed");
	}

	@Override
	public Text account() {
		return Text.of("feed (RSS, Atom, JSON Feed)", "Feed (RSS, Atom, JSON Feed)");
	}

	@Override
	public Text about() {
		return Text.of("Follow what others publish — a press portal, a partner's blog, a job board — by the address of its "
				+ "feed. New items appear in Listening, each once; the monitors there pick out those that matter.",
				"Folgen Sie dem, was andere veröffentlichen — einem Presseportal, dem Blog eines Partners, einer Stellenbörse "
						+ "— über die Adresse seines Feeds. Neue Beiträge erscheinen unter Zuhören, jeder einmal; die "
						+ "Suchaufträge dort heben hervor, was wichtig ist.");
	}

	@Override
	public String icon() {
		return "M4 11a9 9 0 0 1 9 9M4 4a16 16 0 0 1 16 16M5 19h.01";
	}

	@Override
	public List<Setting> settings() {
		return List.of(Setting.of(URL, Setting.Type.URL, Text.of("Feed address", "Adresse des Feeds")).mandatory()
			.help(Text.of("The address of the RSS, Atom or JSON feed, e.g. https://example.org/feed.xml",
					"Die Adresse des RSS-, Atom- oder JSON-Feeds, z. B. https://example.org/feed.xml")));
	}

	@Override
	public Replies replies() {
		return Replies.STORED;
	}

	@Override
	public Readiness readiness(Channel channel) {
		return Readiness.missing(Text.of("A feed is followed, not answered.", "Einem Feed folgt man, man antwortet ihm nicht."),
				Text.of("Answer the author where they wrote.", "Antworten Sie dort, wo geschrieben wurde."), "/listening");
	}

	/** Checks the address and reads the feed once, so that an address that is no feed is refused when entered. */
	@Override
	public Map<String, String> validate(Map<String, String> config) {
		String given = config.get(URL) == null ? "" : config.get(URL).strip();
		if (given.isEmpty()) {
			throw new InvalidFieldException("config." + URL, "The feed's address is missing.");
		}
		URI uri;
		try {
			uri = URI.create(given);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException("config." + URL, "'" + given + "' is not an address.");
		}
		if (uri.getHost() == null || uri.getScheme() == null
				|| !List.of("https", "http").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
			throw new InvalidFieldException("config." + URL, "A feed's address starts with https:// or http://.");
		}
		try {
			reader.read(uri, null);
		}
		catch (ListeningUnavailable e) {
			throw new InvalidFieldException("config." + URL, e.getMessage());
		}
		return Map.of(URL, uri.toString());
	}

	@Override
	public Optional<Listener> listener(Channel channel) {
		URI uri = URI.create(channel.config().get(URL));
		return Optional.of(new Listener() {

			@Override
			public boolean searches() {
				return false;
			}

			@Override
			public HeardPage read(Collection<String> terms, String cursor) throws ListeningUnavailable {
				return reader.read(uri, cursor);
			}
		});
	}
}

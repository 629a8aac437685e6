package org.rapport.authenticity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.springframework.stereotype.Component;

/**
 * Practice mode: a manager writes a simulated sudden storm ({@link StormSimulator#practiceStorm}) into one of the
 * workspace's channels through the normal ingestion path, as if the messages had arrived, to see the banner, the alert
 * page and the mail. The simulated people become contacts with addresses at {@code example.org}, each message marked
 * with the header {@code X-Rapport-Practice}.
 */
@Component
public class StormPractice {

	/** The fewest and most people a practice storm may have. */
	public static final int MIN_PEOPLE = 5;
	public static final int MAX_PEOPLE = 200;

	/** What a practice storm did. */
	public record Result(UUID channelId, int written, StormAlert alert) {
	}

	private final Channels channels;
	private final Ingestion ingestion;
	private final StormWatch watch;

	StormPractice(Channels channels, Ingestion ingestion, StormWatch watch) {
		this.channels = channels;
		this.ingestion = ingestion;
		this.watch = watch;
	}

	/**
	 * Writes {@code people} angry messages from as many new people into the channel, the last one now.
	 *
	 * @throws InvalidFieldException ({@code people}) outside {@link #MIN_PEOPLE}–{@link #MAX_PEOPLE}
	 */
	public Result simulate(CurrentUser user, UUID channelId, int people) {
		user.requireManager();
		if (people < MIN_PEOPLE || people > MAX_PEOPLE) {
			throw new InvalidFieldException("people", "people must lie between " + MIN_PEOPLE + " and " + MAX_PEOPLE
					+ ", not " + people + ".");
		}
		Channel channel = channels.get(user.workspaceId(), ChannelId.of(channelId));
		long seed = Instant.now().toEpochMilli();
		List<InboundMessage> batch = StormSimulator.practiceStorm(seed, Instant.now(), people).stream()
			.map(m -> {
				String handle = "practice-" + m.authorId().toString().substring(0, 12) + "@example.org";
				return new InboundMessage("practice-" + m.id(), "practice-" + m.authorId(), List.of(),
						new IdentityClaim(IdentityKind.EMAIL, handle, m.authorName()), null, null, m.text(), false, m.at(),
						"in", "message", null, List.of(), java.util.Map.of("X-Rapport-Practice", "storm"));
			})
			.toList();
		Ingestion.Result result = ingestion.ingest(channel, batch);
		StormAlert alert = watch.open(user.workspaceId()).stream().filter(a -> a.channelId().equals(channelId))
			.findFirst().orElse(null);
		return new Result(channelId, result.accepted(), alert);
	}
}

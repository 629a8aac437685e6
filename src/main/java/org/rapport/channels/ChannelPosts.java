package org.rapport.channels;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The posts the channels' accounts published on their networks, and which of them started a conversation: a post
 * did when someone other than the account commented on it ({@link InboundMessage#onPost}). Every hour (recurring work
 * {@code channel-posts}, {@code rapport.channels.posts-interval}) each switched-on channel whose kind lists its own
 * posts ({@link ChannelConnector#ownPosts}) is read from its newest post back to where the last complete read
 * stopped — on the first read, {@value #FIRST_READ_DAYS} days back; always at least {@value #RECOUNT_DAYS} days, so that
 * the likes and shares of recent posts stay current — at most {@value #MAX_PAGES} pages a run. A post
 * is kept once by its id; a read that fails halfway is done again from the top next time, and stops nowhere earlier.
 * A comment may arrive before its post was read: the comment is kept against the post's id, and the post counts once
 * it is read.
 */
@Component
public class ChannelPosts implements org.rapport.inbox.DiscussedPosts {

	private static final Logger log = LoggerFactory.getLogger(ChannelPosts.class);

	/** How far back the first read of an account goes: a year and a month, so that a year's figures are complete. */
	static final int FIRST_READ_DAYS = 400;

	/** How many days back each read goes at least, to keep the counts of recent posts current. */
	static final int RECOUNT_DAYS = 7;

	/** The most pages one run reads of one account. */
	static final int MAX_PAGES = 10;

	private final JdbcClient jdbc;
	private final Channels channels;

	ChannelPosts(JdbcClient jdbc, @Lazy Channels channels) {
		this.jdbc = jdbc;
		this.channels = channels;
	}

	@Bean
	RecurringWork channelPostsRecurring(@Value("${rapport.channels.posts-interval:1h}") Duration interval) {
		return RecurringWork.every("channel-posts", interval, this::readAll);
	}

	void readAll() {
		for (ChannelConnector connector : channels.connectors()) {
			for (Channel channel : channels.enabledOfKind(connector.kind())) {
				if (connector.ownPosts(channel).isEmpty()) {
					continue;
				}
				try {
					read(channel);
				}
				catch (RuntimeException e) {
					log.warn("The posts of channel {} could not be read", channel.id(), e);
				}
			}
		}
	}

	/**
	 * Reads the channel's posts as {@link #read} does, unless they were read in the last quarter of an hour: a fetch
	 * asked for by hand ({@code POST /api/v1/channels/{id}/sync}) then spends nothing of the network's limits on them.
	 */
	public int readIfDue(Channel channel) {
		boolean recent = jdbc.sql("""
				select count(*) from channel_post_reads where channel_id = ? and last_read_at > now() - interval '15 minutes'""")
			.param(channel.id()).query(Integer.class).single() > 0;
		return recent ? 0 : read(channel);
	}

	/**
	 * Reads what the channel's account published since the last complete read, unless its network asked for a pause;
	 * answers how many posts were read ({@code 0} for a kind that lists none).
	 */
	public int read(Channel channel) {
		Optional<ChannelConnector.OwnPosts> own = channels.connector(channel.kind()).ownPosts(channel);
		if (own.isEmpty()) {
			return 0;
		}
		record Where(Instant readUntil, Instant notBefore) {
		}
		Where where = jdbc.sql("""
				insert into channel_post_reads(channel_id) values (?)
				on conflict (channel_id) do update set channel_id = excluded.channel_id
				returning read_until, not_before""")
			.param(channel.id())
			.query((rs, n) -> new Where(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))))
			.single();
		Instant now = Instant.now();
		if (where.notBefore() != null && where.notBefore().isAfter(now)) {
			return 0;
		}
		Instant horizon = where.readUntil() != null ? where.readUntil() : now.minus(Duration.ofDays(FIRST_READ_DAYS));
		// the last week's posts are read again, so that their likes and shares stay current while people react
		Instant recount = now.minus(Duration.ofDays(RECOUNT_DAYS));
		horizon = horizon.isAfter(recount) ? recount : horizon;
		Instant newest = null;
		int read = 0;
		String cursor = null;
		try {
			boolean complete = false;
			for (int page = 0; page < MAX_PAGES && !complete; page++) {
				PublishedPage published = own.get().page(cursor);
				for (PublishedPost post : published.posts()) {
					// as the database keeps it, to the microsecond, so that the newest post read is not older next time
					Instant at = post.publishedAt() == null ? null : post.publishedAt().truncatedTo(ChronoUnit.MICROS);
					if (at == null || at.isBefore(horizon)) {
						complete = true;
						continue;
					}
					keep(channel, post, at);
					read++;
					newest = newest == null || at.isAfter(newest) ? at : newest;
				}
				cursor = published.next();
				complete |= cursor == null;
			}
			// a read cut short by the page limit keeps the old mark, so the next one goes back as far again
			Instant until = complete ? (newest != null ? newest : where.readUntil() != null ? where.readUntil() : horizon)
					: where.readUntil();
			jdbc.sql("""
					update channel_post_reads set last_read_at = ?, read_until = ?, not_before = null, last_error = ''
					where channel_id = ?""")
				.params(Timestamp.from(now), until == null ? null : Timestamp.from(until), channel.id())
				.update();
		}
		catch (ListeningUnavailable e) {
			jdbc.sql("update channel_post_reads set last_read_at = ?, not_before = ?, last_error = ? where channel_id = ?")
				.params(Timestamp.from(now), e.retryAt() == null ? null : Timestamp.from(e.retryAt()),
						e.getMessage() == null ? "" : e.getMessage(), channel.id())
				.update();
			log.info("The posts of channel {} could not be read: {}", channel.id(), e.getMessage());
		}
		return read;
	}

	/**
	 * Keeps a post of the channel's account that its connector saw without listing the account's posts: a network
	 * that tells of each new post as it is published, or shows the post with a comment on it (a messenger's channel,
	 * whose posts no bot can list), hands it over here, as often as it sees it. The post is kept once by its id, with
	 * what was seen last (an edited text replaces the old one), and is shown above the conversations that comment on
	 * it ({@link InboundMessage#onPost}) and counted like a post that was read.
	 */
	public void saw(Channel channel, PublishedPost post) {
		if (post == null || post.externalId() == null || post.externalId().isBlank()) {
			return;
		}
		keep(channel, post, post.publishedAt() == null ? null : post.publishedAt().truncatedTo(ChronoUnit.MICROS));
	}

	private void keep(Channel channel, PublishedPost post, Instant at) {
		String text = post.text() == null ? "" : post.text().strip();
		jdbc.sql("""
				insert into channel_posts(channel_id, workspace_id, external_id, url, excerpt, published_at, likes, shares,
				  replies)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (channel_id, external_id) do update
				set url = excluded.url, excerpt = excluded.excerpt,
				  published_at = coalesce(excluded.published_at, channel_posts.published_at),
				  likes = coalesce(excluded.likes, channel_posts.likes), shares = coalesce(excluded.shares, channel_posts.shares),
				  replies = coalesce(excluded.replies, channel_posts.replies)""")
			.params(channel.id(), channel.workspaceId(), post.externalId(), post.url(),
					text.length() > 280 ? text.substring(0, 279) + "…" : text, at == null ? null : Timestamp.from(at), post.likes(), post.shares(),
					post.replies())
			.update();
	}

	/**
	 * Notes the messages of a batch that comment on a post of the channel's account, in the ingestion's transaction:
	 * new messages from someone else, not from a machine. The earliest comment is kept, so a message read twice, or
	 * late, changes nothing that is already known.
	 */
	void commented(Channel channel, List<InboundMessage> accepted) {
		for (InboundMessage m : accepted) {
			if (m.post() == null || !"in".equals(m.direction()) || m.automated() || !"message".equals(m.kind())) {
				continue;
			}
			Instant at = m.sentAt() == null ? Instant.now() : m.sentAt();
			jdbc.sql("""
					insert into channel_posts(channel_id, workspace_id, external_id, first_comment_at) values (?, ?, ?, ?)
					on conflict (channel_id, external_id) do update
					set first_comment_at = least(channel_posts.first_comment_at, excluded.first_comment_at)""")
				.params(channel.id(), channel.workspaceId(), m.post(), Timestamp.from(at))
				.update();
		}
	}

	/**
	 * The posts published from {@code from} (included) to {@code to} (excluded) by the workspace's channels (or one
	 * channel), and of those the ones someone commented on.
	 */
	public Dialogue dialogueBetween(UUID workspaceId, ChannelId channel, Instant from, Instant to) {
		UUID channelId = channel == null ? null : channel.value();
		return jdbc.sql("""
				select count(*), count(first_comment_at), coalesce(sum(likes), 0), coalesce(sum(shares), 0)
				from channel_posts
				where workspace_id = ? and published_at >= ? and published_at < ? and (?::uuid is null or channel_id = ?)""")
			.params(workspaceId, Timestamp.from(from), Timestamp.from(to), channelId, channelId)
			.query((rs, n) -> new Dialogue(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	/**
	 * @param started of the {@code published} posts, those someone commented on
	 * @param likes the likes (favourites) the networks count on them, as last read
	 * @param shares the shares (boosts, reposts) the networks count on them, as last read
	 */
	public record Dialogue(long published, long started, long likes, long shares) {
	}

	/**
	 * A post of a channel's account as a list shows it.
	 *
	 * @param firstCommentAt when someone first commented on it, {@code null} when nobody has
	 */
	public record Post(UUID channelId, String externalId, String url, String excerpt, Instant publishedAt,
			Instant firstCommentAt) {
	}

	/** The posts published in the period, newest first, at most {@code limit}. */
	public List<Post> publishedBetween(UUID workspaceId, UUID channelId, Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select channel_id, external_id, url, excerpt, published_at, first_comment_at from channel_posts
				where workspace_id = ? and published_at >= ? and published_at < ? and (?::uuid is null or channel_id = ?)
				order by published_at desc limit ?""")
			.params(workspaceId, Timestamp.from(from), Timestamp.from(to), channelId, channelId, limit)
			.query((rs, n) -> new Post(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))))
			.list();
	}

	/** The account's post a conversation discusses, once its text or address has been read from the network. */
	@Override
	public java.util.Optional<org.rapport.inbox.DiscussedPosts.Post> post(UUID workspaceId, ChannelId channelId,
			String postId) {
		return jdbc.sql("""
				select external_id, excerpt, url, published_at from channel_posts
				where workspace_id = ? and channel_id = ? and external_id = ? and (excerpt <> '' or url is not null)""")
			.params(workspaceId, channelId.value(), postId)
			.query((rs, n) -> new org.rapport.inbox.DiscussedPosts.Post(rs.getString(1), rs.getString(2), rs.getString(3),
					instant(rs.getTimestamp(4))))
			.optional();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}

package org.rapport.channels.linkedin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Reads the comments on every connected LinkedIn page's latest posts into the inbox, as recurring work of the one
 * background engine, one node at a time (every quarter of an hour, {@code rapport.linkedin.poll-interval}, and at
 * {@code POST /api/v1/channels/{id}/sync}): what the webhook brings at once, and what it missed while Rapport could
 * not be reached. {@code GET /rest/posts?q=author} lists the page's latest posts, {@code GET
 * /rest/socialActions/{post}/comments} their comments, and {@code GET /rest/socialActions/{comment}/comments} the
 * replies of a comment only when it has more than were taken in. Storing is idempotent by comment URN, the same id
 * the webhook gives, and the cursor (the newest comment taken in) moves only after storing, so a restart or a second
 * node neither loses nor repeats a comment. Nothing is asked while LinkedIn asked for a pause or refused the token.
 */
@Component
class LinkedInPolling {

	private static final Logger log = LoggerFactory.getLogger(LinkedInPolling.class);

	/** How many of the page's latest posts are read. */
	static final int POSTS = 10;

	/** How many comments of a post, or replies of a comment, one call reads. */
	static final int COMMENTS = 50;

	private final Channels channels;
	private final LinkedInClient client;
	private final LinkedInAccess access;
	private final LinkedInAccounts accounts;
	private final Ingestion ingestion;

	LinkedInPolling(Channels channels, LinkedInClient client, LinkedInAccess access, LinkedInAccounts accounts,
			Ingestion ingestion) {
		this.channels = channels;
		this.client = client;
		this.access = access;
		this.accounts = accounts;
		this.ingestion = ingestion;
	}

	@Bean
	RecurringWork linkedinPollRecurring(@Value("${rapport.linkedin.poll-interval:15m}") Duration interval) {
		return RecurringWork.every("linkedin-poll", interval, this::pollAll);
	}

	void pollAll() {
		for (Channel channel : channels.enabledOfKind(LinkedInConnector.KIND)) {
			try {
				poll(channel);
			}
			catch (RuntimeException e) {
				log.warn("LinkedIn channel {} could not be read", channel.id(), e);
			}
		}
	}

	/** Reads what is new on one page; answers how many comments were new. */
	int poll(Channel channel) {
		try {
			LinkedInAccounts.Account account = access.account(channel);
			if (!account.state().connected() || account.state().paused(Instant.now())) {
				return 0;
			}
			String organization = LinkedInConnector.organization(channel);
			JsonNode posts = access.call(channel, t -> client.get(t, "posts?author=" + LinkedInItems.encoded(organization)
					+ "&q=author&count=" + POSTS + "&sortBy=LAST_MODIFIED"));
			List<LinkedInItems.Item> items = new ArrayList<>();
			for (JsonNode post : posts.path("elements")) {
				String postUrn = post.path("id").asString("");
				if (postUrn.isEmpty()) {
					continue;
				}
				accounts.rememberPost(channel.id(), postUrn, post.path("commentary").asString(""));
				JsonNode comments = access.call(channel, t -> client.get(t,
						"socialActions/" + LinkedInItems.encoded(postUrn) + "/comments?count=" + COMMENTS));
				for (JsonNode comment : comments.path("elements")) {
					LinkedInItems.comment(comment, postUrn, organization, LinkedInConnector.IDENTITY).ifPresent(items::add);
					String urn = LinkedInItems.commentUrn(comment.path("commentUrn").asString(""));
					int replies = comment.path("commentsSummary").path("aggregatedTotalComments").asInt(0);
					if (urn.startsWith("urn:li:comment:") && replies > accounts.repliesKnown(channel.id(), urn)) {
						JsonNode nested = access.call(channel, t -> client.get(t,
								"socialActions/" + LinkedInItems.encoded(urn) + "/comments?count=" + COMMENTS));
						for (JsonNode reply : nested.path("elements")) {
							LinkedInItems.comment(reply, postUrn, organization, LinkedInConnector.IDENTITY)
								.map(r -> r.topUrn().equals(r.message().externalId()) ? withParent(r, urn) : r)
								.ifPresent(items::add);
						}
					}
				}
			}
			int received = take(channel, items);
			Instant newest = items.stream().map(i -> i.message().sentAt()).filter(Objects::nonNull)
				.max(Comparator.naturalOrder()).orElse(null);
			if (newest != null) {
				accounts.advance(channel.id(), newest);
			}
			accounts.healthy(channel.id());
			channels.state(channel.id(), "");
			return received;
		}
		catch (LinkedInClient.Failure e) {
			accounts.refused(channel.id(), e.pauseUntil, e.accessRejected, e.getMessage());
			channels.state(channel.id(), e.getMessage());
			log.info("LinkedIn channel {}: {}", channel.id(), e.getMessage());
			return 0;
		}
	}

	/**
	 * The text of a post a delivery did not bring along ({@code GET /rest/posts/{urn}}), or {@code null} when LinkedIn
	 * cannot be asked now (a pause, a refused token, an error): the heading then stays short, and a later comment on
	 * the post reads it.
	 */
	private String readPost(Channel channel, String postUrn) {
		try {
			LinkedInAccounts.Account account = access.account(channel);
			if (!account.state().connected() || account.state().paused(Instant.now())) {
				return null;
			}
			return access.call(channel, t -> client.get(t, "posts/" + LinkedInItems.encoded(postUrn)))
				.path("commentary").asString(null);
		}
		catch (LinkedInClient.Failure e) {
			if (e.accessRejected || e.pauseUntil != null) {
				accounts.refused(channel.id(), e.pauseUntil, e.accessRejected, e.getMessage());
			}
			log.info("LinkedIn channel {}: the post {} could not be read: {}", channel.id(), postUrn, e.getMessage());
			return null;
		}
	}

	/** A reply read under {@code parent} that does not name its parent itself. */
	private static LinkedInItems.Item withParent(LinkedInItems.Item reply, String parent) {
		InboundMessage m = reply.message();
		var headers = new java.util.LinkedHashMap<>(m.headers());
		headers.put("parentComment", parent);
		return new LinkedInItems.Item(new InboundMessage(m.externalId(), m.threadKey(), List.of(parent), m.from(),
				m.contactId(), m.subject(), m.body(), m.html(), m.sentAt(), m.direction(), m.kind(), m.activityKind(),
				m.attachments(), headers, m.automated()), reply.postUrn(), reply.postText(), parent, reply.own());
	}

	/**
	 * Stores what people wrote, each headed by the text of its post, and remembers where every comment hangs (the
	 * page's own too, so that its replies count as known); answers how many messages were new.
	 */
	int take(Channel channel, List<LinkedInItems.Item> items) {
		List<InboundMessage> batch = new ArrayList<>();
		for (LinkedInItems.Item item : items) {
			if (item.own()) {
				continue;
			}
			if (accounts.postText(channel.id(), item.postUrn()).isEmpty()) {
				String text = item.postText() != null ? item.postText() : readPost(channel, item.postUrn());
				if (text != null) {
					accounts.rememberPost(channel.id(), item.postUrn(), text);
				}
			}
			InboundMessage m = item.message();
			String subject = LinkedInItems.subject(accounts.postText(channel.id(), item.postUrn()).orElse(""));
			batch.add(new InboundMessage(m.externalId(), m.threadKey(), m.references(), m.from(), m.contactId(), subject,
					m.body(), m.html(), m.sentAt(), m.direction(), m.kind(), m.activityKind(), m.attachments(), m.headers(),
					m.automated()).onPost(m.externalId().startsWith("urn:li:comment:") ? item.postUrn() : null));
		}
		int accepted = 0;
		for (int from = 0; from < batch.size(); from += Ingestion.MAX_BATCH) {
			accepted += ingestion.ingest(channel, batch.subList(from, Math.min(batch.size(), from + Ingestion.MAX_BATCH)))
				.accepted();
		}
		for (LinkedInItems.Item item : items) {
			accounts.rememberComment(channel.id(), item.message().externalId(),
					new LinkedInAccounts.Comment(item.postUrn(), item.topUrn(), item.own()));
		}
		if (accepted > 0) {
			accounts.received(channel.id());
		}
		return accepted;
	}
}

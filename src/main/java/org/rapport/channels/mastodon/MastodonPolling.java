package org.rapport.channels.mastodon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.channels.network.EachChannel;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.contacts.PublicProfile;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Reads the mentions and direct messages of every connected Mastodon account into the inbox, as recurring work on
 * one node at a time. The cursor (the newest notification taken in) moves only after what was read is stored, and
 * storing is idempotent by status id, so a crash or a restart neither loses nor repeats a message. A pause the instance
 * asks for (HTTP 429) is kept and honoured; a rejected token stops reading until the account is reconnected.
 */
@Component
class MastodonPolling {

	private static final Logger log = LoggerFactory.getLogger(MastodonPolling.class);

	/** Notifications per page; Mastodon's maximum is 80, its default 40. */
	static final int PAGE = 40;

	/** Pages read in one run, so one busy account does not hold up the others. */
	private static final int MAX_PAGES = 10;

	private final Channels channels;
	private final MastodonClient client;
	private final MastodonAccounts accounts;
	private final Ingestion ingestion;
	private final MastodonStreams streams;

	MastodonPolling(Channels channels, MastodonClient client, MastodonAccounts accounts, Ingestion ingestion,
			@Lazy MastodonStreams streams) {
		this.streams = streams;
		this.channels = channels;
		this.client = client;
		this.accounts = accounts;
		this.ingestion = ingestion;
	}

	@Bean
	RecurringWork mastodonPollRecurring(@Value("${rapport.mastodon.poll-interval:60s}") Duration interval) {
		return RecurringWork.every("mastodon-poll", interval, this::pollAll);
	}

	void pollAll() {
		EachChannel.run(channels.enabledOfKind(MastodonConnector.KIND), channel -> {
			if (!streams.live(channel.id())) {
				poll(channel);
			}
		}, log, "Mastodon channel {} could not be read");
	}

	/**
	 * The channel's account, asked of the instance the first time, and again while the instance rejects it: a
	 * manager may have entered a new token since (a reconnect), which makes the account connected again.
	 */
	MastodonAccounts.Account account(Channel channel) throws MastodonClient.Failure {
		var known = accounts.of(channel.id());
		if (known.isPresent() && known.get().state().connected()) {
			return known.get();
		}
		JsonNode me = client.verifyCredentials(channel.setting("instance", ""), channel.setting("accessToken", ""));
		return accounts.remember(channel.id(), me.path("id").asString(), me.path("acct").asString());
	}

	/** Reads what is new on one account; answers how many messages were new. */
	int poll(Channel channel) {
		String instance = channel.setting("instance", "");
		String token = channel.setting("accessToken", "");
		int received = 0;
		try {
			MastodonAccounts.Account account = account(channel);
			if (account.state().paused(Instant.now()) || !account.state().connected()) {
				return 0;
			}
			// The pages of one run are stored together, in one batch (at most MAX_PAGES * PAGE, within what one
			// ingestion takes): a burst costs one transaction per run instead of one per page. What was read before a
			// page failed is stored before the failure is recorded.
			String cursor = account.lastNotificationId();
			List<JsonNode> read = new ArrayList<>();
			try {
				for (int page = 0; page < MAX_PAGES; page++) {
					List<JsonNode> notifications = new ArrayList<>();
					client.mentions(instance, token, cursor, PAGE).forEach(notifications::add);
					if (notifications.isEmpty()) {
						if (cursor == null) {
							// nothing before connecting: everything from now on is new, however much comes at once
							accounts.startFromTheBeginning(channel.id());
						}
						break;
					}
					notifications.sort(Comparator.comparing((JsonNode n) -> n.path("id").asString(), MastodonPolling::byId));
					read.addAll(notifications);
					cursor = notifications.getLast().path("id").asString();
					if (notifications.size() < PAGE) {
						break;
					}
				}
			}
			finally {
				received += store(channel, read);
			}
			accounts.healthy(channel.id());
			channels.state(channel.id(), "");
			// the last answer used the rate limit up: the pause shows now, and the next read waits for its end
			client.usedUp(instance, token).ifPresent(e -> accounts.refused(channel.id(), e.pauseUntil, false, e.getMessage()));
		}
		catch (MastodonClient.Failure e) {
			accounts.refused(channel.id(), e.pauseUntil, e.tokenRejected(), e.getMessage());
			channels.state(channel.id(), e.getMessage());
			log.info("Mastodon channel {}: {}", channel.id(), e.getMessage());
		}
		return received;
	}

	/** Stores notifications read in order, oldest first, and moves the cursor past the last; answers how many were new. */
	private int store(Channel channel, List<JsonNode> read) {
		if (read.isEmpty()) {
			return 0;
		}
		String own = accounts.of(channel.id()).map(MastodonAccounts.Account::accountId).orElse(null);
		List<InboundMessage> batch = read.stream()
			.filter(MastodonPolling::withStatus)
			.map(n -> message(n, own))
			.toList();
		int received = batch.isEmpty() ? 0 : ingestion.ingest(channel, batch).accepted();
		accounts.advance(channel.id(), read.getLast().path("id").asString(), !batch.isEmpty());
		return received;
	}

	/**
	 * A notification that arrived through the stream: a mention enters the inbox (once, however often it comes) and
	 * moves the cursor past it, so the next catch-up asks only for what is newer.
	 */
	void take(Channel channel, JsonNode notification) {
		if (!"mention".equals(notification.path("type").asString("")) || !withStatus(notification)) {
			// another kind of notification, or one of the wrong shape: the stream goes on with the next
			return;
		}
		ingestion.ingest(channel, List.of(message(notification,
				accounts.of(channel.id()).map(MastodonAccounts.Account::accountId).orElse(null))));
		String id = notification.path("id").asString("");
		String cursor = accounts.of(channel.id()).map(MastodonAccounts.Account::lastNotificationId).orElse(null);
		if (!id.isEmpty() && (cursor == null || byId(id, cursor) > 0)) {
			accounts.advance(channel.id(), id, true);
		}
	}

	/** Whether the notification carries a status with its id, as a mention must to become a message. */
	private static boolean withStatus(JsonNode notification) {
		return notification.path("status").isObject() && !notification.path("status").path("id").asString("").isEmpty();
	}

	/** Mastodon ids are numbers written as strings, of growing length: shorter is older. */
	static int byId(String a, String b) {
		return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
	}

	/**
	 * A mention as a message: the status id is its id on the channel, the post it answers its reference; when it
	 * answers a status of the account ({@code ownAccountId}, if known), that status is the post it comments on.
	 */
	static InboundMessage message(JsonNode notification, String ownAccountId) {
		JsonNode status = notification.path("status");
		JsonNode author = status.path("account").isObject() ? status.path("account") : notification.path("account");
		String actor = author.path("uri").asString(author.path("url").asString(""));
		String acct = author.path("acct").asString("");
		String name = author.path("display_name").asString("");
		String html = status.path("content").asString("");
		String text = HtmlSanitizing.toText(html);
		String spoiler = status.path("spoiler_text").asString("");
		String firstLine = !spoiler.isBlank() ? spoiler : text.lines().findFirst().orElse("");
		String subject = "@" + acct + ": " + (firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine);
		String inReplyTo = status.path("in_reply_to_id").asString(null);
		Instant sentAt = sentAt(status.path("created_at").asString(""), notification.path("created_at").asString(""));
		return new InboundMessage(status.path("id").asString(), null, inReplyTo == null ? List.of() : List.of(inReplyTo),
				new IdentityClaim(IdentityKind.ACTIVITYPUB, IdentityKind.actor(actor), name.isBlank() ? acct : name)
					.withProfile(profile(author, actor)),
				null, subject, html, true, sentAt, "in", "message", null, List.of(),
				Map.of("mastodonUrl", status.path("url").asString(""), "visibility",
						status.path("visibility").asString("public"), "acct", acct))
			.automated(author.path("bot").asBoolean(false))
			.onPost(ownAccountId != null && ownAccountId.equals(status.path("in_reply_to_account_id").asString(""))
					? inReplyTo : null);
	}

	/**
	 * When a status was written: its {@code created_at}, else the notification's, else now, so that a date the
	 * instance wrote wrongly never keeps the mention (and the ones after it) out of the inbox.
	 */
	static Instant sentAt(String statusCreated, String notificationCreated) {
		for (String value : List.of(statusCreated, notificationCreated)) {
			try {
				return Instant.parse(value);
			}
			catch (java.time.format.DateTimeParseException e) {
				// the next
			}
		}
		return Instant.now();
	}

	/** The author's Account entity as the public profile the contact keeps, read now. */
	static PublicProfile profile(JsonNode account, String actor) {
		String host;
		try {
			host = java.net.URI.create(actor).getHost();
		}
		catch (IllegalArgumentException e) {
			host = null;
		}
		return MastodonFollowers.follower(account, host, Instant.now()).publicProfile(account.path("url").asString(null));
	}
}

package org.rapport.channels.linkedin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.channels.network.EachChannel;
import org.rapport.channels.network.JsonHttp;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Reads the comments on every connected LinkedIn page's posts, and the posts that mention the page, into the inbox,
 * as recurring work of the one background engine, one node at a time (every quarter of an hour,
 * {@code rapport.linkedin.poll-interval}, and at {@code POST /api/v1/channels/{id}/sync}): what the webhook brings at
 * once, and what it missed while Rapport could not be reached. {@code GET /rest/posts?q=author} lists the page's
 * posts, {@code GET /rest/socialActions/{post}/comments} their comments, and {@code GET
 * /rest/socialActions/{comment}/comments} the replies of a comment only when it has more than were taken in, page by
 * page back to the cursor; {@code GET /rest/organizationalEntityNotifications} the posts that mention the page.
 * Storing is idempotent by comment URN (a mention's: the mentioning post's URN), the same ids the webhook gives, and
 * the cursors move only after storing, so a restart or a second node neither loses nor repeats a message. Nothing is
 * asked while LinkedIn asked for a pause or refused the token.
 */
@Component
class LinkedInPolling {

	private static final Logger log = LoggerFactory.getLogger(LinkedInPolling.class);

	/** How many of the page's posts one call reads. */
	static final int POSTS = 10;

	/** How many pages of posts one run reads at most, when the cursor is older than a page's last post. */
	static final int POST_PAGES = 5;

	/** How many comments of a post, or replies of a comment, one call reads. */
	static final int COMMENTS = 50;

	/** How many pages of comments of one post (or replies of one comment) one run reads at most. */
	static final int COMMENT_PAGES = 4;

	/** How many notifications one call reads, and how many pages of them one run reads at most. */
	static final int NOTIFICATIONS = 50;

	static final int NOTIFICATION_PAGES = 4;

	/** How many calls one run makes at most, so that a run stays well within LinkedIn's daily limits. */
	static final int CALLS = 100;

	/** How far back the first run reads the notifications for posts that mention the page. */
	static final Duration FIRST_MENTIONS = Duration.ofDays(7);

	/** How far before the end of the last time range read the next one starts (notifications may come late). */
	static final Duration MENTIONS_OVERLAP = Duration.ofHours(1);

	private final Channels channels;
	private final LinkedInClient client;
	private final LinkedInAccess access;
	private final LinkedInAccounts accounts;
	private final Ingestion ingestion;
	private final org.rapport.platform.RapportProperties properties;

	LinkedInPolling(Channels channels, LinkedInClient client, LinkedInAccess access, LinkedInAccounts accounts,
			Ingestion ingestion, org.rapport.platform.RapportProperties properties) {
		this.properties = properties;
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
		EachChannel.run(channels.enabledOfKind(LinkedInConnector.KIND), this::poll, log, "LinkedIn channel {} could not be read");
	}

	/** The calls of one run, at most {@link #CALLS}. */
	private final class Run {

		final Channel channel;
		int calls;

		Run(Channel channel) {
			this.channel = channel;
		}

		JsonNode get(String pathAndQuery) throws LinkedInClient.Failure {
			if (calls >= CALLS) {
				throw new Spent();
			}
			calls++;
			return access.call(channel, t -> client.get(t, pathAndQuery));
		}
	}

	/** A run used all its calls: what was read is stored, the cursors stay where they were. */
	private static final class Spent extends RuntimeException {

		Spent() {
			super("the run used all its calls", null, false, false);
		}
	}

	/**
	 * Reads what is new on one page; answers how many messages were new. The page's posts are read newest modified
	 * first, {@value #POSTS} a call; the next {@value #POSTS} only while the cursor (the newest comment taken in) is
	 * older than the last post's modification, at most {@value #POST_PAGES} pages. A post's comments are read
	 * {@value #COMMENTS} a call with {@code start}, until a page that goes from newer to older ends at or before the
	 * cursor, or there is no next page, at most {@value #COMMENT_PAGES} pages. Then the page's notifications of posts
	 * that mention it ({@link #mentions}). A run makes at most {@value #CALLS} calls; one that needs more stores what it
	 * read and leaves the cursors, so the next run reads the rest.
	 */
	int poll(Channel channel) {
		try {
			LinkedInAccounts.Account account = access.account(channel);
			if (!account.state().connected() || account.state().paused(Instant.now())) {
				return 0;
			}
			String organization = LinkedInConnector.organization(channel);
			Instant cursor = account.readUntil();
			Run run = new Run(channel);
			List<LinkedInItems.Item> items = new ArrayList<>();
			boolean complete = true;
			try {
				int start = 0;
				for (int page = 0; page < POST_PAGES; page++) {
					JsonNode posts = run.get("posts?author=" + LinkedInItems.encoded(organization) + "&q=author&count="
							+ POSTS + "&start=" + start + "&sortBy=LAST_MODIFIED");
					JsonNode elements = posts.path("elements");
					for (JsonNode post : elements) {
						String postUrn = post.path("id").asString("");
						if (postUrn.isEmpty()) {
							continue;
						}
						accounts.rememberPost(channel.id(), postUrn, post.path("commentary").asString(""));
						comments(run, postUrn, postUrn, "", organization, cursor, items);
					}
					if (cursor == null || elements.isEmpty() || !LinkedInItems.more(posts, start, POSTS)
							|| elements.get(elements.size() - 1).path("lastModifiedAt").asLong(0) <= cursor.toEpochMilli()) {
						break;
					}
					start += POSTS;
				}
			}
			catch (Spent e) {
				complete = false;
			}
			int received = take(channel, items);
			Instant newest = items.stream().map(i -> i.message().sentAt()).filter(Objects::nonNull)
				.max(Comparator.naturalOrder()).orElse(null);
			if (newest != null && complete) {
				accounts.advance(channel.id(), newest);
			}
			if (complete) {
				received += mentions(run, account, organization);
			}
			else {
				log.info("LinkedIn channel {}: the run used its {} calls; the next one reads on", channel.id(), CALLS);
			}
			accounts.healthy(channel.id());
			channels.state(channel.id(), "");
			subscribe(channel, organization);
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
	 * The comments under {@code target} (a post, or a top-level comment when {@code parent} names it), page by page,
	 * with the replies of each top-level comment that has more than were taken in.
	 */
	private void comments(Run run, String target, String postUrn, String parent, String organization, Instant cursor,
			List<LinkedInItems.Item> items) throws LinkedInClient.Failure {
		int start = 0;
		for (int page = 0; page < COMMENT_PAGES; page++) {
			JsonNode answer = run.get("socialActions/" + LinkedInItems.encoded(target) + "/comments?count=" + COMMENTS
					+ "&start=" + start);
			JsonNode elements = answer.path("elements");
			for (JsonNode comment : elements) {
				var item = LinkedInItems.comment(comment, postUrn, organization, LinkedInConnector.IDENTITY);
				if (!parent.isEmpty()) {
					item = item.map(r -> r.topUrn().equals(r.message().externalId()) ? withParent(r, parent) : r);
				}
				item.ifPresent(items::add);
				String urn = LinkedInItems.commentUrn(comment.path("commentUrn").asString(""));
				int replies = comment.path("commentsSummary").path("aggregatedTotalComments").asInt(0);
				if (parent.isEmpty() && urn.startsWith("urn:li:comment:")
						&& replies > accounts.repliesKnown(run.channel.id(), urn)) {
					comments(run, urn, postUrn, urn, organization, cursor, items);
				}
			}
			if (elements.isEmpty() || !LinkedInItems.more(answer, start, COMMENTS)) {
				return;
			}
			long first = elements.get(0).path("created").path("time").asLong(0);
			long last = elements.get(elements.size() - 1).path("created").path("time").asLong(0);
			if (cursor != null && first >= last && last <= cursor.toEpochMilli()) {
				return;
			}
			start += COMMENTS;
		}
	}

	/**
	 * Posts that mention the page, read back from the page's notifications
	 * (learn.microsoft.com/linkedin/marketing/community-management/organizations/organization-social-action-notifications,
	 * "Retrieve notifications": {@code GET /rest/organizationalEntityNotifications?q=criteria} with
	 * {@code actions=List(SHARE_MENTION)}, the page and a {@code timeRange}; LinkedIn keeps them 60 days): from a
	 * little before where the last read ended (the first time {@link #FIRST_MENTIONS} back) until now. A mention is
	 * stored by the mentioning post's URN, the webhook's id, so one the webhook brought is not stored again, and its
	 * post is read ({@code GET /rest/posts/{urn}}) only when the notification does not describe it and it is not known.
	 */
	private int mentions(Run run, LinkedInAccounts.Account account, String organization) throws LinkedInClient.Failure {
		Channel channel = run.channel;
		Instant end = Instant.now();
		Instant since = account.mentionsReadUntil() == null ? end.minus(FIRST_MENTIONS)
				: account.mentionsReadUntil().minus(MENTIONS_OVERLAP);
		List<LinkedInItems.Item> items = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		boolean complete = true;
		try {
			int start = 0;
			for (int page = 0; page < NOTIFICATION_PAGES; page++) {
				JsonNode answer = run.get("organizationalEntityNotifications?q=criteria&actions=List(SHARE_MENTION)"
						+ "&organizationalEntity=" + LinkedInItems.encoded(organization) + "&timeRange=(start:"
						+ since.toEpochMilli() + ",end:" + end.toEpochMilli() + ")&count=" + NOTIFICATIONS + "&start=" + start);
				for (JsonNode n : answer.path("elements")) {
					if (!"SHARE_MENTION".equals(n.path("action").asString(""))
							|| !organization.equals(n.path("organizationalEntity").asString(""))) {
						continue;
					}
					JsonNode share = n.path("decoratedGeneratedActivity").path("share");
					String urn = share.path("entity").asString(n.path("generatedActivity").asString(""));
					if (urn.isEmpty() || !seen.add(urn) || accounts.comment(channel.id(), urn).isPresent()) {
						continue;
					}
					if (!share.path("owner").asString("").isEmpty()) {
						items.addAll(LinkedInItems.notifications(JsonHttp.JSON.createArrayNode().add(n), organization,
								LinkedInConnector.IDENTITY));
						continue;
					}
					JsonNode post;
					try {
						post = run.get("posts/" + LinkedInItems.encoded(urn));
					}
					catch (LinkedInClient.Failure e) {
						if (e.status != 404) {
							throw e;
						}
						log.info("LinkedIn channel {}: the post {} that mentioned the page is gone", channel.id(), urn);
						continue;
					}
					LinkedInItems.mention(urn, post, n.path("lastModifiedAt").asLong(0), organization,
							LinkedInConnector.IDENTITY).ifPresent(items::add);
				}
				if (!LinkedInItems.more(answer, start, NOTIFICATIONS)) {
					break;
				}
				start += NOTIFICATIONS;
			}
		}
		catch (Spent e) {
			complete = false;
		}
		int received = take(channel, items);
		if (complete) {
			accounts.mentionsRead(channel.id(), end);
		}
		return received;
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
			accounts.failed(channel.id(), e);
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

	/**
	 * Subscribes the page's social action notifications to the channel's hook with LinkedIn's Event Subscription API
	 * ({@code PUT /rest/eventSubscriptions/(developerApplication:…,user:…,entity:…,eventType:…)} with the hook's
	 * address, learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation and the Organization Social
	 * Action Notifications page), as the administrator who signed in ({@code roleAssignee} of {@code GET
	 * /rest/organizationAcls?q=roleAssignee}), when the channel names its app's id. Done once per hook address; a
	 * refusal is logged and tried again at the next run, while the catch-up keeps reading.
	 */
	void subscribe(Channel channel, String organization) {
		String appId = channel.setting(LinkedInAccess.APP_ID, "");
		String url = properties.link(org.rapport.channels.ChannelConnector.hookPath(channel.id()));
		if (appId.isEmpty() || url.equals(accounts.webhookUrl(channel.id()).orElse(null))) {
			return;
		}
		try {
			JsonNode acls = access.call(channel, t -> client.get(t,
					"organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED"));
			String member = "";
			for (JsonNode acl : acls.path("elements")) {
				if (organization.equals(acl.path("organization").asString(""))) {
					member = acl.path("roleAssignee").asString("");
				}
			}
			if (!member.startsWith("urn:li:person:")) {
				log.info("LinkedIn channel {}: the member who signed in is no administrator of {}; the webhook is not "
						+ "subscribed", channel.id(), organization);
				return;
			}
			String key = "(developerApplication:" + LinkedInItems.encoded("urn:li:developerApplication:" + appId) + ",user:"
					+ LinkedInItems.encoded(member) + ",entity:" + LinkedInItems.encoded(organization)
					+ ",eventType:ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS)";
			access.call(channel, t -> client.put(t, "eventSubscriptions/" + key, java.util.Map.of("webhook", url)));
			accounts.subscribed(channel.id(), url);
		}
		catch (LinkedInClient.Failure e) {
			log.info("LinkedIn channel {}: the webhook could not be subscribed: {}", channel.id(), e.getMessage());
		}
	}
}

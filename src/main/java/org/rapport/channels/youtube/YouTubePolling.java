package org.rapport.channels.youtube;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.channels.network.EachChannel;
import org.rapport.channels.network.JsonHttp;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.contacts.PublicProfile;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Reads the comment threads on the videos of every connected YouTube channel into the inbox, as recurring work on
 * one node at a time: {@code commentThreads.list} related to the channel, newest first, with up to five replies each;
 * {@code comments.list} for a thread only when it has more replies than shown and than were taken in before; and
 * {@code videos.list} once per video for its title, the subject of the conversation. Each call's quota units are
 * taken first, and a poll always leaves enough for one reply. A thread is one conversation (its id is the thread
 * key); our own channel's comments are not inbound. Storing is idempotent by comment id, and the cursor (the newest
 * {@code publishedAt} taken in) and the replies taken per thread move only after storing, so a crash, a restart or a
 * second node neither loses nor repeats a comment.
 */
@Component
class YouTubePolling {

	private static final Logger log = LoggerFactory.getLogger(YouTubePolling.class);

	static final String IDENTITY = IdentityKind.handle(YouTubeConnector.KIND);

	/** Threads per page; the API's maximum. */
	static final int PAGE = 100;

	/** Pages of threads read in one run while they are newer than the cursor. */
	private static final int MAX_PAGES = 5;

	/** Pages of a thread's replies read in one run. */
	private static final int MAX_REPLY_PAGES = 5;

	/** Videos per {@code videos.list} call; the API's maximum. */
	private static final int VIDEOS_PER_CALL = 50;

	/** What a YouTube channel id looks like ({@code UC} and 22 characters); anything else names nobody. */
	private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final Channels channels;
	private final YouTubeClient client;
	private final YouTubeAccess access;
	private final YouTubeAccounts accounts;
	private final Ingestion ingestion;

	YouTubePolling(Channels channels, YouTubeClient client, YouTubeAccess access, YouTubeAccounts accounts,
			Ingestion ingestion) {
		this.channels = channels;
		this.client = client;
		this.access = access;
		this.accounts = accounts;
		this.ingestion = ingestion;
	}

	/** Every five minutes by default: 288 polls a day cost about 300 of the 10,000 daily units. */
	@Bean
	RecurringWork youtubePollRecurring(@Value("${rapport.youtube.poll-interval:5m}") Duration interval) {
		return RecurringWork.every("youtube-poll", interval, this::pollAll);
	}

	void pollAll() {
		EachChannel.run(channels.enabledOfKind(YouTubeConnector.KIND), this::poll, log, "YouTube channel {} could not be read");
	}

	/** A comment with the thread it belongs to. */
	private record Comment(String threadId, String videoId, JsonNode comment) {

		Instant publishedAt() {
			return JsonHttp.instant(comment.path("snippet").path("publishedAt").asString(null));
		}
	}

	/** Reads what is new on one channel; answers how many comments were new. */
	int poll(Channel channel) {
		int received = 0;
		try {
			YouTubeAccounts.Account account = access.account(channel);
			if (!account.state().connected() || account.state().paused(Instant.now())) {
				return 0;
			}
			List<JsonNode> threads = threads(channel, account);
			List<Comment> comments = new ArrayList<>();
			Map<String, Integer> replyCounts = new LinkedHashMap<>();
			for (JsonNode thread : threads) {
				String threadId = thread.path("id").asString("");
				JsonNode snippet = thread.path("snippet");
				if (threadId.isEmpty() || !snippet.path("topLevelComment").isObject()) {
					continue;
				}
				String videoId = snippet.path("videoId").asString("");
				comments.add(new Comment(threadId, videoId, snippet.path("topLevelComment")));
				int total = snippet.path("totalReplyCount").asInt(0);
				JsonNode shown = thread.path("replies").path("comments");
				if (total > shown.size() && total > accounts.repliesTaken(channel.id(), threadId)) {
					replies(channel, threadId).forEach(reply -> comments.add(new Comment(threadId, videoId, reply)));
				}
				else {
					shown.forEach(reply -> comments.add(new Comment(threadId, videoId, reply)));
				}
				replyCounts.put(threadId, total);
			}
			Map<String, String> titles = titles(channel, comments);
			comments.sort(Comparator.comparing(Comment::publishedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
			List<InboundMessage> batch = comments.stream()
				.filter(c -> !account.youtubeChannelId().equals(author(c.comment())))
				.filter(c -> CHANNEL_ID.matcher(author(c.comment())).matches())
				.map(c -> message(c.threadId(), c.videoId(), c.comment(), titles))
				.toList();
			for (int from = 0; from < batch.size(); from += Ingestion.MAX_BATCH) {
				received += ingestion.ingest(channel, batch.subList(from, Math.min(batch.size(), from + Ingestion.MAX_BATCH)))
					.accepted();
			}
			replyCounts.forEach((thread, count) -> accounts.repliesTaken(channel.id(), thread, count));
			Instant newest = comments.stream().map(Comment::publishedAt).filter(java.util.Objects::nonNull)
				.max(Comparator.naturalOrder()).orElse(null);
			if (newest != null) {
				accounts.advance(channel.id(), newest, received > 0);
			}
			accounts.healthy(channel.id());
			channels.state(channel.id(), "");
		}
		catch (YouTubeClient.Failure e) {
			// Too few units left by Rapport's own count is no pause: replies may still spend the units kept for them.
			boolean ownCount = e.status == 0 && e.quotaExceeded();
			accounts.refused(channel.id(), ownCount ? null : e.pauseUntil, e.accessRejected, e.getMessage());
			channels.state(channel.id(), e.getMessage());
			log.info("YouTube channel {}: {}", channel.id(), e.getMessage());
		}
		return received;
	}

	/**
	 * The newest threads: the first page always (a reply to a recent thread does not move the thread), further pages
	 * while their threads are newer than the cursor.
	 */
	private List<JsonNode> threads(Channel channel, YouTubeAccounts.Account account) throws YouTubeClient.Failure {
		List<JsonNode> threads = new ArrayList<>();
		String pageToken = null;
		Instant cursor = account.readUntil();
		for (int page = 0; page < MAX_PAGES; page++) {
			String query = "commentThreads?part=snippet,replies&allThreadsRelatedToChannelId="
					+ JsonHttp.encoded(account.youtubeChannelId()) + "&order=time&maxResults=" + PAGE + "&textFormat=html"
					+ (pageToken == null ? "" : "&pageToken=" + JsonHttp.encoded(pageToken));
			JsonNode answer = access.call(channel, YouTubeQuota.LIST, YouTubeQuota.INSERT, t -> client.get(t, query));
			boolean older = false;
			for (JsonNode thread : answer.path("items")) {
				threads.add(thread);
				Instant published = JsonHttp.instant(
						thread.path("snippet").path("topLevelComment").path("snippet").path("publishedAt").asString(null));
				if (cursor == null || published == null || !published.isAfter(cursor)) {
					older = true;
				}
			}
			pageToken = answer.path("nextPageToken").asString(null);
			if (older || pageToken == null || pageToken.isBlank()) {
				break;
			}
		}
		return threads;
	}

	/** All replies of a thread ({@code comments.list?parentId=}), a page of 100 a call. */
	private List<JsonNode> replies(Channel channel, String threadId) throws YouTubeClient.Failure {
		List<JsonNode> replies = new ArrayList<>();
		String pageToken = null;
		for (int page = 0; page < MAX_REPLY_PAGES; page++) {
			String query = "comments?part=snippet&parentId=" + JsonHttp.encoded(threadId) + "&maxResults=100&textFormat=html"
					+ (pageToken == null ? "" : "&pageToken=" + JsonHttp.encoded(pageToken));
			JsonNode answer = access.call(channel, YouTubeQuota.LIST, YouTubeQuota.INSERT, t -> client.get(t, query));
			answer.path("items").forEach(replies::add);
			pageToken = answer.path("nextPageToken").asString(null);
			if (pageToken == null || pageToken.isBlank()) {
				break;
			}
		}
		return replies;
	}

	/** The titles of the comments' videos: known ones from before, the others asked with {@code videos.list}. */
	private Map<String, String> titles(Channel channel, List<Comment> comments) throws YouTubeClient.Failure {
		Map<String, String> titles = new LinkedHashMap<>();
		Set<String> unknown = new LinkedHashSet<>();
		for (Comment c : comments) {
			String video = c.comment().path("snippet").path("videoId").asString(c.videoId());
			if (!video.isEmpty() && !titles.containsKey(video)) {
				accounts.videoTitle(video).ifPresentOrElse(title -> titles.put(video, title), () -> unknown.add(video));
			}
		}
		List<String> asked = new ArrayList<>(unknown);
		for (int from = 0; from < asked.size(); from += VIDEOS_PER_CALL) {
			String ids = String.join(",", asked.subList(from, Math.min(asked.size(), from + VIDEOS_PER_CALL)));
			JsonNode answer = access.call(channel, YouTubeQuota.LIST, YouTubeQuota.INSERT,
					t -> client.get(t, "videos?part=snippet&id=" + JsonHttp.encoded(ids)));
			for (JsonNode video : answer.path("items")) {
				String id = video.path("id").asString("");
				String title = video.path("snippet").path("title").asString("");
				title = HtmlSanitizing.toText(title).strip();
				if (!id.isEmpty() && !title.isBlank()) {
					accounts.videoTitle(id, title);
					titles.put(id, title);
				}
			}
		}
		return titles;
	}

	/** An address as given when it is an http(s) address without spaces or markup, else {@code ""}. */
	static String webAddress(String given) {
		return given.length() <= 2000 && given.matches("https?://[^\\s<>\"']+") ? given : "";
	}

	/** The channel id of a comment's author, or {@code ""}. */
	static String author(JsonNode comment) {
		return comment.path("snippet").path("authorChannelId").path("value").asString("");
	}

	/**
	 * A comment as a message: its id is its id on the channel, its thread the conversation; the video's title is the
	 * subject (what is being discussed) and the video's and the comment's address are kept with it.
	 */
	static InboundMessage message(String threadId, String threadVideoId, JsonNode comment, Map<String, String> titles) {
		JsonNode snippet = comment.path("snippet");
		String id = comment.path("id").asString();
		String videoId = snippet.path("videoId").asString(threadVideoId);
		String title = titles.getOrDefault(videoId, "");
		String name = HtmlSanitizing.toText(snippet.path("authorDisplayName").asString("")).strip();
		String html = snippet.path("textDisplay").asString("");
		boolean isHtml = !html.isBlank();
		String body = isHtml ? html : snippet.path("textOriginal").asString("");
		String parent = snippet.path("parentId").asString(null);
		Instant sentAt = JsonHttp.instant(snippet.path("publishedAt").asString(null));
		if (sentAt == null || sentAt.isAfter(Instant.now())) {
			sentAt = Instant.now();
		}
		String video = videoId.isEmpty() ? "" : "https://www.youtube.com/watch?v=" + JsonHttp.encoded(videoId);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("videoId", videoId);
		headers.put("videoTitle", title);
		headers.put("videoUrl", video);
		headers.put("commentUrl", video.isEmpty() ? "" : video + "&lc=" + JsonHttp.encoded(id));
		headers.put("authorChannelUrl", webAddress(snippet.path("authorChannelUrl").asString("")));
		headers.put("authorAvatarUrl", webAddress(snippet.path("authorProfileImageUrl").asString("")));
		String subject = title.isBlank() ? (videoId.isEmpty() ? "YouTube" : "YouTube video " + videoId) : title;
		return new InboundMessage(id, threadId, parent == null || parent.isBlank() ? List.of() : List.of(parent),
				new IdentityClaim(IDENTITY, author(comment), name.isBlank() ? author(comment) : name)
					.withProfile(new PublicProfile(name.startsWith("@") ? name : null, name.isBlank() ? null : name,
							headers.get("authorAvatarUrl"), null, headers.get("authorChannelUrl"), null, null, null, null, null)),
				null, subject,
				body.isBlank() ? "(…)" : body, isHtml, sentAt, "in", "message", null, List.of(), headers).onPost(videoId);
	}
}

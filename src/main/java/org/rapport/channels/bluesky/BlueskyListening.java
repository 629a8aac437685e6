package org.rapport.channels.bluesky;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.HeardPage;
import org.rapport.channels.HeardPost;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.network.JsonHttp;
import org.rapport.contacts.IdentityClaim;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Listening on Bluesky through the account's session: {@code app.bsky.feed.searchPosts} for each of the monitors'
 * terms, newest first, taking only what was indexed after the last read of that term (the cursor keeps the newest
 * {@code indexedAt} per term, and asks the AppView with {@code since}). Phrases are searched in quotes, prefixes
 * without their star. A repost recommends a post (once: a post the account reposted already is not reposted again);
 * answering turns the post into a message as a notification would, so the reply goes into its thread.
 */
@Component
class BlueskyListening {

	/** Posts read per term and turn. */
	static final int PAGE = 25;

	/** Terms searched per turn, each one request. */
	static final int MAX_TERMS = 30;

	private final BlueskyClient client;
	private final BlueskySessions sessions;
	private final BlueskyAccounts accounts;
	private final BlueskyPolling polling;

	BlueskyListening(BlueskyClient client, BlueskySessions sessions, BlueskyAccounts accounts, @Lazy BlueskyPolling polling) {
		this.client = client;
		this.sessions = sessions;
		this.accounts = accounts;
		this.polling = polling;
	}

	ChannelConnector.Listener of(Channel channel) {
		String service = BlueskyPolling.service(channel);
		String identifier = BlueskyPolling.identifier(channel);
		return new ChannelConnector.Listener() {

			@Override
			public boolean searches() {
				return true;
			}

			@Override
			public HeardPage read(Collection<String> terms, String cursor) throws ListeningUnavailable {
				try {
					return BlueskyListening.this.read(service, identifier, terms, cursor);
				}
				catch (BlueskyClient.Failure e) {
					accounts.refused(channel.id(), e.pauseUntil, e.sessionRejected(), e.getMessage());
					throw new ListeningUnavailable(e.getMessage(), e.pauseUntil, e);
				}
			}

			@Override
			public boolean shares() {
				return true;
			}

			@Override
			public String share(HeardPost post) throws DeliveryException {
				accounts.requireWritable(channel.id());
				try {
					return repost(channel, service, identifier, post);
				}
				catch (BlueskyClient.Failure e) {
					accounts.refused(channel.id(), e);
					throw new DeliveryException(e.getMessage(), e.retryable, e);
				}
			}

			@Override
			public boolean quotes() {
				return true;
			}

			@Override
			public Optional<String> refusesQuote(String text) {
				try {
					BlueskyText.checkLength(text);
					return Optional.empty();
				}
				catch (BlueskyText.TooLong e) {
					return Optional.of(e.getMessage());
				}
			}

			@Override
			public String quote(HeardPost post, String text, String key) throws DeliveryException {
				Optional<String> refused = refusesQuote(text);
				if (refused.isPresent()) {
					throw new DeliveryException(refused.get(), false, null);
				}
				accounts.requireWritable(channel.id());
				try {
					return BlueskyListening.this.quote(channel, service, identifier, post, text);
				}
				catch (BlueskyClient.Failure e) {
					accounts.refused(channel.id(), e);
					// a post without a key of ours cannot be found again: an attempt whose answer was lost is not repeated
					throw new DeliveryException(e.getMessage(), e.retryable && e.status != 0 && e.status < 500, e);
				}
			}

			@Override
			public boolean answers() {
				return true;
			}

			@Override
			public Optional<InboundMessage> conversation(HeardPost post) throws DeliveryException {
				try {
					JsonNode found = sessions.call(service, identifier, s -> client.query(service, s,
							"app.bsky.feed.getPosts", Map.of("uris", List.of(post.externalId()))));
					JsonNode view = found.path("posts").path(0);
					if (view.isMissingNode()) {
						throw new DeliveryException("The Bluesky post is gone (deleted, or not visible to the account).", false, null);
					}
					return Optional.of(BlueskyPolling.message(view));
				}
				catch (BlueskyClient.Failure e) {
					accounts.refused(channel.id(), e.pauseUntil, e.sessionRejected(), e.getMessage());
					throw new DeliveryException(e.getMessage(), e.retryable, e);
				}
			}
		};
	}

	/** What the AppView's search is asked for a term: a phrase in quotes, a prefix without its star. */
	static String query(String term) {
		String q = term.strip();
		if (q.endsWith("*")) {
			q = q.substring(0, q.length() - 1);
		}
		return q.contains(" ") ? "\"" + q.replace("\"", "") + "\"" : q;
	}

	private HeardPage read(String service, String identifier, Collection<String> terms, String cursor)
			throws BlueskyClient.Failure {
		Map<String, String> seen = JsonHttp.strings(cursor);
		Map<String, String> next = new LinkedHashMap<>();
		List<HeardPost> posts = new ArrayList<>();
		int asked = 0;
		for (String term : terms) {
			if (asked++ == MAX_TERMS) {
				break;
			}
			String since = seen.get(term);
			Map<String, List<String>> params = new LinkedHashMap<>();
			params.put("q", List.of(query(term)));
			params.put("sort", List.of("latest"));
			params.put("limit", List.of(String.valueOf(PAGE)));
			if (since != null) {
				params.put("since", List.of(since));
			}
			JsonNode answer = sessions.call(service, identifier,
					s -> client.query(service, s, "app.bsky.feed.searchPosts", params));
			String newest = since;
			for (JsonNode view : answer.path("posts")) {
				String indexed = view.path("indexedAt").asString("");
				if (since != null && !after(indexed, since)) {
					continue;
				}
				if (newest == null || after(indexed, newest)) {
					newest = indexed;
				}
				posts.add(post(view));
			}
			if (newest != null) {
				next.put(term, newest);
			}
		}
		return new HeardPage(posts, JsonHttp.JSON.writeValueAsString(next), null);
	}

	/** The post as the account sees it now (with its current {@code cid}). */
	private JsonNode view(String service, String identifier, HeardPost post) throws BlueskyClient.Failure,
			DeliveryException {
		JsonNode found = sessions.call(service, identifier, s -> client.query(service, s,
				"app.bsky.feed.getPosts", Map.of("uris", List.of(post.externalId()))));
		JsonNode view = found.path("posts").path(0);
		if (view.isMissingNode()) {
			throw new DeliveryException("The Bluesky post is gone (deleted, or not visible to the account).", false, null);
		}
		return view;
	}

	private String repost(Channel channel, String service, String identifier, HeardPost post) throws BlueskyClient.Failure,
			DeliveryException {
		BlueskyAccounts.Account account = polling.account(channel);
		JsonNode view = view(service, identifier, post);
		String already = view.path("viewer").path("repost").asString(null);
		if (already != null) {
			return already;
		}
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("$type", "app.bsky.feed.repost");
		record.put("subject", Map.of("uri", view.path("uri").asString(), "cid", view.path("cid").asString()));
		record.put("createdAt", Instant.now().toString());
		JsonNode created = sessions.call(service, identifier, s -> client.procedure(service, s,
				"com.atproto.repo.createRecord", Map.of("repo", account.did(), "collection", "app.bsky.feed.repost",
						"record", record)));
		return created.path("uri").asString(null);
	}

	/** A post of the account with the text, its links and mentions, embedding the heard post as a quote. */
	private String quote(Channel channel, String service, String identifier, HeardPost post, String text)
			throws BlueskyClient.Failure, DeliveryException {
		BlueskyAccounts.Account account = polling.account(channel);
		JsonNode view = view(service, identifier, post);
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("$type", "app.bsky.feed.post");
		record.put("text", text);
		record.put("createdAt", Instant.now().toString());
		record.put("embed", Map.of("$type", "app.bsky.embed.record",
				"record", Map.of("uri", view.path("uri").asString(), "cid", view.path("cid").asString())));
		var facets = BlueskyText.facets(text, handle -> Optional.empty());
		if (!facets.isEmpty()) {
			record.put("facets", facets);
		}
		JsonNode created = sessions.call(service, identifier, s -> client.procedure(service, s,
				"com.atproto.repo.createRecord", Map.of("repo", account.did(), "collection", "app.bsky.feed.post",
						"record", record)));
		return created.path("uri").asString(null);
	}

	static HeardPost post(JsonNode view) {
		JsonNode author = view.path("author");
		JsonNode record = view.path("record");
		String handle = author.path("handle").asString("");
		String name = author.path("displayName").asString("");
		String uri = view.path("uri").asString();
		JsonNode langs = record.path("langs");
		String language = langs.isArray() && langs.size() == 1 ? langs.get(0).asString(null) : null;
		return new HeardPost(uri, BlueskyPolling.webUrl(handle, uri),
				new IdentityClaim(BlueskyPolling.IDENTITY, author.path("did").asString(), name.isBlank() ? "@" + handle : name),
				"@" + handle, name.isBlank() ? null : name, "https://bsky.app/profile/" + handle, null,
				record.path("text").asString(""), language, BlueskyPolling.instant(record.path("createdAt").asString(null)),
				view.path("cid").asString(null));
	}

	private static boolean after(String a, String b) {
		Instant x = BlueskyPolling.instant(a);
		Instant y = BlueskyPolling.instant(b);
		return x != null && (y == null || x.isAfter(y));
	}
}

package org.rapport.channels.mastodon;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.HeardPage;
import org.rapport.channels.HeardPost;
import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.network.JsonHttp;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Listening on a Mastodon account's instance: the hashtag timelines of the monitors' hashtags and single words
 * ({@code #kita} and {@code kita} both read {@code /api/v1/timelines/tag/kita}), each from where the last read ended
 * (the cursor keeps the newest status id per tag). Phrases and prefixes are matched by listening among what the tag
 * timelines bring; Mastodon's full-text search covers only posts the account has seen, so it is not used. A boost
 * recommends a post; answering turns the status, as the account's instance knows it, into a mention in the inbox.
 */
@Component
class MastodonListening {

	/** Posts read per tag and turn: one page, as a tag timeline gives at most 40. */
	static final int PAGE = 40;

	/** Tags read per turn: each costs one request of the account's 300 per 5 minutes. */
	static final int MAX_TAGS = 30;

	private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_]{1,100}");

	private final MastodonClient client;
	private final MastodonAccounts accounts;

	MastodonListening(MastodonClient client, MastodonAccounts accounts) {
		this.client = client;
		this.accounts = accounts;
	}

	ChannelConnector.Listener of(Channel channel) {
		String instance = channel.setting("instance", "");
		String token = channel.setting("accessToken", "");
		return new ChannelConnector.Listener() {

			@Override
			public boolean searches() {
				return true;
			}

			@Override
			public HeardPage read(Collection<String> terms, String cursor) throws ListeningUnavailable {
				return MastodonListening.this.read(channel, instance, token, terms, cursor);
			}

			@Override
			public boolean shares() {
				return true;
			}

			@Override
			public String share(HeardPost post) throws DeliveryException {
				try {
					return client.reblog(instance, token, post.ref()).path("id").asString(null);
				}
				catch (MastodonClient.Failure e) {
					accounts.failed(channel.id(), e);
					throw new DeliveryException(e.getMessage(), e.retryable, e);
				}
			}

			@Override
			public boolean quotes() {
				return true;
			}

			/**
			 * A quote post where the instance has them ({@code quoted_status_id}; the server adds a "RE:" link for
			 * older servers); elsewhere the text with the post's address, which instances show as a preview. The key
			 * is the status's {@code Idempotency-Key}, so a repeated attempt does not post twice.
			 */
			@Override
			public String quote(HeardPost post, String text, String key) throws DeliveryException {
				Map<String, String> status = new java.util.LinkedHashMap<>();
				try {
					if (client.quotes(instance)) {
						status.put("status", text);
						status.put("quoted_status_id", post.ref());
					}
					else {
						status.put("status", post.url() == null ? text : text + "\n\n" + post.url());
					}
					return client.post(instance, token, status, key).path("id").asString(null);
				}
				catch (MastodonClient.Failure e) {
					accounts.failed(channel.id(), e);
					throw new DeliveryException(e.getMessage(), e.retryable, e);
				}
			}

			@Override
			public boolean answers() {
				return true;
			}

			@Override
			public Optional<InboundMessage> conversation(HeardPost post) throws DeliveryException {
				try {
					ObjectNode mention = JsonHttp.JSON.createObjectNode();
					mention.put("type", "mention");
					mention.set("status", client.status(instance, token, post.ref()));
					return Optional.of(MastodonPolling.message(mention, null));
				}
				catch (MastodonClient.Failure e) {
					accounts.failed(channel.id(), e);
					throw new DeliveryException(e.getMessage(), e.retryable, e);
				}
			}
		};
	}

	/** The tags the terms ask for: hashtags and single words, lower case, without {@code #}. */
	static List<String> tags(Collection<String> terms) {
		List<String> tags = new ArrayList<>();
		for (String term : terms) {
			String tag = term.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
			if (TAG.matcher(tag).matches() && !tags.contains(tag) && tags.size() < MAX_TAGS) {
				tags.add(tag);
			}
		}
		return tags;
	}

	private HeardPage read(Channel channel, String instance, String token, Collection<String> terms, String cursor)
			throws ListeningUnavailable {
		Map<String, String> since = JsonHttp.strings(cursor);
		Map<String, String> next = new LinkedHashMap<>();
		List<HeardPost> posts = new ArrayList<>();
		String host = URI.create(instance).getHost();
		for (String tag : tags(terms)) {
			String minId = since.get(tag);
			JsonNode page;
			try {
				page = client.tagTimeline(instance, token, tag, minId, PAGE);
			}
			catch (MastodonClient.Failure e) {
				accounts.failed(channel.id(), e);
				throw new ListeningUnavailable(e.getMessage(), e.pauseUntil, e);
			}
			String newest = minId;
			for (JsonNode status : page) {
				String id = status.path("id").asString("");
				if (id.isEmpty()) {
					continue;
				}
				if (newest == null || MastodonPolling.byId(id, newest) > 0) {
					newest = id;
				}
				posts.add(post(status, host));
			}
			if (newest != null) {
				next.put(tag, newest);
			}
		}
		return new HeardPage(posts, JsonHttp.JSON.writeValueAsString(next), null);
	}

	static HeardPost post(JsonNode status, String host) {
		JsonNode author = status.path("account");
		String acct = author.path("acct").asString("");
		String handle = "@" + (acct.contains("@") ? acct : acct + "@" + host);
		String actor = author.path("uri").asString(author.path("url").asString(""));
		String name = author.path("display_name").asString("");
		String language = status.path("language").asString(null);
		Instant at;
		try {
			at = Instant.parse(status.path("created_at").asString(""));
		}
		catch (RuntimeException e) {
			at = null;
		}
		String spoiler = status.path("spoiler_text").asString("");
		String text = HtmlSanitizing.toText(status.path("content").asString(""));
		return new HeardPost(status.path("id").asString(), status.path("url").asString(status.path("uri").asString(null)),
				actor.isEmpty() ? null : new IdentityClaim(IdentityKind.ACTIVITYPUB, IdentityKind.actor(actor), name.isBlank() ? acct : name),
				handle, name.isBlank() ? null : name, author.path("url").asString(null), null,
				spoiler.isBlank() ? text : spoiler + "\n\n" + text, language, at, status.path("id").asString());
	}
}

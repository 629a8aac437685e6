package org.rapport.channels.bluesky;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Follower;
import org.rapport.channels.FollowerPage;
import org.rapport.channels.FollowersUnavailable;
import org.rapport.channels.network.JsonHttp;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The followers of a connected Bluesky account, page by page, through the account's PDS (which hands the queries on
 * to the AppView): {@code app.bsky.graph.getFollowers} with the account's DID, 100 a page with the cursor it answers,
 * then {@code app.bsky.actor.getProfiles} for the counts, which the list's profile views do not carry (25 actors a
 * call, the most the lexicon allows). The first page also reads the account's own profile for its follower count.
 * A 429 (with the {@code ratelimit-reset} it names) or a session the PDS refuses is kept as the account's health and
 * ends the page; the cursor stays valid.
 */
@Component
class BlueskyFollowers {

	/** Followers per page: the most {@code app.bsky.graph.getFollowers} gives. */
	static final int PAGE = 100;

	/** Actors per {@code app.bsky.actor.getProfiles}: the lexicon's maximum. */
	static final int PROFILES = 25;

	private final BlueskyClient client;
	private final BlueskySessions sessions;
	private final BlueskyAccounts accounts;
	private final BlueskyPolling polling;

	BlueskyFollowers(BlueskyClient client, BlueskySessions sessions, BlueskyAccounts accounts, BlueskyPolling polling) {
		this.client = client;
		this.sessions = sessions;
		this.accounts = accounts;
		this.polling = polling;
	}

	ChannelConnector.Followers of(Channel channel) {
		return cursor -> page(channel, cursor);
	}

	FollowerPage page(Channel channel, String cursor) throws FollowersUnavailable {
		String service = BlueskyPolling.service(channel);
		String identifier = BlueskyPolling.identifier(channel);
		try {
			String did = polling.account(channel).did();
			Long total = null;
			if (cursor == null) {
				JsonNode own = query(service, identifier, "app.bsky.actor.getProfile", Map.of("actor", List.of(did)));
				total = count(own, "followersCount");
			}
			Map<String, List<String>> params = new HashMap<>();
			params.put("actor", List.of(did));
			params.put("limit", List.of(String.valueOf(PAGE)));
			if (cursor != null) {
				params.put("cursor", List.of(cursor));
			}
			JsonNode answer = query(service, identifier, "app.bsky.graph.getFollowers", params);
			if (!answer.path("followers").isArray()) {
				throw new FollowersUnavailable("The PDS answered the list of followers without a list.", true, null, null);
			}
			List<String> dids = new ArrayList<>();
			answer.path("followers").forEach(f -> dids.add(f.path("did").asString("")));
			Map<String, JsonNode> detailed = new HashMap<>();
			for (int from = 0; from < dids.size(); from += PROFILES) {
				List<String> actors = dids.subList(from, Math.min(dids.size(), from + PROFILES)).stream()
					.filter(d -> !d.isEmpty()).toList();
				if (!actors.isEmpty()) {
					query(service, identifier, "app.bsky.actor.getProfiles", Map.of("actors", actors)).path("profiles")
						.forEach(p -> detailed.put(p.path("did").asString(""), p));
				}
			}
			Instant observed = Instant.now();
			List<Follower> followers = new ArrayList<>();
			for (JsonNode view : answer.path("followers")) {
				followers.add(follower(detailed.getOrDefault(view.path("did").asString(""), view), observed));
			}
			String next = answer.path("cursor").asString(null);
			return new FollowerPage(followers, followers.isEmpty() || next == null || next.isBlank() ? null : next, total,
					null);
		}
		catch (BlueskyClient.Failure e) {
			accounts.failed(channel.id(), e);
			throw new FollowersUnavailable(e.getMessage(), e.retryable, e.pauseUntil, e);
		}
	}

	private JsonNode query(String service, String identifier, String method, Map<String, List<String>> params)
			throws BlueskyClient.Failure {
		return sessions.call(service, identifier, s -> client.query(service, s, method, params));
	}

	/**
	 * A profile view (app.bsky.actor.defs#profileViewDetailed where the counts were read, else #profileView) as a
	 * follower: the DID as its id, no {@code avatar} as the default picture, {@code banner} as the header image, a
	 * valid {@code verification} status as verified, a {@code bot} self-label as automated. Bluesky has no private
	 * accounts and no website field; its profile views do not say when an account last posted or followed.
	 */
	static Follower follower(JsonNode p, Instant observed) {
		String handle = p.path("handle").asString("");
		boolean detailed = p.has("followersCount") || p.has("postsCount");
		boolean bot = false;
		for (JsonNode label : p.path("labels")) {
			bot |= "bot".equals(label.path("val").asString(""));
		}
		String avatar = p.path("avatar").asString("");
		String verified = p.path("verification").path("verifiedStatus").asString("");
		return new Follower(p.path("did").asString(""), handle.isEmpty() ? null : "@" + handle,
				p.path("displayName").asString(null), p.has("description") ? p.path("description").asString("").strip() : "",
				null, null, instant(p.path("createdAt").asString(null)), observed, count(p, "postsCount"),
				count(p, "followersCount"), count(p, "followsCount"), null, null, avatar.isBlank(),
				avatar.isBlank() ? null : avatar, detailed ? Boolean.valueOf(!p.path("banner").asString("").isBlank()) : null,
				verified.isEmpty() ? null : "valid".equals(verified), Boolean.FALSE, bot, null, null);
	}

	private static Long count(JsonNode node, String field) {
		return JsonHttp.count(node, field);
	}

	private static Instant instant(String value) {
		return JsonHttp.instant(value);
	}
}

package org.rapport.channels.mastodon;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Follower;
import org.rapport.channels.FollowerPage;
import org.rapport.channels.FollowersUnavailable;
import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.network.JsonHttp;
import org.rapport.platform.LinkHeaders;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The followers of a connected Mastodon account, page by page: the first page asks the instance whose the token is
 * ({@code GET /api/v1/accounts/verify_credentials}, which also counts the followers), then
 * {@code GET /api/v1/accounts/:id/followers?limit=80}; each next page is the one the {@code Link} header names
 * with {@code rel="next"}, and the cursor is that link's path. When the answer says that fewer than
 * {@value #RESERVE} requests of the token's rate limit are left ({@code X-RateLimit-Remaining}), the next page waits
 * for {@code X-RateLimit-Reset}, so that reading mentions and sending replies keep working during an audit.
 */
@Component
class MastodonFollowers {

	/** Accounts per page: the most the instance gives (docs.joinmastodon.org/methods/accounts/#followers). */
	static final int PAGE = 80;

	/** Requests of the rate limit (300 per 5 minutes by default) left for reading mentions and sending replies. */
	static final int RESERVE = 30;

	private final MastodonClient client;
	private final MastodonAccounts accounts;

	MastodonFollowers(MastodonClient client, MastodonAccounts accounts) {
		this.client = client;
		this.accounts = accounts;
	}

	ChannelConnector.Followers of(Channel channel) {
		return cursor -> page(channel, cursor);
	}

	FollowerPage page(Channel channel, String cursor) throws FollowersUnavailable {
		String instance = channel.setting("instance", "");
		String token = channel.setting("accessToken", "");
		try {
			Long total = null;
			String path;
			if (cursor == null) {
				JsonNode me = client.verifyCredentials(instance, token);
				total = count(me, "followers_count");
				path = "/api/v1/accounts/" + JsonHttp.encoded(me.path("id").asString(""))
						+ "/followers?limit=" + PAGE;
			}
			else {
				path = checkedCursor(cursor);
			}
			MastodonClient.Answer answer = client.followers(instance, token, path);
			if (!answer.json().isArray()) {
				throw new FollowersUnavailable("The instance answered the list of followers with something that is not a list.",
						true, null, null);
			}
			Instant observed = Instant.now();
			String host = URI.create(instance).getHost();
			List<Follower> followers = new ArrayList<>();
			for (JsonNode account : answer.json()) {
				followers.add(follower(account, host, observed));
			}
			String next = followers.isEmpty() ? null : next(answer.answer().headers());
			return new FollowerPage(followers, next, total, next == null ? null : notBefore(answer.answer().headers()));
		}
		catch (MastodonClient.Failure e) {
			accounts.failed(channel.id(), e);
			throw new FollowersUnavailable(e.getMessage(), e.retryable, e.pauseUntil, e);
		}
	}

	/**
	 * An Account entity (docs.joinmastodon.org/entities/Account/) as a follower: {@code note} (HTML) as the bio,
	 * the first link among the profile's fields as its website, {@code missing.png} as the avatar or header the
	 * instance shows for none, {@code locked} as protected, {@code last_status_at} (a day) as the last post, never
	 * before the account was created.
	 */
	static Follower follower(JsonNode a, String instanceHost, Instant observed) {
		String acct = a.path("acct").asString("");
		String handle = acct.isEmpty() ? null : "@" + acct + (acct.contains("@") || instanceHost == null ? "" : "@" + instanceHost);
		String uri = a.path("uri").asString("");
		String url = a.path("url").asString("");
		String id = !uri.isBlank() ? uri : !url.isBlank() ? url : handle != null ? handle : a.path("id").asString("");
		String avatar = a.path("avatar").asString("");
		String header = a.has("header") ? a.path("header").asString("") : null;
		Instant created = instant(a.path("created_at").asString(null));
		Instant lastPost = day(a.path("last_status_at").asString(null));
		if (lastPost != null && created != null && lastPost.isBefore(created)) {
			lastPost = created;
		}
		String name = a.path("display_name").asString(null);
		return new Follower(id, handle, name, a.has("note") ? HtmlSanitizing.toText(a.path("note").asString("")).strip() : null,
				website(a.path("fields")), null, created, observed, count(a, "statuses_count"), count(a, "followers_count"),
				count(a, "following_count"), null, null, a.has("avatar") ? avatar.isBlank() || avatar.contains("missing.png") : null,
				avatar.isBlank() ? null : avatar, header == null ? null : !header.isBlank() && !header.contains("missing.png"),
				null, a.has("locked") ? a.path("locked").asBoolean(false) : null,
				a.has("bot") ? a.path("bot").asBoolean(false) : null, lastPost, null);
	}

	/** The first field that links somewhere, verified ones first; "" when the profile has fields but none links. */
	private static String website(JsonNode fields) {
		if (!fields.isArray()) {
			return null;
		}
		String first = "";
		for (JsonNode field : fields) {
			String value = field.path("value").asString("");
			String text = HtmlSanitizing.toText(value).strip();
			boolean link = value.contains("href=") || text.toLowerCase(Locale.ROOT).startsWith("http");
			if (link && !field.path("verified_at").isNull() && !field.path("verified_at").isMissingNode()) {
				return text;
			}
			if (link && first.isEmpty()) {
				first = text;
			}
		}
		return first;
	}

	/** The path and query of the {@code rel="next"} link; never another host, whatever the header says. */
	private static String next(HttpHeaders headers) {
		for (LinkHeaders.Link link : LinkHeaders.parse(headers.allValues("Link"))) {
			if (link.hasRel("next")) {
				try {
					URI next = URI.create(link.reference());
					return next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
				}
				catch (IllegalArgumentException e) {
					return null;
				}
			}
		}
		return null;
	}

	private static String checkedCursor(String cursor) throws FollowersUnavailable {
		if (!cursor.matches("/api/v1/accounts/[^/?#]+/followers(\\?[^#]*)?")) {
			throw new FollowersUnavailable("The place where reading the followers stopped ('" + cursor
					+ "') is not a page of followers.", false, null, null);
		}
		return cursor;
	}

	/** The reset time, when fewer than {@link #RESERVE} requests are left. */
	static Instant notBefore(HttpHeaders headers) {
		return MastodonClient.LIMITS.resetWhenFewerThan(RESERVE, headers).orElse(null);
	}

	private static Long count(JsonNode node, String field) {
		return JsonHttp.count(node, field);
	}

	/** A timestamp, or a day where the instance gives only that. */
	private static Instant instant(String value) {
		Instant instant = JsonHttp.instant(value);
		return instant != null ? instant : day(value);
	}

	private static Instant day(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}
}

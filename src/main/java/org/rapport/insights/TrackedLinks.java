package org.rapport.insights;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.RapportProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tracked links: a short address {@code /r/<code>} for a link in a post, reply, newsletter or blog, which counts
 * clicks per day and forwards to the target with UTM parameters ({@code utm_source=rapport}, {@code utm_medium} the
 * channel, {@code utm_campaign}). No cookie is set and nothing about the person who clicks is stored — not the
 * address, not the browser — so a click is a number, never a profile.
 */
@Component
public class TrackedLinks {

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
	private static final SecureRandom RANDOM = new SecureRandom();

	public record NewLink(String url, String channel, String campaign) {
	}

	/**
	 * @param trackedUrl the short address to publish
	 * @param target where it forwards, with the UTM parameters
	 */
	public record Link(UUID id, String code, String url, String trackedUrl, String target, UUID channelId,
			String campaign, long clicks, java.time.Instant createdAt) {
	}

	private final JdbcClient jdbc;
	private final Metrics metrics;
	private final RapportProperties properties;

	TrackedLinks(JdbcClient jdbc, Metrics metrics, RapportProperties properties) {
		this.jdbc = jdbc;
		this.metrics = metrics;
		this.properties = properties;
	}

	public Link create(CurrentUser user, NewLink in) {
		user.requireWorker();
		URI uri;
		try {
			uri = URI.create(in.url() == null ? "" : in.url().strip());
		}
		catch (IllegalArgumentException e) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
				|| in.url().length() > 2_000) {
			throw new InvalidFieldException("url", "url must be an http or https address, not '" + in.url() + "'.");
		}
		Channel channel = metrics.channel(user.workspaceId(), in.channel());
		String campaign = in.campaign() == null ? "" : in.campaign().strip();
		if (campaign.length() > 100) {
			throw new InvalidFieldException("campaign", "A campaign name may have at most 100 characters.");
		}
		String target = withUtm(uri.toString(), channel == null ? "link" : channel.key(), campaign);
		UUID id = UUID.randomUUID();
		String code = code();
		jdbc.sql("""
				insert into insight_links(id, workspace_id, code, url, target, channel_id, campaign) values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, user.workspaceId(), code, uri.toString(), target, channel == null ? null : channel.id(), campaign)
			.update();
		return list(user.workspaceId()).stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
	}

	/** The workspace's links, newest first, with their clicks. */
	public List<Link> list(UUID workspaceId) {
		return jdbc.sql("""
				select l.*, coalesce((select sum(c.clicks) from insight_link_clicks c where c.link_id = l.id), 0) as clicks
				from insight_links l where l.workspace_id = ? order by l.created_at desc, l.id""")
			.param(workspaceId)
			.query((rs, n) -> new Link(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("url"),
					properties.link("/r/" + rs.getString("code")), rs.getString("target"),
					rs.getObject("channel_id", UUID.class), rs.getString("campaign"), rs.getLong("clicks"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** Counts a click and answers where to forward; empty for an unknown code. */
	public Optional<String> follow(String code) {
		if (code == null || !code.matches("[a-z0-9]{1,20}")) {
			return Optional.empty();
		}
		return jdbc.sql("""
				with link as (select id, target from insight_links where code = ?),
				counted as (
				  insert into insight_link_clicks(link_id, day, clicks) select id, ?, 1 from link
				  on conflict (link_id, day) do update set clicks = insight_link_clicks.clicks + 1
				)
				select target from link""")
			.params(code, LocalDate.now(ZoneOffset.UTC))
			.query(String.class)
			.optional();
	}

	static String withUtm(String url, String medium, String campaign) {
		StringBuilder utm = new StringBuilder("utm_source=rapport&utm_medium=").append(encode(medium));
		if (!campaign.isEmpty()) {
			utm.append("&utm_campaign=").append(encode(campaign));
		}
		int hash = url.indexOf('#');
		String base = hash < 0 ? url : url.substring(0, hash);
		String fragment = hash < 0 ? "" : url.substring(hash);
		return base + (base.contains("?") ? "&" : "?") + utm + fragment;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static String code() {
		StringBuilder code = new StringBuilder(8);
		for (int i = 0; i < 8; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}
}

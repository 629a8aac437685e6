package org.rapport.channels.youtube;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The quota units of the YouTube Data API each Google Cloud project (known by its OAuth client id) spent today
 * (table {@code youtube_quota}). Google gives a project 10,000 units a day, reset at midnight Pacific Time, and
 * counts each call by its documented cost (developers.google.com/youtube/v3/determine_quota_cost): a list 1 unit,
 * {@code comments.insert} 50. Units are taken before a call is made, in one statement, so two nodes never spend
 * more than there is.
 */
@Component
class YouTubeQuota {

	/** Where the quota's day begins and ends. */
	static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

	/** The cost of a list call ({@code commentThreads.list}, {@code comments.list}, {@code videos.list}, {@code channels.list}). */
	static final int LIST = 1;

	/** The cost of {@code comments.insert}. */
	static final int INSERT = 50;

	private final JdbcClient jdbc;
	private final int daily;

	YouTubeQuota(JdbcClient jdbc, @Value("${rapport.youtube.daily-quota:10000}") int daily) {
		this.jdbc = jdbc;
		this.daily = daily;
	}

	/** The units a project has a day. */
	int daily() {
		return daily;
	}

	static LocalDate today(Instant now) {
		return now.atZone(PACIFIC).toLocalDate();
	}

	/** When the quota is next reset: the coming midnight Pacific Time. */
	static Instant nextReset(Instant now) {
		return today(now).plusDays(1).atStartOfDay(PACIFIC).toInstant();
	}

	/** Units the project spent today. */
	int used(String clientId) {
		return jdbc.sql("select units from youtube_quota where client_id = ? and day = ?")
			.params(clientId, today(Instant.now()))
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/**
	 * Takes {@code cost} units if, after them, at least {@code keep} units are left today.
	 *
	 * @return whether the units were taken (and the call may be made)
	 */
	boolean take(String clientId, int cost, int keep) {
		LocalDate day = today(Instant.now());
		jdbc.sql("insert into youtube_quota(client_id, day, units) values (?, ?, 0) on conflict do nothing")
			.params(clientId, day)
			.update();
		return jdbc.sql("update youtube_quota set units = units + ? where client_id = ? and day = ? and units + ? + ? <= ?")
			.params(cost, clientId, day, cost, keep, daily)
			.update() == 1;
	}

	/** Google said the quota is used up: nothing more is spent today, whatever was counted. */
	void usedUp(String clientId) {
		LocalDate day = today(Instant.now());
		jdbc.sql("""
				insert into youtube_quota(client_id, day, units) values (?, ?, ?)
				on conflict (client_id, day) do update set units = greatest(youtube_quota.units, excluded.units)""")
			.params(clientId, day, daily)
			.update();
	}
}

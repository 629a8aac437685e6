package org.rapport.authenticity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The accounts of Cresci et al. (2015), {@code ../shared/data/cresci-2015/accounts.csv}, as network-neutral
 * profiles: Twitter's statuses, friends and favourites become posts, following and likes; the time of the crawl
 * ({@code updated}) becomes {@code observedAt}.
 */
record CresciAccounts(List<Account> all) {

	/** An account with the data set it comes from ({@code E13}, {@code INT}, {@code FSF}). */
	record Account(int number, String dataset, boolean bought, Profile profile) {
	}

	private static final DateTimeFormatter TWITTER = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);
	private static final DateTimeFormatter CRAWL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	static CresciAccounts read() {
		try (Reader in = Files.newBufferedReader(SharedData.file("cresci-2015/accounts.csv"), StandardCharsets.UTF_8)) {
			List<Account> accounts = new ArrayList<>();
			for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
				accounts.add(account(row));
			}
			return new CresciAccounts(accounts);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Account account(CSVRecord row) {
		Instant created = ZonedDateTime.parse(row.get("created_at"), TWITTER).toInstant();
		Instant observed = LocalDateTime.parse(row.get("updated"), CRAWL).toInstant(ZoneOffset.UTC);
		Profile profile = new Profile(row.get("id"), "twitter", row.get("screen_name"), row.get("name"),
				row.get("description"), row.get("url"), row.get("location"), created, observed, count(row, "statuses_count"),
				count(row, "followers_count"), count(row, "friends_count"), count(row, "favourites_count"),
				count(row, "listed_count"), flag(row, "default_profile_image"), row.get("profile_image_url"),
				flag(row, "profile_banner_url"), flag(row, "verified"), flag(row, "protected"), null, null);
		boolean bought = row.get("label").equals("bought");
		return new Account(Integer.parseInt(row.get("id")), row.get("dataset"), bought, profile.labelled(bought ? "bought" : "genuine"));
	}

	private static Long count(CSVRecord row, String column) {
		String value = row.get(column);
		return value.isBlank() ? null : (long) Double.parseDouble(value);
	}

	private static Boolean flag(CSVRecord row, String column) {
		String value = row.get(column).trim();
		return !(value.isEmpty() || value.equals("0") || value.equals("0.0") || value.equalsIgnoreCase("false"));
	}

	List<Account> of(String dataset) {
		return all.stream().filter(a -> a.dataset().equals(dataset)).toList();
	}

	/** The humans with an even ({@code half} 0) or odd ({@code half} 1) number: a fixed split anyone can repeat. */
	List<Account> humans(int half) {
		return all.stream().filter(a -> a.dataset().equals("E13") && a.number() % 2 == half).toList();
	}
}

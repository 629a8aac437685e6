package org.rapport.channels.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.channels.Follower;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Mastodon's Account entity as a follower, from the recorded answers (see src/test/resources/mastodon/README.md). */
class MastodonFollowersTests {

	static final Instant READ = Instant.parse("2026-12-01T10:00:00Z");

	static JsonNode account(String file, int index) {
		return JsonMapper.builder().build().readTree(MastodonAnswers.file(file)).get(index);
	}

	@Test
	void aDefaultAvatarAndHeaderAnEmptyNoteAndNoPostMakeAProfileThatSaysSo() {
		Follower f = MastodonFollowers.follower(account("followers_page1.json", 1), "social.example", READ);
		assertThat(f.id()).isEqualTo("https://social.example/users/user83741");
		assertThat(f.handle()).as("a local account gets the instance's host").isEqualTo("@user83741@social.example");
		assertThat(f.defaultAvatar()).isTrue();
		assertThat(f.hasBanner()).isFalse();
		assertThat(f.bio()).isEmpty();
		assertThat(f.url()).as("fields given, none links").isEmpty();
		assertThat(f.posts()).isZero();
		assertThat(f.followers()).isEqualTo(1);
		assertThat(f.following()).isEqualTo(2100);
		assertThat(f.createdAt()).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
		assertThat(f.lastPostAt()).isNull();
		assertThat(f.observedAt()).isEqualTo(READ);
		assertThat(f.isProtected()).isFalse();
		assertThat(f.bot()).isFalse();
		assertThat(f.followedAt()).as("Mastodon does not say when").isNull();
	}

	@Test
	void aPersonsProfileKeepsItsTextItsVerifiedWebsiteAndTheDayOfItsLastPost() {
		Follower f = MastodonFollowers.follower(account("followers_page1.json", 0), "social.example", READ);
		assertThat(f.handle()).isEqualTo("@lena@example.social");
		assertThat(f.name()).isEqualTo("Lena Vogt");
		assertThat(f.bio()).isEqualTo("Erzieherin in Musterstadt, liest gern vor.");
		assertThat(f.url()).isEqualTo("https://lena.example");
		assertThat(f.defaultAvatar()).isFalse();
		assertThat(f.avatarUrl()).endsWith("lena.png");
		assertThat(f.hasBanner()).isTrue();
		assertThat(f.lastPostAt()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
	}

	@Test
	void aBotSaysSoAndALastPostOnTheDayOfCreationIsNotBeforeIt() {
		assertThat(MastodonFollowers.follower(account("followers_page2.json", 1), "social.example", READ).bot()).isTrue();
		JsonNode sameDay = JsonMapper.builder().build()
			.readTree("{\"id\":\"1\",\"acct\":\"a\",\"created_at\":\"2025-03-14T08:30:00.000Z\",\"last_status_at\":\"2025-03-14\"}");
		Follower f = MastodonFollowers.follower(sameDay, "social.example", READ);
		assertThat(f.lastPostAt()).isEqualTo(f.createdAt());
		assertThat(f.id()).as("no uri or url: the handle").isEqualTo("@a@social.example");
		assertThat(f.defaultAvatar()).as("no avatar field: unknown").isNull();
	}

	@Test
	void theNextPageWaitsForTheResetOnlyWhenTheRateLimitIsNearlySpent() {
		String reset = "2026-12-01T10:05:00.000Z";
		assertThat(MastodonFollowers.notBefore(headers("X-RateLimit-Remaining", "29", "X-RateLimit-Reset", reset)))
			.isEqualTo(Instant.parse(reset));
		assertThat(MastodonFollowers.notBefore(headers("X-RateLimit-Remaining", "30", "X-RateLimit-Reset", reset))).isNull();
		assertThat(MastodonFollowers.notBefore(headers("X-RateLimit-Remaining", "0"))).isNull();
		assertThat(MastodonFollowers.notBefore(headers("X-RateLimit-Remaining", "many", "X-RateLimit-Reset", reset))).isNull();
	}

	private static HttpHeaders headers(String... pairs) {
		Map<String, List<String>> map = new java.util.HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], List.of(pairs[i + 1]));
		}
		return HttpHeaders.of(map, (a, b) -> true);
	}
}

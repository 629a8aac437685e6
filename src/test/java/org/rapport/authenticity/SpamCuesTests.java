package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The cues look for a few words before they try their patterns (which cost far more, and run on every message the
 * inbox receives): that may only save time, never change a verdict.
 */
class SpamCuesTests {

	/** A text for each alternative of each pattern, in upper and mixed case too, and texts that hold none. */
	static final List<String> EXAMPLES = List.of("Check out my new video", "CHECKOUT OUR page", "visit my site",
			"watch my playlist", "look at our shop", "go to my channel", "my new song is out", "subscribe to me please",
			"Subscribe us", "Besucht meinen Kanal", "schaut euch mal unsere Seite an", "abonniert mein Profil",
			"unseren Blog gibt es hier", "meinen shop", "like this comment", "Like if you agree",
			"thumbs up if you are here in 2026", "share this comment if", "retweet if", "sub 4 sub", "follows for follows",
			"likes for likes", "please subscribe", "plz like", "pls share", "give me a like", "give it a like",
			"bitte abonnieren und teilen", "liken nicht vergessen", "lasst ein Abo da", "lasst einen like da",
			"free money now", "gratis iPhone", "kostenlose Abos", "make money fast", "earn $ today", "verdiene Geld",
			"gift card", "giftcards for all", "big giveaway", "Gewinnspiel!", "bitcoin", "crypto", "casino", "loans",
			"viagra", "work from home", "paypal money",
			"Hallo, wann habt ihr morgen geöffnet?", "Danke!", "👍", "Your hour of work is our pleasure, see you",
			"I like my subject line and the free parking", "Könnt ihr mir bitte die Rechnung schicken?",
			"mySQL ourselves subscriber freedom workshop", "https://example.org", "www.example.com is down");

	@Test
	void lookingForWordsFirstChangesNoVerdict() {
		List<String> texts = new ArrayList<>(EXAMPLES);
		for (String video : YouTubeComments.VIDEOS) {
			YouTubeComments.of(video).forEach(c -> texts.add(c.text()));
		}
		int withCue = 0;
		for (String text : texts) {
			CommentText t = CommentText.of(text);
			assertThat(SpamCues.in(t)).as(text).isEqualTo(SpamCues.byPatternsOnly(t));
			withCue += SpamCues.in(t).stream().anyMatch(c -> c != SpamCues.LINK) ? 1 : 0;
		}
		assertThat(texts).hasSizeGreaterThan(1000);
		assertThat(withCue).as("the examples reach every pattern").isGreaterThan(EXAMPLES.size() - 12);
		for (String example : EXAMPLES.subList(0, EXAMPLES.size() - 10)) {
			assertThat(SpamCues.in(CommentText.of(example))).as(example).isNotEmpty();
		}
	}
}

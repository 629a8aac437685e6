package org.rapport.authenticity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The signs of comment spam that hold on any site, in English and German, set by hand: a link, writers promoting
 * their own channel or page, requests for likes, shares or subscribers, and offers of money or prizes. They are the
 * filter's start before the team has judged anything, and stay under what it learns.
 */
enum SpamCues {

	LINK(1.5, null),
	SELF_PROMOTION(2.5, Pattern.compile("\\b(check|checkout|visit|see|watch|look at|go to)( out)? (my|our)\\b"
			+ "|\\bmy (new )?(channel|page|blog|site|website|video|vids|music|song|songs|playlist|cover|app|shop|store)\\b"
			+ "|\\bsubscribe (to )?(me|my|us|our)\\b"
			+ "|\\b(besucht|abonniert|schaut)( euch)?( mal)? (meinen|meine|mein|unseren|unsere|unser)\\b"
			+ "|\\b(meinen|unseren) (kanal|blog|shop)\\b")),
	ENGAGEMENT_BAIT(2.0, Pattern.compile("\\b(like|thumbs up|share|retweet)( this)?( comment)? if\\b|\\blike this comment\\b"
			+ "|\\b(sub|subscribe|follow|like)s? (4|for) (sub|subscribe|follow|like)s?\\b"
			+ "|\\b(please|pls|plz) (subscribe|like|share)\\b|\\bgive (it|me) a like\\b"
			+ "|\\b(bitte )?(abonnieren|liken|teilen) (und|nicht vergessen)\\b|\\blasst (ein|einen) (like|abo)\\b")),
	MONEY(2.0, Pattern.compile("\\b(free|gratis|kostenlos\\w*) (money|gift ?cards?|iphone|followers|likes|geld|abos)\\b"
			+ "|\\b(make|earn|verdien\\w*) (money|cash|geld|\\$)|\\bgift ?cards?\\b|\\bgiveaway\\b|\\bgewinnspiel\\b"
			+ "|\\bbitcoin\\b|\\bcrypto\\b|\\bcasino\\b|\\bloans?\\b|\\bviagra\\b|\\bwork from home\\b|\\bpaypal money\\b"));

	/** The log-odds of spam with no sign at all: most comments are not spam. */
	static final double BIAS = -2.0;

	final double weight;
	private final Pattern pattern;

	SpamCues(double weight, Pattern pattern) {
		this.weight = weight;
		this.pattern = pattern;
	}

	/** The reason code. */
	String code() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	static List<SpamCues> in(CommentText text) {
		List<SpamCues> found = new ArrayList<>();
		for (SpamCues cue : values()) {
			if (cue == LINK ? text.link : cue.pattern.matcher(text.lower).find()) {
				found.add(cue);
			}
		}
		return found;
	}

	/** The built-in log-odds of spam. */
	static double logOdds(List<SpamCues> found) {
		double z = BIAS;
		for (SpamCues cue : found) {
			z += cue.weight;
		}
		return z;
	}
}

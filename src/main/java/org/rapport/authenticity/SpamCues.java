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

	LINK(1.5, List.of(), null),
	SELF_PROMOTION(2.5, List.of("my", "our", "subscribe", "besucht", "abonniert", "schaut", "meinen", "unseren"),
			Pattern.compile("\\b(check|checkout|visit|see|watch|look at|go to)( out)? (my|our)\\b"
			+ "|\\bmy (new )?(channel|page|blog|site|website|video|vids|music|song|songs|playlist|cover|app|shop|store)\\b"
			+ "|\\bsubscribe (to )?(me|my|us|our)\\b"
			+ "|\\b(besucht|abonniert|schaut)( euch)?( mal)? (meinen|meine|mein|unseren|unsere|unser)\\b"
			+ "|\\b(meinen|unseren) (kanal|blog|shop)\\b")),
	ENGAGEMENT_BAIT(2.0, List.of("like", "thumbs", "share", "retweet", "sub", "follow", "please", "pls", "plz", "give",
			"abonnieren", "liken", "teilen", "lasst"),
			Pattern.compile("\\b(like|thumbs up|share|retweet)( this)?( comment)? if\\b|\\blike this comment\\b"
			+ "|\\b(sub|subscribe|follow|like)s? (4|for) (sub|subscribe|follow|like)s?\\b"
			+ "|\\b(please|pls|plz) (subscribe|like|share)\\b|\\bgive (it|me) a like\\b"
			+ "|\\b(bitte )?(abonnieren|liken|teilen) (und|nicht vergessen)\\b|\\blasst (ein|einen) (like|abo)\\b")),
	MONEY(2.0, List.of("free", "gratis", "kostenlos", "make", "earn", "verdien", "gift", "giveaway", "gewinnspiel",
			"bitcoin", "crypto", "casino", "loan", "viagra", "work", "paypal"),
			Pattern.compile("\\b(free|gratis|kostenlos\\w*) (money|gift ?cards?|iphone|followers|likes|geld|abos)\\b"
			+ "|\\b(make|earn|verdien\\w*) (money|cash|geld|\\$)|\\bgift ?cards?\\b|\\bgiveaway\\b|\\bgewinnspiel\\b"
			+ "|\\bbitcoin\\b|\\bcrypto\\b|\\bcasino\\b|\\bloans?\\b|\\bviagra\\b|\\bwork from home\\b|\\bpaypal money\\b"));

	/** The log-odds of spam with no sign at all: most comments are not spam. */
	static final double BIAS = -2.0;

	final double weight;
	/**
	 * Words of which every match of the pattern holds one (each alternative of the pattern names at least one of
	 * them): a text without any cannot match, and the pattern is not tried. The regular expressions cost far more
	 * than looking for a few words, and most messages hold none; this keeps the filter cheap on the inbox's way in.
	 * {@code SpamCuesTests} checks that the verdicts are those of the patterns alone.
	 */
	private final List<String> needs;
	private final Pattern pattern;

	SpamCues(double weight, List<String> needs, Pattern pattern) {
		this.weight = weight;
		this.needs = needs;
		this.pattern = pattern;
	}

	/** The reason code. */
	String code() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	static List<SpamCues> in(CommentText text) {
		List<SpamCues> found = new ArrayList<>();
		for (SpamCues cue : values()) {
			if (cue == LINK ? text.link : cue.mayMatch(text.lower) && cue.pattern.matcher(text.lower).find()) {
				found.add(cue);
			}
		}
		return found;
	}

	private boolean mayMatch(String lower) {
		for (String word : needs) {
			if (lower.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/** The cues by their patterns alone, without looking for their words first: what {@link #in} must equal. */
	static List<SpamCues> byPatternsOnly(CommentText text) {
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

package org.rapport.authenticity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapport.inbox.Triage;

/**
 * The triage of a message: its kind (question, complaint, praise, data request, other), its sentiment (negative,
 * neutral, positive) and its language, each with the cues that decided it.
 * <p>
 * Built in: small German and English lexicons of cues per kind (phrases of data protection requests, question words
 * and marks, complaint and praise words) and the negative tone of {@link NegativeTone} with a lexicon of positive
 * words for sentiment; a kind with no cue strong enough is "other". Learned: the team's corrections of a workspace,
 * as a naive Bayes model over words and word beginnings per task whose log-odds are added to the cues' scores, more
 * strongly the more corrections there are, and a message nearly the same as one the team corrected (word overlap of
 * 80 % or more) takes the corrected value outright — so a correction takes effect with the next message.
 */
final class TriageModel {

	static final List<String> KINDS = Triage.KINDS;
	static final List<String> SENTIMENTS = Triage.SENTIMENTS;

	/** A kind needs at least this much cue score to win over "other". */
	static final double KIND_THRESHOLD = 0.9;

	/** Word overlap from which a message counts as the same as one the team corrected. */
	static final double SAME = 0.8;

	/** How strongly learned log-odds count: {@code n / (n + LEARNED_HALF)} for {@code n} corrections of the task. */
	static final double LEARNED_HALF = 100;

	/** The most a learned log-odd counts, against the cues' scale. */
	static final double LEARNED_SCALE = 0.1;

	/** Why: a stable code and the words of the text that made it (possibly none). */
	record Cue(String code, List<String> words) {
	}

	/** The triage of one text. */
	record Result(String kind, String sentiment, String language, List<Cue> reasons) {
	}

	/** A text the team labelled for one task. */
	record Example(String text, String label) {
	}

	private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?|[\\p{So}\\x{2764}]");

	private static final Pattern ARTICLE = Pattern.compile(
			"\\b(art\\.?|artikel|article)\\s*(15|16|17|18|20|21)\\b|\\bdsgvo\\b|\\bgdpr\\b|\\bds-gvo\\b");

	// Lexicons: an entry ending in '*' matches words beginning with it, one with a space matches that phrase.
	private static final Lexicon DATA = lexicon("""
			auskunft* 1.5, auskunftsersuchen 3, personenbezogen* 2, meine daten 2, meiner daten 2, meinen daten 1.5,
			daten* 0.6, lösch* 1.2, gelöscht 1.2, einwilligung* 1.2, datenschutz* 1.5, widerspreche 1.5, widerspruch 1.2,
			berichtig* 1.5, übertragbarkeit 2, datenübertragbarkeit 2.5, gespeichert* 1, speichern 1, kopie 0.6,
			aufbewahr* 0.8, verarbeitung 1, übermittelt 0.8, weitergegeben 0.8, widerrufe 1.2, streichen 0.8, entfernen 1, über mich 0.8, welche daten 1.5, aus allen listen 1.5,
			personal data 2, my data 2, my personal 1.5, data you hold 2, data protection 1.5, subject access 3, data* 0.6,
			delete* 1, deleted 1, erase* 2, erasure 2.5, consent* 1.2, object to 1.5, rectif* 1.5, portability 2,
			information about me 1.5, information about my 1.2, store 0.8, stored 1, copy 0.6, processing 1, recipients 1,
			disclosed 0.8, remove me 1.2, remove 1, about me 0.8, what data 1.5, what information 1, keep application 1, records 0.8, recordings 0.8, footage 0.8, withdraw 1""");

	private static final Lexicon QUESTION_WORDS = lexicon("""
			wann 1, wo 1, wie 1, was 0.8, welche* 1, wer 1, gibt 0.8, kann 0.8, können 0.8, könnt 0.8, könnten 0.8, ist 0.6,
			sind 0.6, habt 0.8, haben 0.5, bieten 0.8, muss 0.8, müssen 0.8, darf 0.8, bekommt 0.8, bekomme 0.6, nehmen 0.6,
			gilt 0.8, hat 0.6, frage 1, fragen 0.6, wissen ob 1,
			what 1, when 1, where 1, how 1, who 1, which 1, do 0.8, does 0.8, is 0.6, are 0.6, can 0.8, could 0.8,
			would 0.5, will 0.4, question 1, wondering 1""");

	private static final Lexicon COMPLAINT = lexicon("""
			beschwer* 1.5, erstattung 1, schon wieder 1, wieder 0.5, zum wiederholten 1.5, seit wochen 1, seit tagen 1,
			seit gestern 0.5, kaputt 1, defekt 1, nicht zufrieden 1.5, enttäusch* 1.5, zu spät 1, verspät* 1, warte* 0.8,
			ignoriert 1, abgewimmelt 1.5, danke für nichts 2, nicht erreichbar 1, abgestürzt 1, stürzt 1, falsch* 0.7,
			mahnung 0.8, nie wieder 1.5, nervig 1.5, reicht es 1.5, zu laut 1.5, rücksichtslos 1.5, niemand 0.5, keiner 0.5,
			nicht akzeptier* 1.5, akzeptiere ich 1, respektlos 1.5, menschenunwürdig 2, überfüllt 1, keinen spaß 1,
			passiert ist nichts 1.5, ständig 0.7, einseitig 1, unmöglich 1, schade 0.8, leider 0.7, geht gar nicht 1.5, geht nicht 1, so geht das nicht 2,
			complain* 1.5, complaint 1.5, refund 1, again 0.7, once again 1, for weeks 1, for days 1, broke* 1, broken 1,
			not happy 1.5, disappoint* 1.5, late 0.8, waiting 0.8, ignoring 1, ignored 1, brushed off 1.5, thanks for nothing 2,
			down since 1, crashing 1, unusable 1.5, wrong 0.7, reminder 0.5, never again 1.5, shame 0.8, pity 0.8,
			unfortunately 0.7, not okay 1.5, had enough 1.5, too loud 1.5, inconsiderate 1.5, nobody 0.5, poor 1,
			do not accept 1.5, disrespected 1.5, degrading 2, overcrowded 1, not fun 1, nothing happened 1.5, all the time 0.7,
			one-sided 1, not good enough 2, rip-off 2, letdown 1.5, rude* 1.5, damaged 1""");

	private static final Lexicon PRAISE = lexicon("""
			danke 1, dank 1, danken 1, dankbar 1.5, toll* 1, super 1, klasse 1, prima 1, großartig* 1.5, wunderbar* 1.5,
			wunderschön* 1.5, schön* 0.7, lob 1.5, respekt 1, begeistert 1.5, gelungen* 1.5, hilfreich* 1, kompetent 1,
			freundlich 0.8, gefreut 1, freue 0.7, beste* 1.5, mega 1, wow 1, weiter so 1.5, segen 1.5, liebevoll* 1,
			gänsehaut 1.5, spaß 0.7, gut 0.7, gern 0.5, gerne 0.5,
			thank* 1, thanks 1, grateful 1.5, great 1, brilliant 1.5, wonderful 1.5, lovely 1.2, amazing 1.5, fantastic 1.5,
			best 1.5, praise 1.5, respect 1, thrilled 1.5, helpful 1, competent 1, friendly 0.8, pleased 1, love* 1,
			keep it up 1.5, blessing 1.5, goosebumps 1.5, fun 0.7, good 0.7, beautiful 1.2, pleasure 1, well done 1.5, perfect* 1,
			❤ 1.5, 😍 1.5, 😊 1, 👍 1, 🥐 0.5""");

	private static final Lexicon POSITIVE = lexicon("""
			danke 1, dank 1, dankbar 1.5, toll* 1, super 1, klasse 1, prima 1, großartig* 1.5, wunderbar* 1.5,
			wunderschön* 1.5, schön* 1, lob 1.5, respekt 1, begeistert 1.5, gelungen* 1.5, hilfreich* 1, freundlich 0.8,
			gefreut 1, freue 1, lob 1.5, beste* 1.5, mega 1, wow 1, glückwunsch* 1.5, frohe 1, liebe grüße 1, segen 1.5, gerne 0.7,
			thank* 1, grateful 1.5, great 1, brilliant 1.5, wonderful 1.5, lovely 1.2, amazing 1.5, fantastic 1.5,
			best 1.5, thrilled 1.5, helpful 1, praise 1.5, pleased 1, love* 1, congratulations 1.5, merry 1, happy 1, nice 0.8,
			good 0.7, beautiful 1.2, enjoyed 1, pleasure 1, well done 1.5, perfect* 1, sounds good 1, greetings 0.7,
			❤ 1.5, 😍 1.5, 😊 1, 👍 1, 🥐 0.5""");

	/** Words that make a request for data or anything else sound cross: demands, deadlines, threats. */
	private static final Lexicon DEMAND = lexicon("""
			verlange 0.5, endlich 1, letzte frist 1.5, frist 0.5, sonst 0.7, behörde 0.7, ohne erlaubnis 1, nie 0.5,
			zum dritten mal 1.5, demand 1, final deadline 1.5, otherwise 0.7, authority 0.7, without permission 1,
			for the third time 1.5, never consented 1.5, ico 0.7, zensur 1.5, censorship 1.5""");

	/** Words that often carry sarcasm ("Na toll", "Brilliant service as always"), when the text is also cross. */
	private static final Lexicon SARCASM = lexicon("""
			na toll 2, echt großartig 1.5, wirklich toll 1.5, super 0.5, toll 0.5, danke für nichts 2,
			oh great 2, oh wonderful 2, brilliant 0.5, fantastic 0.5, great job 1.5, thanks for nothing 2, as always 1, 🙄 2""");

	private record Taught(Map<String, Map<String, Integer>> counts, Map<String, Integer> docs,
			Map<String, Integer> totals, Set<String> vocabulary, int n, List<Example> examples) {

		static Taught of(List<Example> examples) {
			Map<String, Map<String, Integer>> counts = new HashMap<>();
			Map<String, Integer> docs = new HashMap<>();
			Map<String, Integer> totals = new HashMap<>();
			Set<String> vocabulary = new HashSet<>();
			for (Example e : examples) {
				docs.merge(e.label(), 1, Integer::sum);
				Map<String, Integer> c = counts.computeIfAbsent(e.label(), k -> new HashMap<>());
				for (String f : features(tokens(e.text()))) {
					c.merge(f, 1, Integer::sum);
					totals.merge(e.label(), 1, Integer::sum);
					vocabulary.add(f);
				}
			}
			return new Taught(counts, docs, totals, vocabulary, examples.size(), List.copyOf(examples));
		}

		/** Log-probability of the text's features under each label (with a uniform prior), centred on their mean. */
		Map<String, Double> logOdds(Set<String> features, List<String> labels) {
			Map<String, Double> scores = new LinkedHashMap<>();
			int v = vocabulary.size() + 1;
			double sum = 0;
			for (String label : labels) {
				Map<String, Integer> c = counts.getOrDefault(label, Map.of());
				int total = totals.getOrDefault(label, 0);
				double s = 0;
				for (String f : features) {
					if (vocabulary.contains(f)) {
						s += Math.log((c.getOrDefault(f, 0) + 0.5) / (total + 0.5 * v));
					}
				}
				scores.put(label, s);
				sum += s;
			}
			double mean = sum / labels.size();
			scores.replaceAll((k, s) -> s - mean);
			return scores;
		}

		/** The features of the text that speak most for a label, up to three, as words. */
		List<String> wordsFor(List<String> tokens, String label) {
			Map<String, Integer> c = counts.getOrDefault(label, Map.of());
			return new LinkedHashSet<>(tokens).stream()
				.filter(t -> c.getOrDefault(t, 0) >= 2)
				.filter(t -> {
					int others = 0;
					for (var e : counts.entrySet()) {
						if (!e.getKey().equals(label)) {
							others += e.getValue().getOrDefault(t, 0);
						}
					}
					return c.get(t) > 2 * others;
				})
				.limit(3)
				.toList();
		}

		/** The label of an example the team labelled that is nearly the same text, or null. */
		String same(Set<String> words) {
			if (words.isEmpty()) {
				return null;
			}
			String best = null;
			double bestOverlap = 0;
			for (Example e : examples) {
				Set<String> other = new HashSet<>(tokens(e.text()));
				if (other.isEmpty()) {
					continue;
				}
				int common = 0;
				for (String w : words) {
					common += other.contains(w) ? 1 : 0;
				}
				double overlap = (double) common / (words.size() + other.size() - common);
				if (overlap >= SAME && overlap > bestOverlap) {
					best = e.label();
					bestOverlap = overlap;
				}
			}
			return best;
		}
	}

	private static final Taught NONE = Taught.of(List.of());

	private static final TriageModel BUILT_IN = new TriageModel(NONE, NONE, NONE);

	private final Taught kinds;
	private final Taught sentiments;
	private final Taught languages;

	private TriageModel(Taught kinds, Taught sentiments, Taught languages) {
		this.kinds = kinds;
		this.sentiments = sentiments;
		this.languages = languages;
	}

	static TriageModel builtIn() {
		return BUILT_IN;
	}

	/** The built-in cues plus what the team's corrections of each task teach. */
	static TriageModel learned(List<Example> kinds, List<Example> sentiments, List<Example> languages) {
		return new TriageModel(Taught.of(kinds), Taught.of(sentiments), Taught.of(languages));
	}

	/** How many corrections the model learned from, all tasks together. */
	int learnedFrom() {
		return kinds.n() + sentiments.n() + languages.n();
	}

	Result triage(String text) {
		Read read = new Read(text == null ? "" : NegativeTone.plain(text));
		String plain = read.plain;
		List<String> tokens = read.tokens;
		Set<String> words = read.words;
		List<Cue> reasons = new ArrayList<>();

		// kind
		Map<String, Double> kindScores = new LinkedHashMap<>();
		Map<String, List<String>> kindWords = new HashMap<>();
		kindScores.put("other", KIND_THRESHOLD); // first, so that it wins a tie
		kindWords.put("other", List.of());
		List<String> dataWords = new ArrayList<>();
		double data = score(DATA, read, dataWords);
		Matcher article = read.mayCiteArticle() ? ARTICLE.matcher(read.lower) : null;
		if (article != null && article.find()) {
			data += 3;
			dataWords.addFirst(article.group().strip());
		}
		kindScores.put("data-request", data);
		kindWords.put("data-request", dataWords);
		List<String> questionWords = new ArrayList<>();
		boolean questionMark = plain.contains("?");
		double question = questionMark ? 1.2 : 0;
		double starts = questionStarts(read, questionWords);
		question += questionMark ? starts : starts / 2;
		kindScores.put("question", question);
		kindWords.put("question", questionWords);
		NegativeTone.Verdict tone = NegativeTone.score(plain);
		List<String> complaintWords = new ArrayList<>();
		double complaint = score(COMPLAINT, read, complaintWords) + Math.max(0, tone.score());
		if (tone.score() >= 1.5) {
			question -= 1; // "How can anyone be this incompetent?" asks nothing
			kindScores.put("question", question);
		}
		for (String cue : tone.cues()) {
			if (!cue.startsWith("(") && !cue.startsWith("!") && !cue.startsWith("?") && !complaintWords.contains(cue)) {
				complaintWords.add(cue);
			}
		}
		List<String> sarcasmWords = new ArrayList<>();
		double sarcasm = score(SARCASM, read, sarcasmWords);
		List<String> praiseWords = new ArrayList<>();
		double praise = score(PRAISE, read, praiseWords);
		boolean sarcastic = sarcasm >= 1.5 && complaint >= 1 || sarcasm >= 2;
		if (sarcastic) {
			complaint += praise + 1;
			praise = 0;
		}
		if (questionMark) {
			praise *= 0.5; // "Danke im Voraus" ends many a question
		}
		kindScores.put("complaint", complaint);
		kindWords.put("complaint", complaintWords);
		kindScores.put("praise", praise - Math.max(0, complaint - 1) * 0.5);
		kindWords.put("praise", praiseWords);
		if (tokens.size() <= 3) {
			kindScores.put("praise", kindScores.get("praise") * 1.5); // "Danke!", "Thanks!"
		}
		String kind = decide(kindScores, kinds, tokens, words, reasons, "kind", kindWords);

		// sentiment
		List<String> positiveWords = new ArrayList<>();
		double positive = score(POSITIVE, read, positiveWords);
		List<String> demandWords = new ArrayList<>();
		double negative = Math.max(0, tone.score()) + score(DEMAND, read, demandWords)
				+ (sarcastic ? 2 : 0) + ("complaint".equals(kind) ? 1.2 : 0);
		List<String> negativeWords = new ArrayList<>(complaintWords);
		negativeWords.addAll(demandWords);
		if (sarcastic) {
			negativeWords.addAll(0, sarcasmWords);
			positive = 0;
		}
		Map<String, Double> sentimentScores = new LinkedHashMap<>();
		sentimentScores.put("neutral", 1.0);
		sentimentScores.put("negative", negative - 0.5 * positive);
		sentimentScores.put("positive", positive + ("praise".equals(kind) ? 1 : 0) - ("question".equals(kind) ? 0.5 : 0)
				- negative);
		Map<String, List<String>> sentimentWords = Map.of("negative", negativeWords, "neutral", List.of(), "positive",
				positiveWords);
		String sentiment = decide(sentimentScores, sentiments, tokens, words, reasons, "sentiment", sentimentWords);
		if (sarcastic && "negative".equals(sentiment)) {
			reasons.add(new Cue("sarcasm", distinct(sarcasmWords)));
		}

		// language
		String language = languages.same(words);
		if (language != null) {
			reasons.add(new Cue("language-team", List.of(language)));
		}
		else {
			language = TriageLanguage.of(plain);
			reasons.add(new Cue(TriageLanguage.UNKNOWN.equals(language) ? "language-unknown" : "language",
					List.of(language)));
		}
		return new Result(kind, sentiment, language, List.copyOf(reasons));
	}

	/**
	 * The label with the highest score after adding what the team taught: the same text corrected wins outright;
	 * otherwise the learned log-odds are added, weighted by how much was learned. Adds the reason.
	 */
	private static String decide(Map<String, Double> builtIn, Taught learned, List<String> tokens, Set<String> words,
			List<Cue> reasons, String task, Map<String, List<String>> cueWords) {
		String same = learned.same(words);
		if (same != null) {
			reasons.add(new Cue(task + "-team-same", List.of(same)));
			return same;
		}
		Map<String, Double> scores = new LinkedHashMap<>(builtIn);
		if (learned.n() > 0) {
			double weight = LEARNED_SCALE * learned.n() / (learned.n() + LEARNED_HALF);
			Map<String, Double> odds = learned.logOdds(features(tokens), List.copyOf(builtIn.keySet()));
			odds.forEach((label, o) -> scores.merge(label, weight * o, Double::sum));
		}
		String best = null;
		for (var e : scores.entrySet()) {
			if (best == null || e.getValue() > scores.get(best)) {
				best = e.getKey();
			}
		}
		List<String> cues = distinct(cueWords.getOrDefault(best, List.of()));
		List<String> taught = learned.n() > 0 ? learned.wordsFor(tokens, best) : List.of();
		if (!cues.isEmpty()) {
			reasons.add(new Cue(task + "-" + best, cues));
		}
		if (!taught.isEmpty()) {
			reasons.add(new Cue(task + "-team-words", taught));
		}
		if (cues.isEmpty() && taught.isEmpty()) {
			reasons.add(new Cue(task + "-" + best + "-plain", List.of()));
		}
		return best;
	}

	private static List<String> distinct(List<String> words) {
		return new LinkedHashSet<>(words).stream().limit(4).toList();
	}

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\\n])\\s*");

	/** Words that open a sentence before its question word ("Hallo, wann …"). */
	private static final Set<String> OPENERS = Set.of("hallo", "hi", "hello", "moin", "also", "und", "and", "so");

	/** Words that say a question is asked. */
	private static final Set<String> ASKING = Set.of("frage", "question", "wondering");

	/** Question words at the start of a sentence ("Wann …", "Kann ich …", "Do you …"). */
	private static double questionStarts(Read read, List<String> found) {
		double score = 0;
		List<String> tokens = read.tokens;
		// The sentences String.split gives: the text up to each end of a sentence, and the rest after the last.
		List<int[]> sentences = new ArrayList<>();
		Matcher end = SENTENCE_END.matcher(read.plain);
		int from = 0;
		while (end.find()) {
			sentences.add(new int[] { from, end.start() });
			from = end.end();
		}
		sentences.add(new int[] { from, read.plain.length() });
		int next = 0; // the first token not yet in a sentence
		for (int[] range : sentences) {
			int to = range[1];
			String sentence = read.plain.substring(range[0], to);
			List<String> t;
			if (read.starts != null) {
				int first = next;
				while (next < tokens.size() && read.starts[next] < to) {
					next++;
				}
				t = tokens.subList(first, next);
			}
			else {
				t = tokens(sentence);
			}
			if (t.isEmpty()) {
				continue;
			}
			String first = t.getFirst();
			String firstTwo = t.size() > 1 ? first + " " + t.get(1) : first;
			Double w = QUESTION_WORDS.get(firstTwo);
			if (w == null) {
				w = QUESTION_WORDS.get(first);
			}
			if (w == null && t.size() > 1 && OPENERS.contains(first)) {
				w = QUESTION_WORDS.get(t.get(1));
				first = t.get(1);
			}
			if (w != null && sentence.strip().endsWith("?")) {
				score += w;
				found.add(first);
			}
			else if (w != null && ASKING.contains(first)) {
				score += w;
				found.add(first);
			}
		}
		for (String t : tokens) {
			if (ASKING.contains(t) && !found.contains(t)) {
				score += 1;
				found.add(t);
			}
		}
		return score;
	}

	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		tokenize(text == null ? "" : text.toLowerCase(Locale.ROOT), tokens);
		return tokens;
	}

	/** Adds the tokens of a lower-cased text to {@code tokens}; answers where each starts (the array may be longer). */
	private static int[] tokenize(String lower, List<String> tokens) {
		int[] at = new int[16];
		Matcher m = TOKEN.matcher(lower);
		while (m.find()) {
			if (tokens.size() == at.length) {
				at = Arrays.copyOf(at, at.length * 2);
			}
			at[tokens.size()] = m.start();
			tokens.add(m.group().replace('’', '\''));
		}
		return at;
	}

	/** Words, and the first five letters of longer words, so that "löschen", "Löschung" and "gelöscht"'s kin meet. */
	static Set<String> features(List<String> tokens) {
		Set<String> features = new LinkedHashSet<>();
		for (String t : tokens) {
			features.add(t);
			if (t.length() > 6) {
				features.add(t.substring(0, 5) + "…");
			}
		}
		return features;
	}

	private static double score(Lexicon lexicon, Read read, List<String> found) {
		double score = 0;
		Set<String> seen = new HashSet<>();
		for (String t : read.tokens) {
			Double exact = lexicon.words().get(t);
			if (exact != null && seen.add(t)) {
				score += exact;
				found.add(t);
			}
		}
		// Each word beginning once, with the first token that starts with it; summed in the lexicon's order.
		if (!read.firstWithStem.isEmpty()) {
			for (var e : lexicon.stems().entrySet()) {
				String t = read.firstWithStem.get(e.getKey());
				if (t != null) {
					score += e.getValue();
					found.add(t);
				}
			}
		}
		// A phrase can only be there when its first word is one of the text's tokens.
		for (var e : lexicon.phrases().entrySet()) {
			if (read.words.contains(lexicon.firstWords().get(e.getKey())) && read.joined.contains(e.getKey())) {
				score += e.getValue();
				found.add(e.getKey().strip());
			}
		}
		return score;
	}

	/**
	 * A text as the cues read it, once for all lexicons: its plain and lower-cased forms, its tokens (with where
	 * each starts, where lower-casing keeps every character in its place), their set, the tokens joined by single
	 * spaces (for phrases), and each lexicons' word beginning with the first token that starts with it.
	 */
	private static final class Read {

		final String plain;
		final String lower;
		final List<String> tokens = new ArrayList<>();
		/** Where each token starts in {@link #plain}; null where lower-casing moved characters. */
		final int[] starts;
		final Set<String> words;
		final String joined;
		final Map<String, String> firstWithStem = new HashMap<>();

		Read(String plain) {
			this.plain = plain;
			this.lower = plain.toLowerCase(Locale.ROOT);
			// Only the capital dotted I grows when lower-cased, and only the capital sigma depends on what follows
			// (σ or ς): without them each character of the lower-cased text stands where it stood.
			boolean inPlace = lower.length() == plain.length() && plain.indexOf('\u03A3') < 0;
			int[] at = tokenize(lower, tokens);
			this.starts = inPlace ? at : null;
			this.words = new HashSet<>(tokens);
			this.joined = " " + String.join(" ", tokens) + " ";
			for (String t : tokens) {
				for (int length = Math.min(t.length(), LONGEST_STEM); length >= SHORTEST_STEM; length--) {
					String beginning = t.substring(0, length);
					if (STEMS.contains(beginning)) {
						firstWithStem.putIfAbsent(beginning, t);
					}
				}
			}
		}

		/** Whether {@link #ARTICLE} can match: each of its alternatives contains one of these. */
		boolean mayCiteArticle() {
			return lower.contains("art") || lower.contains("dsgvo") || lower.contains("gdpr") || lower.contains("ds-gvo");
		}
	}

	/** The word beginnings of all lexicons that score, and their shortest and longest length. */
	private static final Set<String> STEMS = java.util.stream.Stream.of(DATA, COMPLAINT, SARCASM, PRAISE, POSITIVE, DEMAND)
		.flatMap(l -> l.stems().keySet().stream())
		.collect(java.util.stream.Collectors.toUnmodifiableSet());

	private static final int SHORTEST_STEM = STEMS.stream().mapToInt(String::length).min().orElse(1);

	private static final int LONGEST_STEM = STEMS.stream().mapToInt(String::length).max().orElse(0);

	/** A lexicon split for matching: whole words, word beginnings ("enttäusch*") and phrases (" schon wieder "). */
	private record Lexicon(Map<String, Double> words, Map<String, Double> stems, Map<String, Double> phrases,
			Map<String, String> firstWords) {

		Lexicon(Map<String, Double> words, Map<String, Double> stems, Map<String, Double> phrases) {
			this(words, stems, phrases, phrases.keySet().stream()
				.collect(java.util.stream.Collectors.toUnmodifiableMap(p -> p, p -> p.strip().split(" ")[0])));
		}

		/** The weight of a word or phrase ("gibt", "wissen ob"), or null. */
		Double get(String wordOrPhrase) {
			Double w = words.get(wordOrPhrase);
			return w != null ? w : phrases.get(" " + wordOrPhrase + " ");
		}
	}

	private static Lexicon lexicon(String entries) {
		Map<String, Double> words = new HashMap<>();
		Map<String, Double> stems = new LinkedHashMap<>();
		Map<String, Double> phrases = new LinkedHashMap<>();
		for (String entry : entries.split(",")) {
			String e = entry.strip();
			int space = e.lastIndexOf(' ');
			String key = e.substring(0, space).strip();
			double weight = Double.parseDouble(e.substring(space + 1));
			if (key.contains(" ")) {
				phrases.put(" " + key + " ", weight);
			}
			else if (key.endsWith("*")) {
				stems.put(key.substring(0, key.length() - 1), weight);
			}
			else {
				words.put(key, weight);
			}
		}
		return new Lexicon(Map.copyOf(words), java.util.Collections.unmodifiableMap(stems),
				java.util.Collections.unmodifiableMap(phrases));
	}
}

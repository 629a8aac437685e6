package org.rapport.authenticity;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rapport.platform.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether comments and messages are spam, with reasons: the built-in cues until the team judges comments, then
 * also what the workspace's filter learned from all its judgements (retrained at once with every call that teaches
 * it). Texts too short to judge are never spam.
 */
@Service
public class CommentSpam {

	public static final String SPAM = "spam";
	public static final String HAM = "ham";

	/** The newest judgements a workspace's filter learns from. */
	static final int TRAINING_LIMIT = 20_000;

	/** Learned words shown as a reason need at least this weight. */
	private static final double NOTABLE_WORD = 0.3;

	private record Loaded(long version, SpamModel model) {
	}

	private final Judgements judgements;
	private final StartingSpamFilter starting;
	private final MessageSource messages;
	private final Clock clock = Clock.systemUTC();
	private final Cache<UUID, Loaded> models = Caffeine.newBuilder().maximumSize(200)
		.expireAfterAccess(Duration.ofHours(1)).build();

	CommentSpam(Judgements judgements, StartingSpamFilter starting, MessageSource messages) {
		this.judgements = judgements;
		this.starting = starting;
		this.messages = messages;
	}

	/** Scores up to 5,000 comments. Throws {@link RefusedInput} naming the field of the first thing it cannot accept. */
	public List<CommentVerdict> score(UUID workspaceId, List<Comment> comments, Locale locale) {
		InputChecks.comments(comments, false, clock.instant());
		SpamModel model = model(workspaceId);
		List<CommentVerdict> verdicts = new ArrayList<>(comments.size());
		for (Comment comment : comments) {
			verdicts.add(verdict(model, comment, locale));
		}
		return verdicts;
	}

	/**
	 * Learns from judged comments (each with {@code label} {@code spam} or {@code ham}; the id names the comment, so
	 * judging it again replaces the earlier judgement) and retrains the workspace's filter. A refused call learns
	 * nothing.
	 */
	@Transactional
	public Learned learn(CurrentUser by, List<Comment> comments) {
		by.requireWorker();
		InputChecks.comments(comments, true, clock.instant());
		int trainedOn = learn(by.workspaceId(), by.userId(),
				comments.stream().map(c -> new Judgements.Judged(c.id(), c.text(), c.label())).toList());
		return new Learned(comments.size(), trainedOn);
	}

	/**
	 * Records judgements (already checked) and retrains the workspace's filter from all of them; answers how many
	 * judgements the new filter learned from.
	 */
	@Transactional
	int learn(UUID workspaceId, UUID by, List<Judgements.Judged> newJudgements) {
		List<Judgements.Judged> judged = judgements.judge(workspaceId, Judgements.COMMENTS, by, newJudgements,
				TRAINING_LIMIT);
		SpamModel model = train(judged);
		judgements.saveModel(workspaceId, Judgements.COMMENTS, model.toBytes(), judged.size());
		models.invalidate(workspaceId);
		return judged.size();
	}

	/**
	 * The probability of spam for each text, by the workspace's filter, without reasons: for screening many
	 * messages fast. Texts too short to judge stay below 0.05.
	 */
	double[] probabilities(UUID workspaceId, List<String> texts) {
		SpamModel model = model(workspaceId);
		double[] p = new double[texts.size()];
		for (int i = 0; i < p.length; i++) {
			p[i] = model.spam(CommentText.of(texts.get(i)));
		}
		return p;
	}

	/** The workspace's filter, loaded again only when another training (on any node) made a new version. */
	SpamModel model(UUID workspaceId) {
		Long version = judgements.version(workspaceId, Judgements.COMMENTS).orElse(null);
		if (version == null) {
			return beforeJudgements();
		}
		Loaded loaded = models.getIfPresent(workspaceId);
		if (loaded == null || loaded.version() != version) {
			loaded = judgements.model(workspaceId, Judgements.COMMENTS)
				.map(stored -> new Loaded(stored.version(), read(workspaceId, stored)))
				.orElse(new Loaded(0, beforeJudgements()));
			models.put(workspaceId, loaded);
		}
		return loaded.model();
	}

	/**
	 * The stored filter; one stored before the features last changed is trained again from the judgements (in
	 * memory: the next judgement stores it anew).
	 */
	private SpamModel read(UUID workspaceId, Judgements.StoredModel stored) {
		SpamModel model = SpamModel.fromBytes(stored.model(), stored.trainedOn(), starting.model());
		return model != null ? model : train(judgements.of(workspaceId, Judgements.COMMENTS, TRAINING_LIMIT));
	}

	/** The filter of a workspace whose team judged nothing yet: the cues on the starting filter. */
	private SpamModel beforeJudgements() {
		SpamModel base = starting.model();
		return base == null ? SpamModel.builtIn() : SpamModel.startingWith(base);
	}

	private SpamModel train(List<Judgements.Judged> judged) {
		boolean[] spam = new boolean[judged.size()];
		List<CommentText> texts = new ArrayList<>(judged.size());
		for (int i = 0; i < spam.length; i++) {
			spam[i] = SPAM.equals(judged.get(i).label());
			texts.add(CommentText.of(judged.get(i).item()));
		}
		return SpamModel.train(texts, spam, SpamModel.DEFAULT, starting.model());
	}

	private CommentVerdict verdict(SpamModel model, Comment comment, Locale locale) {
		CommentText text = CommentText.of(comment.text());
		double p = model.spam(text);
		boolean spam = p >= 0.5;
		List<Reason> reasons = new ArrayList<>();
		if (text.isShort()) {
			reasons.add(reason("short", locale));
		}
		else {
			if (spam) {
				for (SpamCues cue : SpamCues.in(text)) {
					reasons.add(reason(cue.code(), locale));
				}
			}
			List<String> words = learnedWords(model, text, spam);
			if (!words.isEmpty()) {
				String quoted = String.join(", ", words.stream().map(w -> messages.getMessage("authenticity.quote",
						new Object[] { w }, locale)).toList());
				reasons.add(new Reason(spam ? "team-spam-words" : "team-ham-words", messages.getMessage(
						"authenticity.reason." + (spam ? "team-spam-words" : "team-ham-words"), new Object[] { quoted }, locale)));
			}
			if (reasons.isEmpty()) {
				boolean known = spam && model.started() && model.startingLogOdds(text) > 0 && model.learnedLogOdds(text) <= 0;
				reasons.add(reason(spam ? (known ? "like-known-spam" : "like-team-spam") : "no-spam-signs", locale));
			}
		}
		return new CommentVerdict(comment.id(), Math.round(p * 1000) / 1000.0, spam ? SPAM : HAM, reasons);
	}

	/** Up to three words of the text whose learned weight points the way of the verdict most strongly. */
	private static List<String> learnedWords(SpamModel model, CommentText text, boolean spam) {
		if (!model.learned()) {
			return List.of();
		}
		Set<String> distinct = new LinkedHashSet<>(text.words);
		return distinct.stream()
			.filter(w -> (spam ? 1 : -1) * model.weightOf(CommentText.word(w)) >= NOTABLE_WORD)
			.sorted(Comparator.comparingDouble(w -> -Math.abs(model.weightOf(CommentText.word(w)))))
			.limit(3)
			.toList();
	}

	private Reason reason(String code, Locale locale) {
		return new Reason(code, messages.getMessage("authenticity.reason." + code, null, locale));
	}
}

package org.rapport.authenticity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rapport.inbox.Triage;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The triage of messages (kind, sentiment, language) with reasons: the built-in cues of {@link TriageModel} until
 * the team corrects a workspace's triage, then also what it learned from every correction (at once: each correction
 * makes a new version, and every node learns anew at its next request).
 */
@Service
public class MessageTriage {

	/** The newest corrections of each task a workspace's triage learns from. */
	static final int TRAINING_LIMIT = 20_000;

	/** A message to triage, as a caller supplies it. */
	public record Item(String id, String text) {
	}

	/** The triage of one message, with its reasons in the reader's language. */
	public record Verdict(String id, String kind, String sentiment, String language, List<Reason> reasons) {
	}

	private record Loaded(long version, TriageModel model) {
	}

	private final Judgements judgements;
	private final MessageSource messages;
	private final Cache<UUID, Loaded> models = Caffeine.newBuilder().maximumSize(200)
		.expireAfterAccess(Duration.ofHours(1)).build();

	MessageTriage(Judgements judgements, MessageSource messages) {
		this.judgements = judgements;
		this.messages = messages;
	}

	/** Triages up to 5,000 messages. Throws {@link RefusedInput} naming the field of the first it cannot accept. */
	public List<Verdict> triage(UUID workspaceId, List<Item> items, Locale locale) {
		InputChecks.triageItems(items);
		TriageModel model = model(workspaceId);
		List<Verdict> verdicts = new ArrayList<>(items.size());
		for (Item item : items) {
			TriageModel.Result r = model.triage(item.text());
			verdicts.add(new Verdict(item.id(), r.kind(), r.sentiment(), r.language(),
					r.reasons().stream().map(c -> reason(c, locale)).toList()));
		}
		return verdicts;
	}

	/** The triage of each text, without reasons: for the inbox's door. */
	List<Triage> triage(UUID workspaceId, List<String> texts) {
		TriageModel model = model(workspaceId);
		List<Triage> result = new ArrayList<>(texts.size());
		for (String text : texts) {
			TriageModel.Result r = model.triage(text);
			result.add(new Triage(r.kind(), r.sentiment(), r.language()));
		}
		return result;
	}

	/**
	 * Records a correction of one message (key {@code message:<id>}, so correcting it again replaces the earlier
	 * one; null values leave that task alone) and makes a new version of the workspace's triage.
	 */
	@Transactional
	void learn(UUID workspaceId, UUID by, String key, String text, Triage corrected, UUID contactId) {
		int total = 0;
		total += record(workspaceId, by, Judgements.TRIAGE_KIND, key, text, corrected.kind(), contactId);
		total += record(workspaceId, by, Judgements.TRIAGE_SENTIMENT, key, text, corrected.sentiment(), contactId);
		total += record(workspaceId, by, Judgements.TRIAGE_LANGUAGE, key, text, corrected.language(), contactId);
		judgements.saveModel(workspaceId, Judgements.TRIAGE, new byte[0], total);
		models.invalidate(workspaceId);
	}

	/** Makes a new version of the workspace's triage from the corrections left (after an erasure removed some). */
	@Transactional
	void relearn(UUID workspaceId) {
		int total = 0;
		for (String kind : List.of(Judgements.TRIAGE_KIND, Judgements.TRIAGE_SENTIMENT, Judgements.TRIAGE_LANGUAGE)) {
			total += judgements.of(workspaceId, kind, TRAINING_LIMIT).size();
		}
		judgements.saveModel(workspaceId, Judgements.TRIAGE, new byte[0], total);
		models.invalidate(workspaceId);
	}

	private int record(UUID workspaceId, UUID by, String kind, String key, String text, String label, UUID contactId) {
		if (label == null) {
			return judgements.of(workspaceId, kind, TRAINING_LIMIT).size();
		}
		return judgements.judge(workspaceId, kind, by, List.of(new Judgements.Judged(key, text, label, contactId)),
				TRAINING_LIMIT).size();
	}

	/** The workspace's triage, learned again only when a correction (on any node) made a new version. */
	TriageModel model(UUID workspaceId) {
		Long version = judgements.version(workspaceId, Judgements.TRIAGE).orElse(null);
		if (version == null) {
			return TriageModel.builtIn();
		}
		Loaded loaded = models.getIfPresent(workspaceId);
		if (loaded == null || loaded.version() != version) {
			loaded = new Loaded(version, TriageModel.learned(examples(workspaceId, Judgements.TRIAGE_KIND),
					examples(workspaceId, Judgements.TRIAGE_SENTIMENT), examples(workspaceId, Judgements.TRIAGE_LANGUAGE)));
			models.put(workspaceId, loaded);
		}
		return loaded.model();
	}

	private List<TriageModel.Example> examples(UUID workspaceId, String kind) {
		return judgements.of(workspaceId, kind, TRAINING_LIMIT).stream()
			.map(j -> new TriageModel.Example(j.item(), j.label()))
			.toList();
	}

	private Reason reason(TriageModel.Cue cue, Locale locale) {
		String words = String.join(", ", cue.words().stream()
			.map(w -> messages.getMessage("authenticity.quote", new Object[] { w }, locale))
			.toList());
		String code = cue.code();
		String task = code.startsWith("kind") ? "kind" : code.startsWith("sentiment") ? "sentiment" : "language";
		String value = cue.words().isEmpty() ? ""
				: messages.getMessage("triage." + task + "." + cue.words().getFirst(), null, cue.words().getFirst(), locale);
		return new Reason(code, messages.getMessage("authenticity.reason.triage." + code, new Object[] { words, value },
				locale));
	}
}

package org.rapport.authenticity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The team's own labelled set of German and English messages ({@code src/test/resources/triage/messages.csv}):
 * development half (even ids: the cues were tuned on these) and held-out half (odd ids), and macro-F1.
 */
final class TriageMessages {

	record Labelled(int id, String language, String kind, String sentiment, String text) {
	}

	private TriageMessages() {
	}

	static List<Labelled> all() {
		try (Reader reader = new InputStreamReader(TriageMessages.class.getResourceAsStream("/triage/messages.csv"),
				StandardCharsets.UTF_8)) {
			List<Labelled> all = new ArrayList<>();
			for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				all.add(new Labelled(Integer.parseInt(r.get("id")), r.get("language"), r.get("kind"), r.get("sentiment"),
						r.get("text")));
			}
			return all;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static List<Labelled> development() {
		return all().stream().filter(m -> m.id() % 2 == 0).toList();
	}

	static List<Labelled> heldOut() {
		return all().stream().filter(m -> m.id() % 2 == 1).toList();
	}

	/** The model taught every label of the given messages, as the team's corrections would. */
	static TriageModel taught(List<Labelled> messages) {
		return TriageModel.learned(
				messages.stream().map(m -> new TriageModel.Example(m.text(), m.kind())).toList(),
				messages.stream().map(m -> new TriageModel.Example(m.text(), m.sentiment())).toList(),
				messages.stream().map(m -> new TriageModel.Example(m.text(), m.language())).toList());
	}

	/** Macro-F1 over the labels that occur in the truth or the predictions. */
	static double macroF1(List<String> truth, List<String> predicted) {
		Set<String> labels = new LinkedHashSet<>(truth);
		labels.addAll(predicted);
		labels.retainAll(new LinkedHashSet<>(truth)); // a label never true (e.g. "unknown") counts as error only
		double sum = 0;
		for (String label : labels) {
			int tp = 0;
			int fp = 0;
			int fn = 0;
			for (int i = 0; i < truth.size(); i++) {
				boolean t = label.equals(truth.get(i));
				boolean p = label.equals(predicted.get(i));
				tp += t && p ? 1 : 0;
				fp += !t && p ? 1 : 0;
				fn += t && !p ? 1 : 0;
			}
			sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
		}
		return sum / labels.size();
	}

	record Figures(double kind, double sentiment, double language) {
	}

	static Figures evaluate(TriageModel model, List<Labelled> messages) {
		List<TriageModel.Result> results = messages.stream().map(m -> model.triage(m.text())).toList();
		return new Figures(f1(messages, results, Labelled::kind, TriageModel.Result::kind),
				f1(messages, results, Labelled::sentiment, TriageModel.Result::sentiment),
				f1(messages, results, Labelled::language, TriageModel.Result::language));
	}

	private static double f1(List<Labelled> messages, List<TriageModel.Result> results, Function<Labelled, String> truth,
			Function<TriageModel.Result, String> predicted) {
		return macroF1(messages.stream().map(truth).toList(), results.stream().map(predicted).toList());
	}

	/** Prints the errors of a model on a half: for tuning the cues on the development half only. */
	public static void main(String[] args) {
		List<Labelled> half = "held-out".equals(args.length > 0 ? args[0] : "") ? heldOut() : development();
		TriageModel model = TriageModel.builtIn();
		for (Labelled m : half) {
			TriageModel.Result r = model.triage(m.text());
			if (!r.kind().equals(m.kind()) || !r.sentiment().equals(m.sentiment()) || !r.language().equals(m.language())) {
				System.out.printf("%d %s/%s/%s -> %s/%s/%s %s | %s%n", m.id(), m.kind(), m.sentiment(), m.language(),
						r.kind(), r.sentiment(), r.language(), r.reasons(), m.text());
			}
		}
		System.out.println("development built-in " + evaluate(model, development()));
		List<Labelled> dev = development();
		System.out.println("development, taught ids 0 mod 4, on 2 mod 4: "
				+ evaluate(taught(dev.stream().filter(m -> m.id() % 4 == 0).toList()), dev.stream().filter(m -> m.id() % 4 == 2).toList())
				+ " built-in " + evaluate(model, dev.stream().filter(m -> m.id() % 4 == 2).toList()));
		System.out.println("held-out built-in " + evaluate(model, heldOut()));
		System.out.println("held-out taught development " + evaluate(taught(development()), heldOut()));
	}
}

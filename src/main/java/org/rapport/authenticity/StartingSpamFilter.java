package org.rapport.authenticity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The comment spam filter every workspace starts with, before its team judged anything and beneath what the team
 * teaches it: learned once per start of Rapport (about a second) from the comments of three videos of the YouTube
 * Spam Collection (Alberto, Lochter, Almeida 2015; CC BY 4.0, see NOTICE), shipped as
 * {@code authenticity/youtube-spam-collection.csv}, and from ordinary English inbox messages the team wrote itself
 * ({@code authenticity/ordinary-messages.csv}, none of them spam): YouTube's ham is chatter about a song, so without
 * them "Could you please help me with my registration?" looked like "please check out my channel". (German needs no
 * such help: the videos teach no German word either way, and ordinary German messages would make German words count
 * as not spam, so that a team's first judgement of German spam would no longer catch its near twin.) The
 * published comments carry YouTube's HTML; they are read as the text a person sees.
 * {@code rapport.authenticity.starting-spam-filter=false} leaves workspaces with the built-in cues alone.
 */
@Component
class StartingSpamFilter {

	static final String COLLECTION = "/authenticity/youtube-spam-collection.csv";

	/** Ordinary English inbox messages, not spam: the team's triage set's English ones with odd ids (even ids test it). */
	static final String ORDINARY = "/authenticity/ordinary-messages.csv";

	private final boolean enabled;
	private volatile SpamModel model;

	StartingSpamFilter(@Value("${rapport.authenticity.starting-spam-filter:true}") boolean enabled) {
		this.enabled = enabled;
	}

	/** The starting filter, or null when switched off. */
	SpamModel model() {
		if (!enabled) {
			return null;
		}
		SpamModel learned = model;
		if (learned == null) {
			synchronized (this) {
				if (model == null) {
					model = learn();
				}
				learned = model;
			}
		}
		return learned;
	}

	private static SpamModel learn() {
		List<CommentText> texts = new ArrayList<>();
		List<Boolean> labels = new ArrayList<>();
		for (CSVRecord row : rows(COLLECTION)) {
			texts.add(CommentText.of(Jsoup.parse(row.get("CONTENT")).text()));
			labels.add(row.get("CLASS").equals("1"));
		}
		for (String text : ordinaryMessages()) {
			texts.add(CommentText.of(text));
			labels.add(false);
		}
		boolean[] spam = new boolean[labels.size()];
		for (int i = 0; i < spam.length; i++) {
			spam[i] = labels.get(i);
		}
		return SpamModel.train(texts, spam);
	}

	/** The ordinary inbox messages the starting filter learns as not spam. */
	static List<String> ordinaryMessages() {
		return rows(ORDINARY).stream().map(row -> row.get("text")).toList();
	}

	private static List<CSVRecord> rows(String resource) {
		try (Reader in = new InputStreamReader(StartingSpamFilter.class.getResourceAsStream(resource), StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}

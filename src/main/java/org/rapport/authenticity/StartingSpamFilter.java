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
 * {@code authenticity/youtube-spam-collection.csv}. The published texts carry YouTube's HTML; they are read as the
 * text a person sees. {@code rapport.authenticity.starting-spam-filter=false} leaves workspaces with the built-in
 * cues alone.
 */
@Component
class StartingSpamFilter {

	static final String COLLECTION = "/authenticity/youtube-spam-collection.csv";

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
		try (Reader in = new InputStreamReader(StartingSpamFilter.class.getResourceAsStream(COLLECTION), StandardCharsets.UTF_8)) {
			for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
				texts.add(CommentText.of(Jsoup.parse(row.get("CONTENT")).text()));
				labels.add(row.get("CLASS").equals("1"));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		boolean[] spam = new boolean[labels.size()];
		for (int i = 0; i < spam.length; i++) {
			spam[i] = labels.get(i);
		}
		return SpamModel.train(texts, spam);
	}
}

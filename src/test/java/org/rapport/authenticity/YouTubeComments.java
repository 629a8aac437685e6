package org.rapport.authenticity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;

/**
 * The YouTube Spam Collection (Alberto, Lochter, Almeida 2015), {@code ../shared/data/youtube-spam/}: the comments
 * of one video each. The published texts carry YouTube's HTML (entities, {@code <br />}); they are read as the text
 * a person sees, as Rapport receives comments.
 */
final class YouTubeComments {

	static final List<String> VIDEOS = List.of("psy", "katyperry", "lmfao");

	/** One comment; {@code author} is the dataset's pseudonymous author key, {@code date} as published (may be empty). */
	record Comment(String id, String text, boolean spam, String author, String date) {

		Comment(String id, String text, boolean spam) {
			this(id, text, spam, null, null);
		}
	}

	private YouTubeComments() {
	}

	private static final Map<String, List<Comment>> READ = new ConcurrentHashMap<>();

	private static final Map<String, CommentText> TEXTS = new ConcurrentHashMap<>();

	static List<Comment> of(String video) {
		return READ.computeIfAbsent(video, YouTubeComments::read);
	}

	/** The comment as the filter sees it, built once per text (the evaluations train and judge many times). */
	static CommentText text(Comment comment) {
		return TEXTS.computeIfAbsent(comment.text(), CommentText::of);
	}

	private static List<Comment> read(String video) {
		try (Reader in = Files.newBufferedReader(SharedData.file("youtube-spam/" + video + ".csv"), StandardCharsets.UTF_8)) {
			List<Comment> comments = new ArrayList<>();
			for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
				String text = Jsoup.parse(row.get("CONTENT")).text();
				comments.add(new Comment(row.get("COMMENT_ID"), text, row.get("CLASS").equals("1"), row.get("AUTHOR"),
						row.get("DATE")));
			}
			return List.copyOf(comments);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static SpamModel train(List<Comment> comments) {
		return train(comments, SpamModel.DEFAULT);
	}

	static SpamModel train(List<Comment> comments, SpamModel.Settings settings) {
		boolean[] spam = new boolean[comments.size()];
		for (int i = 0; i < spam.length; i++) {
			spam[i] = comments.get(i).spam();
		}
		return SpamModel.train(comments.stream().map(YouTubeComments::text).toList(), spam, settings);
	}

	static double mcc(SpamModel model, List<Comment> test) {
		boolean[] truth = new boolean[test.size()];
		boolean[] predicted = new boolean[test.size()];
		for (int i = 0; i < truth.length; i++) {
			truth[i] = test.get(i).spam();
			predicted[i] = model.spam(text(test.get(i))) >= 0.5;
		}
		return SharedData.mcc(truth, predicted);
	}

	static List<Comment> allBut(String video) {
		List<Comment> all = new ArrayList<>();
		for (String other : VIDEOS) {
			if (!other.equals(video)) {
				all.addAll(of(other));
			}
		}
		return all;
	}
}

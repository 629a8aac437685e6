package org.rapport.contacts.web;

import java.util.function.Function;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an undo carries through the browser: the deleted thing as JSON in the undo form's hidden field, read back
 * when the member clicks "Undo". Only for things a member may create as they like anyway (organisations, segments),
 * since the browser could send back anything.
 */
final class UndoSnapshots {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private UndoSnapshots() {
	}

	static String write(Object deleted) {
		return JSON.writeValueAsString(deleted);
	}

	/**
	 * Reads the snapshot back and hands it to {@code restore}, which answers where to go next. A snapshot that cannot
	 * be read, or a restore that is refused, goes to {@code back} with the reason as the error.
	 */
	static <T> String restore(String snapshot, Class<T> type, RedirectAttributes flash, String back,
			Function<T, String> restore) {
		T deleted;
		try {
			deleted = JSON.readValue(snapshot, type);
		}
		catch (JacksonException e) {
			flash.addFlashAttribute("error", "What was deleted could not be read back.");
			return back;
		}
		try {
			return restore.apply(deleted);
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return back;
		}
	}
}

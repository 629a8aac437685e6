package org.rapport.platform;

import java.util.Comparator;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.rapport.platform.internal.JsonInputChecks;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a part of a request (one item of a batch, say) into a typed input and checks it with Bean Validation,
 * for APIs that cannot let Spring bind the whole body at once. A value of the wrong shape or one that breaks a
 * constraint is refused with an {@link InvalidFieldException} whose field is the JSON path, prefixed with where
 * the part sits in the request (as {@code messages[3].from.handle}).
 */
@Component
public class ValidInput {

	private final JsonMapper json;
	private final Validator validator;

	ValidInput(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	/**
	 * @param where the part's path in the request, e.g. {@code messages[3]}, or {@code ""} for the whole body
	 */
	public <T> T read(JsonNode node, Class<T> type, String where) {
		T input;
		try {
			input = json.treeToValue(node, type);
		}
		catch (JacksonException e) {
			String field = path(where, JsonInputChecks.field(e.getPath()));
			throw new InvalidFieldException(field.isEmpty() ? where : field,
					(field.isEmpty() ? "" : field + ": ") + "not a value of the expected kind (" + e.getOriginalMessage() + ").");
		}
		check(input, where);
		return input;
	}

	/** Checks an input's constraints; the first broken one, in path order, is refused naming its field. */
	public <T> T check(T input, String where) {
		Set<ConstraintViolation<T>> violations = validator.validate(input);
		violations.stream().min(Comparator.comparing(v -> v.getPropertyPath().toString())).ifPresent(v -> {
			String field = path(where, v.getPropertyPath().toString());
			throw new InvalidFieldException(field, field + ": " + v.getMessage() + ".");
		});
		return input;
	}

	private static String path(String where, String field) {
		if (where == null || where.isEmpty()) {
			return field;
		}
		return field.isEmpty() ? where : where + (field.startsWith("[") ? "" : ".") + field;
	}
}

package org.rapport.platform;

/**
 * A field of a request holds something that cannot be accepted. Answered with 400; API problem details name the
 * field in {@code field} (as {@code messages[3].body}), pages show the message in the reader's language.
 */
public class InvalidFieldException extends IllegalArgumentException {

	private final String field;

	public InvalidFieldException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The field, as a path like {@code identities[2].value}. */
	public String field() {
		return field;
	}
}

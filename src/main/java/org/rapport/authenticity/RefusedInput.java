package org.rapport.authenticity;

import org.rapport.platform.InvalidFieldException;

/**
 * Input the authenticity API refuses, naming the field ({@code profiles[3].followers}). The message is English,
 * as the API gives it; {@code key} and {@code args} let pages say the same in the reader's language.
 */
public class RefusedInput extends InvalidFieldException {

	private final String key;
	private final Object[] args;

	RefusedInput(String field, String key, String message, Object... args) {
		super(field, message);
		this.key = key;
		this.args = args;
	}

	/** The message key in {@code i18n/authenticity}, as {@code authenticity.refused.<key>}; its first argument is the field. */
	public String key() {
		return "authenticity.refused." + key;
	}

	public Object[] args() {
		Object[] all = new Object[args.length + 1];
		all[0] = field();
		System.arraycopy(args, 0, all, 1, args.length);
		return all;
	}
}

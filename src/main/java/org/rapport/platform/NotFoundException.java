package org.rapport.platform;

/** Nothing with that id exists in the caller's workspace. Answered with 404. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}
}

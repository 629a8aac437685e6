package org.rapport.platform;

/** The caller is known but its role does not allow the action. Answered with 403. */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message);
	}
}

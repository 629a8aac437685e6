package org.rapport.federation;

/** Federation cannot work with this installation's settings; answered with 503 and the reason. */
public class FederationUnavailable extends RuntimeException {

	FederationUnavailable(String message) {
		super(message);
	}
}

package org.rapport.federation.web;

import org.rapport.federation.FederationUnavailable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Federation switched off by the installation's settings is answered with 503 and the reason to fix. */
@RestControllerAdvice(basePackageClasses = FederationErrors.class)
class FederationErrors {

	@ExceptionHandler(FederationUnavailable.class)
	ProblemDetail unavailable(FederationUnavailable e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
		problem.setTitle("Federation is not available");
		return problem;
	}
}

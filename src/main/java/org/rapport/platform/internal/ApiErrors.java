package org.rapport.platform.internal;

import java.util.stream.Collectors;

import org.rapport.platform.ForbiddenException;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns failures of API calls into RFC 9457 problem details with a sentence a person can act on.
 */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badInput(IllegalArgumentException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
		if (e instanceof InvalidFieldException invalid) {
			problem.setProperty("field", invalid.field());
		}
		return problem;
	}

	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail conflict(IllegalStateException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
	}

	@ExceptionHandler(org.springframework.dao.TransientDataAccessException.class)
	ResponseEntity<ProblemDetail> busy(org.springframework.dao.TransientDataAccessException e) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The database is busy with concurrent changes to the same conversations. Nothing was stored; send the request again."));
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
	}

	@ExceptionHandler(ForbiddenException.class)
	ProblemDetail forbidden(ForbiddenException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (e.getMostSpecificCause() instanceof RequestSizeLimit.BodyTooLargeException tooLarge) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
		}
		JsonInputChecks.Unreadable unreadable = JsonInputChecks.describe(e);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable.detail());
		if (unreadable.field() != null) {
			problem.setProperty("field", unreadable.field());
		}
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = e.getBindingResult().getFieldErrors().stream()
			.sorted(java.util.Comparator.comparing(org.springframework.validation.FieldError::getField))
			.toList();
		String detail = errors.stream().map(f -> f.getField() + ": " + f.getDefaultMessage()).collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				detail.isEmpty() ? "The request is not valid." : detail + ".");
		if (!errors.isEmpty()) {
			problem.setProperty("field", errors.getFirst().getField());
			problem.setProperty("errors", errors.stream()
				.map(f -> java.util.Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
				.toList());
		}
		return ResponseEntity.badRequest().body(problem);
	}
}

package org.rapport.platform.web;

import org.rapport.platform.ForbiddenException;
import org.rapport.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Failures in the browser end on a readable page, never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
class UiErrors {

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException e, Model model) {
		return page(model, 404, e.getMessage());
	}

	@ExceptionHandler(ForbiddenException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String forbidden(ForbiddenException e, Model model) {
		return page(model, 403, e.getMessage());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badInput(IllegalArgumentException e, Model model) {
		return page(model, 400, e.getMessage());
	}

	/** The error page with its status and what went wrong. */
	private static String page(Model model, int status, String detail) {
		model.addAttribute("status", status);
		model.addAttribute("detail", detail);
		return "error";
	}
}

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
		model.addAttribute("status", 404);
		model.addAttribute("detail", e.getMessage());
		return "error";
	}

	@ExceptionHandler(ForbiddenException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String forbidden(ForbiddenException e, Model model) {
		model.addAttribute("status", 403);
		model.addAttribute("detail", e.getMessage());
		return "error";
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badInput(IllegalArgumentException e, Model model) {
		model.addAttribute("status", 400);
		model.addAttribute("detail", e.getMessage());
		return "error";
	}
}

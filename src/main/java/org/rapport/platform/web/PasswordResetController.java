package org.rapport.platform.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.PasswordResets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot password" for people who are not signed in: ask for a link ({@code /login/forgot}), which answers the same
 * whether or not the address has an account, and set a new password with the link ({@code /login/reset}). Both
 * pages are public and protected by CSRF like the login form.
 */
@Controller
class PasswordResetController {

	private final PasswordResets resets;

	PasswordResetController(PasswordResets resets) {
		this.resets = resets;
	}

	@GetMapping("/login/forgot")
	String forgot() {
		return "forgot";
	}

	@PostMapping("/login/forgot")
	String requestLink(@RequestParam(required = false) String email, Locale locale, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		if (!resets.allowClient(request.getRemoteAddr())) {
			response.setStatus(429);
			model.addAttribute("throttled", true);
			return "forgot";
		}
		resets.request(email, locale);
		model.addAttribute("sent", true);
		return "forgot";
	}

	@GetMapping("/login/reset")
	String resetForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
		model.addAttribute("token", token);
		if (!resets.usable(token)) {
			response.setStatus(HttpServletResponse.SC_GONE);
			model.addAttribute("invalid", true);
		}
		return "reset";
	}

	@PostMapping("/login/reset")
	String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String newPassword,
			Model model, HttpServletResponse response) {
		model.addAttribute("token", token);
		try {
			if (resets.reset(token, newPassword).isEmpty()) {
				response.setStatus(HttpServletResponse.SC_GONE);
				model.addAttribute("invalid", true);
				return "reset";
			}
		}
		catch (InvalidFieldException e) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("error", e.getMessage());
			return "reset";
		}
		return "redirect:/login?reset";
	}
}

package org.rapport.channels.webform;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.rapport.platform.Workspace;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The public contact form at {@code /f/{workspace}}: a page that can be framed or linked, a plain HTML form post,
 * and a JSON endpoint for sites that build their own form.
 */
@Controller
@CrossOrigin(origins = "*", allowCredentials = "false")
class WebFormController {

	private final WebForms forms;

	WebFormController(WebForms forms) {
		this.forms = forms;
	}

	@GetMapping("/f/{slug}")
	String page(@PathVariable String slug, Model model) {
		Workspace workspace = forms.workspace(slug);
		model.addAttribute("ws", workspace);
		model.addAttribute("settings", forms.settings(workspace.id()));
		model.addAttribute("values", Map.of());
		model.addAttribute("errors", Map.of());
		return "form";
	}

	@PostMapping(path = "/f/{slug}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	String submit(@PathVariable String slug, @RequestParam Map<String, String> values, HttpServletRequest request,
			Model model) {
		Workspace workspace = forms.workspace(slug);
		WebForms.Outcome outcome = forms.submit(slug, submission(values), request.getRemoteAddr());
		model.addAttribute("ws", workspace);
		model.addAttribute("settings", forms.settings(workspace.id()));
		if (!outcome.errors().isEmpty()) {
			model.addAttribute("values", values);
			model.addAttribute("errors", outcome.errors());
			return "form";
		}
		model.addAttribute("withdrawLink", outcome.withdrawLink());
		return "form-thanks";
	}

	@PostMapping(path = "/f/{slug}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Object> submitJson(@PathVariable String slug, @RequestBody Map<String, Object> body,
			HttpServletRequest request) {
		Map<String, String> values = new java.util.HashMap<>();
		body.forEach((k, v) -> values.put(k, v == null ? null : String.valueOf(v)));
		WebForms.Outcome outcome = forms.submit(slug, submission(values), request.getRemoteAddr());
		if (!outcome.errors().isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"Some fields are missing or invalid: " + outcome.errors());
			problem.setProperty("errors", outcome.errors());
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("accepted", true));
	}

	private static WebForms.Submission submission(Map<String, String> v) {
		String consent = v.get("consent");
		return new WebForms.Submission(v.get("name"), v.get("email"), v.get("subject"), v.get("message"),
				consent != null && (consent.equals("true") || consent.equals("on") || consent.equals("yes")),
				v.get("website"));
	}

	@ExceptionHandler(WebForms.RateLimitedException.class)
	ResponseEntity<ProblemDetail> tooMany(WebForms.RateLimitedException e) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "600")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
	}
}

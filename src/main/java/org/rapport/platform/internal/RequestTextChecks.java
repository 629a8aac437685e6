package org.rapport.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.rapport.platform.ControlCharacters;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.util.WebUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses requests whose parameters Rapport could not store or show (see {@link ControlCharacters}) before any
 * controller sees them, naming the field: query and form parameters (names and values), the user name and
 * password of HTTP Basic, and multipart fields and file names. A multipart body that cannot be read (cut off, or
 * without its closing boundary) is refused the same way. API calls get a problem detail, people a page in their
 * language (see {@link ErrorPage}). A request for {@code /error} itself finds nothing.
 * <p>
 * The check runs before Spring Security, so that a login never sees such parameters, and a broken upload is refused
 * before Spring Security reads its fields (for the CSRF token and the saved request) and fails on it. Spring
 * Security reads the parameters of every request before it decides whether the caller may make it, so reading
 * them here first costs nothing more.
 */
@Configuration(proxyBeanMethods = false)
class RequestTextChecks {

	/** Spring Security's filter chain runs at this order. */
	private static final int SECURITY_ORDER = -100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Bean
	FilterRegistrationBean<Parameters> parameterChecks() {
		FilterRegistrationBean<Parameters> registration = new FilterRegistrationBean<>(new Parameters());
		registration.setName("parameterChecks");
		registration.setOrder(SECURITY_ORDER - 1);
		return registration;
	}

	static final class Parameters extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getDispatcherType() == DispatcherType.REQUEST && "/error".equals(request.getServletPath())) {
				response.sendError(HttpStatus.NOT_FOUND.value());
				return;
			}
			Refusal refusal = basicCredentials(request);
			if (refusal == null && multipart(request)) {
				if (Multipart.check(request, response)) {
					chain.doFilter(request, response);
				}
				return;
			}
			if (refusal == null) {
				refusal = parameters(request.getParameterMap());
			}
			if (refusal != null) {
				refuse(request, response, HttpStatus.BAD_REQUEST, refusal);
				return;
			}
			chain.doFilter(request, response);
		}

		private static Refusal basicCredentials(HttpServletRequest request) {
			String authorization = request.getHeader("Authorization");
			if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
				return null;
			}
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
						StandardCharsets.UTF_8);
				int at = ControlCharacters.find(decoded);
				return at < 0 ? null : new Refusal("Authorization", ControlCharacters.refusal("Authorization", decoded.charAt(at)));
			}
			catch (IllegalArgumentException e) {
				return null; // not Base64: Spring Security answers that
			}
		}
	}

	/** Multipart bodies, read whole before anything else reads a field of them. */
	static final class Multipart {

		private Multipart() {
		}

		/** Reads the parts and checks them; answers and returns false when the request is refused. */
		static boolean check(HttpServletRequest request, HttpServletResponse response) throws IOException {
			Refusal refusal;
			try {
				refusal = null;
				for (Part part : request.getParts()) {
					refusal = parameter(part.getName(), new String[0]);
					if (refusal == null && part.getSubmittedFileName() != null
							&& ControlCharacters.present(part.getSubmittedFileName())) {
						String name = part.getSubmittedFileName();
						String field = ControlCharacters.visible(part.getName());
						refusal = new Refusal(field, ControlCharacters.refusal(field, name.charAt(ControlCharacters.find(name))));
					}
					if (refusal != null) {
						break;
					}
				}
				if (refusal == null) {
					refusal = parameters(request.getParameterMap());
				}
			}
			catch (IOException | IllegalStateException | ServletException e) {
				if (!wantsJson(request)) {
					// Tells the DispatcherServlet not to read the parts again while it renders the error page.
					request.setAttribute(WebUtils.ERROR_EXCEPTION_ATTRIBUTE,
							new MultipartException("The multipart body cannot be read.", e));
				}
				if (tooLarge(e)) {
					refuse(request, response, HttpStatus.CONTENT_TOO_LARGE,
							new Refusal(null, "The upload is larger than the server accepts."));
				}
				else {
					refuse(request, response, HttpStatus.BAD_REQUEST, new Refusal(null,
							"The upload could not be read: the multipart body is incomplete or malformed. Send it again."));
				}
				return false;
			}
			if (refusal != null) {
				refuse(request, response, HttpStatus.BAD_REQUEST, refusal);
				return false;
			}
			return true;
		}

		private static boolean tooLarge(Throwable e) {
			for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
				if (t instanceof SizeException || t instanceof RequestSizeLimit.BodyTooLargeException) {
					return true;
				}
			}
			return false;
		}
	}

	static boolean multipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
	}

	static Refusal parameters(Map<String, String[]> parameters) {
		for (var entry : parameters.entrySet()) {
			Refusal refusal = parameter(entry.getKey(), entry.getValue());
			if (refusal != null) {
				return refusal;
			}
		}
		return null;
	}

	private static Refusal parameter(String name, String[] values) {
		int at = ControlCharacters.find(name);
		if (at >= 0) {
			String shown = ControlCharacters.visible(name);
			return new Refusal(shown, ControlCharacters.refusal(shown, name.charAt(at)));
		}
		for (String value : values) {
			at = ControlCharacters.find(value);
			if (at >= 0) {
				return new Refusal(name, ControlCharacters.refusal(name, value.charAt(at)));
			}
		}
		return null;
	}

	/** Why a request is refused, and the field it names, if any. */
	record Refusal(String field, String detail) {
	}

	/**
	 * Answers with the refusal: a problem detail for API calls and JSON requests, else the error page, which shows
	 * it in the reader's language.
	 */
	static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, Refusal refusal)
			throws IOException {
		if (wantsJson(request)) {
			// As Spring MVC writes a ProblemDetail, with its properties as members.
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", status.getReasonPhrase());
			problem.put("status", status.value());
			problem.put("detail", refusal.detail());
			problem.put("instance", request.getRequestURI());
			if (refusal.field() != null) {
				problem.put("field", refusal.field());
			}
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8);
			response.getWriter().write(JSON.writeValueAsString(problem));
		}
		else {
			request.setAttribute(ErrorPage.DETAIL, refusal.detail());
			response.sendError(status.value());
		}
	}

	static boolean api(HttpServletRequest request) {
		return request.getServletPath().startsWith("/api/");
	}

	private static boolean wantsJson(HttpServletRequest request) {
		String path = request.getServletPath();
		String type = request.getContentType();
		String accept = request.getHeader("Accept");
		return path.startsWith("/api/") || type != null && type.contains("json")
				|| accept != null && accept.contains("json") && !accept.contains("text/html");
	}
}

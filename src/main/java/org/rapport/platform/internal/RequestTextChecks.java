package org.rapport.platform.internal;

import java.io.IOException;
import java.net.URLDecoder;
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

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses requests whose parameters Rapport could not store or show (see {@link ControlCharacters}) before any
 * controller sees them, naming the field: query and form parameters (names and values), the user name and
 * password of HTTP Basic, and multipart fields and file names. A multipart body that cannot be read (cut off, or
 * without its closing boundary) is refused the same way. API calls get a problem detail, people a page in their
 * language (see {@link ErrorPage}). A request for {@code /error} itself finds nothing.
 * <p>
 * Two filters: parameters are checked before Spring Security, so that a login never sees them; multipart bodies
 * only after it, so that nobody who is not signed in makes the server read an upload.
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

	@Bean
	FilterRegistrationBean<Multipart> multipartChecks() {
		FilterRegistrationBean<Multipart> registration = new FilterRegistrationBean<>(new Multipart());
		registration.setName("multipartChecks");
		registration.setOrder(SECURITY_ORDER + 1);
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
			if (refusal == null) {
				refusal = multipart(request) ? queryString(request) : parameters(request.getParameterMap());
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

		/** The query string of a multipart request, read without reading its body. */
		private static Refusal queryString(HttpServletRequest request) {
			String query = request.getQueryString();
			if (query == null) {
				return null;
			}
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				try {
					String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
					String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
					Refusal refusal = parameter(name, new String[] { value });
					if (refusal != null) {
						return refusal;
					}
				}
				catch (IllegalArgumentException e) {
					// malformed escapes: the container does not take them as parameters either
				}
			}
			return null;
		}
	}

	static final class Multipart extends OncePerRequestFilter {

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !multipart(request);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
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
				if (tooLarge(e)) {
					refuse(request, response, HttpStatus.CONTENT_TOO_LARGE,
							new Refusal(null, "The upload is larger than the server accepts."));
				}
				else {
					refuse(request, response, HttpStatus.BAD_REQUEST, new Refusal(null,
							"The upload could not be read: the multipart body is incomplete or malformed. Send it again."));
				}
				return;
			}
			if (refusal != null) {
				refuse(request, response, HttpStatus.BAD_REQUEST, refusal);
				return;
			}
			chain.doFilter(request, response);
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

	private static boolean wantsJson(HttpServletRequest request) {
		String path = request.getServletPath();
		String type = request.getContentType();
		String accept = request.getHeader("Accept");
		return path.startsWith("/api/") || type != null && type.contains("json")
				|| accept != null && accept.contains("json") && !accept.contains("text/html");
	}
}

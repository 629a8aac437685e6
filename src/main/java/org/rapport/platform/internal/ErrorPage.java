package org.rapport.platform.internal;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * What the error page knows about a failure: Spring Boot's attributes, and the sentence of a refusal made before
 * any controller ran (see {@link RequestTextChecks}) as {@code detail}, which the page shows in the reader's
 * language. A failure nobody foresaw (a 5xx) gets a reference number instead of any technical detail, on the page
 * ("Fehlernummer") and as {@code reference} in a JSON answer; the log has the same number beside the details, so
 * that an administrator finds what happened from what the person reports.
 */
@Component
class ErrorPage extends DefaultErrorAttributes {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ErrorPage.class);

	/** Letters and digits that cannot be mistaken for each other when read out (no 0/O, 1/I/L). */
	private static final char[] SYMBOLS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	/** The request attribute that holds a refusal's sentence. */
	static final String DETAIL = ErrorPage.class.getName() + ".detail";

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		if (attributes.get("status") instanceof Integer status && status >= 500) {
			String reference = reference();
			attributes.put("reference", reference);
			log.error("Unexpected failure, reference {}: {} {}", reference, status, attributes.get("path"), getError(request));
		}
		Object detail = request.getAttribute(DETAIL, RequestAttributes.SCOPE_REQUEST);
		if (detail != null) {
			attributes.put("detail", detail);
		}
		else if (getError(request) instanceof HttpMessageNotReadableException unreadable
				&& !(unreadable.getMostSpecificCause() instanceof RequestSizeLimit.BodyTooLargeException)) {
			// A JSON body sent to a page's controller (the web form's JSON door): say what was wrong with it.
			JsonInputChecks.Unreadable why = JsonInputChecks.describe(unreadable);
			attributes.put("detail", why.detail());
			if (why.field() != null) {
				attributes.put("field", why.field());
			}
		}
		return attributes;
	}

	/** Eight symbols, e.g. {@code K7QH-3MZP}. */
	static String reference() {
		StringBuilder out = new StringBuilder(9);
		for (int i = 0; i < 8; i++) {
			if (i == 4) {
				out.append('-');
			}
			out.append(SYMBOLS[RANDOM.nextInt(SYMBOLS.length)]);
		}
		return out.toString();
	}
}

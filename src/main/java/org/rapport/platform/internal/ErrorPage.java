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
 * language.
 */
@Component
class ErrorPage extends DefaultErrorAttributes {

	/** The request attribute that holds a refusal's sentence. */
	static final String DETAIL = ErrorPage.class.getName() + ".detail";

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
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
}

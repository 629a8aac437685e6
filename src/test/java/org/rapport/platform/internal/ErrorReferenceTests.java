package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** A failure nobody foresaw carries a reference number the reader can quote; a refusal of the reader's input does not. */
class ErrorReferenceTests {

	private static ServletWebRequest failed(int status, Throwable error) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/inbox");
		request.setAttribute("jakarta.servlet.error.status_code", status);
		request.setAttribute("jakarta.servlet.error.request_uri", "/inbox");
		if (error != null) {
			request.setAttribute("jakarta.servlet.error.exception", error);
		}
		return new ServletWebRequest(request);
	}

	@Test
	void aServerErrorGetsAReferenceThatIsReadableAndNewEachTime() {
		ErrorPage errors = new ErrorPage();
		var first = errors.getErrorAttributes(failed(500, new IllegalStateException("the database is gone")),
				ErrorAttributeOptions.defaults());
		var second = errors.getErrorAttributes(failed(500, new IllegalStateException("again")),
				ErrorAttributeOptions.defaults());
		assertThat((String) first.get("reference")).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
		assertThat(first.get("reference")).isNotEqualTo(second.get("reference"));
		assertThat(first.toString()).as("no technical detail for the reader").doesNotContain("database is gone");
	}

	@Test
	void aClientErrorHasNone() {
		var attributes = new ErrorPage().getErrorAttributes(failed(404, null), ErrorAttributeOptions.defaults());
		assertThat(attributes).doesNotContainKey("reference");
	}
}

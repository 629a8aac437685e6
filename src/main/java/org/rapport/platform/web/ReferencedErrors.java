package org.rapport.platform.web;

import java.security.SecureRandom;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * What a failure nobody foresaw (a 5xx) tells the reader: a reference number, on the error page ("Fehlernummer") and
 * as {@code reference} in the JSON answer, and the same number in the log beside the technical details, so that an
 * administrator finds what happened from what the person reports. The details stay in the log.
 */
@Component
class ReferencedErrors extends DefaultErrorAttributes {

	private static final Logger log = LoggerFactory.getLogger(ReferencedErrors.class);

	/** Letters and digits that cannot be mistaken for each other when read out (no 0/O, 1/I/L). */
	private static final char[] SYMBOLS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		if (attributes.get("status") instanceof Integer status && status >= 500) {
			String reference = reference();
			attributes.put("reference", reference);
			log.error("Unexpected failure, reference {}: {} {}", reference, status, attributes.get("path"), getError(request));
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

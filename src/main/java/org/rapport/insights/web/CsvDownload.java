package org.rapport.insights.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.insights.Metrics;

/** Sends a CSV file named after its period, in UTF-8 with a byte order mark so that spreadsheets read umlauts. */
final class CsvDownload {

	interface Body {

		void write(Writer out) throws IOException;
	}

	private CsvDownload() {
	}

	static void write(HttpServletResponse response, Metrics.Query query, Body body) throws IOException {
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"conversations-" + query.from() + "-" + query.to() + ".csv\"");
		Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		out.write('\ufeff');
		body.write(out);
		out.flush();
	}
}

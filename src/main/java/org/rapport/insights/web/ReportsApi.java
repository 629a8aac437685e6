package org.rapport.insights.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.insights.Metrics;
import org.rapport.insights.ReportMails;
import org.rapport.insights.ReportPdf;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reports", description = "The dashboard as a PDF, and report mails on a schedule")
class ReportsApi {

	private final ReportMails mails;
	private final ReportPdf pdf;
	private final Metrics metrics;

	ReportsApi(ReportMails mails, ReportPdf pdf, Metrics metrics) {
		this.mails = mails;
		this.pdf = pdf;
		this.metrics = metrics;
	}

	@GetMapping(path = "/api/v1/insights/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "The dashboard of a period as a PDF, in the reader's language (Accept-Language); filters channel and label as /metrics (the label's figures, series and channels; outcomes and funnel of all conversations)")
	ResponseEntity<byte[]> report(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String label, Locale locale) {
		Metrics.Query q = metrics.query(me.workspaceId(), from, to, channel, null, null, null, label);
		return pdf(pdf.render(me.workspaceId(), q, locale), q);
	}

	static ResponseEntity<byte[]> pdf(byte[] file, Metrics.Query q) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + ReportPdf.fileName(q) + "\"")
			.body(file);
	}

	record ScheduleList(List<ReportMails.Schedule> items) {
	}

	@GetMapping("/api/v1/reports/schedules")
	@Operation(summary = "The workspace's report mails")
	ScheduleList schedules(@AuthenticationPrincipal CurrentUser me) {
		return new ScheduleList(mails.list(me.workspaceId()));
	}

	@PostMapping("/api/v1/reports/schedules")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Plans a report mail (managers): {\"frequency\": \"weekly\"|\"monthly\", \"recipients\": [addresses, members or outside], \"language\": \"de\"|\"en\", \"label\": optional, only conversations with this label}; "
			+ "weekly on Mondays for the week before, monthly on the first for the month before, at 07:00; nothing is sent for a period without data")
	ReportMails.Schedule schedule(@AuthenticationPrincipal CurrentUser me, @RequestBody ReportMails.NewSchedule body) {
		return mails.create(me, body);
	}

	@PostMapping("/api/v1/reports/schedules/{id}/send")
	@Operation(summary = "Sends the schedule's last period now (managers)")
	ReportMails.Sent send(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		return mails.sendNow(me, id);
	}

	@DeleteMapping("/api/v1/reports/schedules/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Stops a report mail (managers)")
	void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		mails.delete(me, id);
	}
}

package org.rapport.insights.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.insights.ConversationLabels;
import org.rapport.insights.Funnel;
import org.rapport.insights.Metrics;
import org.rapport.insights.Openings;
import org.rapport.platform.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Insights", description = "Dialogue figures: response rate, first response and resolution times, depth, two-way share (definitions in docs/metrics.md)")
class InsightsApi {

	private final Metrics metrics;
	private final Openings openings;
	private final Funnel funnel;
	private final ConversationLabels labels;

	InsightsApi(Metrics metrics, Openings openings, Funnel funnel, ConversationLabels labels) {
		this.labels = labels;
		this.metrics = metrics;
		this.openings = openings;
		this.funnel = funnel;
	}

	@GetMapping("/api/v1/insights/funnel")
	@Operation(summary = "The relationship funnel: per stage, the contacts on it now and those who moved up into it (or past it) during the period")
	Funnel.Report funnel(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String segment) {
		return funnel.report(me.workspaceId(), metrics.query(me.workspaceId(), from, to, null, null, segment, null));
	}

	@GetMapping("/api/v1/insights/metrics")
	@Operation(summary = "The dialogue figures of a period (whole days in the workspace's time zone), the period before it, and a series by day, week or month")
	Metrics.Report metrics(@AuthenticationPrincipal CurrentUser me,
			@Parameter(description = "first day, YYYY-MM-DD; default 27 days before 'to'") @RequestParam(required = false) String from,
			@Parameter(description = "last day, YYYY-MM-DD (included); default today") @RequestParam(required = false) String to,
			@Parameter(description = "a channel's id or key") @RequestParam(required = false) String channel,
			@Parameter(description = "a member's id: openings this member answered first") @RequestParam(required = false) String member,
			@Parameter(description = "a segment's id: openings of its contacts") @RequestParam(required = false) String segment,
			@Parameter(description = "day, week (default) or month") @RequestParam(required = false) String groupBy,
			@Parameter(description = "a label's name (as in the inbox; case does not matter): openings of conversations that have it now") @RequestParam(required = false) String label) {
		return metrics.report(me.workspaceId(),
				metrics.query(me.workspaceId(), from, to, channel, member, segment, groupBy, label));
	}

	@GetMapping(path = "/api/v1/insights/openings.csv", produces = "text/csv")
	@Operation(summary = "One CSV row per opening of a conversation in the period, with its times, to compute your own figures; same filters as /metrics")
	void openings(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String member, @RequestParam(required = false) String segment,
			@RequestParam(required = false) String label, jakarta.servlet.http.HttpServletResponse response)
			throws java.io.IOException {
		Metrics.Query query = metrics.query(me.workspaceId(), from, to, channel, member, segment, null, label);
		CsvDownload.write(response, query, out -> metrics.writeOpenings(me.workspaceId(), query, out));
	}

	record Rebuilt(int openings, int stageMoves, int labelledConversations) {
	}

	@PostMapping("/api/v1/insights/rebuild")
	@Operation(summary = "Measures every conversation of the workspace anew from the inbox's history and reads the stage moves again from the contacts' and the conversations' labels from the inbox (after changed business hours or a restore); answers how many rows were written")
	Rebuilt rebuild(@AuthenticationPrincipal CurrentUser me) {
		return new Rebuilt(openings.rebuild(me.workspaceId()), funnel.rebuild(me.workspaceId()),
				labels.rebuild(me.workspaceId()));
	}
}

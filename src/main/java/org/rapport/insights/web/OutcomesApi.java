package org.rapport.insights.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.insights.Attribution;
import org.rapport.insights.Metrics;
import org.rapport.insights.Outcome;
import org.rapport.insights.Outcomes;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
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
@Tag(name = "Outcomes", description = "What dialogue led to: enquiries, registrations, donations, applications, customers — and which conversations came before")
class OutcomesApi {

	private final Outcomes outcomes;
	private final Attribution attribution;
	private final Metrics metrics;

	OutcomesApi(Outcomes outcomes, Attribution attribution, Metrics metrics) {
		this.outcomes = outcomes;
		this.attribution = attribution;
		this.metrics = metrics;
	}

	@PostMapping("/api/v1/outcomes")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Records an outcome",
			description = "{\"kind\": \"donation\", \"value\": \"25.00\", \"currency\": \"EUR\", \"occurredAt\": \"2026-05-04\" or an instant, "
					+ "\"contactId\" or \"contact\" (an email address or phone number; a new one becomes a contact), \"note\"?}. "
					+ "kind: enquiry, registration, donation, application, customer, or a word of your own.")
	Outcome record(@AuthenticationPrincipal CurrentUser me, @RequestBody Outcomes.NewOutcome body) {
		return outcomes.record(me, body, Outcome.Source.API);
	}

	record OutcomeList(List<Outcome> items) {
	}

	@GetMapping("/api/v1/outcomes")
	@Operation(summary = "The outcomes of one contact (contact=…), or of a period (from, to), oldest first, at most 1,000")
	OutcomeList list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) UUID contact,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		if (contact != null) {
			return new OutcomeList(outcomes.of(me.workspaceId(), contact));
		}
		Metrics.Query q = metrics.query(me.workspaceId(), from, to, null, null, null, null);
		return new OutcomeList(outcomes.between(me.workspaceId(), metrics.start(me.workspaceId(), q),
				metrics.end(me.workspaceId(), q), 1_000));
	}

	@DeleteMapping("/api/v1/outcomes/{id}")
	@Operation(summary = "Deletes an outcome and answers it, so that it can be recorded again")
	Outcome delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		return outcomes.delete(me, id);
	}

	@PostMapping(path = "/api/v1/outcomes/import", consumes = { "text/csv", "text/plain" })
	@Operation(summary = "Imports outcomes from CSV (columns kind, value, currency, occurredAt, contact, note); every line is checked first, and a wrong line or dryRun=true stores nothing")
	ResponseEntity<Outcomes.Imported> importCsv(@AuthenticationPrincipal CurrentUser me, @RequestBody String csv,
			@Parameter(description = "check only") @RequestParam(defaultValue = "false") boolean dryRun) {
		Outcomes.Imported result = outcomes.importCsv(me, csv, dryRun);
		return ResponseEntity.status(!result.errors().isEmpty() ? 400 : dryRun ? 200 : 201).body(result);
	}

	@GetMapping("/api/v1/insights/outcomes")
	@Operation(summary = "The outcomes of a period by kind, and which channels' conversations came before them (model first, last or linear; window in days, default 90)")
	Attribution.Report report(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String model, @RequestParam(required = false) String window) {
		Metrics.Query q = metrics.query(me.workspaceId(), from, to, channel, null, null, null);
		return attribution.report(me.workspaceId(), q, model, Attribution.window(window));
	}
}

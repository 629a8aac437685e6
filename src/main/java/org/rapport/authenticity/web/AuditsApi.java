package org.rapport.authenticity.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.authenticity.Audit;
import org.rapport.authenticity.FollowerAudits;
import org.rapport.authenticity.Profile;
import org.rapport.authenticity.RefusedInput;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Follower audits", description = "How much of an account's audience is bought: audits of a connected account's followers or of a CSV of profiles")
class AuditsApi {

	/** Line problems named in one refusal of a CSV. */
	static final int MAX_PROBLEMS = 100;

	private final FollowerAudits audits;
	private final MessageSource messages;

	AuditsApi(FollowerAudits audits, MessageSource messages) {
		this.audits = audits;
		this.messages = messages;
	}

	/** An audit with its figures, its followers by day of creation and a page of its followers. */
	record Report(UUID id, UUID channelId, String source, String account, String network, String status,
			Audit.Progress progress, Instant pausedUntil, Instant createdAt, Instant startedAt, Instant finishedAt,
			int followers, int bought, double share, Audit.Confidence confidence, Audit.Change changeSinceLast,
			List<Audit.Day> newPerDay, List<Audit.Item> items, int offset, int limit, String error) {

		static Report of(Audit a, List<Audit.Day> days, List<Audit.Item> items, int offset, int limit) {
			return new Report(a.id(), a.channelId(), a.source(), a.account(), a.network(), a.status(), a.progress(),
					a.pausedUntil(), a.createdAt(), a.startedAt(), a.finishedAt(), a.followers(), a.bought(), a.share(),
					a.confidence(), a.changeSinceLast(), days, items, offset, limit, a.error());
		}
	}

	record Audits(List<Audit> items) {
	}

	@PostMapping("/api/v1/channels/{id}/audits")
	@Operation(summary = "Starts an audit of the followers of a connected account; 202 with the queued audit (or the one already under way), 409 when the channel's kind cannot list its followers")
	ResponseEntity<Report> start(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		Audit audit = audits.start(me, id);
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/audits/" + audit.id()))
			.body(Report.of(audit, List.of(), List.of(), 0, 0));
	}

	@GetMapping("/api/v1/audits")
	@Operation(summary = "The workspace's follower audits, newest first")
	Audits list(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 100) {
			throw new InvalidFieldException("limit", "The parameter 'limit' must lie between 1 and 100, not " + limit + ".");
		}
		return new Audits(audits.list(me.workspaceId(), limit));
	}

	@GetMapping("/api/v1/audits/{id}")
	@Operation(summary = "An audit: progress, the share likely bought with its 95 % Wilson interval, the change since the last audit of the same account, new followers by the day their accounts were created, and a page of the followers (most likely bought first) with verdicts and reasons")
	Report get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit, Locale locale) {
		if (offset < 0) {
			throw new InvalidFieldException("offset", "The parameter 'offset' cannot be negative.");
		}
		if (limit < 0 || limit > 1000) {
			throw new InvalidFieldException("limit", "The parameter 'limit' must lie between 0 and 1000, not " + limit + ".");
		}
		Audit audit = audits.get(me.workspaceId(), id);
		return Report.of(audit, audits.newPerDay(me.workspaceId(), id),
				limit == 0 ? List.of() : audits.items(me.workspaceId(), id, offset, limit, locale), offset, limit);
	}

	@PostMapping(path = "/api/v1/authenticity/audits", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Audits the profiles of a CSV file (part 'file'; any network; up to 100,000 lines) at once; 201 with the finished audit, or 400 naming every line that cannot be taken, and nothing is stored")
	ResponseEntity<?> auditFile(@AuthenticationPrincipal CurrentUser me, @RequestParam MultipartFile file,
			@RequestParam(required = false) String account) {
		String name = account != null && !account.isBlank() ? account : file.getOriginalFilename();
		try {
			return audit(me, new String(file.getBytes(), StandardCharsets.UTF_8), name);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@PostMapping(path = "/api/v1/authenticity/audits", consumes = { "text/csv", "text/plain" })
	@Operation(summary = "Audits the profiles of a CSV sent as text/csv; 'account' names what they are the followers of")
	ResponseEntity<?> auditText(@AuthenticationPrincipal CurrentUser me, @RequestBody String csv,
			@RequestParam(required = false) String account) {
		return audit(me, csv, account);
	}

	private ResponseEntity<?> audit(CurrentUser me, String csv, String account) {
		me.requireWorker();
		Locale english = Locale.ENGLISH;
		if (csv == null || csv.isBlank()) {
			return refused(List.of(new CsvProblems.LineProblem(null, "file",
					"The CSV is empty: the first line names the columns, each further line is one profile.")));
		}
		ProfileCsv.Parsed parsed;
		try {
			parsed = ProfileCsv.parse(csv, FollowerAudits.MAX_CSV);
		}
		catch (ProfileCsv.Unreadable e) {
			return refused(List.of(CsvProblems.unreadable(e, messages, english)));
		}
		List<CsvProblems.LineProblem> problems = new ArrayList<>();
		parsed.unreadable().stream().limit(MAX_PROBLEMS).forEach(e -> problems.add(CsvProblems.unreadable(e, messages, english)));
		for (FollowerAudits.Refusal r : audits.refusals(parsed.profiles(), MAX_PROBLEMS - problems.size())) {
			problems.add(CsvProblems.refused(r.reason(), parsed.lines().get(r.index()), messages, english));
		}
		if (!problems.isEmpty()) {
			problems.sort(java.util.Comparator.comparing(p -> p.line() == null ? 0 : p.line()));
			return refused(problems);
		}
		List<Profile> profiles = parsed.profiles();
		try {
			Audit audit = audits.audit(me, account, profiles);
			return ResponseEntity.created(URI.create("/api/v1/audits/" + audit.id()))
				.body(Report.of(audit, audits.newPerDay(me.workspaceId(), audit.id()), List.of(), 0, 0));
		}
		catch (RefusedInput e) {
			return refused(List.of(CsvProblems.refused(e, null, messages, english)));
		}
	}

	/** 400 naming the first problem in {@code detail}, {@code line} and {@code field}, and all of them in {@code errors}. */
	private static ResponseEntity<ProblemDetail> refused(List<CsvProblems.LineProblem> problems) {
		CsvProblems.LineProblem first = problems.getFirst();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, first.message()
				+ (problems.size() > 1 ? " (" + (problems.size() - 1) + " more in 'errors')" : ""));
		problem.setTitle("CSV refused; nothing was stored");
		if (first.line() != null) {
			problem.setProperty("line", first.line());
		}
		if (first.field() != null) {
			problem.setProperty("field", first.field());
		}
		problem.setProperty("errors", problems);
		return ResponseEntity.badRequest().body(problem);
	}
}

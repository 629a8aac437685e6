package org.rapport.contacts.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.contacts.StageChange;
import org.rapport.contacts.StageProposal;
import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.rapport.platform.AuditLog;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Stages", description = "Relationship stages of contacts, their history and evidence-based proposals")
class StagesApi {

	private final Stages stages;
	private final StageProposals proposals;
	private final AuditLog audit;

	StagesApi(Stages stages, StageProposals proposals, AuditLog audit) {
		this.stages = stages;
		this.proposals = proposals;
		this.audit = audit;
	}

	record StageView(String stage, List<StageChange> history, List<StageProposal> proposals) {
	}

	record StageInput(String stage, String reason) {
	}

	record ProposalInput(String to) {
	}

	record LadderView(List<Stages.Stage> stages, boolean configured) {
	}

	record LadderInput(List<Stages.Stage> stages) {
	}

	@GetMapping("/api/v1/contacts/{id}/stage")
	@Operation(summary = "A contact's stage, the newest changes first, and pending proposals")
	StageView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return view(user, id);
	}

	@PutMapping("/api/v1/contacts/{id}/stage")
	@Operation(summary = "Moves a contact to another stage, with an optional reason")
	StageView change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody StageInput input) {
		user.requireWorker();
		stages.change(user, ContactId.of(id), input.stage(), input.reason());
		return view(user, id);
	}

	@PostMapping("/api/v1/contacts/{id}/stage/proposals/accept")
	@Operation(summary = "Applies a pending proposal; 409 if there is none for that stage")
	StageView accept(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody ProposalInput input) {
		user.requireWorker();
		proposals.accept(user, id, input.to());
		return view(user, id);
	}

	@PostMapping("/api/v1/contacts/{id}/stage/proposals/dismiss")
	@Operation(summary = "Hides a pending proposal; the same evidence will not propose it again")
	StageView dismiss(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody ProposalInput input) {
		user.requireWorker();
		proposals.dismiss(user, id, input.to());
		return view(user, id);
	}

	@GetMapping("/api/v1/stages")
	@Operation(summary = "The workspace's ladder of relationship stages, in order")
	LadderView ladder(@AuthenticationPrincipal CurrentUser user) {
		Stages.Ladder ladder = stages.ladder(user.workspaceId());
		return new LadderView(ladder.stages(), ladder.configured());
	}

	@PutMapping("/api/v1/stages")
	@ResponseStatus(HttpStatus.OK)
	@Operation(summary = "Replaces the ladder (managers); 409 when removing a stage contacts are on")
	LadderView configure(@AuthenticationPrincipal CurrentUser user, @RequestBody LadderInput input) {
		user.requireManager();
		Stages.Ladder ladder = stages.configure(user.workspaceId(), input.stages());
		audit.record(user.workspaceId(), user.userId(), "stages.configured",
				String.join(", ", ladder.stages().stream().map(Stages.Stage::key).toList()), null);
		return new LadderView(ladder.stages(), ladder.configured());
	}

	private StageView view(CurrentUser user, UUID id) {
		return new StageView(stages.current(user.workspaceId(), ContactId.of(id)), stages.history(user.workspaceId(), id, 50),
				proposals.of(user.workspaceId(), id));
	}
}

package org.rapport.platform.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.PasswordResets;
import org.rapport.platform.Role;
import org.rapport.platform.TwoFactor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Members of the workspace and invitations, through the API. The same rules as in Settings: managers add, change
 * and remove members, only owners touch owners, the last owner stays, and a person with an account elsewhere is
 * invited and joins only by accepting.
 */
@RestController
@Tag(name = "Members", description = "Members, roles and invitations")
class MembersApi {

	private final Members members;
	private final AuditLog audit;
	private final PasswordResets invitations;
	private final TwoFactor twoFactor;

	MembersApi(Members members, AuditLog audit, PasswordResets invitations, TwoFactor twoFactor) {
		this.invitations = invitations;
		this.twoFactor = twoFactor;
		this.members = members;
		this.audit = audit;
	}

	/** {@code twoFactor}: whether the member signs in with a second factor. */
	record MemberView(UUID userId, String email, String name, String role, boolean twoFactor) {

		static MemberView of(Member m, boolean twoFactor) {
			return new MemberView(m.userId(), m.email(), m.displayName(), m.role().key(), twoFactor);
		}
	}

	private MemberView view(Member m) {
		return MemberView.of(m, twoFactor.enabled(m.userId()));
	}

	record InvitationView(UUID id, UUID workspaceId, String workspaceName, String email, String role, String invitedBy,
			Instant createdAt) {

		static InvitationView of(Members.Invitation i) {
			return new InvitationView(i.id(), i.workspaceId(), i.workspaceName(), i.email(), i.role().key(),
					i.invitedBy(), i.createdAt());
		}
	}

	/** {@code password} left out: the person gets a mail to choose their own, in {@code language} (de or en). */
	record AddMember(String email, String name, String password, String role, String language) {
	}

	record ChangeRole(String role) {
	}

	/**
	 * {@code status} is {@code joined} (a new account, member at once) or {@code invited} (waits for consent). A new
	 * account added without a password gets a mail to choose one: {@code mail} is then {@code sent} or
	 * {@code not_sent} with the reason in {@code mailError}.
	 */
	record Added(String status, MemberView member, InvitationView invitation, String mail, String mailError) {
	}

	/** The invitation mail's language: the one asked for, else the request's. */
	private static java.util.Locale locale(String language) {
		return "de".equals(language) || "en".equals(language) ? java.util.Locale.of(language)
				: org.springframework.context.i18n.LocaleContextHolder.getLocale();
	}

	@GetMapping("/api/v1/members")
	@Operation(summary = "List the workspace's members")
	List<MemberView> list(@AuthenticationPrincipal CurrentUser me) {
		var withTwoFactor = twoFactor.enabledIn(me.workspaceId());
		return members.of(me.workspaceId()).stream().map(m -> MemberView.of(m, withTwoFactor.contains(m.userId()))).toList();
	}

	@PostMapping("/api/v1/members")
	@Operation(summary = "Add a member", description = "A new address gets an account with `password` and joins (201, "
			+ "status joined). An address that has an account already is invited (202, status invited) and joins when "
			+ "its owner accepts. Only owners add owners.")
	ResponseEntity<Added> add(@AuthenticationPrincipal CurrentUser me, @RequestBody AddMember body,
			HttpServletRequest http) {
		if (body == null || body.role() == null) {
			throw new IllegalArgumentException("role: give one of owner, manager, agent, trainee, viewer.");
		}
		Members.Addition added = members.addBy(me, body.email(), body.name(), body.password(), role(body.role()));
		return switch (added) {
			case Members.Joined joined -> {
				audit.record(me.workspaceId(), me.userId(), "member.added", joined.member().email(), http.getRemoteAddr());
				java.util.Optional<String> failure = joined.choosesPassword()
						? invitations.invite(me, joined.member().userId(), locale(body.language()))
						: java.util.Optional.empty();
				yield ResponseEntity.status(HttpStatus.CREATED).body(new Added("joined", view(joined.member()),
						null, joined.choosesPassword() ? (failure.isEmpty() ? "sent" : "not_sent") : null,
						failure.orElse(null)));
			}
			case Members.Invited invited -> {
				audit.record(me.workspaceId(), me.userId(), "member.invited", invited.invitation().email(), http.getRemoteAddr());
				yield ResponseEntity.status(HttpStatus.ACCEPTED)
					.body(new Added("invited", null, InvitationView.of(invited.invitation()), null, null));
			}
		};
	}

	@PatchMapping("/api/v1/members/{userId}")
	@Operation(summary = "Change a member's role", description = "Ends the member's sessions and revokes their tokens in this workspace.")
	MemberView changeRole(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, @RequestBody ChangeRole body,
			HttpServletRequest http) {
		Member changed = members.changeRole(me, userId, role(body == null ? null : body.role()));
		audit.record(me.workspaceId(), me.userId(), "member.role", changed.email() + " as " + changed.role().key(),
				http.getRemoteAddr());
		return view(changed);
	}

	@DeleteMapping("/api/v1/members/{userId}")
	@Operation(summary = "Remove a member", description = "Ends the member's sessions and revokes their tokens in this workspace.")
	ResponseEntity<Void> remove(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId,
			HttpServletRequest http) {
		Member removed = members.remove(me, userId);
		audit.record(me.workspaceId(), me.userId(), "member.removed", removed.email(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/workspace/invitations")
	@Operation(summary = "Open invitations of this workspace")
	List<InvitationView> openInvitations(@AuthenticationPrincipal CurrentUser me) {
		return members.invitationsOf(me.workspaceId()).stream().map(InvitationView::of).toList();
	}

	@DeleteMapping("/api/v1/workspace/invitations/{id}")
	@Operation(summary = "Withdraw an open invitation of this workspace")
	ResponseEntity<Void> withdraw(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest http) {
		members.withdraw(me, id);
		audit.record(me.workspaceId(), me.userId(), "invitation.withdrawn", id.toString(), http.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/invitations")
	@Operation(summary = "Invitations waiting for the caller's answer")
	List<InvitationView> mine(@AuthenticationPrincipal CurrentUser me) {
		return members.invitationsFor(me.userId()).stream().map(InvitationView::of).toList();
	}

	@PostMapping("/api/v1/invitations/{id}/{answer:accept|decline}")
	@Operation(summary = "Accept or decline an invitation addressed to the caller",
			description = "Accepting makes the caller a member; the token keeps acting in its own workspace.")
	ResponseEntity<Void> answer(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@PathVariable String answer, HttpServletRequest http) {
		members.answer(me.userId(), id, answer.equals("accept")).ifPresent(joined -> audit.record(joined.workspaceId(),
				me.userId(), "invitation.accepted", me.email(), http.getRemoteAddr()));
		return ResponseEntity.noContent().build();
	}

	private static Role role(String key) {
		try {
			return Role.of(key == null ? "" : key.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("role: '" + key + "' is not a role; give one of owner, manager, agent, trainee, viewer.");
		}
	}
}

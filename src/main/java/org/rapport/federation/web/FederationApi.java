package org.rapport.federation.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.federation.Deliveries;
import org.rapport.federation.Followers;
import org.rapport.federation.Following;
import org.rapport.federation.PublicAddress;
import org.rapport.federation.Reacting;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/federation}: the blog's Fediverse handle, deliveries (failed ones to retry), following, reacting. */
@RestController
@Tag(name = "Federation", description = "The workspace blog as an ActivityPub actor")
class FederationApi {

	private final Workspaces workspaces;
	private final PublicAddress address;
	private final Followers followers;
	private final Following following;
	private final Deliveries deliveries;
	private final Reacting reacting;
	private final AuditLog audit;

	FederationApi(Workspaces workspaces, PublicAddress address, Followers followers, Following following,
			Deliveries deliveries, Reacting reacting, AuditLog audit) {
		this.workspaces = workspaces;
		this.address = address;
		this.followers = followers;
		this.following = following;
		this.deliveries = deliveries;
		this.reacting = reacting;
		this.audit = audit;
	}

	record Status(String handle, String actor, int followers, int following, int failedDeliveries,
			int queuedDeliveries) {
	}

	record Items<T>(List<T> items) {
	}

	record FollowRequest(String handle) {
	}

	record ReactionRequest(String object, String kind) {
	}

	@GetMapping("/api/v1/federation")
	@Operation(summary = "The blog's Fediverse handle and counts",
			description = "Answers 503 with the reason when RAPPORT_BASE_URL does not allow federation.")
	Status status(@AuthenticationPrincipal CurrentUser me) {
		Workspace workspace = workspaces.get(me.workspaceId());
		return new Status("@" + workspace.slug() + "@" + address.host(), address.link("/ap/" + workspace.slug()),
				followers.count(workspace.id()), following.countAccepted(workspace.id()),
				deliveries.count(workspace.id(), "failed"), deliveries.count(workspace.id(), "queued"));
	}

	@GetMapping("/api/v1/federation/deliveries")
	@Operation(summary = "Deliveries of activities to other servers",
			description = "status: failed (default), queued, running or done. Failed ones have given up after their "
					+ "retries and show the last error.")
	Items<Deliveries.Delivery> deliveries(@AuthenticationPrincipal CurrentUser me,
			@RequestParam(defaultValue = "failed") String status) {
		if (!List.of("failed", "queued", "running", "done").contains(status)) {
			throw new IllegalArgumentException("status must be failed, queued, running or done, not '" + status + "'.");
		}
		return new Items<>(deliveries.list(me.workspaceId(), status));
	}

	@PostMapping("/api/v1/federation/deliveries/{id}/retry")
	@Operation(summary = "Try a failed delivery again now", description = "Only failed deliveries can be retried (409 otherwise).")
	Deliveries.Delivery retry(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
		me.requireManager();
		return deliveries.retry(me.workspaceId(), id);
	}

	@GetMapping("/api/v1/federation/following")
	@Operation(summary = "Remote actors the blog follows")
	Items<Following.Followed> following(@AuthenticationPrincipal CurrentUser me) {
		return new Items<>(following.of(me.workspaceId()));
	}

	@PostMapping("/api/v1/federation/follow")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Follow a remote actor", description = "{\"handle\": \"@name@host\" or an actor's address}. "
			+ "Their posts then arrive in the inbox on the Fediverse channel. Pending until they accept.")
	Following.Followed follow(@AuthenticationPrincipal CurrentUser me, @RequestBody FollowRequest request) {
		me.requireManager();
		Following.Followed followed = following.follow(workspaces.get(me.workspaceId()), request.handle());
		audit.record(me.workspaceId(), me.userId(), "federation.follow", followed.actorUri(), null);
		return followed;
	}

	@PostMapping("/api/v1/federation/unfollow")
	@Operation(summary = "Stop following a remote actor", description = "{\"handle\": the handle or address used to follow}. "
			+ "Sends Undo{Follow}; 404 when the blog does not follow it.")
	Following.Followed unfollow(@AuthenticationPrincipal CurrentUser me, @RequestBody FollowRequest request) {
		me.requireManager();
		Following.Followed removed = following.unfollow(workspaces.get(me.workspaceId()), request.handle());
		audit.record(me.workspaceId(), me.userId(), "federation.unfollow", removed.actorUri(), null);
		return removed;
	}

	@PostMapping("/api/v1/federation/reactions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Like or boost a post on the Fediverse",
			description = "{\"object\": the post's address, \"kind\": \"like\" or \"boost\"}.")
	Map<String, String> react(@AuthenticationPrincipal CurrentUser me, @RequestBody ReactionRequest request) {
		me.requireWorker();
		return Map.of("id", reacting.react(workspaces.get(me.workspaceId()), request.object(),
				request.kind() == null ? "like" : request.kind()));
	}
}

package org.rapport.federation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.Job;
import org.rapport.platform.Jobs;
import org.rapport.platform.Workspace;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the workspace actor's activities: one job per distinct inbox in the installation's job queue, which signs
 * and posts them ({@link DeliveryJob}), retries with growing pauses and keeps failed ones for a person to retry.
 */
@Component
public class Deliveries {

	public static final String KIND = "activitypub-delivery";

	private final Jobs jobs;
	private final Followers followers;

	Deliveries(Jobs jobs, Followers followers) {
		this.jobs = jobs;
		this.followers = followers;
	}

	/** Queues the activity for each follower's server, once per shared inbox. */
	public int toFollowers(Workspace workspace, ObjectNode activity) {
		return to(workspace, followers.deliveryInboxes(workspace.id()), activity);
	}

	/** Queues the activity for each of the given inboxes, once each. */
	public int to(Workspace workspace, Collection<String> inboxes, ObjectNode activity) {
		String text = Documents.JSON.writeValueAsString(activity);
		List<String> payloads = new java.util.ArrayList<>();
		for (String inbox : new LinkedHashSet<>(inboxes)) {
			if (inbox == null || inbox.isBlank()) {
				continue;
			}
			ObjectNode payload = Documents.JSON.createObjectNode();
			payload.put("workspaceId", workspace.id().toString());
			payload.put("inbox", inbox);
			payload.put("activity", text);
			payloads.add(Documents.JSON.writeValueAsString(payload));
		}
		return jobs.enqueueAll(KIND, workspace.id(), payloads);
	}

	/** A delivery as people see it in the list of failed ones. */
	public record Delivery(UUID id, String inbox, String activityType, String activityId, String status, int attempts,
			String lastError, java.time.Instant updatedAt) {
	}

	public List<Delivery> list(UUID workspaceId, String status) {
		return jobs.list(workspaceId, KIND, status, 500).stream().map(Deliveries::delivery).toList();
	}

	public int count(UUID workspaceId, String status) {
		return jobs.count(workspaceId, KIND, status);
	}

	public Delivery retry(UUID workspaceId, UUID id) {
		Job job = jobs.find(workspaceId, id).filter(j -> j.kind().equals(KIND))
			.orElseThrow(() -> new org.rapport.platform.NotFoundException("No delivery " + id + " in this workspace."));
		return delivery(jobs.retry(workspaceId, job.id()));
	}

	static Delivery delivery(Job job) {
		var payload = Documents.JSON.readTree(job.payload());
		var activity = Documents.JSON.readTree(payload.path("activity").asString(""));
		return new Delivery(job.id(), payload.path("inbox").asString(""), activity.path("type").asString(""),
				activity.path("id").asString(""), job.status(), job.attempts(), job.lastError(), job.updatedAt());
	}
}

package org.rapport.authenticity;

import java.util.UUID;

import org.rapport.platform.JobHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the followers of an audit, one job per stretch of pages ({@link FollowerAudits#run}). A job only fails when
 * the audit did ({@link JobHandler.GiveUp}); trying it again under Settings → Background tasks continues the audit.
 */
@Component
class FollowerAuditJob implements JobHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FollowerAudits audits;

	FollowerAuditJob(FollowerAudits audits) {
		this.audits = audits;
	}

	@Override
	public String kind() {
		return FollowerAudits.JOB;
	}

	@Override
	public void run(String payload) throws GiveUp {
		JsonNode job = JSON.readTree(payload);
		audits.run(UUID.fromString(job.path("workspaceId").asString()), UUID.fromString(job.path("auditId").asString()),
				job.path("step").asInt());
	}
}
